import type { Db } from '../../db/open';
import { companies } from './fixtures';
import { BENCH_SALES } from './fixtures';
import type { RegistrationInput } from '../../src/domain/registration/types';

/**
 * Loads `n` customers, each held by a protected registration, straight into the tables (no
 * approvals, no index): the state of a database that has run for years. The dedup index is
 * then built by the real rebuild, which the benchmark times.
 */
export function bulkLoadCustomers(db: Db, n: number, seed: number, now: Date): { names: string[]; mobiles: string[] } {
  const c = db.$client;
  const insCustomer = c.prepare(
    "INSERT INTO customers (name, name_norm, uscc, uscc_checksum_ok, contact_name, mobile, key_account, status, created_at, created_by) VALUES (?, ?, ?, 1, '张伟', ?, 0, 'protected', ?, ?)",
  );
  const insReg = c.prepare(
    "INSERT INTO registrations (customer_id, owner_id, status, via, key_account, created_at, approved_at, protected_from, protected_until, extensions_used, uscc_warning) VALUES (?, ?, 'protected', 'import', 0, ?, ?, ?, ?, 0, 0)",
  );
  const setActive = c.prepare('UPDATE customers SET active_registration_id = ? WHERE id = ?');
  const gen = companies(seed);
  const sample: { names: string[]; mobiles: string[] } = { names: [], mobiles: [] };
  const t = now.getTime();
  const day = 86_400_000;
  const batch = c.transaction((count: number, offset: number) => {
    for (let i = 0; i < count; i++) {
      const input = gen.next().value as RegistrationInput;
      const k = offset + i;
      const owner = BENCH_SALES[k % BENCH_SALES.length]!;
      const created = t - (k % 30) * day;
      const cid = insCustomer.run(input.company, input.company.normalize('NFKC').replace(/\s+/g, '').toLowerCase(), input.uscc ?? null, input.mobile, created, owner).lastInsertRowid;
      const rid = insReg.run(cid, owner, created, created, created, created + 30 * day).lastInsertRowid;
      setActive.run(rid, cid);
      if (k % 97 === 0) {
        sample.names.push(input.company);
        sample.mobiles.push(input.mobile);
      }
    }
  });
  for (let done = 0; done < n; done += 10_000) batch(Math.min(10_000, n - done), done);
  return sample;
}
