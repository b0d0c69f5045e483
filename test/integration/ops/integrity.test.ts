// A database with a damaged page in the middle: the bot (a real process) refuses to start, says
// what is damaged and how to restore the backup, and exits non-zero; so does `npm run import`.
// A healthy file starts and /healthz shows the check.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { checkIntegrity } from '../../../db/integrity';
import { input, startDomain } from '../../support/domain-harness';

const tsx = path.join(process.cwd(), 'node_modules/.bin/tsx');
const NOW = '2026-11-25T10:00:00+08:00';
const PAGE = 4096;
let dir: string;
let healthy: string;
let damaged: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-integrity-'));
  healthy = path.join(dir, 'dealguard.db');
  const h = await startDomain({ file: healthy });
  await h.tx(async (d) => {
    const alice = await d.dir.require('alice');
    for (let i = 0; i < 400; i++) await d.register.register(alice, input(`测试${i}号科技有限公司`));
  });
  h.store.db.$client.pragma('wal_checkpoint(TRUNCATE)');
  h.store.db.$client.exec('VACUUM');
  await h.close();
  damaged = path.join(dir, 'damaged.db');
  fs.copyFileSync(healthy, damaged);
  const pages = fs.statSync(damaged).size / PAGE;
  const fd = fs.openSync(damaged, 'r+');
  fs.writeSync(fd, Buffer.alloc(PAGE, 0x5a), 0, PAGE, Math.floor(pages / 2) * PAGE);
  fs.closeSync(fd);
  fs.copyFileSync(healthy, path.join(dir, 'backup-2026-11-24T02-00-00-000Z.db'));
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('finds the damaged page with quick_check, and names the table it belongs to', () => {
  expect(fs.statSync(damaged).size).toBeGreaterThan(100 * PAGE);
  expect(checkIntegrity(healthy)).toMatchObject({ ok: true, problems: [] });
  const r = checkIntegrity(damaged);
  expect(r.ok).toBe(false);
  expect(r.problems.length).toBeGreaterThan(0);
  expect(r.damaged.length).toBeGreaterThan(0);
});

it('refuses to start the bot on the damaged file, with what to do, and exits 3', () => {
  const r = spawnSync(tsx, ['src/main.ts', '--db', damaged, '--now', NOW], { input: '/报备 杭州云启科技有限公司 张伟 13812345678\n', encoding: 'utf8', timeout: 60_000 });
  expect(r.status).toBe(3);
  expect(r.stdout).not.toContain('dealguard 控制台');
  expect(r.stderr).toContain(`数据库文件 ${damaged} 已损坏（完整性检查 PRAGMA quick_check 未通过，损坏在 `);
  expect(r.stderr).toContain('dealguard 不会在损坏的数据库上启动');
  expect(r.stderr).toContain(`mv ${damaged} ${damaged}.damaged`);
  expect(r.stderr).toContain(`把最近一次 npm run backup 的备份复制回来：cp <备份文件> ${damaged}`);
  expect(r.stderr).toContain(`找到的备份（最新在前）：${path.join(dir, 'backup-2026-11-24T02-00-00-000Z.db')}`);
}, 60_000);

it('refuses to import into the damaged file', () => {
  const csv = path.join(dir, '客户.csv');
  fs.writeFileSync(csv, '公司全称,联系人,手机,负责人\r\n宁波海晨贸易有限公司,李娜,13912345678,bob\r\n');
  const r = spawnSync(tsx, ['scripts/import.ts', 'customers', csv, '--db', damaged], { encoding: 'utf8', timeout: 60_000 });
  expect(r.status).toBe(3);
  expect(r.stderr).toContain('已损坏');
}, 60_000);

it('starts on the healthy file and shows the check in /healthz', async () => {
  const port = await freePort();
  const bot = spawn(tsx, ['src/main.ts', '--db', healthy, '--now', NOW], { env: { ...process.env, DEALGUARD_HTTP_PORT: String(port), DEALGUARD_HTTP_HOST: '127.0.0.1' }, stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => bot.on('exit', (code) => resolve(code)));
  try {
    const health = await poll(`http://127.0.0.1:${port}/healthz`);
    expect(health).toMatchObject({ ok: true, integrity: { ok: true, problems: [] }, storage: { ok: true } });
    expect(health.integrity.ms).toEqual(expect.any(Number));
  } finally {
    bot.stdin.end();
  }
  expect(await exited).toBe(0);
}, 60_000);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function poll(url: string): Promise<{ ok: boolean; integrity: { ok: boolean; ms: number; problems: string[] }; storage?: { ok: boolean } }> {
  for (let i = 0; i < 200; i++) {
    try {
      const res = await fetch(url);
      return (await res.json()) as never;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${url} never answered`);
}
