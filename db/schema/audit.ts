import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    /** Staff id, or "system" for the scheduler. */
    actorId: text('actor_id').notNull(),
    action: text('action').notNull(),
    outcome: text('outcome', { enum: ['ok', 'refused'] }).notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    before: text('before', { mode: 'json' }).$type<Record<string, unknown>>(),
    after: text('after', { mode: 'json' }).$type<Record<string, unknown>>(),
    detail: text('detail'),
  },
  // One index: history is read by subject. Every index is a page written on every command.
  (t) => [index('audit_subject').on(t.subjectType, t.subjectId, t.at)],
);
