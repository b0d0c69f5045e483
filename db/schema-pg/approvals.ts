import { pgTable, text, integer, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { APPROVAL_STATUSES } from '../schema/approvals';
import { ms, serialId } from './columns';

export const approvals = pgTable(
  'approvals',
  {
    id: serialId('id'),
    kind: text('kind').notNull(),
    subjectId: integer('subject_id').notNull(),
    requesterId: text('requester_id').notNull(),
    status: text('status', { enum: APPROVAL_STATUSES }).notNull(),
    currentStep: integer('current_step').notNull().default(0),
    title: text('title').notNull(),
    facts: jsonb('facts').$type<{ label: string; value: string }[]>().notNull(),
    reason: text('reason'),
    createdAt: ms('created_at').notNull(),
    decidedAt: ms('decided_at'),
    decidedBy: text('decided_by'),
  },
  (t) => [index('approvals_subject').on(t.kind, t.subjectId, t.status)],
);

export const approvalSteps = pgTable(
  'approval_steps',
  {
    id: serialId('id'),
    approvalId: integer('approval_id').notNull(),
    idx: integer('idx').notNull(),
    mode: text('mode', { enum: ['any', 'all'] }).notNull(),
    status: text('status', { enum: ['waiting', 'pending', 'approved', 'rejected', 'cancelled'] }).notNull(),
    startedAt: ms('started_at'),
    decidedAt: ms('decided_at'),
    cardId: integer('card_id'),
  },
  (t) => [uniqueIndex('approval_steps_idx').on(t.approvalId, t.idx), index('approval_steps_status').on(t.status, t.startedAt)],
);

export const approvalAssignees = pgTable(
  'approval_assignees',
  {
    id: serialId('id'),
    stepId: integer('step_id').notNull(),
    approvalId: integer('approval_id').notNull(),
    staffId: text('staff_id').notNull(),
    source: text('source', { enum: ['assigned', 'escalated'] }).notNull(),
    escalatedFrom: text('escalated_from'),
    decision: text('decision', { enum: ['approved', 'rejected'] }),
    decidedAt: ms('decided_at'),
    reason: text('reason'),
  },
  (t) => [uniqueIndex('approval_assignees_step_staff').on(t.stepId, t.staffId), index('approval_assignees_staff').on(t.staffId, t.decision)],
);
