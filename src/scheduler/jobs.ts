import type { Domain, DomainRoot } from '../domain/domain';
import { releaseExpired, remindProtections } from '../domain/sweep/protection-sweep';
import { checkApprovalSla } from '../domain/sweep/approval-sla';
import { pruneHandled } from '../bot/inbound-log';
import type { Logger } from '../log/logger';

/** The unit of work that ends a fire: fn's writes and the record of the fire (job_runs) commit together. */
export type FinishFire = (fn: (d: Domain) => Promise<void>) => Promise<void>;

/** A scheduled job: when (cron, business time zone) and what. */
export interface Job {
  name: string;
  cron: string;
  /**
   * One fire. Work over many rows (the protection sweeps) opens its own units of work, chunk by
   * chunk (each idempotent, so a fire re-run after a crash repeats nothing); the rest runs in
   * `finish`, called once at the end: the fire counts as run only once that has committed.
   */
  run(fireAt: Date, finish: FinishFire): Promise<void>;
}

/** A feature's step of the daily sweep; its notices share the sweep's batch key. */
export type DailyStep = (d: Domain, batchKey: string) => Promise<void>;
export type HourlyStep = (d: Domain) => Promise<void>;

/** The core jobs; features add their own (e.g. the authorization sweep) to the daily one. */
export function coreJobs(root: DomainRoot, logger: Logger, dailyExtras: DailyStep[] = [], hourlyExtras: HourlyStep[] = []): Job[] {
  const rules = root.env.rules.schedule;
  return [
    {
      name: 'daily-sweep',
      cron: rules.dailySweep,
      async run(fireAt, finish) {
        const batchKey = `sweep:${fireAt.toISOString()}`;
        const released = await releaseExpired(root);
        const reminded = await remindProtections(root, batchKey);
        await finish(async (d) => {
          for (const extra of dailyExtras) await extra(d, batchKey);
        });
        logger.info({ event: 'sweep.daily', released, ...reminded }, 'daily sweep done');
      },
    },
    {
      name: 'hourly-check',
      cron: rules.hourlyCheck,
      async run(_fireAt, finish) {
        const released = await releaseExpired(root);
        let sla = { reminded: 0, escalated: 0 };
        let pruned = 0;
        await finish(async (d) => {
          sla = await checkApprovalSla(d.deps, d.approvals);
          pruned = await pruneHandled(d.deps, d.deps.time.addDays(d.deps.clock.now(), -7));
          for (const extra of hourlyExtras) await extra(d);
        });
        if (released || sla.reminded || sla.escalated) logger.info({ event: 'sweep.hourly', released, ...sla, pruned }, 'hourly check done');
      },
    },
  ];
}
