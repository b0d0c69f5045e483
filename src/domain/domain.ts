import type { Tx } from '../storage/unit-of-work';
import { depsIn, type DomainDeps, type DomainEnv } from './deps';
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

/** Installed once per app (by features): run on every Domain as it is created, e.g. to add guards. */
export type DomainExtension = (domain: Domain) => void;

/**
 * Every domain service, bound to one unit of work (its transaction). Building one is a handful of
 * allocations: a unit of work builds its own, so no service ever holds a transaction past it.
 */
export function createDomain(deps: DomainDeps, extensions: readonly DomainExtension[] = []) {
  const dir = new Directory(deps);
  const records = new Records(deps);
  const finder = new DuplicateFinder(deps);
  const approvals = new ApprovalService(deps, dir);
  const lookup = new CustomerLookup(deps, finder);
  registerRegistrationApprovalKinds(deps, records, approvals);
  const domain = {
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
  for (const extend of extensions) extend(domain);
  return domain;
}

export type Domain = ReturnType<typeof createDomain>;

/**
 * The domain of one process: its environment and the extensions features installed. Every use
 * goes through a unit of work: `write`, `command` (a chat command: batched commits on SQLite) or
 * `read`, each handing fn a Domain bound to that transaction.
 */
export class DomainRoot {
  private readonly extensions: DomainExtension[] = [];

  constructor(readonly env: DomainEnv) {}

  /** Adds an extension for every Domain created from now on. */
  extend(extension: DomainExtension): void {
    this.extensions.push(extension);
  }

  in(tx: Tx): Domain {
    return createDomain(depsIn(this.env, tx), this.extensions);
  }

  write<T>(fn: (d: Domain) => Promise<T>): Promise<T> {
    return this.env.store.write((tx) => fn(this.in(tx)));
  }

  command<T>(fn: (d: Domain) => Promise<T>): Promise<T> {
    return this.env.store.command((tx) => fn(this.in(tx)));
  }

  read<T>(fn: (d: Domain) => Promise<T>): Promise<T> {
    return this.env.store.read((tx) => fn(this.in(tx)));
  }

  /**
   * Before the first unit of work: a dedup index built by other dedup rules is rebuilt
   * (`onDedupRebuild` hears about it: at a million customers it takes ~46 s).
   */
  async prepare(opts: { onDedupRebuild?: (customers: number) => void } = {}): Promise<void> {
    await ensureDedupIndex(this.env, opts.onDedupRebuild);
  }
}
