import type { Domain } from '../domain/domain';
import { checkApprovalSla } from '../domain/sweep/approval-sla';
import { pruneHandled } from '../bot/inbound-log';
import type { Logger } from '../log/logger';

/** A scheduled job: when (cron, business time zone) and what. */
export interface Job {
  name: string;
  cron: string;
  run(fireAt: Date): void;
}

/** The core jobs; features add their own (e.g. the authorization sweep) to the daily one. */
export function coreJobs(domain: Domain, logger: Logger, dailyExtras: ((batchKey: string) => void)[] = [], hourlyExtras: (() => void)[] = []): Job[] {
  const rules = domain.deps.rules.schedule;
  return [
    {
      name: 'daily-sweep',
      cron: rules.dailySweep,
      run(fireAt) {
        const batchKey = `sweep:${fireAt.toISOString()}`;
        const released = domain.protection.releaseExpired();
        const reminded = domain.protection.remind(batchKey);
        for (const extra of dailyExtras) extra(batchKey);
        logger.info({ event: 'sweep.daily', released, ...reminded }, 'daily sweep done');
      },
    },
    {
      name: 'hourly-check',
      cron: rules.hourlyCheck,
      run() {
        const released = domain.protection.releaseExpired();
        const sla = checkApprovalSla(domain.deps, domain.approvals);
        const pruned = pruneHandled(domain.deps, domain.deps.time.addDays(domain.deps.clock.now(), -7));
        for (const extra of hourlyExtras) extra();
        if (released || sla.reminded || sla.escalated) logger.info({ event: 'sweep.hourly', released, ...sla, pruned }, 'hourly check done');
      },
    },
  ];
}
