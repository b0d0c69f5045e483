import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Tables } from '../../storage/unit-of-work';
import type { Directory, Staff } from '../org/directory';
import { visibleOwnerIds } from '../org/visibility';
import type { AuthorizationRow } from './types';

/**
 * Whose authorizations a person works with: their own (负责人) and their people's; directors
 * and admins everything; a dealer's staff only their own company's contracts.
 */
export type AuthorizationScope = { kind: 'all' } | { kind: 'owners'; ownerIds: string[] } | { kind: 'dealer'; dealerId: string };

export async function authorizationScope(dir: Directory, viewer: Staff): Promise<AuthorizationScope> {
  if (viewer.role === 'partner') return { kind: 'dealer', dealerId: viewer.dealerId ?? '' };
  const owners = await visibleOwnerIds(dir, viewer);
  return owners ? { kind: 'owners', ownerIds: owners } : { kind: 'all' };
}

/** The scope as a condition on `t.authorizations` (the transaction's tables). */
export function scopeCondition(scope: AuthorizationScope, t: Tables): SQL {
  if (scope.kind === 'all') return sql`1 = 1`;
  if (scope.kind === 'dealer') return eq(t.authorizations.dealerId, scope.dealerId);
  return scope.ownerIds.length > 0 ? inArray(t.authorizations.ownerId, scope.ownerIds) : sql`1 = 0`;
}

export function inScope(scope: AuthorizationScope, a: AuthorizationRow): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'dealer') return a.dealerId === scope.dealerId;
  return scope.ownerIds.includes(a.ownerId);
}
