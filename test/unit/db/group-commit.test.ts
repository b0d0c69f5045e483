import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDb } from '../../../db/open';
import { staff } from '../../../db/schema';
import { SqliteStore } from '../../../src/storage/sqlite/sqlite-store';
import { GroupCommit } from '../../../src/storage/sqlite/group-commit';
import type { Tx } from '../../../src/storage/unit-of-work';

// Group commit as the bot uses it: SqliteStore.command. The budget and batch-size rules are checked
// on a GroupCommit wired as the store wires it, with a fake time and a count of rows per commit.
describe('group commit', () => {
  const add = (tx: Tx, id: string) => tx.db.insert(tx.t.staff).values({ id, name: id, role: 'sales' });
  const ids = (store: SqliteStore) => store.db.select().from(staff).all().map((s) => s.id);
  const fileStore = (opts: { busyRetryMs?: number } = {}) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dg-gc-')), 'db');
    return { file, store: new SqliteStore(openDb({ file, busyTimeoutMs: 0 }), opts) };
  };

  it('runs commands that arrive together in one transaction, each all-or-nothing', async () => {
    const store = SqliteStore.open({ file: ':memory:' });
    const statements: string[] = [];
    const results = await Promise.allSettled([
      store.command((tx) => add(tx, 'a')),
      store.command(async (tx) => {
        await add(tx, 'b');
        throw new Error('refused');
      }),
      store.command(async (tx) => {
        statements.push(String(store.db.$client.inTransaction));
        await add(tx, 'c');
        return 'ok';
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseFulfilledResult<string>).value).toBe('ok');
    expect(ids(store)).toEqual(['a', 'c']);
    expect(statements).toEqual(['true']);
    await store.close();
  });

  it('answers only after the commit, and a batch that cannot commit fails every command in it', async () => {
    const { file, store } = fileStore();
    let inTxWhenAnswered = true;
    await store.command((tx) => add(tx, 'a')).then(() => {
      inTxWhenAnswered = store.db.$client.inTransaction;
    });
    expect(inTxWhenAnswered).toBe(false);
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    const r = await Promise.allSettled([store.command((tx) => add(tx, 'x')), store.command((tx) => add(tx, 'y'))]);
    other.exec('ROLLBACK');
    other.close();
    expect(r.map((x) => x.status)).toEqual(['rejected', 'rejected']);
    expect(ids(store)).toEqual(['a']);
    await store.close();
  });

  it('waits once for a lock another process releases soon, then runs the commands', async () => {
    const { file, store } = fileStore({ busyRetryMs: 50 });
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    setTimeout(() => other.exec('COMMIT'), 20);
    const r = await Promise.allSettled([store.command((tx) => add(tx, 'x')), store.command((tx) => add(tx, 'y'))]);
    other.close();
    expect(r.map((x) => x.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(ids(store)).toEqual(['x', 'y']);
    await store.close();
  });

  /** A GroupCommit over the store's transaction and savepoints that notes how many commands each commit held. */
  const counted = (store: SqliteStore, opts: ConstructorParameters<typeof GroupCommit>[2]) => {
    const sizes: number[] = [];
    const gc = new GroupCommit(
      (fn) =>
        store.write(async () => {
          sizes.push(0);
          await fn();
        }),
      (fn) => store.tx.savepoint(fn),
      opts,
    );
    const run = (fn: () => Promise<unknown>) =>
      gc.run(async () => {
        sizes[sizes.length - 1]! += 1;
        return fn();
      });
    return { sizes, run };
  };

  it('takes commands into a batch until its time budget is spent, then commits and starts the next', async () => {
    const store = SqliteStore.open({ file: ':memory:' });
    let clock = 0;
    const gc = counted(store, { budgetMs: 10, now: () => clock });
    await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        gc.run(async () => {
          await add(store.tx, `s${i}`);
          clock += 4; // each command takes 4 ms: three fit in 10 ms (the third starts at 8 ms)
        }),
      ),
    );
    expect(gc.sizes).toEqual([3, 3, 1]);
    expect(ids(store)).toHaveLength(7);
    await store.close();
  });

  it('always runs at least one command, and never more than maxBatch', async () => {
    const store = SqliteStore.open({ file: ':memory:' });
    const gc = counted(store, { budgetMs: 1_000, maxBatch: 3 });
    await Promise.all(Array.from({ length: 8 }, (_, i) => gc.run(() => add(store.tx, `m${i}`))));
    expect(gc.sizes).toEqual([3, 3, 2]);
    const slow = counted(store, { budgetMs: 0 });
    await expect(slow.run(async () => 'ran')).resolves.toBe('ran');
    expect(slow.sizes).toEqual([1]);
    await store.close();
  });
});
