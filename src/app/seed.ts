import { count } from 'drizzle-orm';
import type { DomainDeps } from '../domain/deps';
import { first } from '../storage/unit-of-work';
import { applyOrg } from '../domain/org/apply-org';
import { DEMO_ORG } from '../domain/org/demo-org';

/**
 * Seeds the demo organisation of design.md; only into an empty database unless forced. Runs in
 * the caller's unit of work (all of it or nothing, with whatever else that unit does).
 */
export async function seedDemo(deps: DomainDeps, opts: { onlyIfEmpty: boolean }): Promise<boolean> {
  const { db, t } = deps.tx;
  const n = first(await db.select({ n: count() }).from(t.staff))?.n ?? 0;
  if (opts.onlyIfEmpty && n > 0) return false;
  await applyOrg(deps, DEMO_ORG, 'system');
  return true;
}
