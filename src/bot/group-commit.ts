import { writeTx, type Db } from '../../db/open';

interface Job {
  run: () => void;
  settle: () => void;
  fail: (e: unknown) => void;
}

/**
 * Group commit: commands that arrive together run one after another inside a single write
 * transaction, each in its own savepoint, and are committed — and answered — together. Each
 * command is still all-or-nothing (a throw rolls back its savepoint only); what is shared is the
 * commit, the costly part (the WAL write). Alone, a command commits on the next tick.
 */
export class GroupCommit {
  private queue: Job[] = [];
  private scheduled = false;

  // A batch runs synchronously: 16 commands (~15 ms) keep the event loop responsive while
  // still sharing most of the commit cost.
  constructor(private readonly db: Db, private readonly maxBatch = 16) {}

  /** Runs fn in its own savepoint of the next batch; resolves after the batch has committed. */
  run<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
      this.queue.push({
        run: () => {
          try {
            outcome = { ok: true, value: writeTx(this.db, fn) };
          } catch (error) {
            outcome = { ok: false, error };
          }
        },
        settle: () => (outcome?.ok ? resolve(outcome.value) : reject(outcome?.error)),
        fail: reject,
      });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const jobs = this.queue.splice(0, this.maxBatch);
    if (this.queue.length > 0) this.schedule();
    try {
      writeTx(this.db, () => jobs.forEach((j) => j.run()));
    } catch (e) {
      // The commit itself failed (disk full, lock timeout): nothing of the batch happened.
      jobs.forEach((j) => j.fail(e));
      return;
    }
    jobs.forEach((j) => j.settle());
  }
}
