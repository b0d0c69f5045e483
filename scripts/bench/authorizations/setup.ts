import type { Db } from '../../../db/open';
import { VirtualClock } from '../../../src/clock/clock';
import { DEFAULT_RULES } from '../../../src/domain/rules';
import { domainEnv } from '../../../src/domain/deps';
import { DomainRoot } from '../../../src/domain/domain';
import { SqliteStore } from '../../../src/storage/sqlite/sqlite-store';
import { seedDemo } from '../../../src/app/seed';
import { applyOrg } from '../../../src/domain/org/apply-org';
import { benchAuthorizations, BENCH_OWNERS } from './data';

export const BENCH_NOW = new Date('2026-11-25T09:00:00+08:00');
const DAY = 86_400_000;

/** A bench database: the demo org plus 50 salespeople (the 负责人 of the generated contracts). */
export async function benchDb(file: string, clock = new VirtualClock(BENCH_NOW)): Promise<{ store: SqliteStore; db: Db; root: DomainRoot; clock: VirtualClock }> {
  const store = SqliteStore.open({ file });
  const root = new DomainRoot(domainEnv(store, clock, DEFAULT_RULES));
  await root.write(async (d) => {
    if (!(await seedDemo(d.deps, { onlyIfEmpty: true }))) return;
    const staff = BENCH_OWNERS.map((id, i) => ({ id, name: `压测${i + 1}`, role: 'sales' as const, managerId: 'carol', team: '华东', region: '华东', active: true }));
    await applyOrg(d.deps, { staff, groups: [], dealers: [] }, 'bench');
  });
  return { store, db: store.db, root, clock };
}

/** Authorizations straight into the tables (the import is measured on its own). */
export function insertAuthorizations(db: Db, n: number): void {
  const c = db.$client;
  const now = BENCH_NOW.getTime();
  const dealer = c.prepare('INSERT OR IGNORE INTO dealers (id, name, channel_manager_id, regions) VALUES (?, ?, ?, ?)');
  const auth = c.prepare(
    'INSERT INTO authorizations (contract_no, dealer_id, product_lines, regions, tier, owner_id, contact_name, contact_phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const period = c.prepare('INSERT INTO authorization_periods (authorization_id, seq, starts_on, ends_on, created_at) VALUES (?, 1, ?, ?, ?)');
  c.transaction(() => {
    for (const a of benchAuthorizations(n, BENCH_NOW)) {
      dealer.run(a.dealer, a.dealer, a.owner, '[]');
      const id = auth.run(a.contractNo, a.dealer, JSON.stringify(a.productLines.split('、')), JSON.stringify(a.regions.split('、')), a.tier, a.owner, a.contact, `+86${a.phone}`, now, now).lastInsertRowid;
      period.run(id, a.startsOn.toISOString().slice(0, 10), a.endsOn.toISOString().slice(0, 10), now);
    }
  })();
}

/**
 * `n` customers with their registrations, as a company with a long history has them: 15 % under
 * protection (ends spread over the next 30 days, mostly followed up), 25 % won, 60 % in the pool.
 */
export function insertCustomers(db: Db, n: number): void {
  const c = db.$client;
  const now = BENCH_NOW.getTime();
  const cust = c.prepare('INSERT INTO customers (name, name_norm, contact_name, mobile, status, pooled_at, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const reg = c.prepare(
    'INSERT INTO registrations (customer_id, owner_id, status, via, created_at, approved_at, protected_from, protected_until, last_follow_up_at, ended_at, end_reason, won_at) VALUES (?, ?, ?, \'import\', ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const link = c.prepare('UPDATE customers SET active_registration_id = ? WHERE id = ?');
  const BATCH = 50_000;
  for (let from = 0; from < n; from += BATCH) {
    c.transaction(() => {
      for (let i = from; i < Math.min(n, from + BATCH); i++) {
        const kind = i % 100 < 15 ? 'protected' : i % 100 < 40 ? 'won' : 'pool';
        const name = `压测客户${i + 1}号科技有限公司`;
        const owner = BENCH_OWNERS[i % BENCH_OWNERS.length]!;
        const until = now + (1 + (i % 30)) * DAY - 3_600_000 * (i % 7);
        const from30 = until - 30 * DAY;
        const id = cust.run(name, name, '张伟', `+8613${String(i).padStart(9, '0')}`, kind, kind === 'pool' ? now - DAY : null, from30, 'bench').lastInsertRowid as number;
        if (kind === 'protected') {
          const rid = reg.run(id, owner, 'protected', from30, from30, from30, until, i % 20 === 0 ? null : from30 + DAY, null, null, null).lastInsertRowid;
          link.run(rid, id);
        } else if (kind === 'won') {
          const rid = reg.run(id, owner, 'won', from30 - 90 * DAY, from30, from30, until - 60 * DAY, from30, null, null, from30).lastInsertRowid;
          link.run(rid, id);
        } else {
          reg.run(id, owner, 'released', from30 - 60 * DAY, from30 - 60 * DAY, from30 - 60 * DAY, from30 - 30 * DAY, null, from30 - 30 * DAY, 'expired', null);
        }
      }
    })();
  }
}
