// When a callback is ACKed, through the real dingtalk-stream client: once the bot has handled it
// (not before, so that a crash leaves it with DingTalk), at the latest at the deadline, and never
// while the platform is stopping — what is left un-ACKed comes again on the next connection.
import { createLogger } from '../../../src/log/logger';
import { createDingtalkPlatform, loadDingtalkConfig } from '../../../src/platforms/dingtalk';
import type { BotResponse } from '../../../src/platforms/types';
import { ScriptedHandlers } from '../../fakes/scripted-handlers';
import { delay, waitFor } from '../../fakes/dingtalk/wait';
import { quietSdkConsole, startHarness, type Harness } from './harness';

quietSdkConsole();

let h: Harness;
const extra: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const p of extra.splice(0)) await p.stop();
  await h?.stop();
});

/** A handler the test releases by hand, like a command waiting for the database. */
function gate(): { wait: Promise<void>; open(): void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

test('ACKed as soon as the handler returns, before its reply goes out; not while it works', async () => {
  h = await startHarness();
  const g = gate();
  h.handlers.answerMessage = async () => {
    await g.wait;
    return { replies: [{ text: '已登记' }] };
  };
  // The reply needs a retry (webhook and OpenAPI both refuse once): it leaves ~0.5 s after the ACK.
  h.fake.api.failNext('/robot/sendBySession', { status: 503, body: { code: 'ServiceUnavailable' } });
  h.fake.api.failNext('/v1.0/robot/groupMessages/send', { status: 503, body: { code: 'ServiceUnavailable' } });

  const frame = h.fake.pushRobotMessage();
  await waitFor(() => h.handlers.messages.length === 1, 'handler called');
  await delay(300);
  expect(h.fake.stream.ackOf(frame.headers.messageId)).toBeUndefined();

  g.open();
  await waitFor(() => h.fake.stream.ackOf(frame.headers.messageId), 'ACK', 500);
  expect(h.fake.api.delivered).toHaveLength(0);
  const reply = await waitFor(() => h.fake.api.delivered.find((d) => d.kind === 'group'), 'reply after its retry');
  expect(reply).toMatchObject({ msgParam: { content: '已登记' } });
});

test('a handler slower than the deadline is ACKed at the deadline and still answered', async () => {
  h = await startHarness({ env: { DINGTALK_ACK_DEADLINE_MS: '250' } });
  const g = gate();
  h.handlers.answerMessage = async () => {
    await g.wait;
    return { replies: [{ text: '查好了' }] };
  };

  const started = Date.now();
  const frame = h.fake.pushRobotMessage();
  await waitFor(() => h.fake.stream.ackOf(frame.headers.messageId), 'ACK at the deadline', 1_000);
  expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  expect(h.fake.api.delivered).toHaveLength(0);

  g.open();
  await waitFor(() => h.fake.api.delivered.find((d) => d.kind === 'session'), 'reply');
  expect(h.fake.stream.acks.filter((a) => a.messageId === frame.headers.messageId)).toHaveLength(1);
});

test('a repeat arriving while the first delivery is handled is ACKed with it, and handled once', async () => {
  h = await startHarness();
  const g = gate();
  h.handlers.answerMessage = async () => {
    await g.wait;
    return { replies: [] };
  };

  const first = h.fake.pushRobotMessage({ msgId: 'same-msg' }, { messageId: 'frame-1' });
  await waitFor(() => h.handlers.messages.length === 1, 'first handled');
  const repeat = h.fake.pushRobotMessage({ msgId: 'same-msg' }, { messageId: 'frame-2' });
  await delay(200);
  expect(h.fake.stream.ackOf(repeat.headers.messageId)).toBeUndefined();

  g.open();
  await waitFor(() => h.fake.stream.ackOf(repeat.headers.messageId), 'ACK of the repeat');
  expect(h.fake.stream.ackOf(first.headers.messageId)).toBeDefined();
  expect(h.handlers.messages).toHaveLength(1);
});

test('a connection lost while the bot works: the frame stays with DingTalk, comes again, is ACKed and handled once', async () => {
  h = await startHarness();
  const g = gate();
  h.handlers.answerMessage = async () => {
    await g.wait;
    return { replies: [{ text: '好的' }] };
  };

  const frame = h.fake.pushRobotMessage();
  await waitFor(() => h.handlers.messages.length === 1, 'handler called');
  h.fake.stream.dropAll();
  await waitFor(() => h.platform.health().state !== 'connected' || undefined, 'drop noticed');
  g.open();

  await waitFor(() => h.fake.stream.ackOf(frame.headers.messageId), 'ACK on the new connection');
  expect(h.fake.stream.deliveriesOf(frame.headers.messageId)).toBe(2);
  const [ack] = h.fake.stream.acks.filter((a) => a.messageId === frame.headers.messageId);
  expect(ack?.connectionId).toBe(h.fake.stream.connections[1]?.id);
  await waitFor(() => h.fake.api.delivered.length === 1, 'the one reply');
  await delay(100);
  expect(h.handlers.messages).toHaveLength(1);
});

test('stopping: callbacks in hand are finished and ACKed, later ones are left to the next process', async () => {
  h = await startHarness({ env: { DINGTALK_ACK_DEADLINE_MS: '10000' } });
  const g = gate();
  h.handlers.answerMessage = async (): Promise<BotResponse> => {
    await g.wait;
    return { replies: [] };
  };
  const inHand = h.fake.pushRobotMessage({ msgId: 'in-hand' });
  await waitFor(() => h.handlers.messages.length === 1, 'first callback in hand');

  const stopping = h.platform.stop();
  const late = h.fake.pushRobotMessage({ msgId: 'late' });
  await delay(150);
  g.open();
  await stopping;
  expect(h.fake.stream.ackOf(inHand.headers.messageId)).toBeDefined();
  expect(h.fake.stream.ackOf(late.headers.messageId)).toBeUndefined();
  expect(h.handlers.messages.map((m) => m.messageId)).toEqual(['in-hand']);

  // The next process (here: a new platform on the same app) gets the late one.
  const next = createDingtalkPlatform(loadDingtalkConfig(h.fake.env()), { logger: createLogger({ level: 'silent' }) });
  extra.push(next);
  const handlers = new ScriptedHandlers({ echo: false });
  await next.start(handlers);
  await waitFor(() => h.fake.stream.ackOf(late.headers.messageId), 'late callback ACKed by the next process');
  expect(handlers.messages.map((m) => m.messageId)).toEqual(['late']);
});
