// The Stream connection through the real dingtalk-stream client: reconnects after drops and
// DingTalk's rotation without losing callbacks, hands a redelivered callback over once, answers
// SYSTEM pings, survives garbage, notices a silent socket, reports health.
import { createLogger } from '../../../src/log/logger';
import { createDingtalkPlatform, loadDingtalkConfig } from '../../../src/platforms/dingtalk';
import { FakeDingtalk } from '../../fakes/dingtalk/fake-dingtalk';
import { ScriptedHandlers } from '../../fakes/scripted-handlers';
import { delay, waitFor } from '../../fakes/dingtalk/wait';
import { quietSdkConsole, startHarness, type Harness } from './harness';

quietSdkConsole();

let h: Harness;
afterEach(async () => h?.stop());

test('the real client registers both callback topics with the gateway and opens the socket with the ticket', async () => {
  h = await startHarness();

  const open = h.fake.api.requests.find((r) => r.path === '/v1.0/gateway/connections/open');
  expect(open?.headers.accept).toBe('application/json');
  expect(open?.body).toEqual({
    clientId: 'dingbotq0r3xc0b',
    clientSecret: 'fake-secret-5ViYxMpd9H',
    ua: '',
    subscriptions: [
      { type: 'EVENT', topic: '*' },
      { type: 'CALLBACK', topic: '/v1.0/im/bot/messages/get' },
      { type: 'CALLBACK', topic: '/v1.0/card/instances/callback' },
    ],
  });
  expect(h.fake.stream.openConnections()).toHaveLength(1);
  expect(h.platform.health()).toMatchObject({ platform: 'dingtalk', state: 'connected' });
});

test('a dropped connection reconnects with a new ticket and nothing pushed meanwhile is lost', async () => {
  h = await startHarness();
  h.handlers.answerMessage = async (m) => ({ replies: [{ text: `收到：${m.text}` }] });

  h.fake.stream.dropAll();
  await waitFor(() => h.platform.health().state !== 'connected' || undefined, 'disconnect noticed');
  const whileDown = h.fake.pushRobotMessage({ msgId: 'msg-while-down', text: { content: ' 我的客户' } });

  await waitFor(() => h.platform.health().state === 'connected', 'reconnected');
  await waitFor(() => h.fake.api.delivered.length === 1, 'reply to the message pushed while down');
  expect(h.handlers.messages.map((m) => m.messageId)).toEqual(['msg-while-down']);
  expect(h.fake.stream.ackOf(whileDown.headers.messageId)).toBeDefined();
  const tickets = h.fake.stream.connections.map((c) => c.ticket);
  expect(new Set(tickets).size).toBe(2);
});

test('a callback whose ACK was lost is pushed again, ACKed again, and handled once', async () => {
  h = await startHarness({ fake: { redeliverAfterMs: 150 } });
  h.handlers.answerMessage = async () => ({ replies: [{ text: '已登记' }] });
  const messageId = 'redelivered-1';
  h.fake.stream.loseNextAck(messageId);

  h.fake.pushRobotMessage({}, { messageId });

  await waitFor(() => h.fake.stream.ackOf(messageId), 'ACK of the second delivery');
  expect(h.fake.stream.deliveriesOf(messageId)).toBe(2);
  expect(h.fake.stream.acks.filter((a) => a.messageId === messageId)).toHaveLength(2);
  await delay(200);
  expect(h.handlers.messages).toHaveLength(1);
  expect(h.fake.api.delivered.filter((d) => d.kind === 'session')).toHaveLength(1);
});

test('the same robot message under a new frame id (a DingTalk duplicate) is handled once', async () => {
  h = await startHarness();
  h.fake.pushRobotMessage({ msgId: 'dup-msg' }, { messageId: 'frame-a' });
  h.fake.pushRobotMessage({ msgId: 'dup-msg' }, { messageId: 'frame-b' });

  await waitFor(() => h.fake.stream.ackOf('frame-b'), 'both ACKed');
  await delay(100);
  expect(h.handlers.messages).toHaveLength(1);
});

test('SYSTEM ping is answered with its opaque by the SDK', async () => {
  h = await startHarness();
  const reply = await h.fake.stream.ping();
  expect(reply.code).toBe(200);
  expect(reply.headers.topic).toBe('ping');
  expect(JSON.parse(reply.data)).toHaveProperty('opaque');
});

test('SYSTEM disconnect: a new connection opens before the old one closes; callbacks keep flowing', async () => {
  h = await startHarness();
  h.fake.stream.rotate();
  await waitFor(() => h.fake.stream.openConnections().length === 2 || undefined, 'second connection while the first drains', 1_000);
  h.fake.pushRobotMessage({ msgId: 'after-rotation' });

  await waitFor(() => h.handlers.messages.length === 1, 'message after rotation');
  await waitFor(() => h.fake.stream.openConnections().length === 1 || undefined, 'old connection closed');
  await delay(100);
  expect(h.platform.health().state).toBe('connected');
  expect(h.fake.stream.connections).toHaveLength(2);
});

test('malformed frames and callbacks are dropped without harm; later callbacks still work', async () => {
  h = await startHarness();
  h.fake.stream.sendRaw('this is not json');
  h.fake.stream.sendRaw(JSON.stringify({ type: 'CALLBACK', headers: { topic: '/v1.0/im/bot/messages/get' }, data: '{}' }));
  const garbage = h.fake.pushRobotMessage({ conversationType: 3, msgId: '' });
  h.fake.pushRobotMessage({ msgId: 'fine' });

  await waitFor(() => h.handlers.messages.length === 1, 'the valid message');
  expect(h.handlers.messages[0]?.messageId).toBe('fine');
  await waitFor(() => h.fake.stream.ackOf(garbage.headers.messageId), 'ACK of the malformed callback');
  expect(h.platform.health().state).toBe('connected');
  expect(h.fake.stream.connections).toHaveLength(1);
});

test('a connection that answers pings is kept; one that stops answering is replaced', async () => {
  h = await startHarness();
  await delay(1_000); // five keep-alive intervals
  expect(h.fake.stream.connections).toHaveLength(1);

  h.fake.stream.goSilent(true);
  await waitFor(() => h.fake.stream.connections.length === 2 || undefined, 'reconnect after silence', 2_000);
  h.fake.stream.goSilent(false);
  await waitFor(() => h.platform.health().state === 'connected', 'connected again');
});

test('gateway down at start: start() returns, health says reconnecting then down, and it connects later', async () => {
  const fake = await FakeDingtalk.start();
  const handlers = new ScriptedHandlers({ echo: false });
  fake.api.failNext('/v1.0/gateway/connections/open', { status: 503, body: { code: 'ServiceUnavailable' } }, 6);
  const level = process.env.DINGTALK_TEST_LOG;
  const platform = createDingtalkPlatform(loadDingtalkConfig(fake.env()), { logger: createLogger({ level: level ?? 'silent' }) });
  h = { fake, platform, handlers, undelivered: [], stop: async () => { await platform.stop(); await fake.stop(); } };

  await platform.start(handlers);
  expect(platform.health()).toMatchObject({ state: 'reconnecting', detail: expect.stringContaining('HTTP 503') });
  await waitFor(() => platform.health().state === 'down' || undefined, 'down after 5 failures');
  await waitFor(() => platform.health().state === 'connected', 'connected once the gateway is back', 5_000);
  expect(fake.api.requests.filter((r) => r.path === '/v1.0/gateway/connections/open')).toHaveLength(7);
});

test('wrong credentials: start() rejects and nothing keeps running', async () => {
  const fake = await FakeDingtalk.start({ clientSecret: 'the-real-secret' });
  const platform = createDingtalkPlatform(loadDingtalkConfig(fake.env()), { logger: createLogger({ level: 'silent' }) });
  h = { fake, platform, handlers: new ScriptedHandlers({ echo: false }), undelivered: [], stop: async () => { await platform.stop(); await fake.stop(); } };

  await expect(platform.start(h.handlers)).rejects.toThrow(/gateway refused: HTTP 401 authFailed/);
  expect(platform.health().state).toBe('stopped');
  await delay(100);
  expect(fake.api.requests.filter((r) => r.path === '/v1.0/gateway/connections/open')).toHaveLength(1);
});

test('stop() closes the connection and reconnects no more', async () => {
  h = await startHarness();
  await h.platform.stop();
  expect(h.platform.health().state).toBe('stopped');
  await waitFor(() => h.fake.stream.openConnections().length === 0 || undefined, 'socket closed');
  await delay(150);
  expect(h.fake.stream.connections).toHaveLength(1);
});
