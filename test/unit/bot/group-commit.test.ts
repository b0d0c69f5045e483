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
});
