import { isBusyError } from '../../../db/busy';

interface Job {
  run: () => Promise<void>;
  settle: () => void;
  fail: (e: unknown) => void;
  /** The batch it waited for could not start (database busy) once already. */
  waitedForLock?: boolean;
}

/** How a batch gets its transaction: fn runs between BEGIN IMMEDIATE and COMMIT, under the store's lock. */
export type BatchTx = (fn: () => Promise<void>) => Promise<void>;

/**
 * Group commit: commands that arrive together run one after another inside a single write
 * transaction, each in its own savepoint, and are committed — and answered — together. Each
 * command is still all-or-nothing (a throw rolls back its savepoint only); what is shared is the
 * commit, the costly part (the WAL write). Alone, a command commits on the next tick.
 */
export class GroupCommit {
  private queue: Job[] = [];
  private scheduled = false;

  /**
   * A batch stops taking commands once it has run for `budgetMs` (the event loop and the
   * platforms' acknowledgements wait meanwhile: the driver is synchronous) or holds `maxBatch`.
   * Under light load a batch is one command; under heavy load batches grow and share more of the
   * commit: the more that waits, the cheaper each command gets.
   */
  constructor(
    private readonly batchTx: BatchTx,
    private readonly savepoint: <T>(fn: () => Promise<T>) => Promise<T>,
    private readonly opts: { budgetMs?: number; maxBatch?: number; now?: () => number; busyRetryMs?: number } = {},
  ) {}

  /** Runs fn in its own savepoint of the next batch; resolves after the batch has committed. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
      this.queue.push({
        run: async () => {
          try {
            outcome = { ok: true, value: await this.savepoint(fn) };
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
    setImmediate(() => void this.flush());
  }

  private scheduleAfter(ms: number): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => void this.flush(), ms);
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const budget = this.opts.budgetMs ?? 20;
    const max = this.opts.maxBatch ?? 256;
    const now = this.opts.now ?? (() => performance.now());
    const jobs: Job[] = [];
    try {
      await this.batchTx(async () => {
        const started = now();
        while (this.queue.length > 0 && jobs.length < max && (jobs.length === 0 || now() - started < budget)) {
          const job = this.queue.shift()!;
          jobs.push(job);
          await job.run();
        }
      });
    } catch (e) {
      // The transaction could not open or commit (lock timeout, disk full): nothing of the batch
      // happened. Had it not even opened, the commands that were waiting for it fail instead —
      // except that, when another connection held the lock, they wait for it once more first
      // (nothing of them has run, so running them later is the same as running them now).
      const failed = jobs.length > 0 ? jobs : this.queue.splice(0, max);
      if (jobs.length === 0 && isBusyError(e)) {
        const again = failed.filter((j) => !j.waitedForLock);
        failed.filter((j) => j.waitedForLock).forEach((j) => j.fail(e));
        again.forEach((j) => (j.waitedForLock = true));
        this.queue.unshift(...again);
        if (this.queue.length > 0) this.scheduleAfter(this.opts.busyRetryMs ?? 100);
        return;
      }
      failed.forEach((j) => j.fail(e));
      if (this.queue.length > 0) this.schedule();
      return;
    }
    if (this.queue.length > 0) this.schedule();
    jobs.forEach((j) => j.settle());
  }
}
