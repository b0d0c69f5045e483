// The caps on spreadsheets sent in chat, on WeCom's intelligent bot: the file's url announces its
// length, so an oversized file is refused from the headers, with its size, before its body is read.
import { authorizations, customers } from '../../../db/schema';
import { fixtureFrame } from '../../fakes/wecom/fixtures';
import { FakeQyapi } from '../../fakes/wecom/qyapi-server';
import { WECOM_USER, WecomApp, textOf } from '../../support/wecom-app';
import type { ClientFrame } from '../../fakes/wecom/aibot-server';
import { bigXlsx, csvRows, zipBombXlsx } from '../authorizations/upload-files';

const CLI = '或在服务器上用 npm run import 导入（没有大小限制，会显示进度条）';
const msgtypeOf = (f: ClientFrame) => (f.body as { msgtype?: string } | undefined)?.msgtype;

describe('chat upload caps over the long connection', () => {
  let h: WecomApp;
  let media: FakeQyapi;
  beforeAll(async () => {
    media = await FakeQyapi.start();
    h = await WecomApp.start();
  });
  afterAll(async () => {
    await h?.close();
    await media?.close();
  });

  let n = 0;
  const send = async (name: string, bytes: Buffer) => {
    const file = media.serveFile(name, bytes);
    const req = await h.server.pushMessage(fixtureFrame('aibot-msg-file-single.json', { msgid: `cap-${++n}`, from: { userid: WECOM_USER.admin }, file }).body);
    return textOf(await h.server.waitFor((f) => f.cmd === 'aibot_respond_msg' && f.headers.req_id === req && msgtypeOf(f) === 'stream'));
  };

  it('refuses a 6 MB xlsx from its announced size, saying how big it is', async () => {
    const big = await bigXlsx(6 * 1024 * 1024);
    const announced = big.length + 32 - (big.length % 32);
    expect(await send('大表.xlsx', big)).toBe(`📎 「大表.xlsx」太大（${(announced / 1048576).toFixed(1)} MB），聊天中导入最多 5 MB；请拆分后分批发送，${CLI}。`);
    expect(h.db.select().from(authorizations).all()).toEqual([]);
  }, 60_000);

  it('refuses a zip bomb by its unpacked size and a CSV by its rows', async () => {
    expect(await send('客户.xlsx', zipBombXlsx(64 * 1024 * 1024))).toContain('「客户.xlsx」解压后超过 40 MB');
    expect(await send('客户.csv', csvRows(20_001))).toBe(`📎 「客户.csv」超过 20000 行，聊天中一次最多导入 20000 行；请拆分成每份不超过 20000 行分批发送，${CLI}。`);
    expect(h.db.select().from(customers).all()).toEqual([]);
  }, 60_000);
});
