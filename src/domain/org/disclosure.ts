import type { AuthorizationRow } from '../authorization/types';
import { authorizationScope, inScope } from '../authorization/scope';
import type { Directory, Staff } from './directory';

/**
 * What a rendered message tells beyond the facts everyone in the organisation may know (a
 * customer's name, who registered it and until when). Renderers name what they show; the delivery
 * path checks it against every reader of the target chat.
 */
export type Disclosure =
  /** A customer's contacts, budget, products, notes, follow-ups, orders or history. */
  | { kind: 'customer'; customerId: number }
  /** An approval's facts and decision: its requester and approvers, and whoever may see its customer. */
  | { kind: 'approval'; approvalId: number; customerId?: number }
  /** A dealer's contract: number, product lines, regions, dates, renewal stage, its registrations. */
  | { kind: 'authorization'; authorizationId: number }
  /** A dealer's standing: its authorized regions, lapsed contracts (what a refusal to its people says). */
  | { kind: 'dealer'; dealerId: string }
  /** The key contact of an authorization: only those whose contracts it is. */
  | { kind: 'authorization_contact'; authorizationId: number }
  /** Company-internal figures and work (renewal statistics, others' approvals): never for a dealer. */
  | { kind: 'internal' };

/**
 * The look-ups a disclosure check needs, answered by the domain's stores (in the delivery's unit
 * of work, hence asynchronous; the rules below only combine their answers).
 */
export interface DisclosureFacts {
  dir: Directory;
  /** Whether the viewer may see this customer in full (owner, above the owner, collaborator, …). */
  seesCustomer(viewer: Staff, customerId: number): Promise<boolean>;
  authorization(id: number): Promise<AuthorizationRow | undefined>;
  /** The requester of the approval, or anyone assigned (or escalated to) one of its steps. */
  takesPartIn(viewer: Staff, approvalId: number): Promise<boolean>;
}

export async function maySee(f: DisclosureFacts, viewer: Staff, d: Disclosure): Promise<boolean> {
  switch (d.kind) {
    case 'customer':
      return await f.seesCustomer(viewer, d.customerId);
    case 'approval':
      return (await f.takesPartIn(viewer, d.approvalId)) || (d.customerId !== undefined ? await f.seesCustomer(viewer, d.customerId) : viewer.role !== 'partner');
    case 'internal':
      return viewer.role !== 'partner';
    case 'authorization': {
      const a = await f.authorization(d.authorizationId);
      if (!a) return viewer.role !== 'partner';
      return viewer.role === 'partner' ? viewer.dealerId === a.dealerId : true;
    }
    case 'dealer':
      return viewer.role === 'partner' ? viewer.dealerId === d.dealerId : true;
    case 'authorization_contact': {
      const a = await f.authorization(d.authorizationId);
      return !!a && inScope(await authorizationScope(f.dir, viewer), a);
    }
  }
}

const PRIVILEGE: Record<Staff['role'], number> = { partner: 0, sales: 1, manager: 2, director: 3, admin: 3 };

/** Every reader may see everything disclosed. An unknown audience may see nothing beyond the public facts. */
export async function everyoneMaySee(f: DisclosureFacts, readers: readonly Staff[] | undefined, disclosed: readonly Disclosure[]): Promise<boolean> {
  if (disclosed.length === 0) return true;
  if (!readers || readers.length === 0) return false;
  const unique = uniqueDisclosures(disclosed);
  // The least privileged first: the answer is usually "no", and they give it on the first item.
  const ordered = [...readers].sort((a, b) => PRIVILEGE[a.role] - PRIVILEGE[b.role]);
  for (const r of ordered) {
    for (const d of unique) if (!(await maySee(f, r, d))) return false;
  }
  return true;
}

export function uniqueDisclosures(list: readonly Disclosure[]): Disclosure[] {
  const seen = new Map<string, Disclosure>();
  for (const d of list) seen.set(JSON.stringify(d), d);
  return [...seen.values()];
}
