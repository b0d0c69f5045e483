import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { authorizations } from '../../../db/schema';
import type { IncomingMessage } from '../../../src/platforms/types';
import { startConsole, type ConsoleHarness } from '../../support/console-harness';
import { AUTH_HEADERS, authRow } from './support';

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow([...AUTH_HEADERS]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('an admin sends a spreadsheet to the bot in a private chat', () => {
  let h: ConsoleHarness;
  let reports: string;
  let seq = 0;
  beforeAll(async () => {
    reports = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-upload-'));
    h = await startConsole({ reportDir: reports });
  });
  afterAll(async () => {
    await h.close();
  });

  const send = async (who: string, bytes: Buffer, opts: { name?: string; group?: boolean; text?: string } = {}) => {
    const msg: IncomingMessage = {
      platform: 'console',
      messageId: `up-${++seq}`,
      senderPlatformId: who,
      chat: opts.group ? { platform: 'console', chatId: '华东销售群', kind: 'group' } : { platform: 'console', chatId: who, kind: 'private' },
      text: opts.text ?? '',
      mentions: [],
      file: { name: opts.name ?? '授权.xlsx', size: bytes.length, download: async () => bytes },
    };
    const res = await h.app.bot.onMessage(msg);
    return { text: res.replies.map((r) => r.text).join('\n'), file: res.replies.find((r) => r.file)?.file, msg };
  };

  const good = () => Object.values(authRow('HT-U1', '台州海港科技', 'alice', '2026-03-01', '2027-02-28'));

  it('imports it, detecting the kind from the headers, and answers with the summary and the errors', async () => {
    const bytes = await workbook([good(), Object.values(authRow('HT-U2', '台州海港科技', 'nobody', '2026-03-01', '2027-02-28'))]);
    const r = await send('admin', bytes);
    expect(r.text).toContain('📥 代理授权导入「授权.xlsx」：读取 2 行；已导入 新增 1，更新 0，续期 0；错误 1 处。');
    expect(r.text).toContain('Sheet1 第 3 行「负责人」：负责人「nobody」不在组织架构中');
    expect(r.text).toContain(`完整错误报告见随后发送的文件（服务器上也保存了一份：${reports}`);
    expect(fs.readdirSync(reports).some((f) => f.endsWith('.错误报告.xlsx'))).toBe(true);
    // The report comes back in the chat as an xlsx: sheet 导入错误, one row per problem.
    expect(r.file?.name).toBe('授权.错误报告.xlsx');
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(r.file!.content as unknown as ArrayBuffer);
    const ws = back.getWorksheet('导入错误')!;
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(2).value).toBe(3);
    expect(String(ws.getRow(2).getCell(3).value)).toBe('负责人');
    expect(h.db.select().from(authorizations).all().map((a) => a.contractNo)).toEqual(['HT-U1']);
    // The same message delivered again is not imported twice; the same file sent again changes nothing.
    expect((await h.app.bot.onMessage(r.msg)).replies).toEqual([]);
    expect((await send('admin', bytes)).text).toContain('1 行与现有数据相同');
  });

  it('honours 全部或不导入 written with the file', async () => {
    const bytes = await workbook([Object.values(authRow('HT-U3', '台州海港科技', 'alice', '2026-03-01', '2027-02-28')), Object.values(authRow('HT-U4', '台州海港科技', 'alice', '2026-03-01', '2027-02-30'))]);
    const r = await send('admin', bytes, { text: '全部或不导入' });
    expect(r.text).toContain('有错误，按「全部或不导入」未导入任何数据');
    expect(h.db.select().from(authorizations).all()).toHaveLength(1);
  });

  it('refuses non-admins, group chats, other file types and unknown layouts with what to do instead', async () => {
    const bytes = await workbook([good()]);
    expect((await send('alice', bytes)).text).toContain('只有管理员可以通过发送表格导入数据');
    expect((await send('admin', bytes, { group: true })).text).toContain('请在和我的私聊里发送');
    expect((await send('admin', Buffer.from('x'), { name: '合同.pdf' })).text).toContain('不是 .xlsx 或 .csv 表格');
    expect((await send('admin', Buffer.from('not a zip'), { name: '坏文件.xlsx' })).text).toContain('无法读取');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['甲', '乙']);
    const other = Buffer.from(await wb.xlsx.writeBuffer());
    expect((await send('admin', other, { name: '其他.xlsx' })).text).toContain('看不出「其他.xlsx」是哪种表格');
  });

  it('reads a GBK CSV, and refuses another encoding by its name', async () => {
    const csv = '公司全称,联系人,手机,负责人\r\n衢州江山科技有限公司,冯二,13100001111,alice\r\n';
    expect((await send('admin', iconv.encode(csv, 'gbk'), { name: '客户.csv' })).text).toBe('📥 客户导入「客户.csv」：读取 1 行；已导入 新增客户 1；错误 0 处。');
    expect((await send('admin', iconv.encode(csv, 'big5'), { name: '客户.csv' })).text).toBe(
      '📎 「客户.csv」的文件编码看起来是 Big5，不是 UTF-8 或 GBK（GB18030）：请在 Excel 里「另存为 → CSV UTF-8（逗号分隔）」后再导入。',
    );
  });

  it('says which column is missing when the headers come close to a template', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(AUTH_HEADERS.filter((h) => h !== '授权产品线'));
    const r = await send('admin', Buffer.from(await wb.xlsx.writeBuffer()), { name: '授权.xlsx' });
    expect(r.text).toBe(
      '📎 「授权.xlsx」像是代理授权表，但缺少「授权产品线」列。表头应为：代理商名称*、合同编号*、授权产品线*、授权区域*、合作等级、起始日期*、到期日期*、负责人*、关键联系人、联系电话（* 为必填）；模板可用 npm run template -- authorizations 生成。',
    );
  });

  it('detects an organisation file as well', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('人员');
    ws.addRow(['账号ID', '姓名', '角色', '上级', '团队']);
    ws.addRow(['gina', '孙丽', '销售', 'carol', '华东']);
    const r = await send('admin', Buffer.from(await wb.xlsx.writeBuffer()), { name: '组织.xlsx' });
    expect(r.text).toMatch(/人员导入「组织\.xlsx」：读取 1 行；已导入 .*staff 1/);
    expect((await h.app.root.read(async (d) => await d.dir.get('gina')))?.name).toBe('孙丽');
  });
});
