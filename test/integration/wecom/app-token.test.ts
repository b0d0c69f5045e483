// The application's access_token: shared, refreshed before expiry, and at once when WeCom rejects it.
import { silentLogger } from '../../../src/log/logger';
import { createWecomPlatform, type WecomPlatform } from '../../../src/platforms/wecom';
import type { Timing } from '../../../src/platforms/wecom/send-queue';
import { appTestConfig, CALLBACK_KEYS } from '../../fakes/wecom/config';
import { ScriptedHandlers } from '../../fakes/scripted-handlers';
import { FakeQyapi } from '../../fakes/wecom/qyapi-server';

describe('WeCom application access token', () => {
  let qyapi: FakeQyapi;
  let platform: WecomPlatform;
  let now: number;
  const timing: Timing = { now: () => now, sleep: async () => undefined };
  const toAlice = (text: string) => ({ to: { kind: 'user', platformUserId: 'alice' } as const, message: { text } });

  beforeEach(async () => {
    now = Date.UTC(2026, 10, 25, 2, 0, 0);
    qyapi = await FakeQyapi.start({ corpId: CALLBACK_KEYS.corpId, tokenTtlS: 7200 });
    platform = createWecomPlatform(appTestConfig(qyapi.baseUrl), { logger: silentLogger(), timing });
    await platform.start(new ScriptedHandlers());
  });

  afterEach(async () => {
    await platform.stop();
    await qyapi.close();
  });

  it('fetches one token for many sends, even concurrent ones', async () => {
    await Promise.all([platform.send(toAlice('1')), platform.send(toAlice('2')), platform.send(toAlice('3'))]);
    await platform.send(toAlice('4'));
    expect(qyapi.tokensIssued).toBe(1);
    expect(qyapi.sent).toHaveLength(4);
  });

  it('refreshes five minutes before expiry', async () => {
    await platform.send(toAlice('early'));
    now += (7200 - 301) * 1000;
    await platform.send(toAlice('still valid'));
    expect(qyapi.tokensIssued).toBe(1);
    now += 2_000;
    await platform.send(toAlice('near expiry'));
    expect(qyapi.tokensIssued).toBe(2);
  });

  it('refreshes and retries once when WeCom says the token expired (42001)', async () => {
    await platform.send(toAlice('before'));
    qyapi.expireTokens();
    await platform.send(toAlice('after'));
    expect(qyapi.tokensIssued).toBe(2);
    expect(qyapi.sent.map((m) => (m.markdown as { content: string }).content)).toEqual(['before', 'after']);
  });

  it('fails retryable when the token keeps being refused, and permanent on a wrong secret', async () => {
    await platform.send(toAlice('warm up'));
    qyapi.failNext('/cgi-bin/message/send', 40014, 'invalid access_token', 2);
    await expect(platform.send(toAlice('x'))).rejects.toMatchObject({ retryable: true, code: 'wecom_40014' });
    expect(qyapi.tokensIssued).toBe(2);

    const wrong = createWecomPlatform(appTestConfig(qyapi.baseUrl, { WECOM_APP_SECRET: 'wrong' }), { logger: silentLogger() });
    await expect(wrong.send(toAlice('x'))).rejects.toMatchObject({ retryable: false, code: 'wecom_40001' });
  });

  it('turns a frequency limit into a retryable SendError with retryAfterMs', async () => {
    qyapi.failNext('/cgi-bin/message/send', 45009, 'api freq out of limit');
    await expect(platform.send(toAlice('x'))).rejects.toMatchObject({ retryable: true, retryAfterMs: 60_000, code: 'wecom_45009' });
  });
});
