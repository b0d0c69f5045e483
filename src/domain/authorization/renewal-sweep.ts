import { and, asc, eq, gt, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { DomainDeps } from '../deps';
import type { Directory } from '../org/directory';
import { recordAudit, SYSTEM_ACTOR } from '../audit/audit';
import { enqueueNotice } from '../outbox/notices';
import { addDays, daysBetween, today, type IsoDate } from './dates';
import { renewalRecipients, type RenewalAudience } from './recipients';
import { stillBefore } from './renewal-service';
import type { AuthorizationStore } from './store';
import { openRenewalTask } from './tasks';
import type { AuthorizationRow, PeriodRow, RenewalTaskRow } from './types';

const CHUNK = 500;
/** The milestone value recorded for "end date passed". */
export const EXPIRY = -1;

export const RENEWAL_NOTICE = 'authz.renewal';

export interface RenewalSweepCounts {
  opened: number;
  notices: number;
  expired: number;
}

interface Due {
  days: number;
  notify: readonly RenewalAudience[];
  priority: 'normal' | 'high';
  listRegistrations: boolean;
  /** Absent for the expiry, which no stage short of 回款 stops. */
  untilStage?: Parameters<typeof stillBefore>[1];
}

/**
 * The daily renewal rules: open the task at T-90, escalate at the configured milestones while the
 * renewal has not reached the stage that ends them, and mark the expiry. Only the most urgent
 * milestone due fires (a period first seen at T-45 gets T-60, not T-90 as well); the period
 * remembers what was handled and every notice is keyed by its milestone, so a re-run repeats nothing.
 */
export class RenewalSweep {
  constructor(
    private readonly deps: DomainDeps,
    private readonly dir: Directory,
    private readonly store: AuthorizationStore,
  ) {}

  /** Runs inside the caller's unit of work (the scheduler's daily one), a page of periods at a time. */
  async run(batchKey: string): Promise<RenewalSweepCounts> {
    const rules = this.deps.rules.authorization;
    const day = today(this.deps.time, this.deps.clock.now());
    const reach = Math.max(rules.renewalOpensDaysBefore, ...rules.milestones.map((m) => m.daysBefore));
    const counts: RenewalSweepCounts = { opened: 0, notices: 0, expired: 0 };
    const recipients = new Map<string, string[]>();
    let after: { endsOn: IsoDate; id: number } = { endsOn: '', id: 0 };
    for (;;) {
      const rows = await this.page(addDays(day, reach), after);
      // Most days most rows are between milestones: they cost only this read.
      for (const { p, a, t } of rows) {
        if (this.hasWork(p, t, day)) await this.handle(a, p, t ?? undefined, day, batchKey, counts, recipients);
      }
      if (rows.length < CHUNK) return counts;
      const last = rows[rows.length - 1]!.p;
      after = { endsOn: last.endsOn, id: last.id };
    }
  }

  /** The next CHUNK periods still to renew, not yet expired, ending by `until`, after `after` in (endsOn, id) order. */
  private page(until: IsoDate, after: { endsOn: IsoDate; id: number }) {
    const ph = (name: string) => sql.placeholder(name);
    return this.deps.tx
      .prepared('renewal.sweep.page', (db, t) =>
        db
          .select({ p: t.authorizationPeriods, a: t.authorizations, t: t.renewalTasks })
          .from(t.authorizationPeriods)
          .innerJoin(t.authorizations, eq(t.authorizations.id, t.authorizationPeriods.authorizationId))
          .leftJoin(t.renewalTasks, eq(t.renewalTasks.periodId, t.authorizationPeriods.id))
          .where(
            and(
              isNull(t.authorizationPeriods.nextPeriodId),
              isNull(t.authorizationPeriods.expiredAt),
              lte(t.authorizationPeriods.endsOn, ph('until')),
              // The range bound lets the index on ends_on start at the cursor; the OR breaks ties by id.
              gte(t.authorizationPeriods.endsOn, ph('afterEndsOn')),
              or(gt(t.authorizationPeriods.endsOn, ph('afterEndsOn')), gt(t.authorizationPeriods.id, ph('afterId'))),
            ),
          )
          .orderBy(asc(t.authorizationPeriods.endsOn), asc(t.authorizationPeriods.id))
          .limit(CHUNK)
          .prepare(),
      )
      .all({ until, afterEndsOn: after.endsOn, afterId: after.id });
  }

  private hasWork(p: PeriodRow, task: RenewalTaskRow | null, day: IsoDate): boolean {
    const left = daysBetween(day, p.endsOn);
    if (!task && left <= this.deps.rules.authorization.renewalOpensDaysBefore) return true;
    const due = this.dueMilestone(left);
    return !!due && (p.sweptMilestone === null || p.sweptMilestone > due.days);
  }

  private async handle(a: AuthorizationRow, p: PeriodRow, had: RenewalTaskRow | undefined, day: IsoDate, batchKey: string, counts: RenewalSweepCounts, recipients: Map<string, string[]>): Promise<void> {
    const rules = this.deps.rules.authorization;
    const left = daysBetween(day, p.endsOn);
    let stage: Parameters<typeof stillBefore>[0] = 'not_started';
    if (left <= rules.renewalOpensDaysBefore) {
      const task = had ?? (await openRenewalTask(this.deps, this.store, a, p, SYSTEM_ACTOR));
      if (!had) counts.opened++;
      stage = task.stage;
    }
    const due = this.dueMilestone(left);
    if (!due || (p.sweptMilestone !== null && p.sweptMilestone <= due.days)) return;
    const applies = due.untilStage === undefined || stillBefore(stage, due.untilStage);
    if (applies) counts.notices += await this.notify(a, p, this.withSkipped(due, p, stage), batchKey, recipients);
    const expired = due.days === EXPIRY;
    if (expired) {
      counts.expired++;
      await recordAudit(this.deps, { actorId: SYSTEM_ACTOR, action: 'authorization.expire', subjectType: 'authorization', subjectId: a.id, after: { endsOn: p.endsOn } });
    }
    await this.markSwept(p.id, due.days, expired ? this.deps.clock.now() : undefined);
  }

  /**
   * Records the milestone handled (and the expiry). Two prepared statements, since a placeholder
   * for a timestamp cannot carry null; expired_at is null already on every period the sweep reads.
   */
  private async markSwept(periodId: number, milestone: number, expiredAt: Date | undefined): Promise<void> {
    const ph = (name: string) => sql.placeholder(name);
    const tx = this.deps.tx;
    if (expiredAt) {
      await tx
        .prepared('renewal.sweep.expired', (db, t) =>
          db.update(t.authorizationPeriods).set({ sweptMilestone: ph('m') as never, expiredAt: ph('at') as never }).where(eq(t.authorizationPeriods.id, ph('id'))).prepare(),
        )
        .run({ m: milestone, at: expiredAt, id: periodId });
    } else {
      await tx
        .prepared('renewal.sweep.milestone', (db, t) => db.update(t.authorizationPeriods).set({ sweptMilestone: ph('m') as never }).where(eq(t.authorizationPeriods.id, ph('id'))).prepare())
        .run({ m: milestone, id: periodId });
    }
  }

  private dueMilestone(left: number): Due | undefined {
    const rules = this.deps.rules.authorization;
    if (left < 0) return { days: EXPIRY, ...rules.expiry, priority: 'high' };
    const passed = rules.milestones.filter((m) => left <= m.daysBefore).sort((x, y) => x.daysBefore - y.daysBefore)[0];
    return passed ? { ...passed, days: passed.daysBefore } : undefined;
  }

  /**
   * A period first seen late (imported 18 days before its end) skips the earlier milestones: the
   * one that fires also tells whoever those would have told (the 负责人 above all), and says it
   * is late. Milestones that no longer apply (the renewal moved past their stage) add no one.
   */
  private withSkipped(due: Due, p: PeriodRow, stage: Parameters<typeof stillBefore>[0]): Due & { late: boolean } {
    const skipped = this.deps.rules.authorization.milestones.filter(
      (m) => m.daysBefore > due.days && (p.sweptMilestone === null || m.daysBefore < p.sweptMilestone) && stillBefore(stage, m.untilStage),
    );
    if (skipped.length === 0) return { ...due, late: false };
    return { ...due, notify: [...new Set([...due.notify, ...skipped.flatMap((m) => m.notify)])], late: due.days !== EXPIRY };
  }

  private async notify(a: AuthorizationRow, p: PeriodRow, due: Due & { late: boolean }, batchKey: string, recipients: Map<string, string[]>): Promise<number> {
    const key = `authz:${a.contractNo}:${p.id}:${p.endsOn}:${due.days === EXPIRY ? 'expired' : `T-${due.days}`}`;
    // The same people answer for many contracts: look each chain up once per run.
    const who = `${due.notify.join(',')}|${a.ownerId}|${due.notify.includes('channelManager') ? a.dealerId : ''}`;
    let ids = recipients.get(who);
    if (!ids) recipients.set(who, (ids = await renewalRecipients(this.dir, a, due.notify)));
    let sent = 0;
    for (const id of ids) {
      // The 负责人's reminders join their team's digest; escalations reach bosses privately, and so
      // does a notice listing the dealer's customers (a late T-30 reaching the 负责人 too).
      const team = id === a.ownerId && due.days !== EXPIRY && !due.listRegistrations;
      const ok = await enqueueNotice(this.deps, {
        key,
        to: { type: 'staff', id },
        channel: team ? 'team' : 'private',
        batchKey: `${batchKey}:${id}`,
        payload: {
          template: RENEWAL_NOTICE,
          params: { periodId: p.id, milestone: due.days, listRegistrations: due.listRegistrations, ...(due.late ? { late: true } : {}) },
          priority: due.priority,
          ...(team ? { mentions: [id] } : {}),
        },
      });
      if (ok) sent++;
    }
    return sent;
  }
}
