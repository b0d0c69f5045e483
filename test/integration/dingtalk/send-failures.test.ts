// What the outbox dispatcher sees when DingTalk pushes back: throttling and server errors are
// retryable (with DingTalk's wait), the retry goes through, and the message arrives exactly once;
// a refused access token is refreshed and the call repeated once, invisibly.
import { VirtualClock } from '../../../src/clock/clock';
import { SendError } from '../../../src/platforms/types';
import { FAKE_APP } from '../../fakes/dingtalk/fake-dingtalk';
import { fixture } from '../../fakes/dingtalk/fixtures';
import { quietSdkConsole, startHarness, type Harness } from './harness';

quietSdkConsole();

let h: Harness;
afterEach(async () => h?.stop());

const group = { kind: 'chat' as const, chatId: FAKE_APP.group };
const push = { to: group, message: { text: '保护期还剩 1 天' } };

async function sendError(p: Promise<unknown>): Promise<SendError> {
  const error = await p.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof SendError)) throw new Error(`expected a SendError, got ${String(error)}`);
  return error;
}

test.each([
  ['403 QpsLimit', { status: 403, body: fixture('error-qps-limit') }, { code: 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi', retryAfterMs: 1_000 }],
  ['503', { status: 503, body: { code: 'ServiceUnavailable', message: 'busy' } }, { code: 'ServiceUnavailable' }],
  ['502 with Retry-After', { status: 502, body: undefined, headers: { 'retry-after': '3' } }, { code: 'http-502', retryAfterMs: 3_000 }],
  ['429', { status: 429, body: { code: 'Throttling' } }, { code: 'Throttling', retryAfterMs: 1_000 }],
  ['per-IP ban', { status: 403, body: fixture('error-ip-blocked') }, { code: 'status-1111', retryAfterMs: 5 * 60_000 }],
])('%s → SendError retryable; the next attempt succeeds and the message arrives once', async (_name, reply, expected) => {
  h = await startHarness();
  h.fake.api.failNext('/v1.0/robot/groupMessages/send', reply);

  const error = await sendError(h.platform.send(push));
  expect(error).toMatchObject({ retryable: true, ...expected });
  expect(h.fake.api.delivered).toHaveLength(0);

  await expect(h.platform.send(push)).resolves.toEqual({});
  expect(h.fake.api.delivered).toEqual([
    { kind: 'group', openConversationId: FAKE_APP.group, msgKey: 'sampleText', msgParam: { content: '保护期还剩 1 天' } },
  ]);
});

test('after a QpsLimit every OpenAPI call of the app waits out DingTalk\'s second', async () => {
  h = await startHarness();
  h.fake.api.failNext('/v1.0/robot/groupMessages/send', { status: 403, body: fixture('error-qps-limit') });

  await sendError(h.platform.send(push));
  await h.platform.send({ to: { kind: 'user', platformUserId: 'bob' }, message: { text: '另一会话' } });

  const [refused, next] = h.fake.api.requests.filter((r) => r.path.startsWith('/v1.0/robot/'));
  expect(next!.at - refused!.at).toBeGreaterThanOrEqual(950);
});

test('a bad request is permanent', async () => {
  h = await startHarness();
  h.fake.api.failNext('/v1.0/card/instances/createAndDeliver', { status: 400, body: { code: 'param.templateNotFound', message: 'template not exist' } });

  const error = await sendError(h.platform.send({ to: group, message: { card: { id: 'c1', kind: 'notice', title: 't', fields: [], buttons: [] } } }));
  expect(error).toMatchObject({ retryable: false, code: 'param.templateNotFound' });
});

test('a refused (expired) token is refreshed and the call repeated once; delivered exactly once', async () => {
  h = await startHarness();
  await h.platform.send(push);
  expect(h.fake.api.tokensIssued).toHaveLength(1);

  h.fake.api.revokeTokens();
  await expect(h.platform.send({ ...push, message: { text: '第二条' } })).resolves.toEqual({});

  expect(h.fake.api.tokensIssued).toHaveLength(2);
  const sends = h.fake.api.requests.filter((r) => r.path === '/v1.0/robot/groupMessages/send');
  expect(sends.map((r) => r.headers['x-acs-dingtalk-access-token'])).toEqual([
    h.fake.api.tokensIssued[0],
    h.fake.api.tokensIssued[0],
    h.fake.api.tokensIssued[1],
  ]);
  expect(h.fake.api.delivered.map((d) => d.kind === 'group' && d.msgParam.content)).toEqual(['保护期还剩 1 天', '第二条']);
});

test('a token is renewed before it expires, without a refused call', async () => {
  const clock = new VirtualClock(new Date());
  h = await startHarness({ clock });
  await h.platform.send(push);

  clock.advance(7_200_000 - 4 * 60_000); // inside the 5-minute refresh margin
  await h.platform.send(push);

  expect(h.fake.api.tokensIssued).toHaveLength(2);
  expect(h.fake.api.requests.filter((r) => r.path === '/v1.0/oauth2/accessToken')).toHaveLength(2);
  expect(h.fake.api.delivered).toHaveLength(2);
});

test('wrong credentials for the token stay retryable (fixable), slowly', async () => {
  h = await startHarness();
  h.fake.api.failNext('/v1.0/oauth2/accessToken', { status: 400, body: fixture('oauth2-invalid-client') });

  const error = await sendError(h.platform.send(push));
  expect(error).toMatchObject({ retryable: true, retryAfterMs: 60_000, code: 'invalidClientIdOrSecret' });
});

test('DingTalk unreachable → retryable network error', async () => {
  h = await startHarness();
  await h.fake.stop();

  const error = await sendError(h.platform.send(push));
  expect(error).toMatchObject({ retryable: true, code: 'NetworkError' });
});
