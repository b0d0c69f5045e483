// An admin sends an authorization workbook with a bad row to the bot's single chat, end to end:
// the real SDK downloads and decrypts it, the app imports it, and the error report comes back as
// a file: uploaded over the long connection (init → chunk → finish), then posted by media_id.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { authorizations, outbox } from '../../../db/schema';
import { undeliveredFileNote } from '../../../src/app/undelivered';
import type { ClientFrame } from '../../fakes/wecom/aibot-server';
import { fixtureFrame } from '../../fakes/wecom/fixtures';
import { FakeQyapi } from '../../fakes/wecom/qyapi-server';
import { WECOM_USER, WecomApp, chatOf, eventually, settle, textOf } from '../../support/wecom-app';
import { AUTH_HEADERS, authRow } from '../authorizations/support';

const REPORT_NAME = '授权.错误报告.xlsx';
const msgtypeOf = (f: ClientFrame) => (f.body as { msgtype?: string } | undefined)?.msgtype;
const isFile = (f: ClientFrame) => msgtypeOf(f) === 'file';

async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow([...AUTH_HEADERS]);
  ws.addRow(Object.values(authRow('HT-W1', '台州海港科技', 'alice', '2026-03-01', '2027-02-28')));
  ws.addRow(Object.values(authRow('HT-W2', '台州海港科技', 'nobody', '2026-03-01', '2027-02-28')));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('an import’s error report sent back as a file over the long connection', () => {
  let h: WecomApp;
  let media: FakeQyapi;
  let reports: string;

  beforeEach(async () => {
    reports = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-wecom-upload-'));
    media = await FakeQyapi.start();
    h = await WecomApp.start({ reportDir: reports });
  });

  afterEach(async () => {
    await h?.close();
    await media?.close();
    fs.rmSync(reports, { recursive: true, force: true });
  });

  /** The admin sends 授权.xlsx to the bot in their single chat; returns the frame's req_id. */
  const sendWorkbook = async (msgid = 'file-0001') => {
    const file = media.serveFile('授权.xlsx', await workbook());
    return h.server.pushMessage(fixtureFrame('aibot-msg-file-single.json', { msgid, from: { userid: WECOM_USER.admin }, file }).body);
  };
  const savedReport = () => {
    const saved = fs.readdirSync(reports);
    expect(saved).toEqual([`2026-11-25-10-00-${REPORT_NAME}`]);
    return path.join(reports, saved[0] as string);
  };
  const summary = () =>
    [
      '📥 代理授权导入「授权.xlsx」：读取 2 行；已导入 新增 1，更新 0，续期 0；错误 1 处。',
      '  Sheet1 第 3 行「负责人」：负责人「nobody」不在组织架构中（请填账号 ID 或姓名，先导入组织架构）',
      `完整错误报告见随后发送的文件（服务器上也保存了一份：${savedReport()}）。`,
      '改好后可以重新发送整个文件：已导入的行不会重复导入。',
    ].join('\n');
  const textReply = (req: string) => h.server.waitFor((f) => f.cmd === 'aibot_respond_msg' && f.headers.req_id === req && msgtypeOf(f) === 'stream');
  const fileMessages = () => h.server.received.filter((f) => (f.cmd === 'aibot_respond_msg' || f.cmd === 'aibot_send_msg') && isFile(f));
  const accepted = (f: ClientFrame) => h.server.accepted.includes(f);

  async function expectTheReport(content: Buffer): Promise<void> {
    expect(content.equals(fs.readFileSync(savedReport()))).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(content as unknown as ArrayBuffer);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['导入错误']);
    const rows = wb.getWorksheet('导入错误')!.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(rows).toEqual([
      ['工作表', '行号', '列', '原因'],
      ['Sheet1', 3, '负责人', '负责人「nobody」不在组织架构中（请填账号 ID 或姓名，先导入组织架构）'],
    ]);
  }

  it('answers with the summary, then the report as a file bound to the same req_id', async () => {
    const req = await sendWorkbook();
    const text = await textReply(req);
    expect(textOf(text)).toBe(summary());
    const file = await h.server.waitFor((f) => f.cmd === 'aibot_respond_msg' && f.headers.req_id === req && isFile(f));
    expect(h.server.received.indexOf(file)).toBeGreaterThan(h.server.received.indexOf(text));

    expect(h.server.uploads).toHaveLength(1);
    const [upload] = h.server.uploads;
    expect(upload).toMatchObject({ type: 'file', filename: REPORT_NAME, chunkIndexes: [0] });
    expect(file.body).toEqual({ msgtype: 'file', file: { media_id: upload!.mediaId } });
    expect(accepted(file)).toBe(true);
    await expectTheReport(h.server.mediaOf(file)!.content);

    expect(h.db.select().from(authorizations).all().map((a) => a.contractNo)).toEqual(['HT-W1']);
    await settle();
    expect(fileMessages()).toEqual([file]);
    expect(h.server.frames('aibot_upload_media_init')).toHaveLength(1);
    expect(h.server.frames('aibot_send_msg')).toEqual([]);
  });

  it('posts the file again when WeCom refuses it once, without uploading it again', async () => {
    h.server.failNext('aibot_respond_msg', -1, 'system busy', 1, isFile);
    const req = await sendWorkbook();
    expect(textOf(await textReply(req))).toBe(summary());

    // The refused reply is pushed instead (aibot_send_msg to the admin's single chat), same media_id.
    const push = await h.server.waitFor((f) => f.cmd === 'aibot_send_msg' && isFile(f));
    const [refused] = fileMessages();
    expect(refused).toMatchObject({ cmd: 'aibot_respond_msg', headers: { req_id: req } });
    expect(accepted(refused!)).toBe(false);
    expect(h.server.uploads).toHaveLength(1);
    const mediaId = h.server.uploads[0]!.mediaId;
    expect(refused!.body).toEqual({ msgtype: 'file', file: { media_id: mediaId } });
    expect(push.body).toEqual({ chatid: WECOM_USER.admin, chat_type: 1, msgtype: 'file', file: { media_id: mediaId } });
    expect(accepted(push)).toBe(true);
    await expectTheReport(h.server.mediaOf(push)!.content);

    await settle(300);
    expect(fileMessages()).toEqual([refused, push]);
    expect(h.server.frames('aibot_upload_media_init')).toHaveLength(1);
    expect(h.db.select().from(outbox).all().filter((r) => r.payload.template === 'reply.undelivered')).toEqual([]);
  });

  it('uploads from the start again when a chunk is refused once, and delivers the file once', async () => {
    h.server.failNext('aibot_upload_media_chunk', -1, 'system error');
    const req = await sendWorkbook();
    expect(textOf(await textReply(req))).toBe(summary());

    const push = await h.server.waitFor((f) => f.cmd === 'aibot_send_msg' && isFile(f));
    expect(h.server.frames('aibot_upload_media_init')).toHaveLength(2);
    expect(h.server.uploads).toHaveLength(1);
    expect(push.body).toEqual({ chatid: WECOM_USER.admin, chat_type: 1, msgtype: 'file', file: { media_id: h.server.uploads[0]!.mediaId } });
    await expectTheReport(h.server.mediaOf(push)!.content);

    await settle(300);
    expect(fileMessages()).toEqual([push]);
    expect(h.server.uploads).toHaveLength(1);
  });

  it('keeps a note in the outbox when WeCom refuses the upload for good, and tries no more', async () => {
    h.server.failNext('aibot_upload_media_init', 40006, 'invalid file size');
    const req = await sendWorkbook();
    expect(textOf(await textReply(req))).toBe(summary());

    const note = undeliveredFileNote(REPORT_NAME);
    const pushed = await h.server.waitFor((f) => f.cmd === 'aibot_send_msg' && chatOf(f) === WECOM_USER.admin);
    expect(textOf(pushed)).toBe(note);
    const kept = () => h.db.select().from(outbox).all().filter((r) => r.payload.template === 'reply.undelivered');
    await eventually(() => kept()[0]?.status === 'sent', 3000, 'note sent');
    expect(kept()).toMatchObject([{ recipientType: 'staff', recipientId: 'admin', status: 'sent', payload: { params: { text: note } } }]);

    await settle(300);
    expect(h.server.frames('aibot_upload_media_init')).toHaveLength(1);
    expect(h.server.frames('aibot_upload_media_chunk')).toEqual([]);
    expect(h.server.uploads).toEqual([]);
    expect(fileMessages()).toEqual([]);
    expect(h.server.received.filter((f) => f.cmd === 'aibot_respond_msg' && f.headers.req_id === req).map(msgtypeOf)).toEqual(['stream']);
    expect(h.server.frames('aibot_send_msg')).toEqual([pushed]);
    expect(kept()).toHaveLength(1);
  });
});
