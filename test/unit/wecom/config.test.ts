import { ZodError } from 'zod';
import { parseWecomConfig } from '../../../src/platforms/wecom/config';

describe('WECOM_* configuration', () => {
  it('defaults to the intelligent bot with WeCom limits', () => {
    const config = parseWecomConfig({ WECOM_BOT_ID: 'b', WECOM_BOT_SECRET: 's' });
    expect(config.mode).toBe('aibot');
    expect(config.app).toBeUndefined();
    expect(config.aibot).toMatchObject({ botId: 'b', heartbeatMs: 30_000, reconnectAfterKickMs: 0, mentionSyntax: 'name' });
    expect(config.rateLimits).toEqual([
      { windowMs: 60_000, max: 30 },
      { windowMs: 3_600_000, max: 1000 },
    ]);
  });

  it('names every variable a mode is missing', () => {
    try {
      parseWecomConfig({ WECOM_MODE: 'both', WECOM_BOT_ID: 'b', WECOM_CALLBACK_AES_KEY: 'short' });
      throw new Error('expected a ZodError');
    } catch (err) {
      expect(err).toBeInstanceOf(ZodError);
      const paths = (err as ZodError).issues.map((i) => i.path.join('.'));
      expect(paths).toEqual(
        expect.arrayContaining(['WECOM_BOT_SECRET', 'WECOM_CORP_ID', 'WECOM_AGENT_ID', 'WECOM_APP_SECRET', 'WECOM_CALLBACK_TOKEN', 'WECOM_CALLBACK_AES_KEY']),
      );
    }
  });

  it('reads the application settings and trims the API base', () => {
    const config = parseWecomConfig({
      WECOM_MODE: 'app',
      WECOM_CORP_ID: 'ww1',
      WECOM_AGENT_ID: '1000002',
      WECOM_APP_SECRET: 'x',
      WECOM_CALLBACK_TOKEN: 't',
      WECOM_CALLBACK_AES_KEY: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
      WECOM_API_BASE: 'http://127.0.0.1:8080/',
      WECOM_BOT_ID: '',
    });
    expect(config.aibot).toBeUndefined();
    expect(config.app).toMatchObject({ agentId: 1000002, apiBase: 'http://127.0.0.1:8080', maxClockSkewS: 300 });
  });

  it('refuses a websocket url that is not ws(s)', () => {
    expect(() => parseWecomConfig({ WECOM_BOT_ID: 'b', WECOM_BOT_SECRET: 's', WECOM_WS_URL: 'http://x' })).toThrow(ZodError);
  });
});
