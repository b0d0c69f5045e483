import { count, eq } from 'drizzle-orm';
import { PgStore } from '../../src/storage/pg/pg-store';
import { only } from '../../src/storage/unit-of-work';
import { createTestDatabase } from '../support/pg';

const at = new Date('2026-11-25T02:00:00.123Z');

describe('PostgreSQL store (a real server)', () => {
  let target: Awaited<ReturnType<typeof createTestDatabase>>;
  let store: PgStore;

  beforeAll(async () => {
    target = await createTestDatabase();
    // Three instances starting together: one migrates under the advisory lock, the others find nothing to do.
    const stores = await Promise.all([1, 2, 3].map(() => PgStore.open({ url: target.url })));
    store = stores[0]!;
    await Promise.all(stores.slice(1).map((s) => s.close()));
  });
  afterAll(async () => {
    await store.close();
    await target.drop();
  });

  test('migrations applied once, whatever the number of instances that started together', async () => {
    const rows = await store.pool.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
    expect(rows.rows[0].n).toBe(1);
    expect(await store.ping()).toBe(true);
  });

  test('a unit of work commits together, and a throw undoes all of it', async () => {
    await store.write(async (tx) => {
      await tx.db.insert(tx.t.teams).values({ id: 'east', name: '华东' });
      await tx.db.insert(tx.t.appMeta).values({ key: 'k1', value: 'v1' });
    });
    await expect(
      store.write(async (tx) => {
        await tx.db.insert(tx.t.appMeta).values({ key: 'k2', value: 'v2' });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    const keys = await store.read(async (tx) => (await tx.db.select().from(tx.t.appMeta)).map((r) => r.key));
    expect(keys).toEqual(['k1']);
  });

  test('a savepoint undoes only its own writes', async () => {
    await store.write(async (tx) => {
      await tx.db.insert(tx.t.appMeta).values({ key: 'outer', value: '1' });
      await expect(
        tx.savepoint(async () => {
          await tx.db.insert(tx.t.appMeta).values({ key: 'inner', value: '1' });
          throw new Error('inner refused');
        }),
      ).rejects.toThrow('inner refused');
    });
    const keys = await store.read(async (tx) => (await tx.db.select().from(tx.t.appMeta)).map((r) => r.key).sort());
    expect(keys).toEqual(['k1', 'outer']);
  });

  test('rows come back as the SQLite store returns them: Dates, booleans, JSON, numbers', async () => {
    const row = await store.write((tx) =>
      tx.insertRow(tx.t.customers, { name: '杭州云起科技有限公司', nameNorm: '杭州云起科技', contactName: '张伟', createdAt: at, createdBy: 'alice', budgetWan: 12.5 }),
    );
    expect(row.id).toEqual(expect.any(Number));
    expect(row.createdAt).toEqual(at);
    expect(row.keyAccount).toBe(false);
    const reg = await store.write(async (tx) =>
      only(await tx.db.insert(tx.t.registrations).values({ customerId: row.id, ownerId: 'alice', status: 'pending', via: 'register', createdAt: at, suspects: [{ customerId: 1, name: 'x', reason: 'y' }] }).returning()),
    );
    expect(reg.suspects).toEqual([{ customerId: 1, name: 'x', reason: 'y' }]);
    const byPrepared = await store.read((tx) =>
      tx.prepared('customer.byId', (db, t) => db.select().from(t.customers).where(eq(t.customers.id, row.id)).prepare()).get(),
    );
    expect(byPrepared).toEqual(row);
    const n = await store.read(async (tx) => (await tx.db.select({ n: count() }).from(tx.t.customers))[0]!.n);
    expect(n).toBe(1);
  });

  test('the database refuses a second live registration of one customer', async () => {
    const customerId = await store.read(async (tx) => (await tx.db.select().from(tx.t.customers))[0]!.id);
    await expect(store.write((tx) => tx.db.insert(tx.t.registrations).values({ customerId, ownerId: 'bob', status: 'pending', via: 'register', createdAt: at }))).rejects.toThrow();
  });

  test('lockKeys serialises units of work on the same key, not on different ones', async () => {
    const order: string[] = [];
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((r) => (releaseFirst = r));
    let firstLocked!: () => void;
    const locked = new Promise<void>((r) => (firstLocked = r));
    const first = store.write(async (tx) => {
      await tx.lockKeys(['n:杭州云起', 'm:+8613800000001']);
      order.push('first locked');
      firstLocked();
      await firstHolds;
      order.push('first done');
    });
    await locked;
    const other = store.write(async (tx) => {
      await tx.lockKeys(['n:别的公司']);
      order.push('other key locked');
    });
    await other;
    const second = store.write(async (tx) => {
      await tx.lockKeys(['m:+8613800000001']);
      order.push('second locked');
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(order).toEqual(['first locked', 'other key locked']);
    releaseFirst();
    await Promise.all([first, second]);
    expect(order).toEqual(['first locked', 'other key locked', 'first done', 'second locked']);
  });
});
