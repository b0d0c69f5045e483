import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDb } from '../../../db/open';
import { staff } from '../../../db/schema';
import { GroupCommit } from '../../../src/bot/group-commit';

describe('group commit', () => {
  const setup = () => {
    const db = openDb({ file: ':memory:' });
    return { db, gc: new GroupCommit(db) };
  };
  const add = (db: ReturnType<typeof setup>['db'], id: string) => db.insert(staff).values({ id, name: id, role: 'sales' }).run();

  it('runs commands that arrive together in one transaction, each all-or-nothing', async () => {
    const { db, gc } = setup();
    const statements: string[] = [];
    const trace = db.$client;
    const results = await Promise.allSettled([
      gc.run(() => add(db, 'a')),
      gc.run(() => {
        add(db, 'b');
        throw new Error('refused');
      }),
      gc.run(() => {
        statements.push(String(trace.inTransaction));
        add(db, 'c');
        return 'ok';
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseFulfilledResult<string>).value).toBe('ok');
    expect(db.select().from(staff).all().map((s) => s.id)).toEqual(['a', 'c']);
    expect(statements).toEqual(['true']);
  });

  it('answers only after the commit, and a batch that cannot commit fails every command in it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-gc-'));
    const db = openDb({ file: path.join(dir, 'db'), busyTimeoutMs: 0 });
    const gc = new GroupCommit(db);
    let inTxWhenAnswered = true;
    await gc.run(() => add(db, 'a')).then(() => {
      inTxWhenAnswered = db.$client.inTransaction;
    });
    expect(inTxWhenAnswered).toBe(false);
    const other = new Database(path.join(dir, 'db'));
    other.exec('BEGIN IMMEDIATE');
    const r = await Promise.allSettled([gc.run(() => add(db, 'x')), gc.run(() => add(db, 'y'))]);
    other.exec('ROLLBACK');
    other.close();
    expect(r.map((x) => x.status)).toEqual(['rejected', 'rejected']);
    expect(db.select().from(staff).all().map((s) => s.id)).toEqual(['a']);
    db.$client.close();
  });

  it('waits once for a lock another process releases soon, then runs the commands', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dg-gc-'));
    const db = openDb({ file: path.join(dir, 'db'), busyTimeoutMs: 0 });
    const gc = new GroupCommit(db, { busyRetryMs: 50 });
    const other = new Database(path.join(dir, 'db'));
    other.exec('BEGIN IMMEDIATE');
    setTimeout(() => other.exec('COMMIT'), 20);
    const r = await Promise.allSettled([gc.run(() => add(db, 'x')), gc.run(() => add(db, 'y'))]);
    other.close();
    expect(r.map((x) => x.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(db.select().from(staff).all().map((s) => s.id)).toEqual(['x', 'y']);
    db.$client.close();
  });

  /** Sizes of the batches the commands ran in: a batch runs synchronously, so a microtask marks its end. */
  const batchSizes = () => {
    const sizes: number[] = [];
    let inBatch = 0;
    return {
      sizes,
      mark() {
        inBatch += 1;
        if (inBatch === 1) {
          void Promise.resolve().then(() => {
            sizes.push(inBatch);
            inBatch = 0;
          });
        }
      },
    };
  };

  it('takes commands into a batch until its time budget is spent, then commits and starts the next', async () => {
    const db = openDb({ file: ':memory:' });
    let clock = 0;
    const gc = new GroupCommit(db, { budgetMs: 10, now: () => clock });
    const b = batchSizes();
    await Promise.all(Array.from({ length: 7 }, (_, i) => gc.run(() => {
      b.mark();
      add(db, `s${i}`);
      clock += 4; // each command takes 4 ms: three fit in 10 ms (the third starts at 8 ms)
    })));
    expect(b.sizes).toEqual([3, 3, 1]);
    expect(db.select().from(staff).all()).toHaveLength(7);
  });

  it('always runs at least one command, and never more than maxBatch', async () => {
    const db = openDb({ file: ':memory:' });
    const gc = new GroupCommit(db, { budgetMs: 1_000, maxBatch: 3 });
    const b = batchSizes();
    await Promise.all(Array.from({ length: 8 }, (_, i) => gc.run(() => {
      b.mark();
      add(db, `m${i}`);
    })));
    expect(b.sizes).toEqual([3, 3, 2]);
    const slow = new GroupCommit(db, { budgetMs: 0 });
    await expect(slow.run(() => 'ran')).resolves.toBe('ran');
  });
});
