import { and, desc, eq, sql } from 'drizzle-orm';
import { prepared } from '../../../db/prepared';
import { auditLog } from '../../../db/schema';
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

/** Appends one audit row; call inside the transaction of the change it records. */
export function recordAudit(deps: DomainDeps, e: AuditEntry): void {
  const db = deps.db;
  const p = (name: string) => sql.placeholder(name);
  prepared(db, 'audit.insert', () =>
    db
      .insert(auditLog)
      .values({ at: p('at'), actorId: p('actorId'), action: p('action'), outcome: p('outcome'), subjectType: p('subjectType'), subjectId: p('subjectId'), before: p('before'), after: p('after'), detail: p('detail') })
      .prepare(),
  ).run({
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

export function auditTrail(deps: DomainDeps, subjectType: string, subjectId: string | number, limit = 50) {
  return deps.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, subjectType), eq(auditLog.subjectId, String(subjectId))))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .all();
}
