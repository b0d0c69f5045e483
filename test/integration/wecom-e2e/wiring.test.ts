// How the app builds WeCom from WECOM_* and shows it: /healthz, the callback mount, config errors.
import { encrypt } from '@wecom/crypto';
import { systemClock } from '../../../src/clock/clock';
import { silentLogger } from '../../../src/log/logger';
import { createPlatforms } from '../../../src/app/platforms';
import { signedQuery } from '../../fakes/wecom/callback-signer';
import { CALLBACK_KEYS } from '../../fakes/wecom/config';
import { CALLBACK_PATH, WecomApp, eventually } from '../../support/wecom-app';

const health = async (h: WecomApp) => {
  const res = await fetch(`${h.httpBase}/healthz`);
  return { status: res.status, body: (await res.json()) as { ok: boolean; platforms: { platform: string; state: string; detail?: string }[] } };
};

describe('/healthz with WeCom', () => {
  let h: WecomApp | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('shows the long connection: connected, then down when another process takes the bot over', async () => {
    const app = (h = await WecomApp.start());
    expect(await health(app)).toMatchObject({ status: 200, body: { ok: true, platforms: [{ platform: 'wecom', state: 'connected' }] } });

    app.server.kick();
    await eventually(() => app.app.platforms[0]?.health().state === 'down', 3000, 'down');
    const down = await health(app);
    expect(down.status).toBe(503);
    expect(down.body.platforms[0]).toMatchObject({ platform: 'wecom', state: 'down', detail: expect.stringContaining('another connection') });
  });

  it('shows application mode, and answers WeCom’s URL check at WECOM_CALLBACK_PATH', async () => {
    const app = (h = await WecomApp.start({ mode: 'app' }));
    expect(await health(app)).toMatchObject({ status: 200, body: { platforms: [{ platform: 'wecom', state: 'connected', detail: 'application (HTTP)' }] } });

    const echostr = encrypt(CALLBACK_KEYS.aesKey, '6372813465213645', CALLBACK_KEYS.corpId);
    const query = signedQuery(CALLBACK_KEYS, echostr, Math.floor(app.clock.now().getTime() / 1000));
    const res = await fetch(`${app.httpBase}${CALLBACK_PATH}${query}&echostr=${encodeURIComponent(echostr)}`);
    expect([res.status, await res.text()]).toEqual([200, '6372813465213645']);
  });
});

describe('WECOM_* settings', () => {
  const deps = { logger: silentLogger(), clock: systemClock, consolePlatform: undefined };

  it('names every missing variable when WeCom is enabled', async () => {
    await expect(createPlatforms(['wecom'], { WECOM_MODE: 'both', WECOM_BOT_ID: 'b', WECOM_CALLBACK_PATH: 'cb' }, deps)).rejects.toThrow(
      /企业微信配置有误：[\s\S]*WECOM_BOT_SECRET[\s\S]*WECOM_CORP_ID[\s\S]*WECOM_CALLBACK_AES_KEY[\s\S]*WECOM_CALLBACK_PATH/,
    );
  });

  it('mounts the callback router where WECOM_CALLBACK_PATH says, and only in application mode', async () => {
    const app = {
      WECOM_MODE: 'app',
      WECOM_CORP_ID: CALLBACK_KEYS.corpId,
      WECOM_AGENT_ID: String(CALLBACK_KEYS.agentId),
      WECOM_APP_SECRET: 's',
      WECOM_CALLBACK_TOKEN: CALLBACK_KEYS.token,
      WECOM_CALLBACK_AES_KEY: CALLBACK_KEYS.aesKey,
    };
    expect((await createPlatforms(['wecom'], app, deps)).routers.map((r) => r.path)).toEqual(['/wecom/callback']);
    expect((await createPlatforms(['wecom'], { ...app, WECOM_CALLBACK_PATH: '/hooks/wecom' }, deps)).routers.map((r) => r.path)).toEqual(['/hooks/wecom']);
    await expect(createPlatforms(['wecom'], { ...app, WECOM_CALLBACK_PATH: 'hooks' }, deps)).rejects.toThrow(/WECOM_CALLBACK_PATH/);
    expect((await createPlatforms(['wecom'], { WECOM_BOT_ID: 'b', WECOM_BOT_SECRET: 's' }, deps)).routers).toEqual([]);
  });
});
