import { VirtualClock } from '../../../src/clock/clock';
import { silentLogger } from '../../../src/log/logger';
import { AccessTokens } from '../../../src/platforms/dingtalk/access-token';

function tokensWith(responses: Array<() => Response>) {
  const calls: RequestInit[] = [];
  const fetchSpy = jest.spyOn(global, 'fetch').mockImplementation(async (_url, init) => {
    calls.push(init ?? {});
    const next = responses.shift();
    if (!next) throw new Error('unexpected token request');
    await new Promise((r) => setTimeout(r, 5));
    return next();
  });
  const clock = new VirtualClock(new Date('2025-11-25T02:00:00Z'));
  const tokens = new AccessTokens({ apiBase: 'http://dt.invalid', appKey: 'k', appSecret: 's', timeoutMs: 1_000, clock, logger: silentLogger() });
  return { tokens, clock, calls, fetchSpy };
}

const ok = (token: string, expireIn = 7_200) => () => Response.json({ accessToken: token, expireIn });

afterEach(() => jest.restoreAllMocks());

test('concurrent callers share one request; the token is cached', async () => {
  const { tokens, calls } = tokensWith([ok('t1')]);
  await expect(Promise.all([tokens.get(), tokens.get(), tokens.get()])).resolves.toEqual(['t1', 't1', 't1']);
  await expect(tokens.get()).resolves.toBe('t1');
  expect(calls).toHaveLength(1);
  expect(JSON.parse(String(calls[0]?.body))).toEqual({ appKey: 'k', appSecret: 's' });
});

test('refreshed 5 minutes before expiry, not earlier', async () => {
  const { tokens, clock, calls } = tokensWith([ok('t1'), ok('t2')]);
  await tokens.get();
  clock.advance(7_200_000 - 5 * 60_000 - 1);
  await expect(tokens.get()).resolves.toBe('t1');
  clock.advance(1);
  await expect(tokens.get()).resolves.toBe('t2');
  expect(calls).toHaveLength(2);
});

test('invalidate() drops only the token it names', async () => {
  const { tokens, calls } = tokensWith([ok('t1'), ok('t2')]);
  await tokens.get();
  tokens.invalidate('some-older-token');
  await expect(tokens.get()).resolves.toBe('t1');
  tokens.invalidate('t1');
  await expect(tokens.get()).resolves.toBe('t2');
  expect(calls).toHaveLength(2);
});

test('a malformed answer is a retryable error, and the next call tries again', async () => {
  const { tokens } = tokensWith([() => Response.json({ access_token: 'legacy-shape' }), ok('t2')]);
  await expect(tokens.get()).rejects.toMatchObject({ retryable: true, code: 'BadResponse' });
  await expect(tokens.get()).resolves.toBe('t2');
});
