import { count } from 'drizzle-orm';
import { staff } from '../../db/schema';
import { writeTx } from '../../db/open';
import type { DomainDeps } from '../domain/deps';
import { applyOrg } from '../domain/org/apply-org';
import { DEMO_ORG } from '../domain/org/demo-org';

/** Seeds the demo organisation of design.md; only into an empty database unless forced. */
export function seedDemo(deps: DomainDeps, opts: { onlyIfEmpty: boolean }): boolean {
  const n = deps.db.select({ n: count() }).from(staff).get()?.n ?? 0;
  if (opts.onlyIfEmpty && n > 0) return false;
  writeTx(deps.db, () => applyOrg(deps, DEMO_ORG, 'system'));
  return true;
}
