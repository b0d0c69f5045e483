import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { checkIntegrity, integrityFailureText } from '../../../db/integrity';

describe('the integrity check at start, while another process holds the file', () => {
  it('says the file is locked, not damaged, and does not tell the operator to restore a backup', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dg-integrity-')), 'locked.db');
    const holder = new Database(file);
    holder.exec('CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);');
    // A rollback-journal database with an exclusive lock: nobody else can even read it.
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec('BEGIN EXCLUSIVE; INSERT INTO t VALUES (2);');
    try {
      const r = checkIntegrity(file, { busyTimeoutMs: 50 });
      expect(r.ok).toBe(false);
      expect(r.busy).toBe(true);
      const text = integrityFailureText(r);
      expect(text).toContain('正被另一个进程锁住');
      expect(text).not.toContain('已损坏');
      expect(text).not.toContain('mv ');
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(checkIntegrity(file).ok).toBe(true);
  });
});
