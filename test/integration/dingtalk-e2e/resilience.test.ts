// What goes wrong between DingTalk and the bot, end to end: connections drop, ACKs get lost and
// frames come again (to this process or the next one), the OpenAPI throttles, fails or refuses an
// expired token, a reply cannot be delivered. Nothing is lost and nothing is done twice.
import { eq } from 'drizzle-orm';
import { customers, inboundEvents, outbox, registrations } from '../../../db/schema';
import { fixture } from '../../fakes/dingtalk/fixtures';
import { delay, waitFor } from '../../fakes/dingtalk/wait';
import { dt, EAST_GROUP, quietSdkConsole, startDingtalkApp, type DingtalkApp } from '../../support/dingtalk-app';

quietSdkConsole();

let h: DingtalkApp;
afterEach(async () => h?.close());

const REGISTER = '/报备 杭州云启科技有限公司 张伟 13812345678';
const answers = () => h.fake.api.delivered.filter((d) => d.kind === 'session');
const cardsToCarol = () => h.cardsIn(`IM_ROBOT.${dt('carol')}`);
const oneRegistration = () => {
  expect(h.db.select().from(customers).all()).toHaveLength(1);
  expect(h.db.select().from(registrations).all()).toHaveLength(1);
};

test('a dropped connection reconnects; a command sent meanwhile is answered once', async () => {
  h = await startDingtalkApp();
  h.fake.stream.dropAll();
  await waitFor(() => h.platform.health().state !== 'connected' || undefined, 'drop noticed');

  const frame = h.say('alice', REGISTER);

  expect(await h.answerTo(frame)).toContain('已提交报备');
  expect(h.platform.health().state).toBe('connected');
  expect(h.fake.stream.connections).toHaveLength(2);
  await waitFor(() => cardsToCarol().length === 1, 'approval card');
  oneRegistration();
});

test('a frame whose ACK was lost is pushed again by the gateway and processed once', async () => {
  h = await startDingtalkApp({ fakeOptions: { redeliverAfterMs: 150 } });
  const frame = h.say('alice', REGISTER);
  // Before the bot gets to ACK it: the ACK is lost on the way back.
  h.fake.stream.loseNextAck(frame.headers.messageId);

  await h.answerTo(frame);
  await waitFor(() => h.fake.stream.ackOf(frame.headers.messageId), 'ACK of the second delivery');
  expect(h.fake.stream.deliveriesOf(frame.headers.messageId)).toBe(2);
  await delay(200);
  expect(answers()).toHaveLength(1);
  oneRegistration();
});

test('a redelivery that reaches the next process is recognised from the database', async () => {
  h = await startDingtalkApp();
  const frame = h.say('alice', REGISTER, { messageId: 'msg-across-restart' });
  h.fake.stream.loseNextAck(frame.headers.messageId);
  await h.answerTo(frame);
  await waitFor(() => cardsToCarol().length === 1, 'approval card');

  h = await h.restart();

  await waitFor(() => h.fake.stream.ackOf(frame.headers.messageId), 'ACK from the new process');
  expect(h.fake.stream.deliveriesOf(frame.headers.messageId)).toBe(2);
  await delay(200);
  expect(answers()).toHaveLength(1);
  expect(cardsToCarol()).toHaveLength(1);
  oneRegistration();
  expect(h.db.select().from(inboundEvents).where(eq(inboundEvents.eventId, 'msg-across-restart')).all()).toHaveLength(1);
});

test('a command arriving while the app stops is left un-ACKed and answered by the next process', async () => {
  h = await startDingtalkApp();

  const stopping = h.stop();
  const frame = h.say('alice', REGISTER);
  await stopping;
  expect(h.fake.stream.ackOf(frame.headers.messageId)).toBeUndefined();
  expect(answers()).toHaveLength(0);

  h = await h.restart();
  expect(await h.answerTo(frame)).toContain('已提交报备');
  await waitFor(() => h.fake.stream.ackOf(frame.headers.messageId), 'ACK');
  oneRegistration();
});

test.each([
  ['403 QpsLimit', { status: 403, body: fixture('error-qps-limit') }, 'QpsLimitForAppkeyAndApi'],
  ['503', { status: 503, body: { code: 'ServiceUnavailable', message: 'busy' } }, 'ServiceUnavailable'],
])('OpenAPI %s on a push: the dispatcher retries later and the card arrives exactly once', async (_name, reply, code) => {
  h = await startDingtalkApp();
  h.fake.api.failNext('/v1.0/card/instances/createAndDeliver', reply);

  await h.answerTo(h.say('alice', REGISTER));

  const row = await waitFor(() => h.db.select().from(outbox).all().find((r) => r.attempts === 1 && r.status === 'pending'), 'first attempt failed');
  expect(row.lastError).toContain(code);
  expect(cardsToCarol()).toHaveLength(0);

  await h.app.scheduler.advanceTo(h.clock, new Date(h.clock.now().getTime() + 60_000));

  expect(cardsToCarol()).toHaveLength(1);
  expect(h.db.select().from(outbox).where(eq(outbox.id, row.id)).get()).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  await h.app.scheduler.advanceTo(h.clock, new Date(h.clock.now().getTime() + 3_600_000));
  expect(cardsToCarol()).toHaveLength(1);
  expect(h.fake.api.requests.filter((r) => r.path === '/v1.0/card/instances/createAndDeliver')).toHaveLength(2);
});

test('an expired token is refreshed and the call repeated, unseen by the dispatcher', async () => {
  h = await startDingtalkApp();
  await h.answerTo(h.say('alice', REGISTER));
  await waitFor(() => cardsToCarol().length === 1, 'first card');
  expect(h.fake.api.tokensIssued).toHaveLength(1);

  h.fake.api.revokeTokens();
  await h.answerTo(h.say('bob', '/报备 宁波海曙星辰贸易有限公司 王五 13700001111'));

  await waitFor(() => cardsToCarol().length === 2, 'second card');
  expect(h.fake.api.tokensIssued).toHaveLength(2);
  const calls = h.fake.api.requests.filter((r) => r.path === '/v1.0/card/instances/createAndDeliver');
  expect(calls.map((r) => r.headers['x-acs-dingtalk-access-token'])).toEqual([
    h.fake.api.tokensIssued[0],
    h.fake.api.tokensIssued[0],
    h.fake.api.tokensIssued[1],
  ]);
  const rows = await waitFor(() => {
    const all = h.db.select().from(outbox).all();
    return all.every((r) => r.status === 'sent') ? all : undefined;
  }, 'outbox done');
  expect(rows.map((r) => r.attempts)).toEqual(rows.map(() => 1));
});

test('a reply that still fails after its retries is kept in the outbox and delivered by the dispatcher, once', async () => {
  h = await startDingtalkApp();
  const busy = { status: 503, body: { code: 'ServiceUnavailable', message: 'busy' } };
  h.fake.api.failNext('/robot/sendBySession', busy);
  h.fake.api.failNext('/v1.0/robot/groupMessages/send', busy, 3);

  h.say('alice', '/我的');

  const kept = await waitFor(() => h.db.select().from(outbox).all().find((r) => r.payload.template === 'reply.undelivered'), 'kept in the outbox', 5_000);
  const delivered = await waitFor(() => h.fake.api.delivered.find((d) => d.kind === 'group'), 'delivered by the dispatcher');
  expect(delivered).toMatchObject({ openConversationId: EAST_GROUP, msgParam: { content: expect.stringContaining('客户') } });
  await waitFor(() => h.db.select().from(outbox).where(eq(outbox.id, kept.id)).get()?.status === 'sent', 'row sent');
  await h.app.dispatcher.runOnce();
  expect(h.fake.api.delivered.filter((d) => d.kind === 'group' || d.kind === 'session')).toHaveLength(1);
});
