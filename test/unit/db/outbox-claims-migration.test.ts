import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { MIGRATIONS_DIR, openDb } from '../../../db/open';
import { outbox } from '../../../db/schema';

// A database made before the outbox had claims (migrations up to 0002) opens and upgrades at start.
describe('migration 0003 (outbox claims) on an existing database', () => {
  it('adds the claim columns and keeps the pending notices due', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-mig-'));
    const old = path.join(dir, 'migrations');
    fs.mkdirSync(path.join(old, 'meta'), { recursive: true });
    const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    const before = journal.entries.filter((e) => e.tag < '0003');
    for (const e of before) fs.copyFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(old, `${e.tag}.sql`));
    fs.writeFileSync(path.join(old, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: before }));

    const file = path.join(dir, 'db');
    const sqlite = new Database(file);
    migrate(drizzle(sqlite), { migrationsFolder: old });
    sqlite
      .prepare("INSERT INTO outbox (dedup_key, kind, recipient_type, recipient_id, payload, created_at, status, next_attempt_at) VALUES ('k>staff:alice', 'message', 'staff', 'alice', '{\"template\":\"x\",\"params\":{}}', 0, 'pending', 0)")
      .run();
    expect(sqlite.prepare('PRAGMA table_info(outbox)').all().map((c) => (c as { name: string }).name)).not.toContain('claim_id');
    sqlite.close();

    const db = openDb({ file });
    expect(db.select().from(outbox).all()).toEqual([expect.objectContaining({ status: 'pending', claimId: null, claimedAt: null })]);
    db.$client.close();
  });
});
