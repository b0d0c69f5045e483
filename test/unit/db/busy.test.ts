import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDb } from '../../../db/open';
import { staff } from '../../../db/schema';
import { isBusyError, retryWhileBusy } from '../../../db/busy';
import { SqliteStore } from '../../../src/storage/sqlite/sqlite-store';

describe('busy database', () => {
  const locked = () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dg-busy-')), 'db');
    const db = openDb({ file, busyTimeoutMs: 0 });
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    return { db, other };
  };

  it('recognises SQLITE_BUSY from the driver and through drizzle, and nothing else', () => {
    const { db, other } = locked();
    let raw: unknown;
    let wrapped: unknown;
    try {
      db.$client.exec('BEGIN IMMEDIATE');
    } catch (e) {
      raw = e;
    }
    try {
      db.insert(staff).values({ id: 'x', name: 'x', role: 'sales' }).run();
    } catch (e) {
      wrapped = e;
    }
    other.exec('ROLLBACK');
    expect((raw as { code: string }).code).toBe('SQLITE_BUSY');
    expect(isBusyError(raw)).toBe(true);
    expect(isBusyError(wrapped)).toBe(true);
    expect(isBusyError(Object.assign(new Error('x'), { code: 'SQLITE_LOCKED_SHAREDCACHE' }))).toBe(true);
    expect(isBusyError(Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toBe(false);
    expect(isBusyError(new Error('database is locked'))).toBe(false);
    expect(isBusyError(undefined)).toBe(false);
  });

  it('retries a write while the lock is held, letting the event loop run meanwhile', async () => {
    const { db, other } = locked();
    let tries = 0;
    setTimeout(() => other.exec('COMMIT'), 30);
    await retryWhileBusy(() => {
      tries++;
      db.insert(staff).values({ id: 'y', name: 'y', role: 'sales' }).run();
    }, { attempts: 10, delayMs: 10 });
    expect(tries).toBeGreaterThan(1);
    expect(db.select().from(staff).all().map((s) => s.id)).toContain('y');
  });

  it('retries a unit of work whose promise rejects with the busy error', async () => {
    const { db, other } = locked();
    const store = new SqliteStore(db);
    let tries = 0;
    setTimeout(() => other.exec('COMMIT'), 30);
    await retryWhileBusy(() => {
      tries++;
      return store.write(async (tx) => {
        await tx.db.insert(tx.t.staff).values({ id: 'w', name: 'w', role: 'sales' });
      });
    }, { attempts: 10, delayMs: 10 });
    expect(tries).toBeGreaterThan(1);
    expect(db.select().from(staff).all().map((s) => s.id)).toContain('w');
  });

  it('gives up after the last try with the busy error, and never retries other errors', async () => {
    const { db, other } = locked();
    const last = await retryWhileBusy(() => db.insert(staff).values({ id: 'z', name: 'z', role: 'sales' }).run(), { attempts: 3, delayMs: 1 }).catch((e: unknown) => e);
    expect(isBusyError(last)).toBe(true);
    other.exec('ROLLBACK');
    let tries = 0;
    await expect(retryWhileBusy(() => {
      tries++;
      throw new Error('boom');
    }, { attempts: 3, delayMs: 1 })).rejects.toThrow('boom');
    expect(tries).toBe(1);
  });
});
