import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import { authorizations } from '../../../db/schema';
import type { Directory, Staff } from '../org/directory';
import { visibleOwnerIds } from '../org/visibility';
import type { AuthorizationRow } from './types';

/**
 * Whose authorizations a person works with: their own (负责人) and their people's; directors
 * and admins everything; a dealer's staff only their own company's contracts.
 */
export type AuthorizationScope = { kind: 'all' } | { kind: 'owners'; ownerIds: string[] } | { kind: 'dealer'; dealerId: string };

export function authorizationScope(dir: Directory, viewer: Staff): AuthorizationScope {
  if (viewer.role === 'partner') return { kind: 'dealer', dealerId: viewer.dealerId ?? '' };
  const owners = visibleOwnerIds(dir, viewer);
  return owners ? { kind: 'owners', ownerIds: owners } : { kind: 'all' };
}

export function scopeCondition(scope: AuthorizationScope): SQL {
  if (scope.kind === 'all') return sql`1 = 1`;
  if (scope.kind === 'dealer') return eq(authorizations.dealerId, scope.dealerId);
  return scope.ownerIds.length > 0 ? inArray(authorizations.ownerId, scope.ownerIds) : sql`1 = 0`;
}

export function inScope(scope: AuthorizationScope, a: AuthorizationRow): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'dealer') return a.dealerId === scope.dealerId;
  return scope.ownerIds.includes(a.ownerId);
}
