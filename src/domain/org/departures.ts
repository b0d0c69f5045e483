import { and, eq, inArray, isNull } from 'drizzle-orm';
import { approvalAssignees, approvalSteps, approvals as approvalRows, registrations } from '../../../db/schema';
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
function activeBossOf(dir: Directory, s: Staff, skip?: string): Staff | undefined {
  let cur: Staff | undefined = s;
  for (let i = 0; i < 10 && cur; i++) {
    cur = dir.managerOf(cur);
    if (cur?.active && cur.id !== skip) return cur;
  }
  const director = dir.directorFor(s);
  if (director && director.id !== s.id && director.id !== skip) return director;
  return dir.admins().find((a) => a.id !== skip && a.id !== s.id);
}

/**
 * People the org import marks 离职 (inside its transaction): their pending and protected customers
 * go to their manager, or to the pool when `rules.org.departedCustomers` says so, through the
 * handover; approvals waiting on them go to their manager. Re-importing finds nothing left to do.
 */
export function handleDepartures(deps: DomainDeps, staffIds: string[], actorId: string): DepartureCounts {
  const counts: DepartureCounts = { people: 0, moved: 0, released: 0, withdrawn: 0, approvals: 0 };
  if (staffIds.length === 0) return counts;
  const dir = new Directory(deps);
  const records = new Records(deps);
  const approvals = new ApprovalService(deps, dir);
  const handover = new HandoverService(deps, dir, records, approvals);
  for (const id of staffIds) {
    const from = dir.get(id);
    if (!from || from.active) continue;
    const boss = activeBossOf(dir, from);
    const owns = deps.db
      .select({ id: registrations.id })
      .from(registrations)
      .where(and(eq(registrations.ownerId, id), inArray(registrations.status, ['pending', 'protected', 'won'])))
      .get();
    const waiting = deps.db
      .select({ stepId: approvalAssignees.stepId, requesterId: approvalRows.requesterId })
      .from(approvalAssignees)
      .innerJoin(approvalSteps, eq(approvalSteps.id, approvalAssignees.stepId))
      .innerJoin(approvalRows, eq(approvalRows.id, approvalAssignees.approvalId))
      .where(and(eq(approvalAssignees.staffId, id), isNull(approvalAssignees.decision), inArray(approvalSteps.status, ['waiting', 'pending']), eq(approvalRows.status, 'pending')))
      .all();
    if (!owns && waiting.length === 0) continue;
    counts.people++;
    if (owns) {
      const to = deps.rules.org.departedCustomers === 'pool' || !boss ? 'pool' : boss;
      const r = handover.handOverDeparted(actorId, from, to, boss);
      counts.moved += r.moved;
      counts.released += r.released;
      counts.withdrawn += r.withdrawn;
    }
    for (const w of waiting) {
      // Nobody approves their own request: skip the requester on the way up.
      const to = activeBossOf(dir, from, w.requesterId);
      if (!to) continue;
      approvals.reassign(w.stepId, id, to.id, actorId);
      counts.approvals++;
    }
  }
  return counts;
}
