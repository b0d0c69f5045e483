import { pgTable, text, jsonb, index } from 'drizzle-orm/pg-core';
import { ms, serialId } from './columns';

export const auditLog = pgTable(
  'audit_log',
  {
    id: serialId('id'),
    at: ms('at').notNull(),
    actorId: text('actor_id').notNull(),
    action: text('action').notNull(),
    outcome: text('outcome', { enum: ['ok', 'refused'] }).notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    before: jsonb('before').$type<Record<string, unknown>>(),
    after: jsonb('after').$type<Record<string, unknown>>(),
    detail: text('detail'),
  },
  (t) => [index('audit_subject').on(t.subjectType, t.subjectId, t.at)],
);
