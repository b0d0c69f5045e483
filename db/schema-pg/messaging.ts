import { pgTable, text, integer, boolean, jsonb, index, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';
import { OUTBOX_STATUSES, type NoticePayload } from '../schema/messaging';
import { ms, serialId } from './columns';

export const cards = pgTable(
  'cards',
  {
    id: serialId('id'),
    kind: text('kind').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: integer('subject_id').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>(),
    audienceId: text('audience_id'),
    version: integer('version').notNull().default(1),
    closed: boolean('closed').notNull().default(false),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [index('cards_subject').on(t.subjectType, t.subjectId)],
);

export const cardDeliveries = pgTable(
  'card_deliveries',
  {
    id: serialId('id'),
    cardId: integer('card_id').notNull(),
    platform: text('platform').notNull(),
    targetKind: text('target_kind', { enum: ['chat', 'user'] }).notNull(),
    targetId: text('target_id').notNull(),
    cardRef: text('card_ref'),
    version: integer('version').notNull().default(1),
    deliveredAt: ms('delivered_at').notNull(),
  },
  (t) => [uniqueIndex('card_deliveries_unique').on(t.cardId, t.platform, t.targetKind, t.targetId)],
);

export const outbox = pgTable(
  'outbox',
  {
    id: serialId('id'),
    dedupKey: text('dedup_key').notNull(),
    kind: text('kind', { enum: ['message', 'card_update'] }).notNull(),
    recipientType: text('recipient_type', { enum: ['staff', 'group', 'card'] }).notNull(),
    recipientId: text('recipient_id').notNull(),
    channel: text('channel', { enum: ['private', 'team'] }).notNull().default('private'),
    payload: jsonb('payload').$type<NoticePayload>().notNull(),
    batchKey: text('batch_key'),
    createdAt: ms('created_at').notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ms('next_attempt_at').notNull(),
    lastError: text('last_error'),
    sentAt: ms('sent_at'),
    platform: text('platform'),
    claimId: text('claim_id'),
    claimedAt: ms('claimed_at'),
  },
  (t) => [uniqueIndex('outbox_dedup_key').on(t.dedupKey), index('outbox_due').on(t.status, t.nextAttemptAt)],
);

export const inboundEvents = pgTable(
  'inbound_events',
  {
    platform: text('platform').notNull(),
    eventId: text('event_id').notNull(),
    receivedAt: ms('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.eventId] }), index('inbound_events_received').on(t.receivedAt)],
);

export const jobRuns = pgTable('job_runs', {
  job: text('job').primaryKey(),
  lastFireAt: ms('last_fire_at').notNull(),
});
