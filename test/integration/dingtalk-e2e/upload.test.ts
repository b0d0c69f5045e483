// An admin sends a dealer-authorization workbook to the robot in the single chat (imports are
// private-chat only), through the real dingtalk-stream SDK and the whole app. The import summary
// comes back as text, then the error report as a robot file message (oapi /media/upload, then
// sampleFile) in the same chat. A file that cannot be sent leaves the text alone, is not retried
// forever, and is replaced by a note the outbox delivers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { authorizations, outbox } from '../../../db/schema';
import { undeliveredFileNote } from '../../../src/app/undelivered';
import type { FakeReply } from '../../fakes/dingtalk/fake-openapi';
import { oapiError } from '../../fakes/dingtalk/fake-oapi';
import type { StreamFrame } from '../../fakes/dingtalk/fixtures';
import { delay, waitFor } from '../../fakes/dingtalk/wait';
import { dt, pushFileFrom, quietSdkConsole, startDingtalkApp, type DingtalkApp } from '../../support/dingtalk-app';
import { AUTH_HEADERS, authRow } from '../authorizations/support';

quietSdkConsole();

const ADMIN = dt('admin');
const REPORT = '授权.错误报告.xlsx';
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const BUSY: FakeReply = { status: 503, body: { code: 'ServiceUnavailable', message: 'busy' } };

let reportDir: string;
beforeAll(() => {
  reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-dingtalk-upload-'));
});
afterAll(() => {
  fs.rmSync(reportDir, { recursive: true, force: true });
});

let h: DingtalkApp;
afterEach(async () => h?.close());

/** One good row (HT-D1), then an unknown owner (row 3) and an impossible end date (row 4). */
async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow([...AUTH_HEADERS]);
  ws.addRow(Object.values(authRow('HT-D1', '台州海港科技', 'alice', '2026-03-01', '2027-02-28')));
  ws.addRow(Object.values(authRow('HT-D2', '台州海港科技', 'nobody', '2026-03-01', '2027-02-28')));
  ws.addRow(Object.values(authRow('HT-D3', '台州海港科技', 'bob', '2026-03-01', '2027-02-30')));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The admin sends 授权.xlsx to the robot in their single chat; DingTalk serves it by downloadCode. */
async function sendWorkbook(): Promise<StreamFrame> {
  return pushFileFrom(h, 'admin', '授权.xlsx', await workbook());
}

const fileMessages = () => h.fake.api.delivered.filter((d) => d.kind === 'user' && d.msgKey === 'sampleFile');
const uploadCalls = () => h.fake.api.requests.filter((r) => r.path === '/media/upload');
const fileSends = () => h.fake.api.requests.filter((r) => r.path === '/v1.0/robot/oToMessages/batchSend' && r.body?.msgKey === 'sampleFile');
const summaries = () => h.fake.api.delivered.filter((d) => d.kind === 'session' && String((d.body.text as { content?: string })?.content).startsWith('📥'));
const keptNotes = () => h.db.select().from(outbox).all().filter((r) => r.payload.template === 'reply.undelivered');
const savedReport = () => path.join(reportDir, `2026-11-25-10-00-${REPORT}`);

const SUMMARY = () => [
  '📥 代理授权导入「授权.xlsx」：读取 3 行；已导入 新增 1，更新 0，续期 0；错误 2 处。',
  '  Sheet1 第 3 行「负责人」：负责人「nobody」不在组织架构中（请填账号 ID 或姓名，先导入组织架构）',
  '  Sheet1 第 4 行「到期日期」：到期日期「2027-02-30」不是有效日期，请写成 2025-02-28',
  `完整错误报告见随后发送的文件（服务器上也保存了一份：${savedReport()}）。`,
  '改好后可以重新发送整个文件：已导入的行不会重复导入。',
].join('\n');

/** Nothing more arrives later: not from the platform's retries, not from the outbox an hour on. */
async function settled(): Promise<void> {
  await delay(300);
  await h.app.dispatcher.runOnce();
  await h.app.scheduler.advanceTo(h.clock, new Date(h.clock.now().getTime() + 3_600_000));
}

test('the summary comes back as text, then the error report as an xlsx file message in the same chat', async () => {
  h = await startDingtalkApp({ reportDir });

  const frame = await sendWorkbook();

  expect(await h.answerTo(frame)).toBe(SUMMARY());
  const sent = await waitFor(() => fileMessages()[0], 'file message');
  const [upload] = h.fake.oapi.uploads;
  expect(sent).toEqual({ kind: 'user', userId: ADMIN, msgKey: 'sampleFile', msgParam: { mediaId: upload?.mediaId, fileName: REPORT, fileType: 'xlsx' } });
  expect(h.fake.api.delivered.indexOf(summaries()[0]!)).toBeLessThan(h.fake.api.delivered.indexOf(sent));
  expect(upload).toMatchObject({ type: 'file', filename: REPORT, contentType: XLSX_MIME, token: h.fake.oapi.tokensIssued[0] });
  expect(upload?.content.equals(fs.readFileSync(savedReport()))).toBe(true);
  // Token and upload on the oapi host, the robot message on api.dingtalk.com.
  expect(h.fake.api.requests.filter((r) => r.path === '/gettoken' || r.path === '/media/upload').map((r) => r.host)).toEqual(['oapi', 'oapi']);
  expect(fileSends().map((r) => r.host)).toEqual(['api']);

  const back = new ExcelJS.Workbook();
  await back.xlsx.load(upload!.content as unknown as ArrayBuffer);
  expect(back.worksheets.map((w) => w.name)).toEqual(['导入错误']);
  const rows = back.getWorksheet('导入错误')!.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
  expect(rows).toEqual([
    ['工作表', '行号', '列', '原因'],
    ['Sheet1', 3, '负责人', '负责人「nobody」不在组织架构中（请填账号 ID 或姓名，先导入组织架构）'],
    ['Sheet1', 4, '到期日期', '到期日期「2027-02-30」不是有效日期，请写成 2025-02-28'],
  ]);
  expect(h.db.select().from(authorizations).all().map((a) => a.contractNo)).toEqual(['HT-D1']);

  await settled();
  expect(summaries()).toHaveLength(1);
  expect(fileMessages()).toHaveLength(1);
  expect(keptNotes()).toEqual([]);
});

test('oapi refuses the access token once (40014): a new one is fetched and the file arrives exactly once', async () => {
  h = await startDingtalkApp({ reportDir });
  h.fake.api.failNext('/media/upload', oapiError(40014, '不合法的access_token'));

  expect(await h.answerTo(await sendWorkbook())).toBe(SUMMARY());

  const sent = await waitFor(() => fileMessages()[0], 'file message');
  const [t1, t2] = h.fake.oapi.tokensIssued;
  expect(h.fake.oapi.tokensIssued).toHaveLength(2);
  expect(uploadCalls().map((r) => r.query.get('access_token'))).toEqual([t1, t2]);
  expect(h.fake.oapi.uploads).toHaveLength(1);
  expect(sent).toMatchObject({ userId: ADMIN, msgParam: { mediaId: h.fake.oapi.uploads[0]?.mediaId, fileName: REPORT } });
  await settled();
  expect(fileMessages()).toHaveLength(1);
  expect(uploadCalls()).toHaveLength(2);
  expect(keptNotes()).toEqual([]);
});

test.each([
  ['40035 (bad parameter): refused for good, no second try', oapiError(40035, '不合法的参数'), 1],
  ['88/60011 (no permission): refused for good, no second try', oapiError(88, '鉴权异常', { sub_code: '60011', sub_msg: '没有调用该接口的权限' }), 1],
  ['-1 (busy) every time: three tries, then given up', oapiError(-1, '系统繁忙'), 3],
])('upload failing with %s; the text arrived once and the outbox delivers a note instead of the file', async (_name, refusal, tries) => {
  h = await startDingtalkApp({ reportDir });
  h.fake.api.failNext('/media/upload', refusal, 1_000);

  const frame = await sendWorkbook();
  expect(await h.answerTo(frame)).toBe(SUMMARY());

  const note = undeliveredFileNote(REPORT);
  const [kept] = await waitFor(() => (keptNotes().length > 0 ? keptNotes() : undefined), 'note kept in the outbox', 6_000);
  expect(kept).toMatchObject({ recipientType: 'staff', recipientId: 'admin', payload: { template: 'reply.undelivered', params: { text: note } } });
  // Sent like any answer in that chat: through its still valid sessionWebhook.
  const session = new URL((JSON.parse(frame.data) as { sessionWebhook: string }).sessionWebhook).searchParams.get('session');
  await waitFor(() => h.fake.api.delivered.some((d) => d.kind === 'session' && (d.body.text as { content?: string })?.content === note), 'note delivered');
  await settled();
  const answers = h.fake.api.delivered.filter((d) => d.kind === 'session' && d.session === session);
  expect(answers.map((d) => (d.kind === 'session' ? (d.body.text as { content: string }).content : ''))).toEqual([SUMMARY(), note]);
  expect(h.db.select().from(outbox).where(eq(outbox.id, kept!.id)).get()).toMatchObject({ status: 'sent', attempts: 1 });
  expect(uploadCalls()).toHaveLength(tries);
  expect(h.fake.oapi.uploads).toEqual([]);
  expect(fileSends()).toEqual([]);
  expect(keptNotes()).toHaveLength(1);
});

test('a file message refused for a moment is sent again with the media already uploaded: one upload, one file', async () => {
  h = await startDingtalkApp({ reportDir });
  h.fake.api.failNext('/v1.0/robot/oToMessages/batchSend', BUSY);

  expect(await h.answerTo(await sendWorkbook())).toBe(SUMMARY());

  const sent = await waitFor(() => fileMessages()[0], 'file message');
  expect(h.fake.oapi.uploads).toHaveLength(1);
  const mediaId = h.fake.oapi.uploads[0]?.mediaId;
  expect(sent).toMatchObject({ userId: ADMIN, msgParam: { mediaId, fileName: REPORT, fileType: 'xlsx' } });
  expect(fileSends().map((r) => JSON.parse(r.body.msgParam as string).mediaId)).toEqual([mediaId, mediaId]);
  await settled();
  expect(uploadCalls()).toHaveLength(1);
  expect(fileMessages()).toHaveLength(1);
  expect(keptNotes()).toEqual([]);
});
