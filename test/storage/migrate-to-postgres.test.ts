import { eq } from 'drizzle-orm';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb, type Db } from '../../db/open';
import * as s from '../../db/schema';
import { PgStore } from '../../src/storage/pg/pg-store';
import { copySqliteToPostgres, pgChecksums, TargetNotEmptyError } from '../../src/storage/move-up/copy-to-postgres';
import { createTestDatabase } from '../support/pg';

const at = (d: string) => new Date(`2026-11-${d}T02:03:04.567Z`);

function fill(db: Db, customers: number): void {
  db.insert(s.teams).values({ id: 'east', name: '华东销售部', leaderId: 'mgr' }).run();
  db.insert(s.dealers).values({ id: '杭州金诚', name: '杭州金诚', regions: ['浙江省', '浙江省杭州市'] }).run();
  db.insert(s.staff).values([
    { id: 'alice', name: '李雷', role: 'sales', teamId: 'east', wecomUserId: 'LiLei' },
    { id: 'gone', name: '韩梅梅', role: 'partner', dealerId: '杭州金诚', active: false },
  ]).run();
  db.$client.transaction(() => {
    for (let i = 1; i <= customers; i++) {
      // Gaps in the ids: a copy must keep them, not renumber.
      const id = i * 3;
      db.insert(s.customers).values({ id, name: `浙江绿星${i}园林景观工程有限公司`, nameNorm: `绿星${i}`, contactName: '王芳', mobile: `+861380000${String(i).padStart(4, '0')}`, createdAt: at('20'), createdBy: 'alice', budgetWan: i / 4, keyAccount: i % 2 === 0, status: 'protected' }).run();
      db.insert(s.registrations).values({ customerId: id, ownerId: 'alice', status: 'protected', via: 'register', createdAt: at('20'), protectedUntil: at('30'), suspects: i % 5 === 0 ? [{ customerId: 1, name: '绿星', reason: '字号相同' }] : null }).run();
      db.insert(s.dedupKeys).values([{ key: `n:绿星${i}`, customerId: id }, { key: `m:+861380000${i}`, customerId: id, province: 33 }]).run();
      db.insert(s.dedupProfiles).values({ customerId: id, profile: JSON.stringify({ core: `绿星${i}` }) }).run();
    }
  })();
  db.insert(s.outbox).values({ dedupKey: 'protection:1:7', kind: 'message', recipientType: 'staff', recipientId: 'alice', payload: { template: 'protection.expiring', params: { days: 7, name: '绿星', key: true, none: null } }, createdAt: at('21'), nextAttemptAt: at('21') }).run();
  db.insert(s.inboundEvents).values([{ platform: 'wecom', eventId: 'msg-2', receivedAt: at('21') }, { platform: 'wecom', eventId: 'msg-10', receivedAt: at('21') }, { platform: 'dingtalk', eventId: '中文', receivedAt: at('22') }]).run();
  db.insert(s.appMeta).values({ key: 'dedup_index_version', value: '4' }).run();
}

describe('npm run migrate-to-postgres: SQLite → PostgreSQL', () => {
  let dir: string;
  let target: Awaited<ReturnType<typeof createTestDatabase>>;
  let lite: Db;
  let store: PgStore;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-move-'));
    lite = openDb({ file: path.join(dir, 'company.db') });
    fill(lite, 1200);
    target = await createTestDatabase();
    store = await PgStore.open({ url: target.url });
  });
  afterAll(async () => {
    lite.$client.close();
    await store.close();
    await target.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('copies every table with its ids, verified by count and checksum; ids continue after the copied ones', async () => {
    const report = await copySqliteToPostgres(lite.$client, store);
    expect(report.outcome).toBe('copied');
    const byTable = Object.fromEntries(report.tables.map((t) => [t.table, t.rows]));
    expect(byTable).toMatchObject({ customers: 1200, registrations: 1200, dedup_keys: 2400, staff: 2, outbox: 1, inbound_events: 3 });
    const pg = await pgChecksums(store);
    expect(pg).toEqual(report.tables);
    const ids = await store.read(async (tx) => (await tx.db.select({ id: tx.t.customers.id }).from(tx.t.customers)).map((r) => r.id));
    expect(Math.max(...ids)).toBe(3600);
    const next = await store.write((tx) => tx.insertRow(tx.t.customers, { name: '新客户', nameNorm: '新客户', contactName: '张伟', createdAt: at('25'), createdBy: 'alice' }));
    expect(next.id).toBe(3601);
    await store.write(async (tx) => {
      await tx.db.delete(tx.t.customers).where(eq(tx.t.customers.id, 3601));
    });
  });

  test('run again: nothing changes', async () => {
    const report = await copySqliteToPostgres(lite.$client, store);
    expect(report.outcome).toBe('unchanged');
  });

  test('a target holding other data is refused, unless told to replace it', async () => {
    lite.insert(s.appMeta).values({ key: 'later', value: 'x' }).run();
    await expect(copySqliteToPostgres(lite.$client, store)).rejects.toBeInstanceOf(TargetNotEmptyError);
    const replaced = await copySqliteToPostgres(lite.$client, store, { replace: true });
    expect(replaced.outcome).toBe('copied');
    expect(await pgChecksums(store)).toEqual(replaced.tables);
  });
});
