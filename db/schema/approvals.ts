import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'cancelled'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export const approvals = sqliteTable(
  'approvals',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** What is being approved: registration, extension, dispute, … (a handler per kind). */
    kind: text('kind').notNull(),
    subjectId: integer('subject_id').notNull(),
    requesterId: text('requester_id').notNull(),
    status: text('status', { enum: APPROVAL_STATUSES }).notNull(),
    currentStep: integer('current_step').notNull().default(0),
    title: text('title').notNull(),
    /** Facts the approver needs, as label/value pairs (rendered on the card). */
    facts: text('facts', { mode: 'json' }).$type<{ label: string; value: string }[]>().notNull(),
    reason: text('reason'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    decidedBy: text('decided_by'),
  },
  (t) => [index('approvals_subject').on(t.kind, t.subjectId, t.status)],
);

export const approvalSteps = sqliteTable(
  'approval_steps',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    approvalId: integer('approval_id').notNull(),
    idx: integer('idx').notNull(),
    mode: text('mode', { enum: ['any', 'all'] }).notNull(),
    status: text('status', { enum: ['waiting', 'pending', 'approved', 'rejected', 'cancelled'] }).notNull(),
    startedAt: integer('started_at', { mode: 'timestamp_ms' }),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    cardId: integer('card_id'),
  },
  (t) => [uniqueIndex('approval_steps_idx').on(t.approvalId, t.idx), index('approval_steps_status').on(t.status, t.startedAt)],
);

export const approvalAssignees = sqliteTable(
  'approval_assignees',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    stepId: integer('step_id').notNull(),
    approvalId: integer('approval_id').notNull(),
    staffId: text('staff_id').notNull(),
    source: text('source', { enum: ['assigned', 'escalated'] }).notNull(),
    escalatedFrom: text('escalated_from'),
    decision: text('decision', { enum: ['approved', 'rejected'] }),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    reason: text('reason'),
  },
  (t) => [uniqueIndex('approval_assignees_step_staff').on(t.stepId, t.staffId), index('approval_assignees_staff').on(t.staffId, t.decision)],
);
