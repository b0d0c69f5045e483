// The 'gettoken' flavour of AccessTokens against the fake oapi host on 127.0.0.1: GET /gettoken,
// HTTP 200 with an errcode when refused, cached like the OAuth token.
import { VirtualClock } from '../../../src/clock/clock';
import { silentLogger } from '../../../src/log/logger';
import { AccessTokens } from '../../../src/platforms/dingtalk/access-token';
import { FAKE_APP, FakeDingtalk } from '../../fakes/dingtalk/fake-dingtalk';
import { oapiError } from '../../fakes/dingtalk/fake-oapi';

let fake: FakeDingtalk;
let clock: VirtualClock;
beforeEach(async () => {
  clock = new VirtualClock(new Date('2026-11-25T02:00:00Z'));
  fake = await FakeDingtalk.start({ now: () => clock.now().getTime() });
});
afterEach(async () => fake.stop());

const legacyTokens = (appSecret = FAKE_APP.clientSecret) =>
  new AccessTokens({ apiBase: fake.oapiBaseUrl, appKey: FAKE_APP.clientId, appSecret, timeoutMs: 2_000, clock, logger: silentLogger(), flavour: 'gettoken' });
const tokenCalls = () => fake.api.requests.filter((r) => r.path === '/gettoken');

test('GET /gettoken on the oapi host with appkey and appsecret; concurrent callers share one request; cached', async () => {
  const tokens = legacyTokens();

  const got = await Promise.all([tokens.get(), tokens.get(), tokens.get()]);

  expect(fake.oapi.tokensIssued).toHaveLength(1);
  expect(got).toEqual([fake.oapi.tokensIssued[0], fake.oapi.tokensIssued[0], fake.oapi.tokensIssued[0]]);
  await expect(tokens.get()).resolves.toBe(fake.oapi.tokensIssued[0]);
  expect(tokenCalls()).toHaveLength(1);
  const [call] = tokenCalls();
  expect({ host: call?.host, method: call?.method, query: Object.fromEntries(call?.query ?? []) }).toEqual({
    host: 'oapi',
    method: 'GET',
    query: { appkey: FAKE_APP.clientId, appsecret: FAKE_APP.clientSecret },
  });
  // The OAuth flavour's token is a different one, from the other host.
  expect(fake.api.tokensIssued).toHaveLength(0);
});

test('refreshed 5 minutes before expires_in runs out, not earlier', async () => {
  const tokens = legacyTokens();
  const first = await tokens.get();
  clock.advance(7_200_000 - 5 * 60_000 - 1);
  await expect(tokens.get()).resolves.toBe(first);
  clock.advance(1);
  const second = await tokens.get();
  expect(second).toBe(fake.oapi.tokensIssued[1]);
  expect(fake.oapi.tokensIssued).toHaveLength(2);
});

test('invalidate() drops the refused token, and the next get() asks for a new one', async () => {
  const tokens = legacyTokens();
  const first = await tokens.get();
  tokens.invalidate('an-older-token');
  await expect(tokens.get()).resolves.toBe(first);
  tokens.invalidate(first);
  const second = await tokens.get();
  expect(second).toBe(fake.oapi.tokensIssued[1]);
  expect(second).not.toBe(first);
});

test('wrong credentials (errcode 40089, HTTP 200) → retryable SendError with a minute\'s wait, nothing cached', async () => {
  const tokens = legacyTokens('wrong-secret');

  await expect(tokens.get()).rejects.toMatchObject({
    name: 'SendError',
    message: 'DingTalk gettoken: errcode 40089 不合法的corpid或corpsecret',
    retryable: true,
    retryAfterMs: 60_000,
    code: 'errcode-40089',
  });
  await expect(tokens.get()).rejects.toMatchObject({ code: 'errcode-40089' });
  expect(tokenCalls()).toHaveLength(2);
  expect(fake.oapi.tokensIssued).toHaveLength(0);
});

test('errcode -1 (busy) is retryable without the long wait, and the next get() succeeds', async () => {
  const tokens = legacyTokens();
  fake.api.failNext('/gettoken', oapiError(-1, '系统繁忙'));

  const err: unknown = await tokens.get().catch((e: unknown) => e);

  expect(err).toMatchObject({ name: 'SendError', retryable: true, code: 'errcode--1', message: 'DingTalk gettoken: errcode -1 系统繁忙' });
  expect((err as { retryAfterMs?: number }).retryAfterMs).toBeUndefined();
  const token = await tokens.get();
  expect(token).toBe(fake.oapi.tokensIssued[0]);
});

test('an answer without access_token is a retryable malformed response', async () => {
  const tokens = legacyTokens();
  fake.api.failNext('/gettoken', { status: 200, body: { errcode: 0, errmsg: 'ok', access_token: '' } });

  await expect(tokens.get()).rejects.toMatchObject({ retryable: true, code: 'BadResponse' });
  const token = await tokens.get();
  expect(token).toBe(fake.oapi.tokensIssued[0]);
});
