import { and, eq, inArray, isNull } from 'drizzle-orm';
import { first } from '../../storage/unit-of-work';
import type { DomainDeps } from '../deps';
import { Directory, type Staff } from './directory';
import { ApprovalService } from '../approval/approval-service';
import { Records } from '../registration/records';
import { HandoverService } from '../registration/handover';

export interface DepartureCounts {
  people: number;
  moved: number;
  released: number;
  withdrawn: number;
  approvals: number;
}

/** The nearest active person above `s` who is not `skip`; else the director; else an admin. */
async function activeBossOf(dir: Directory, s: Staff, skip?: string): Promise<Staff | undefined> {
  let cur: Staff | undefined = s;
  for (let i = 0; i < 10 && cur; i++) {
    cur = await dir.managerOf(cur);
    if (cur?.active && cur.id !== skip) return cur;
  }
  const director = await dir.directorFor(s);
  if (director && director.id !== s.id && director.id !== skip) return director;
  return (await dir.admins()).find((a) => a.id !== skip && a.id !== s.id);
}

/**
 * People the org import marks 离职 (inside its transaction): their pending and protected customers
 * go to their manager, or to the pool when `rules.org.departedCustomers` says so, through the
 * handover; approvals waiting on them go to their manager. Re-importing finds nothing left to do.
 */
export async function handleDepartures(deps: DomainDeps, staffIds: string[], actorId: string): Promise<DepartureCounts> {
  const counts: DepartureCounts = { people: 0, moved: 0, released: 0, withdrawn: 0, approvals: 0 };
  if (staffIds.length === 0) return counts;
  const dir = new Directory(deps);
  const records = new Records(deps);
  const approvals = new ApprovalService(deps, dir);
  const handover = new HandoverService(deps, dir, records, approvals);
  const { db, t } = deps.tx;
  for (const id of staffIds) {
    const from = await dir.get(id);
    if (!from || from.active) continue;
    const boss = await activeBossOf(dir, from);
    const owns = first(
      await db
        .select({ id: t.registrations.id })
        .from(t.registrations)
        .where(and(eq(t.registrations.ownerId, id), inArray(t.registrations.status, ['pending', 'protected', 'won'])))
        .limit(1),
    );
    const waiting = await db
      .select({ stepId: t.approvalAssignees.stepId, requesterId: t.approvals.requesterId })
      .from(t.approvalAssignees)
      .innerJoin(t.approvalSteps, eq(t.approvalSteps.id, t.approvalAssignees.stepId))
      .innerJoin(t.approvals, eq(t.approvals.id, t.approvalAssignees.approvalId))
      .where(and(eq(t.approvalAssignees.staffId, id), isNull(t.approvalAssignees.decision), inArray(t.approvalSteps.status, ['waiting', 'pending']), eq(t.approvals.status, 'pending')));
    if (!owns && waiting.length === 0) continue;
    counts.people++;
    if (owns) {
      const to = deps.rules.org.departedCustomers === 'pool' || !boss ? 'pool' : boss;
      const r = await handover.handOverDeparted(actorId, from, to, boss);
      counts.moved += r.moved;
      counts.released += r.released;
      counts.withdrawn += r.withdrawn;
    }
    for (const w of waiting) {
      // Nobody approves their own request: skip the requester on the way up.
      const to = await activeBossOf(dir, from, w.requesterId);
      if (!to) continue;
      await approvals.reassign(w.stepId, id, to.id, actorId);
      counts.approvals++;
    }
  }
  return counts;
}
