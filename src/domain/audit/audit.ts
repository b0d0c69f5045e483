import { and, desc, eq, sql } from 'drizzle-orm';
import type { DomainDeps } from '../deps';

export const SYSTEM_ACTOR = 'system';

export interface AuditEntry {
  actorId: string;
  action: string;
  subjectType: string;
  subjectId: string | number;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  detail?: string;
  outcome?: 'ok' | 'refused';
}

/** Appends one audit row; call (and await) inside the transaction of the change it records. */
export async function recordAudit(deps: DomainDeps, e: AuditEntry): Promise<void> {
  const p = (name: string) => sql.placeholder(name);
  await deps.tx
    .prepared('audit.insert', (db, t) =>
      db
        .insert(t.auditLog)
        .values({ at: p('at'), actorId: p('actorId'), action: p('action'), outcome: p('outcome'), subjectType: p('subjectType'), subjectId: p('subjectId'), before: p('before'), after: p('after'), detail: p('detail') })
        .prepare(),
    )
    .run({
      at: deps.clock.now(),
      actorId: e.actorId,
      action: e.action,
      outcome: e.outcome ?? 'ok',
      subjectType: e.subjectType,
      subjectId: String(e.subjectId),
      before: e.before ?? null,
      after: e.after ?? null,
      detail: e.detail ?? null,
    });
}

export async function auditTrail(deps: DomainDeps, subjectType: string, subjectId: string | number, limit = 50) {
  const { db, t } = deps.tx;
  return await db
    .select()
    .from(t.auditLog)
    .where(and(eq(t.auditLog.subjectType, subjectType), eq(t.auditLog.subjectId, String(subjectId))))
    .orderBy(desc(t.auditLog.at), desc(t.auditLog.id))
    .limit(limit);
}
