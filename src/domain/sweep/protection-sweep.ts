import { and, gt, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Tables } from '../../storage/unit-of-work';
import type { DomainDeps } from '../deps';
import type { DomainRoot } from '../domain';
import type { Directory } from '../org/directory';
import type { ApprovalService } from '../approval/approval-service';
import { SYSTEM_ACTOR } from '../audit/audit';
import { notifyStaff } from '../outbox/notices';
import type { Records } from '../registration/records';
import { releaseToPool } from '../registration/release';
import type { RegistrationRow } from '../registration/types';

const CHUNK = 500;

export interface SweepCounts {
  released: number;
  expiring: number;
  noFollowUp: number;
}

/** The three walks over protected registrations: expired ones, ones about to expire, quiet ones. */
export type SweepPass = 'expired' | 'expiring' | 'quiet';

/** When the owner last did something with the customer: the last follow-up, else the approval or claim. */
function lastActivityOf(reg: RegistrationRow): Date {
  const from = reg.protectedFrom!;
  return reg.lastFollowUpAt && reg.lastFollowUpAt > from ? reg.lastFollowUpAt : from;
}

/**
 * Releases every expired protection to the pool. Cheap: runs hourly. A registration whose
 * extension request is still waiting on the manager stays protected until that is decided:
 * the owner asked in time, and a slow approver must not cost them the customer.
 */
export async function releaseExpired(root: DomainRoot): Promise<number> {
  const now = root.env.clock.now();
  return await sweep(root, 'expired', now, `pool-release:${now.toISOString()}`);
}

/** Expiry reminders and the no-follow-up reminder; runs in the daily sweep. */
export async function remindProtections(root: DomainRoot, batchKey: string): Promise<Omit<SweepCounts, 'released'>> {
  const now = root.env.clock.now();
  const expiring = await sweep(root, 'expiring', now, batchKey);
  const noFollowUp = await sweep(root, 'quiet', now, batchKey);
  return { expiring, noFollowUp };
}

/**
 * Protection rules over time, as the scheduler runs them (outside any unit of work: the sweep
 * starts its own). The ids are read once (the partial index answers that alone; paging with
 * ORDER BY id instead would make SQLite re-read and sort the whole index range every chunk), then
 * each chunk of CHUNK is its own write unit of work (state change + notices), so chat commands
 * get their turn between chunks. Every notice is keyed by its milestone, so a sweep re-run after
 * a crash repeats nothing.
 */
async function sweep(root: DomainRoot, pass: SweepPass, now: Date, batchKey: string): Promise<number> {
  const ids = await root.read((d) => d.protection.idsOf(pass, now));
  let done = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    done += await root.write((d) => d.protection.visit(pass, now, batchKey, chunk));
  }
  return done;
}

/** The sweep's work inside one unit of work (releaseExpired and remindProtections run it). */
export class ProtectionSweep {
  constructor(
    private readonly deps: DomainDeps,
    private readonly dir: Directory,
    private readonly records: Records,
    private readonly approvals: ApprovalService,
  ) {}

  /** The registrations `pass` visits as of `now`. */
  async idsOf(pass: SweepPass, now: Date): Promise<number[]> {
    const { db, t } = this.deps.tx;
    const rows = await db.select({ id: t.registrations.id }).from(t.registrations).where(this.where(t, pass, now));
    return rows.map((r) => r.id);
  }

  /**
   * Runs `pass` over these registrations; each row is read here, and only while it still matches
   * (a chat command may have changed it since the ids were read). Returns how many it acted on.
   */
  async visit(pass: SweepPass, now: Date, batchKey: string, ids: number[]): Promise<number> {
    const { db, t } = this.deps.tx;
    const rows = await db.select().from(t.registrations).where(and(inArray(t.registrations.id, ids), this.where(t, pass, now)));
    let done = 0;
    for (const reg of rows) if (await this.visitOne(pass, now, batchKey, reg)) done++;
    return done;
  }

  private where(t: Tables, pass: SweepPass, now: Date): SQL {
    const r = t.registrations;
    // A literal, not a bound parameter: SQLite uses the partial indexes (WHERE status = 'protected')
    // only when it can see the query asks for exactly that.
    const isProtected = sql`${r.status} = 'protected'`;
    const time = this.deps.time;
    if (pass === 'expired') return and(isProtected, lte(r.protectedUntil, now))!;
    if (pass === 'expiring') {
      const days = this.reminderDays();
      const horizon = time.addDays(time.startOfDay(now), (days[days.length - 1] ?? 0) + 1);
      return and(isProtected, gt(r.protectedUntil, now), lt(r.protectedUntil, horizon))!;
    }
    // A quiet stretch starts at the last follow-up, or at the approval / claim when that is later
    // (a claim is a new registration, protected from the claim). Its start is the milestone: one
    // reminder per stretch, and a follow-up starts a new stretch that is reminded again.
    const cutoff = time.addDays(now, -this.deps.rules.registration.noFollowUpDays);
    // A week of grace covers a bot that was down; stretches older than that have had their reminder.
    const graceFrom = time.addDays(cutoff, -7);
    return and(
      isProtected,
      lte(r.protectedFrom, cutoff),
      or(isNull(r.lastFollowUpAt), lte(r.lastFollowUpAt, cutoff)),
      or(gt(r.protectedFrom, graceFrom), gt(r.lastFollowUpAt, graceFrom)),
    )!;
  }

  private reminderDays(): number[] {
    return [...this.deps.rules.registration.reminderDaysBefore].sort((a, b) => a - b);
  }

  private async visitOne(pass: SweepPass, now: Date, batchKey: string, reg: RegistrationRow): Promise<boolean> {
    if (pass === 'expired') {
      if (reg.status !== 'protected' || (await this.approvals.pendingOf('extension', reg.id))) return false;
      await releaseToPool(this.deps, this.records, this.approvals, reg, SYSTEM_ACTOR, 'expired', '保护期到期，自动进入公海', { batchKey });
      const owner = await this.dir.get(reg.ownerId);
      const manager = owner ? await this.dir.managerOf(owner) : undefined;
      await notifyStaff(this.deps, [reg.ownerId, ...(manager ? [manager.id] : [])], `release:${reg.id}:expired`, {
        template: 'protection.released',
        params: { registrationId: reg.id },
      });
      return true;
    }
    if (pass === 'expiring') {
      const left = this.deps.time.calendarDaysBetween(now, reg.protectedUntil!);
      const milestone = this.reminderDays().find((d) => left <= d);
      if (milestone === undefined) return false;
      await notifyStaff(
        this.deps,
        [reg.ownerId],
        `protection:${reg.id}:${reg.protectedUntil!.getTime()}:T-${milestone}`,
        { template: 'protection.expiring', params: { registrationId: reg.id, daysLeft: left }, mentions: [reg.ownerId] },
        { batchKey: `${batchKey}:${reg.ownerId}`, channel: 'team' },
      );
      return true;
    }
    const quietSince = lastActivityOf(reg);
    await notifyStaff(
      this.deps,
      [reg.ownerId],
      `nofollow:${reg.id}:${quietSince.getTime()}`,
      { template: 'protection.no_follow_up', params: { registrationId: reg.id }, mentions: [reg.ownerId] },
      { batchKey: `${batchKey}:${reg.ownerId}`, channel: 'team' },
    );
    return true;
  }
}
