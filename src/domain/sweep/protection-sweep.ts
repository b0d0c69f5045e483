import { and, gt, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { registrations } from '../../../db/schema';
import { writeTx } from '../../../db/open';
import type { DomainDeps } from '../deps';
import type { Directory } from '../org/directory';
import type { ApprovalService } from '../approval/approval-service';
import { SYSTEM_ACTOR } from '../audit/audit';
import { notifyStaff } from '../outbox/notices';
import type { Records } from '../registration/records';
import { releaseToPool } from '../registration/release';
import type { RegistrationRow } from '../registration/types';

const CHUNK = 500;
// A literal, not a bound parameter: SQLite uses the partial indexes (WHERE status = 'protected')
// only when it can see the query asks for exactly that.
const PROTECTED = sql`${registrations.status} = 'protected'`;

export interface SweepCounts {
  released: number;
  expiring: number;
  noFollowUp: number;
}

/** When the owner last did something with the customer: the last follow-up, else the approval or claim. */
function lastActivityOf(reg: RegistrationRow): Date {
  const from = reg.protectedFrom!;
  return reg.lastFollowUpAt && reg.lastFollowUpAt > from ? reg.lastFollowUpAt : from;
}

/**
 * Protection rules over time. Each chunk is one transaction (state change + notices), and every
 * notice is keyed by its milestone, so a sweep re-run after a crash repeats nothing.
 */
export class ProtectionSweep {
  constructor(
    private readonly deps: DomainDeps,
    private readonly dir: Directory,
    private readonly records: Records,
    private readonly approvals: ApprovalService,
  ) {}

  /**
   * Releases every expired protection to the pool. Cheap: runs hourly. A registration whose
   * extension request is still waiting on the manager stays protected until that is decided:
   * the owner asked in time, and a slow approver must not cost them the customer.
   */
  releaseExpired(): number {
    let released = 0;
    const now = this.deps.clock.now();
    const batchKey = `pool-release:${now.toISOString()}`;
    this.inChunks(and(PROTECTED, lte(registrations.protectedUntil, now)), (reg) => {
      if (reg.status !== 'protected' || this.approvals.pendingOf('extension', reg.id)) return;
      releaseToPool(this.deps, this.records, this.approvals, reg, SYSTEM_ACTOR, 'expired', '保护期到期，自动进入公海', { batchKey });
      const owner = this.dir.get(reg.ownerId);
      const manager = owner ? this.dir.managerOf(owner) : undefined;
      notifyStaff(this.deps, [reg.ownerId, ...(manager ? [manager.id] : [])], `release:${reg.id}:expired`, {
        template: 'protection.released',
        params: { registrationId: reg.id },
      });
      released++;
    });
    return released;
  }

  /** Expiry reminders and the no-follow-up reminder; runs in the daily sweep. */
  remind(batchKey: string): Omit<SweepCounts, 'released'> {
    const now = this.deps.clock.now();
    const t = this.deps.time;
    const days = [...this.deps.rules.registration.reminderDaysBefore].sort((a, b) => a - b);
    const maxDays = days[days.length - 1] ?? 0;
    let expiring = 0;
    let noFollowUp = 0;
    const horizon = t.addDays(t.startOfDay(now), maxDays + 1);
    this.inChunks(
      and(PROTECTED, gt(registrations.protectedUntil, now), lt(registrations.protectedUntil, horizon)),
      (reg) => {
        const left = t.calendarDaysBetween(now, reg.protectedUntil!);
        const milestone = days.find((d) => left <= d);
        if (milestone === undefined) return;
        notifyStaff(
          this.deps,
          [reg.ownerId],
          `protection:${reg.id}:${reg.protectedUntil!.getTime()}:T-${milestone}`,
          { template: 'protection.expiring', params: { registrationId: reg.id, daysLeft: left }, mentions: [reg.ownerId] },
          { batchKey: `${batchKey}:${reg.ownerId}`, channel: 'team' },
        );
        expiring++;
      },
    );
    // A quiet stretch starts at the last follow-up, or at the approval / claim when that is later
    // (a claim is a new registration, protected from the claim). Its start is the milestone: one
    // reminder per stretch, and a follow-up starts a new stretch that is reminded again.
    const cutoff = t.addDays(now, -this.deps.rules.registration.noFollowUpDays);
    // A week of grace covers a bot that was down; stretches older than that have had their reminder.
    const graceFrom = t.addDays(cutoff, -7);
    this.inChunks(
      and(
        PROTECTED,
        lte(registrations.protectedFrom, cutoff),
        or(isNull(registrations.lastFollowUpAt), lte(registrations.lastFollowUpAt, cutoff)),
        or(gt(registrations.protectedFrom, graceFrom), gt(registrations.lastFollowUpAt, graceFrom)),
      ),
      (reg) => {
        const quietSince = lastActivityOf(reg);
        notifyStaff(
          this.deps,
          [reg.ownerId],
          `nofollow:${reg.id}:${quietSince.getTime()}`,
          { template: 'protection.no_follow_up', params: { registrationId: reg.id }, mentions: [reg.ownerId] },
          { batchKey: `${batchKey}:${reg.ownerId}`, channel: 'team' },
        );
        noFollowUp++;
      },
    );
    return { expiring, noFollowUp };
  }

  /**
   * Runs `each` over the matching registrations, CHUNK to a transaction, each row read inside
   * its chunk's transaction. The ids are read once (the index answers that alone); paging with
   * ORDER BY id instead would make SQLite re-read and sort the whole index range every chunk.
   */
  private inChunks(where: ReturnType<typeof and>, each: (reg: RegistrationRow) => void): void {
    const ids = this.deps.db.select({ id: registrations.id }).from(registrations).where(where).all().map((r) => r.id);
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      writeTx(this.deps.db, () => {
        for (const reg of this.deps.db.select().from(registrations).where(inArray(registrations.id, chunk)).all()) each(reg);
      });
    }
  }
}
