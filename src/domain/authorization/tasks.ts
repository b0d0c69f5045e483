import { sql } from 'drizzle-orm';
import { only } from '../../storage/unit-of-work';
import type { DomainDeps } from '../deps';
import { recordAudit } from '../audit/audit';
import type { AuthorizationStore } from './store';
import type { AuthorizationRow, PeriodRow, RenewalTaskRow } from './types';

/** Opens the renewal task (待启动) for a period, once; returns the one that exists otherwise. */
export async function openRenewalTask(deps: DomainDeps, store: AuthorizationStore, a: AuthorizationRow, p: PeriodRow, actorId: string): Promise<RenewalTaskRow> {
  const existing = await store.taskOfPeriod(p.id);
  if (existing) return existing;
  const now = deps.clock.now();
  const ph = (name: string) => sql.placeholder(name);
  // Prepared: the first sweep after a large import opens thousands.
  const task = only(
    await deps.tx
      .prepared('renewal.open', (db, t) =>
        db
          .insert(t.renewalTasks)
          .values({ authorizationId: ph('a'), periodId: ph('p'), stage: 'not_started', furthestStage: 'not_started', openedAt: ph('now'), stageChangedAt: ph('now'), stageChangedBy: ph('actor') })
          .returning()
          .prepare(),
      )
      .all({ a: a.id, p: p.id, now, actor: actorId }),
  );
  await recordAudit(deps, {
    actorId,
    action: 'renewal.open',
    subjectType: 'authorization',
    subjectId: a.id,
    after: { stage: 'not_started', periodEndsOn: p.endsOn, owner: a.ownerId },
  });
  return task;
}
