// A PostgreSQL backup and restore with the server's own tools, while the bot keeps writing:
// pg_dump -Fc (one snapshot: every registration committed before it began, and a whole prefix of
// the ones after), createdb, pg_restore into the empty database, and the bot (a real process,
// src/main.ts --db postgres://…) runs on the restored database: it finds restored customers and
// registers a new one (the restored sequences go on from where they were).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PgStore } from '../../../src/storage/pg/pg-store';
import { VirtualClock } from '../../../src/clock/clock';
import { DEFAULT_RULES } from '../../../src/domain/rules';
import { domainEnv } from '../../../src/domain/deps';
import { DomainRoot } from '../../../src/domain/domain';
import { seedDemo } from '../../../src/app/seed';
import { input } from '../../support/domain-harness';
import { createTestDatabase, serverUrl } from '../../support/pg';

const tsx = path.join(process.cwd(), 'node_modules/.bin/tsx');
const NOW = '2026-11-25T10:00:00+08:00';
const OWNERS = ['alice', 'bob', 'frank', 'pat'];
const company = (i: number) => `恢复${i}号科技有限公司`;

/** The newest PostgreSQL client tools on the machine (pg_dump must not be older than the server). */
function pgBin(tool: string): string {
  const root = '/usr/lib/postgresql';
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', tool)))
    .sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error(`${tool} not found under ${root}`);
  return path.join(root, versions[0]!, 'bin', tool);
}

interface Row {
  id: number;
  company: string;
}

async function registrations(url: string): Promise<Row[]> {
  const c = new pg.Client(url);
  await c.connect();
  try {
    const r = await c.query<{ id: number; company: string }>('SELECT r.id, c.name AS company FROM registrations r JOIN customers c ON c.id = r.customer_id ORDER BY r.id');
    return r.rows.map((x) => ({ id: Number(x.id), company: x.company }));
  } finally {
    await c.end();
  }
}

describe('pg_dump and pg_restore while the bot writes', () => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });

  it('restores a consistent snapshot that the bot runs on', async () => {
    const live = await createTestDatabase('backup');
    drops.push(live.drop);
    const store = await PgStore.open({ url: live.url });
    const clock = new VirtualClock(new Date(NOW));
    const root = new DomainRoot(domainEnv(store, clock, DEFAULT_RULES));
    await root.write((d) => seedDemo(d.deps, { onlyIfEmpty: true }));
    await root.prepare();
    let n = 0;
    const register = async () => {
      const i = n++;
      const r = await root.write(async (d) => d.register.register(await d.dir.require(OWNERS[i % OWNERS.length]!), input(company(i), { confirmed: true })));
      if (r.kind !== 'submitted') throw new Error(`registration ${i}: ${r.kind}`);
      if (i % 3 === 0) {
        await root.write(async (d) => {
          const step = (await d.approvals.steps(r.approval!.id))[0]!;
          await d.approvals.decide(step.id, (await d.approvals.assignees(step.id))[0]!.staffId, 'approved');
        });
      }
    };
    while (n < 120) await register();
    const before = n;

    // pg_dump in the custom format, while the bot goes on registering.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-pgdump-'));
    const dump = path.join(dir, 'dealguard.dump');
    let finished = false;
    const writing = (async () => {
      while (!finished) await register();
    })();
    const t0 = performance.now();
    const dumped = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const p = spawn(pgBin('pg_dump'), ['--format=custom', `--file=${dump}`, live.url], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      p.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      p.on('exit', (code) => resolve({ code, stderr }));
    });
    const dumpMs = performance.now() - t0;
    finished = true;
    await writing;
    expect(dumped).toEqual({ code: 0, stderr: '' });
    const during = n - before;
    expect(during).toBeGreaterThan(0);
    await store.close();
    const committed = await registrations(live.url);
    expect(committed).toHaveLength(n);

    // Into an empty database, with the client tools, as an operator would.
    const server = new URL(serverUrl());
    const name = `${live.name}_restored`;
    const restoredUrl = new URL(serverUrl());
    restoredUrl.pathname = `/${name}`;
    drops.push(async () => {
      const c = new pg.Client(serverUrl());
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    });
    execFileSync(pgBin('createdb'), ['--host', server.hostname, '--port', server.port, '--username', decodeURIComponent(server.username), '--template', 'template0', name]);
    execFileSync(pgBin('pg_restore'), ['--no-owner', '--exit-on-error', `--dbname=${restoredUrl}`, dump], { stdio: ['ignore', 'ignore', 'pipe'] });

    const saved = await registrations(restoredUrl.toString());
    expect(saved.length).toBeGreaterThanOrEqual(before);
    expect(saved).toEqual(committed.slice(0, saved.length));
    const c = new pg.Client(restoredUrl.toString());
    await c.connect();
    const count = async (sql: string) => Number((await c.query<{ n: string }>(sql)).rows[0]!.n);
    // One snapshot: no approval, dedup key or outbox row of a registration the copy does not have.
    expect(await count("SELECT count(*) AS n FROM approvals a LEFT JOIN registrations r ON r.id = a.subject_id WHERE a.kind = 'registration' AND r.id IS NULL")).toBe(0);
    expect(await count("SELECT count(DISTINCT subject_id) AS n FROM approvals WHERE kind = 'registration'")).toBe(saved.length);
    expect(await count('SELECT count(*) AS n FROM dedup_keys k LEFT JOIN customers c ON c.id = k.customer_id WHERE c.id IS NULL')).toBe(0);
    await c.end();
    process.stdout.write(
      `backup-pg: ${before} registrations before pg_dump, ${during} written while it ran (${Math.round(dumpMs)} ms), ${saved.length - before} of those in the dump (${Math.round(fs.statSync(dump).size / 1024)} KB)\n`,
    );

    // The bot on the restored database.
    const last = saved.at(-1)!;
    const r = spawnSync(tsx, ['src/main.ts', '--db', restoredUrl.toString(), '--now', '2026-11-25T23:00:00+08:00'], {
      input: [':in 私聊', `/查重 ${company(0)}`, `/查重 ${last.company}`, '/报备 杭州恢复测试科技有限公司 张伟 13812345678', '/我的'].join('\n'),
      encoding: 'utf8',
      env: { ...process.env, DEALGUARD_LOG_LEVEL: 'warn' },
      timeout: 60_000,
    });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/"level":(50|60)|启动失败/);
    expect(r.stdout).toContain(`重复 ${company(0)}`);
    expect(r.stdout).toContain(`重复 ${last.company}`);
    expect(r.stdout).toContain('杭州恢复测试科技有限公司');
    expect(r.stdout).toContain(`你名下共 ${saved.filter((_, i) => i % OWNERS.length === 0).length + 1} 个客户`);
    const after = await registrations(restoredUrl.toString());
    expect(after).toHaveLength(saved.length + 1);
    expect(after.at(-1)!.company).toBe('杭州恢复测试科技有限公司');
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
