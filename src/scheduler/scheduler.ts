import schedule from 'node-schedule';
import { Cron } from 'croner';
import { eq } from 'drizzle-orm';
import type { Domain, DomainRoot } from '../domain/domain';
import type { Logger } from '../log/logger';
import type { VirtualClock } from '../clock/clock';
import type { Dispatcher } from './dispatcher';
import type { Job } from './jobs';

/**
 * Runs jobs on their cron in the business time zone. With the system clock it uses node-schedule;
 * with a virtual clock `advanceTo` replays, in order, every job fire and every delivery that
 * falls in between. On start, a job whose last fire was missed runs once to catch up. Each run of
 * a job is one unit of work, which also records the fire it ran for (job_runs).
 */
export class Scheduler {
  private readonly scheduled: schedule.Job[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly root: DomainRoot,
    private readonly jobs: Job[],
    private readonly dispatcher: Dispatcher,
    private readonly logger: Logger,
  ) {}

  private get tz(): string {
    return this.root.env.rules.schedule.timezone;
  }

  // node-schedule fires jobs in real time; croner only does the arithmetic (next / previous fire
  // in the business zone), which the virtual clock and catch-up need and node-schedule lacks.
  private readonly crons = new Map<string, Cron>();

  private cron(job: Job): Cron {
    let c = this.crons.get(job.name);
    if (!c) {
      c = new Cron(job.cron, { timezone: this.tz, paused: true });
      this.crons.set(job.name, c);
    }
    return c;
  }

  nextFire(job: Job, after: Date): Date {
    return this.cron(job).nextRun(after)!;
  }

  lastFireBefore(job: Job, at: Date): Date {
    return this.cron(job).previousRuns(1, new Date(at.getTime() + 1))[0]!;
  }

  /** Runs every job whose latest scheduled fire time passed while we were not running. */
  async catchUp(): Promise<string[]> {
    const now = this.root.env.clock.now();
    const ran: string[] = [];
    for (const job of this.jobs) {
      const due = this.lastFireBefore(job, now);
      const last = await this.root.read(async (d) => {
        const { db, t } = d.deps.tx;
        return (await db.select().from(t.jobRuns).where(eq(t.jobRuns.job, job.name)))[0];
      });
      if (last && last.lastFireAt.getTime() >= due.getTime()) continue;
      await this.runJob(job, due);
      ran.push(job.name);
    }
    return ran;
  }

  /**
   * Runs one fire of the job; the unit of work it ends with (see Job.run) also records the fire.
   * Never throws: a failure is logged, and the fire is not recorded.
   */
  async runJob(job: Job, fireAt: Date): Promise<void> {
    const started = process.hrtime.bigint();
    const record = async (d: Domain) => {
      const { db, t } = d.deps.tx;
      await db
        .insert(t.jobRuns)
        .values({ job: job.name, lastFireAt: fireAt })
        .onConflictDoUpdate({ target: t.jobRuns.job, set: { lastFireAt: fireAt } });
    };
    try {
      let recorded = false;
      await job.run(fireAt, async (fn) => {
        if (recorded) throw new Error(`job ${job.name} finished twice`);
        await this.root.write(async (d) => {
          await fn(d);
          await record(d);
        });
        recorded = true;
      });
      // A job with nothing to write at the end still counts as run.
      if (!recorded) await this.root.write(record);
    } catch (e) {
      // Not recorded as run: the next start (or fire) tries again; every rule is idempotent.
      this.logger.error({ err: e, event: 'job.failed', job: job.name }, 'scheduled job failed');
    }
    this.logger.debug({ event: 'job.ran', job: job.name, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'job ran');
  }

  /** Real time: node-schedule fires the jobs; the dispatcher also polls for retries. */
  startRealTime(pollMs = 5000): void {
    for (const job of this.jobs) {
      const j = schedule.scheduleJob({ rule: job.cron, tz: this.tz }, (fireDate: Date) => {
        void this.runJob(job, fireDate).then(() => this.dispatcher.kick());
      });
      if (j) this.scheduled.push(j);
    }
    this.timer = setInterval(() => this.dispatcher.kick(), pollMs);
    this.timer.unref();
  }

  stop(): void {
    for (const j of this.scheduled) j.cancel();
    this.scheduled.length = 0;
    if (this.timer) clearInterval(this.timer);
  }

  /** Virtual time: moves the clock to `target`, running jobs and deliveries in time order. */
  async advanceTo(clock: VirtualClock, target: Date): Promise<void> {
    // Cron arithmetic in a time zone is costly: compute each job's next fire once, after it fires.
    const next = new Map(this.jobs.map((job) => [job, this.nextFire(job, clock.now())]));
    for (let guard = 0; guard < 1_000_000; guard++) {
      const now = clock.now();
      const due = await this.dispatcher.nextDueAt();
      const candidates = [...next.values(), ...(due && due.getTime() > now.getTime() ? [due] : [])].filter((d) => d.getTime() <= target.getTime());
      if (candidates.length === 0) break;
      const at = new Date(Math.min(...candidates.map((c) => c.getTime())));
      clock.set(at);
      for (const [job, fire] of next) {
        if (fire.getTime() !== at.getTime()) continue;
        await this.runJob(job, fire);
        next.set(job, this.nextFire(job, fire));
      }
      await this.dispatcher.runOnce();
    }
    clock.set(target);
    await this.dispatcher.runOnce();
  }
}
