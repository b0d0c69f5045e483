import { sql } from 'drizzle-orm';
import { prepared } from '../../../db/prepared';
import { renewalTasks } from '../../../db/schema';
import type { DomainDeps } from '../deps';
import { recordAudit } from '../audit/audit';
import type { AuthorizationStore } from './store';
import type { AuthorizationRow, PeriodRow, RenewalTaskRow } from './types';

/** Opens the renewal task (待启动) for a period, once; returns the one that exists otherwise. */
export function openRenewalTask(deps: DomainDeps, store: AuthorizationStore, a: AuthorizationRow, p: PeriodRow, actorId: string): RenewalTaskRow {
  const existing = store.taskOfPeriod(p.id);
  if (existing) return existing;
  const now = deps.clock.now();
  const db = deps.db;
  const ph = (name: string) => sql.placeholder(name);
  // Prepared: the first sweep after a large import opens thousands.
  const task = prepared(db, 'renewal.open', () =>
    db
      .insert(renewalTasks)
      .values({ authorizationId: ph('a'), periodId: ph('p'), stage: 'not_started', furthestStage: 'not_started', openedAt: ph('now'), stageChangedAt: ph('now'), stageChangedBy: ph('actor') })
      .returning()
      .prepare(),
  ).get({ a: a.id, p: p.id, now, actor: actorId })!;
  recordAudit(deps, {
    actorId,
    action: 'renewal.open',
    subjectType: 'authorization',
    subjectId: a.id,
    after: { stage: 'not_started', periodEndsOn: p.endsOn, owner: a.ownerId },
  });
  return task;
}
