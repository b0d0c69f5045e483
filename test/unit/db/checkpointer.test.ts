import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../../../db/open';
import { startCheckpointer } from '../../../db/checkpointer';
import { auditLog } from '../../../db/schema';

describe('background checkpointer', () => {
  it('folds the WAL back into the database file from its own thread', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dg-ckpt-')), 'db');
    const db = openDb({ file, backgroundCheckpoint: true });
    const before = fs.statSync(file).size;
    db.$client.transaction(() => {
      for (let i = 0; i < 20_000; i++) {
        db.insert(auditLog).values({ at: new Date(), actorId: 'x', action: 'a', outcome: 'ok', subjectType: 's', subjectId: String(i), detail: 'x'.repeat(200) }).run();
      }
    })();
    // The connection itself does not checkpoint below its fallback threshold: the data sits in the WAL.
    expect(fs.statSync(file).size).toBe(before);
    const errors: string[] = [];
    const c = startCheckpointer(file, { intervalMs: 20, onError: (m) => errors.push(m) });
    const deadline = Date.now() + 5000;
    while (fs.statSync(file).size <= before + 1_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    await c.stop();
    expect(fs.statSync(file).size).toBeGreaterThan(before + 1_000_000);
    expect(errors).toEqual([]);
    db.$client.close();
  });
});
