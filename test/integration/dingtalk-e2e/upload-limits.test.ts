// The caps on spreadsheets sent in chat, on DingTalk: its file frame carries no size and its
// download URL says none either (the fake answers chunked), so the cap is applied to the bytes as
// they arrive. Then, before exceljs parses anything, the zip's unpacked size and the rows.
import { authorizations, customers } from '../../../db/schema';
import type { StreamFrame } from '../../fakes/dingtalk/fixtures';
import { pushFileFrom, quietSdkConsole, startDingtalkApp, type DingtalkApp } from '../../support/dingtalk-app';
import { bigXlsx, csvRows, zipBombXlsx } from '../authorizations/upload-files';

quietSdkConsole();

let h: DingtalkApp;
beforeAll(async () => {
  h = await startDingtalkApp();
});
afterAll(async () => h?.close());

async function send(name: string, bytes: Buffer): Promise<StreamFrame> {
  return pushFileFrom(h, 'admin', name, bytes);
}

test('a 9.4 MB xlsx is refused while it downloads, with the cap and what to do instead', async () => {
  const big = await bigXlsx(9.4 * 1024 * 1024);
  expect(big.length).toBeGreaterThan(9 * 1024 * 1024);
  expect(await h.answerTo(await send('大表.xlsx', big))).toBe(
    '📎 「大表.xlsx」太大（超过 5 MB），聊天中导入最多 5 MB；请拆分后分批发送，或在服务器上用 npm run import 导入（没有大小限制，会显示进度条）。',
  );
  expect(h.db.select().from(authorizations).all()).toEqual([]);
}, 60_000);

test('a zip bomb (40 KB that unpacks to 64 MB) is refused before exceljs sees it', async () => {
  const bomb = zipBombXlsx(64 * 1024 * 1024, { declare: 'lie' });
  expect(bomb.length).toBeLessThan(1024 * 1024);
  expect(await h.answerTo(await send('客户.xlsx', bomb))).toBe(
    '📎 「客户.xlsx」解压后超过 40 MB（表格里可能有大量空白格式或隐藏的内容），聊天中无法导入；请只保留要导入的工作表和行，另存后再发送，或在服务器上用 npm run import 导入（没有大小限制，会显示进度条）。',
  );
}, 60_000);

test('a CSV of 20,001 rows is refused by its row count; nothing is imported', async () => {
  expect(await h.answerTo(await send('客户.csv', csvRows(20_001)))).toBe(
    '📎 「客户.csv」超过 20000 行，聊天中一次最多导入 20000 行；请拆分成每份不超过 20000 行分批发送，或在服务器上用 npm run import 导入（没有大小限制，会显示进度条）。',
  );
  expect(h.db.select().from(customers).all()).toEqual([]);
}, 60_000);

test('a file under the caps is still imported', async () => {
  const answer = await h.answerTo(await send('客户.csv', csvRows(3)));
  expect(answer).toBe('📥 客户导入「客户.csv」：读取 3 行；已导入 新增客户 3；错误 0 处。');
}, 60_000);
