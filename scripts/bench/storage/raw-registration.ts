// The floor of the storage benchmark: a registration's storage work as hand-written SQL, no domain,
// no ORM — look up the candidates under its dedup keys, insert the customer, its registration, its
// dedup keys and profile, an audit row and a notice, in one transaction. What each engine can do
// at best with this shape; the domain's figures are printed as a ratio to it.
import Database from 'better-sqlite3';
import pg from 'pg';

export interface RawInput {
  name: string;
  mobile: string;
  keys: string[];
}

export function rawInputs(n: number, seed: string): RawInput[] {
  return Array.from({ length: n }, (_, i) => {
    const core = `${seed}${i.toString(36)}`;
    const mobile = `+86139${String(10_000_000 + ((i * 7919) % 89_999_999)).padStart(8, '0')}`;
    return { name: `杭州${core}科技有限公司`, mobile, keys: [`n:${core}|科技`, `c:${core}`, `m:${mobile}`, `y:${core}`, `s:${core}`, `l:${core}`, `p:${core}`] };
  });
}

const now = () => Date.now();

/** SQLite: prepared statements, one BEGIN IMMEDIATE … COMMIT per registration, one after another. */
export function rawSqlite(file: string, inputs: RawInput[]): number {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 10000');
  const candidates = db.prepare(`SELECT customer_id FROM dedup_keys WHERE key IN (SELECT value FROM json_each(?)) LIMIT 50`);
  const customer = db.prepare(`INSERT INTO customers (name, name_norm, contact_name, mobile, status, created_at, created_by) VALUES (?, ?, '张伟', ?, 'pending', ?, 'bench1')`);
  const registration = db.prepare(`INSERT INTO registrations (customer_id, owner_id, status, via, created_at) VALUES (?, 'bench1', 'pending', 'register', ?)`);
  const activate = db.prepare(`UPDATE customers SET active_registration_id = ? WHERE id = ?`);
  const keys = db.prepare(`INSERT INTO dedup_keys (key, customer_id, province, industry) SELECT value, ?, 33, 1 FROM json_each(?) WHERE true ON CONFLICT DO NOTHING`);
  const profile = db.prepare(`INSERT INTO dedup_profiles (customer_id, profile) VALUES (?, ?)`);
  const audit = db.prepare(`INSERT INTO audit_log (at, actor_id, action, outcome, subject_type, subject_id, after) VALUES (?, 'bench1', 'registration.create', 'ok', 'registration', ?, ?)`);
  const notice = db.prepare(`INSERT INTO outbox (dedup_key, kind, recipient_type, recipient_id, channel, payload, created_at, next_attempt_at) VALUES (?, 'message', 'staff', 'carol', 'private', ?, ?, ?) ON CONFLICT DO NOTHING`);
  const one = db.transaction((r: RawInput) => {
    const t = now();
    candidates.all(JSON.stringify(r.keys));
    const cid = Number(customer.run(r.name, r.name, r.mobile, t).lastInsertRowid);
    const rid = Number(registration.run(cid, t).lastInsertRowid);
    activate.run(rid, cid);
    keys.run(cid, JSON.stringify(r.keys));
    profile.run(cid, JSON.stringify({ core: r.name }));
    audit.run(t, String(rid), JSON.stringify({ status: 'pending' }));
    notice.run(`registration.submitted:${rid}`, JSON.stringify({ template: 'approval.request', params: { id: rid } }), t, t);
  });
  const t0 = performance.now();
  for (const r of inputs) one.immediate(r);
  const rate = inputs.length / ((performance.now() - t0) / 1000);
  db.close();
  return rate;
}

/** PostgreSQL: the same statements, one transaction per registration, `inFlight` at once over a pool. */
export async function rawPg(url: string, inputs: RawInput[], inFlight: number): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: inFlight });
  const one = async (r: RawInput) => {
    const c = await pool.connect();
    try {
      const t = new Date();
      await c.query('BEGIN');
      await c.query('SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest($1::text[]) k', [r.keys.slice(0, 3)]);
      await c.query('SELECT customer_id FROM dedup_keys WHERE key = ANY($1::text[]) LIMIT 50', [r.keys]);
      const cid = (await c.query(`INSERT INTO customers (name, name_norm, contact_name, mobile, status, created_at, created_by) VALUES ($1, $1, '张伟', $2, 'pending', $3, 'bench1') RETURNING id`, [r.name, r.mobile, t])).rows[0].id;
      const rid = (await c.query(`INSERT INTO registrations (customer_id, owner_id, status, via, created_at) VALUES ($1, 'bench1', 'pending', 'register', $2) RETURNING id`, [cid, t])).rows[0].id;
      await c.query('UPDATE customers SET active_registration_id = $1 WHERE id = $2', [rid, cid]);
      await c.query('INSERT INTO dedup_keys (key, customer_id, province, industry) SELECT k, $1, 33, 1 FROM unnest($2::text[]) k ON CONFLICT DO NOTHING', [cid, r.keys]);
      await c.query('INSERT INTO dedup_profiles (customer_id, profile) VALUES ($1, $2)', [cid, JSON.stringify({ core: r.name })]);
      await c.query(`INSERT INTO audit_log (at, actor_id, action, outcome, subject_type, subject_id, after) VALUES ($1, 'bench1', 'registration.create', 'ok', 'registration', $2, $3)`, [t, String(rid), { status: 'pending' }]);
      await c.query(`INSERT INTO outbox (dedup_key, kind, recipient_type, recipient_id, channel, payload, created_at, next_attempt_at) VALUES ($1, 'message', 'staff', 'carol', 'private', $2, $3, $3) ON CONFLICT DO NOTHING`, [`registration.submitted:${rid}`, { template: 'approval.request', params: { id: rid } }, t]);
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK');
      throw e;
    } finally {
      c.release();
    }
  };
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < inputs.length) await one(inputs[next++]!);
    }),
  );
  const rate = inputs.length / ((performance.now() - t0) / 1000);
  await pool.end();
  return rate;
}
