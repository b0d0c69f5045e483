// A reply carrying a file through the self-built application: uploaded to /cgi-bin/media/upload as
// multipart, then sent as msgtype "file" with /cgi-bin/message/send, against the fake qyapi.
// (Members cannot send files to the application — its callbacks carry no file messages — so in
// production only the long connection answers imports; this is the application's half of the contract.)
import { silentLogger } from '../../../src/log/logger';
import type { Delivery, SendError } from '../../../src/platforms/types';
import { createWecomPlatform, type WecomPlatform } from '../../../src/platforms/wecom';
import { signedCallback, textMessageXml } from '../../fakes/wecom/callback-signer';
import { appTestConfig, CALLBACK_KEYS } from '../../fakes/wecom/config';
import { ScriptedHandlers } from '../../fakes/scripted-handlers';
import { listenCallback, type CallbackServer } from '../../support/wecom-callback-server';
import { FakeQyapi } from '../../fakes/wecom/qyapi-server';
import { eventually, settle } from '../../support/wecom-app';

const report = { name: '授权.错误报告.xlsx', content: Buffer.from('PK\u0003\u0004 not really a workbook, but bytes') };
const isFile = (body: Record<string, unknown> | undefined) => body?.msgtype === 'file';

describe('WeCom application: a reply with a file', () => {
  let qyapi: FakeQyapi;
  let platform: WecomPlatform;
  let server: CallbackServer;
  let base: string;
  const undelivered: { delivery: Delivery; error: SendError }[] = [];

  beforeEach(async () => {
    undelivered.length = 0;
    qyapi = await FakeQyapi.start({ corpId: CALLBACK_KEYS.corpId });
    const handlers = new ScriptedHandlers();
    handlers.answerMessage = () => ({ replies: [{ text: '📥 导入完成；错误 1 处。' }, { file: report }] });
    platform = createWecomPlatform(appTestConfig(qyapi.baseUrl), {
      logger: silentLogger(),
      onUndelivered: (delivery, error) => {
        undelivered.push({ delivery, error });
      },
      replyRetry: { attempts: 3, backoffBaseMs: 20 },
    });
    server = await listenCallback(platform);
    base = server.base;
    await platform.start(handlers);
  });

  afterEach(async () => {
    await platform.stop();
    await server.close();
    await qyapi.close();
  });

  const say = async (msgId: string) => {
    const { query, body } = signedCallback(CALLBACK_KEYS, textMessageXml(CALLBACK_KEYS, 'admin', '导入', msgId));
    expect((await fetch(`${base}${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body })).status).toBe(200);
  };
  const text = { touser: 'admin', agentid: CALLBACK_KEYS.agentId, msgtype: 'markdown', markdown: { content: '📥 导入完成；错误 1 处。' } };
  const fileMessage = (mediaId: string | undefined) => ({ touser: 'admin', agentid: CALLBACK_KEYS.agentId, msgtype: 'file', file: { media_id: mediaId } });
  const calls = (path: string) => qyapi.requests.filter((r) => r === `POST ${path}`).length;

  it('uploads the file with its name in UTF-8, then sends it after the text', async () => {
    await say('8001');
    await eventually(() => qyapi.sent.length === 2, 3000, 'two messages');
    expect(qyapi.uploads).toHaveLength(1);
    const [upload] = qyapi.uploads;
    expect(upload).toMatchObject({ type: 'file', filename: '授权.错误报告.xlsx', filelength: report.content.length });
    expect(upload!.content.equals(report.content)).toBe(true);
    expect(qyapi.sent).toEqual([text, fileMessage(upload!.mediaId)]);
    expect(qyapi.mediaOf(qyapi.sent[1]!)).toBe(upload);
    expect(qyapi.requests.filter((r) => r.startsWith('POST'))).toEqual(['POST /cgi-bin/message/send', 'POST /cgi-bin/media/upload', 'POST /cgi-bin/message/send']);
  });

  it('sends the file again when message/send refuses it once, without uploading it again', async () => {
    qyapi.failNext('/cgi-bin/message/send', -1, 'system busy', 1, isFile);
    await say('8002');
    await eventually(() => qyapi.sent.length === 2, 3000, 'two messages');
    await settle();
    expect(qyapi.uploads).toHaveLength(1);
    expect(calls('/cgi-bin/media/upload')).toBe(1);
    expect(calls('/cgi-bin/message/send')).toBe(3);
    expect(qyapi.sent).toEqual([text, fileMessage(qyapi.uploads[0]!.mediaId)]);
    expect(undelivered).toEqual([]);
  });

  it('posts the same multipart again with a fresh token when WeCom says the token expired', async () => {
    qyapi.failNext('/cgi-bin/media/upload', 42001, 'access_token expired');
    await say('8003');
    await eventually(() => qyapi.sent.length === 2, 3000, 'two messages');
    expect(qyapi.tokensIssued).toBe(2);
    expect(calls('/cgi-bin/media/upload')).toBe(2);
    expect(qyapi.uploads).toHaveLength(1);
    expect(qyapi.uploads[0]).toMatchObject({ filename: '授权.错误报告.xlsx', filelength: report.content.length });
    expect(qyapi.uploads[0]!.content.equals(report.content)).toBe(true);
    expect(qyapi.sent[1]).toEqual(fileMessage(qyapi.uploads[0]!.mediaId));
  });

  it('gives the file up when the upload is refused for good: text sent once, file handed to onUndelivered once', async () => {
    qyapi.failNext('/cgi-bin/media/upload', 40006, 'invalid file size');
    await say('8004');
    await eventually(() => undelivered.length === 1, 3000, 'undelivered');
    await settle();
    expect(qyapi.sent).toEqual([text]);
    expect(calls('/cgi-bin/media/upload')).toBe(1);
    expect(qyapi.uploads).toEqual([]);
    expect(undelivered).toHaveLength(1);
    expect(undelivered[0]?.delivery).toEqual({ to: { kind: 'user', platformUserId: 'admin' }, message: { file: report } });
    expect(undelivered[0]?.error).toMatchObject({ retryable: false, code: 'wecom_40006' });
  });
});
