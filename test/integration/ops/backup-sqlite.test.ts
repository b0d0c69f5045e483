// `npm run backup` (scripts/backup.ts, a real process) while the app keeps writing: the copy is a
// consistent snapshot (every registration committed before the backup began, and of the ones
// after, a whole prefix — never half of one), passes PRAGMA integrity_check, and once copied back
// in place the bot starts on it and answers commands that read and write it.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { input, startDomain } from '../../support/domain-harness';

const tsx = path.join(process.cwd(), 'node_modules/.bin/tsx');
const NOW = '2026-11-25T10:00:00+08:00';
const OWNERS = ['alice', 'bob', 'frank', 'pat'];
const company = (i: number) => `备份${i}号科技有限公司`;

interface Row {
  id: number;
  company: string;
  customer: number;
}

const registrationsOf = (db: Database.Database): Row[] =>
  db.prepare('SELECT r.id AS id, c.name AS company, r.customer_id AS customer FROM registrations r JOIN customers c ON c.id = r.customer_id ORDER BY r.id').all() as Row[];

describe('npm run backup while the bot writes', () => {
  it('copies a consistent snapshot that the bot runs on once restored', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-backup-'));
    const live = path.join(dir, 'dealguard.db');
    const h = await startDomain({ file: live, now: NOW });
    let n = 0;
    const register = async () => {
      const i = n++;
      const r = await h.tx(async (d) => d.register.register(await d.dir.require(OWNERS[i % OWNERS.length]!), input(company(i), { confirmed: true })));
      if (r.kind !== 'submitted') throw new Error(`registration ${i}: ${r.kind}`);
    };
    // Enough that the copy takes many steps of the backup API (it restarts when another
    // connection writes in between): a few MB.
    while (n < 1500) await register();
    const before = n;

    const out = path.join(dir, 'backup.db');
    const backup = spawn(tsx, ['scripts/backup.ts', out, '--db', live], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    backup.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    backup.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    let finished = false;
    const exited = new Promise<number | null>((res) => backup.on('exit', (code) => res(code)));
    void exited.then(() => (finished = true));
    // The bot keeps registering, one unit of work after another, until the backup is done.
    const t0 = Date.now();
    while (!finished) {
      if (Date.now() - t0 > 30_000) {
        backup.kill('SIGKILL');
        throw new Error(`the backup did not finish within 30 s while the bot wrote (${n - before} registrations meanwhile)`);
      }
      await register();
      // A unit of work on SQLite may settle without a turn of the event loop: give the exit a turn.
      await new Promise((r) => setImmediate(r));
    }
    const during = n - before;
    expect([await exited, stderr]).toEqual([0, '']);
    expect(stdout).toContain(`已备份到 ${out}`);
    expect(during).toBeGreaterThan(20);
    await h.close();

    // Restore: copy the backup where the bot's file was (the file the bot wrote is kept aside).
    const liveDb = new Database(live, { readonly: true });
    const committed = registrationsOf(liveDb);
    liveDb.close();
    const restored = path.join(dir, 'restored', 'dealguard.db');
    fs.mkdirSync(path.dirname(restored));
    fs.copyFileSync(out, restored);
    const copy = new Database(restored);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('foreign_key_check')).toEqual([]);
    const saved = registrationsOf(copy);
    // Every registration committed before the backup began, and then a prefix of the later ones:
    // a snapshot taken between two commits.
    expect(saved.length).toBeGreaterThanOrEqual(before);
    expect(saved.length).toBeLessThanOrEqual(committed.length);
    expect(saved).toEqual(committed.slice(0, saved.length));
    // Nothing of a registration that did not make it (a unit of work is all or nothing in the copy).
    const count = (sql: string) => (copy.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM customers')).toBe(new Set(saved.map((r) => r.customer)).size);
    expect(count("SELECT count(*) AS n FROM approvals a LEFT JOIN registrations r ON r.id = a.subject_id WHERE a.kind = 'registration' AND r.id IS NULL")).toBe(0);
    expect(count("SELECT count(DISTINCT subject_id) AS n FROM approvals WHERE kind = 'registration'")).toBe(saved.length);
    copy.close();
    process.stdout.write(`backup-sqlite: ${before} registrations before the backup, ${during} written while it ran, ${saved.length - before} of those in the copy\n`);

    // The bot on the restored file (a real process; it checks the file before opening it), late
    // in the evening: the approval cards of the restored registrations wait for the morning.
    const last = saved.at(-1)!;
    const r = spawnSync(tsx, ['src/main.ts', '--db', restored, '--now', '2026-11-25T23:00:00+08:00'], {
      input: [':in 私聊', `/查重 ${company(0)}`, `/查重 ${last.company}`, '/报备 杭州恢复测试科技有限公司 张伟 13812345678', '/我的'].join('\n'),
      encoding: 'utf8',
      env: { ...process.env, DEALGUARD_LOG_LEVEL: 'warn' },
      timeout: 60_000,
    });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/"level":(50|60)|启动失败|已损坏/);
    expect(r.stdout).toContain(`重复 ${company(0)}`);
    expect(r.stdout).toContain(`重复 ${last.company}`);
    expect(r.stdout).toContain('杭州恢复测试科技有限公司');
    expect(r.stdout).toMatch(/已提交|报备成功|待审批/);
    // alice (the console's default user) owns every fourth restored registration, and the new one.
    expect(r.stdout).toContain(`你名下共 ${saved.filter((_, i) => i % OWNERS.length === 0).length + 1} 个客户`);
    const after = new Database(restored, { readonly: true });
    expect(registrationsOf(after).length).toBe(saved.length + 1);
    after.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 180_000);
});
