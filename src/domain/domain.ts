import type { DomainDeps } from './deps';
import { Directory } from './org/directory';
import { Groups } from './org/groups';
import { ApprovalService } from './approval/approval-service';
import { Records } from './registration/records';
import { DuplicateFinder } from './registration/duplicate-finder';
import { CustomerLookup } from './registration/lookup';
import { RegisterService } from './registration/register';
import { OwnerActions } from './registration/owner-actions';
import { PoolService } from './registration/pool';
import { HandoverService } from './registration/handover';
import { BlockedActions } from './registration/blocked-actions';
import { RegistrationQueries } from './registration/queries';
import { registerRegistrationApprovalKinds } from './registration/approval-kinds';
import { ProtectionSweep } from './sweep/protection-sweep';
import { ensureDedupIndex } from './registration/rebuild-dedup-index';

/**
 * Every domain service, wired once per process. A dedup index built by other dedup rules is
 * rebuilt first (`onDedupRebuild` hears about it: at a million customers it takes ~46 s).
 */
export function createDomain(deps: DomainDeps, opts: { onDedupRebuild?: (customers: number) => void } = {}) {
  ensureDedupIndex(deps, opts.onDedupRebuild);
  const dir = new Directory(deps);
  const records = new Records(deps);
  const finder = new DuplicateFinder(deps);
  const approvals = new ApprovalService(deps, dir);
  const lookup = new CustomerLookup(deps, finder);
  registerRegistrationApprovalKinds(deps, records, approvals);
  return {
    deps,
    dir,
    groups: new Groups(deps, dir),
    records,
    finder,
    approvals,
    lookup,
    register: new RegisterService(deps, dir, records, finder, approvals),
    owner: new OwnerActions(deps, dir, records, lookup, approvals, finder),
    pool: new PoolService(deps, dir, records, lookup),
    handover: new HandoverService(deps, dir, records, approvals),
    blocked: new BlockedActions(deps, dir, records, approvals, lookup),
    queries: new RegistrationQueries(deps, dir),
    protection: new ProtectionSweep(deps, dir, records, approvals),
  };
}

export type Domain = ReturnType<typeof createDomain>;
