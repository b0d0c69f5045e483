// A spreadsheet sent to the bot in a single chat: downloaded and decrypted by the SDK.
import { randomBytes } from 'node:crypto';
import { silentLogger } from '../../../src/log/logger';
import { createWecomPlatform, type WecomPlatform } from '../../../src/platforms/wecom';
import { FakeAibotServer } from '../../fakes/wecom/aibot-server';
import { aibotTestConfig } from '../../fakes/wecom/config';
import { fixtureFrame } from '../../fakes/wecom/fixtures';
import { ScriptedHandlers } from '../../fakes/scripted-handlers';
import { FakeQyapi } from '../../fakes/wecom/qyapi-server';

describe('WeCom file messages', () => {
  let server: FakeAibotServer;
  let media: FakeQyapi;
  let platform: WecomPlatform;
  let handlers: ScriptedHandlers;

  beforeEach(async () => {
    server = await FakeAibotServer.start();
    media = await FakeQyapi.start();
    handlers = new ScriptedHandlers();
    handlers.answerMessage = async (msg) => {
      const bytes = await msg.file?.download();
      return { replies: [{ text: `收到 ${msg.file?.name ?? '?'}（${bytes?.length ?? 0} 字节）` }] };
    };
    platform = createWecomPlatform(aibotTestConfig(server.url), { logger: silentLogger() });
    await platform.start(handlers);
  });

  afterEach(async () => {
    await platform.stop();
    await Promise.all([server.close(), media.close()]);
  });

  it('exposes an xlsx from a single chat as IncomingMessage.file with its name and decrypted bytes', async () => {
    const content = Buffer.concat([Buffer.from('PK\u0003\u0004'), randomBytes(1000)]);
    const file = media.serveFile('客户清单.xlsx', content);
    server.pushMessage(fixtureFrame('aibot-msg-file-single.json', { msgid: 'f-1', from: { userid: 'admin' }, file }).body);

    const reply = await server.waitFor((f) => f.cmd === 'aibot_respond_msg');
    const msg = handlers.messages[0];
    expect(msg).toMatchObject({ messageId: 'f-1', text: '', chat: { chatId: 'admin', kind: 'private' } });
    expect(msg?.file?.name).toBe('客户清单.xlsx');
    // Announced before the download: the encrypted length, padded to 32-byte blocks.
    expect(msg?.file?.size).toBe(content.length + 32 - (content.length % 32));
    await expect(msg?.file?.download()).resolves.toEqual(content);
    expect(reply.body).toMatchObject({ stream: { content: `收到 客户清单.xlsx（${content.length} 字节）` } });
  });
});
