import { Worker } from 'node:worker_threads';

// Runs in a worker thread with a connection of its own. PASSIVE never blocks the bot's writes.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) { parentPort.postMessage({ error: String(e && e.message || e) }); }
}, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {}
  db.close();
  parentPort.postMessage({ stopped: true });
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * Folds the WAL back into the database file from a worker thread, so that a command's commit
 * never pays for a checkpoint (the fsyncs of copying pages back). Pair it with a high
 * wal_autocheckpoint on the main connection: if the worker ever falls behind, the main
 * connection still checkpoints before the WAL grows without bound.
 */
export function startCheckpointer(file: string, opts: { intervalMs?: number; onError?: (message: string) => void } = {}): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, intervalMs: opts.intervalMs ?? 1000, driver: require.resolve('better-sqlite3') },
  });
  worker.on('message', (m: { error?: string }) => {
    if (m.error) opts.onError?.(m.error);
  });
  worker.on('error', (e) => opts.onError?.(e.message));
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          void worker.terminate().then(() => resolve());
        };
        const timeout = setTimeout(done, 2000);
        worker.once('message', (m: { stopped?: boolean }) => {
          if (!m.stopped) return;
          clearTimeout(timeout);
          done();
        });
        worker.postMessage('stop');
      }),
  };
}
