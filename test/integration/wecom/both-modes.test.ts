// WECOM_MODE=both: groups through the intelligent bot, members through the application.
import { silentLogger } from '../../../src/log/logger';
import { createWecomPlatform, parseWecomConfig, type WecomPlatform } from '../../../src/platforms/wecom';
import { FakeAibotServer } from '../../fakes/wecom/aibot-server';
import { CALLBACK_KEYS } from '../../fakes/wecom/config';
import { ScriptedHandlers } from '../../fakes/scripted-handlers';
import { FakeQyapi } from '../../fakes/wecom/qyapi-server';

describe('WeCom with both the bot and the application', () => {
  let server: FakeAibotServer;
  let qyapi: FakeQyapi;
  let platform: WecomPlatform;

  beforeEach(async () => {
    server = await FakeAibotServer.start();
    qyapi = await FakeQyapi.start({ corpId: CALLBACK_KEYS.corpId });
    const config = parseWecomConfig({
      WECOM_MODE: 'both',
      WECOM_BOT_ID: 'bot-test',
      WECOM_BOT_SECRET: 'secret-test',
      WECOM_WS_URL: server.url,
      WECOM_CORP_ID: CALLBACK_KEYS.corpId,
      WECOM_AGENT_ID: String(CALLBACK_KEYS.agentId),
      WECOM_APP_SECRET: 'app-secret-test',
      WECOM_CALLBACK_TOKEN: CALLBACK_KEYS.token,
      WECOM_CALLBACK_AES_KEY: CALLBACK_KEYS.aesKey,
      WECOM_API_BASE: qyapi.baseUrl,
    });
    platform = createWecomPlatform(config, { logger: silentLogger() });
    await platform.start(new ScriptedHandlers());
  });

  afterEach(async () => {
    await platform.stop();
    await Promise.all([server.close(), qyapi.close()]);
  });

  it('sends group deliveries over the long connection and member deliveries as application messages', async () => {
    await platform.send({ to: { kind: 'chat', chatId: 'wr-east' }, message: { text: '群提醒' } });
    await platform.send({ to: { kind: 'user', platformUserId: 'dave' }, message: { text: '升级提醒' } });
    expect(server.frames('aibot_send_msg').map((f) => f.body)).toEqual([
      { chatid: 'wr-east', chat_type: 2, msgtype: 'markdown', markdown: { content: '群提醒' } },
    ]);
    expect(qyapi.sent).toEqual([{ touser: 'dave', agentid: CALLBACK_KEYS.agentId, msgtype: 'markdown', markdown: { content: '升级提醒' } }]);
    expect(platform.health().state).toBe('connected');
  });
});
