import { sqliteTable, text, integer, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
/**
 * A card the bot has issued. Its content is rendered from its kind, data and subject's current
 * state; `version` goes up whenever that state changes, and every delivery is brought up to date.
 */
export const cards = sqliteTable(
  'cards',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: integer('subject_id').notNull(),
    /** What a button press needs to act (e.g. the registration input a 确认报备 click re-submits). */
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>(),
    /** Who may press its buttons when not an approval (e.g. the registrant); null = decided by kind. */
    audienceId: text('audience_id'),
    version: integer('version').notNull().default(1),
    closed: integer('closed', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('cards_subject').on(t.subjectType, t.subjectId)],
);

export const cardDeliveries = sqliteTable(
  'card_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    cardId: integer('card_id').notNull(),
    platform: text('platform').notNull(),
    targetKind: text('target_kind', { enum: ['chat', 'user'] }).notNull(),
    targetId: text('target_id').notNull(),
    cardRef: text('card_ref'),
    /** Card version this delivery shows; the dispatcher brings older ones up to date. */
    version: integer('version').notNull().default(1),
    deliveredAt: integer('delivered_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('card_deliveries_unique').on(t.cardId, t.platform, t.targetKind, t.targetId)],
);

/**
 * pending → sending (claimed by one dispatcher, attempt id in claimId) → sent, or back to pending
 * with a back-off, or dead; cancelled: no longer worth sending (an approval decided meanwhile).
 */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'dead', 'cancelled'] as const;

/**
 * Transactional outbox: a notice is written in the same transaction as the change that causes it,
 * under a key (rule:subject:milestone) that makes a second write a no-op.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    dedupKey: text('dedup_key').notNull(),
    kind: text('kind', { enum: ['message', 'card_update'] }).notNull(),
    /** staff id, chat group id, or (card_update) the card id whose deliveries are refreshed. */
    recipientType: text('recipient_type', { enum: ['staff', 'group', 'card'] }).notNull(),
    recipientId: text('recipient_id').notNull(),
    /** Post in the recipient's team group (with an @mention) when one is bound; else privately. */
    channel: text('channel', { enum: ['private', 'team'] }).notNull().default('private'),
    payload: text('payload', { mode: 'json' }).$type<NoticePayload>().notNull(),
    /** Notices of one sweep run for one person are merged into a digest. */
    batchKey: text('batch_key'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    lastError: text('last_error'),
    sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
    /** Delivered through this platform (set when sent). */
    platform: text('platform'),
    /** The attempt that claimed the row ('sending'): only it may settle the row. */
    claimId: text('claim_id'),
    /** When it was claimed: a claim older than rules.delivery.claimLeaseSeconds was left by a process that died. */
    claimedAt: integer('claimed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('outbox_dedup_key').on(t.dedupKey), index('outbox_due').on(t.status, t.nextAttemptAt)],
);

/**
 * What a notice means, not how it reads: a template name and its facts. The bot renders it in
 * Chinese at delivery time. Mentions are staff ids; the dispatcher resolves them per platform.
 */
export interface NoticePayload {
  template: string;
  params: Record<string, string | number | boolean | null>;
  /** The card this notice delivers (message) or refreshes (card_update). */
  cardId?: number;
  mentions?: string[];
  priority?: 'normal' | 'high';
}

/** Inbound messages and clicks already processed: a redelivery is ignored. */
export const inboundEvents = sqliteTable(
  'inbound_events',
  {
    platform: text('platform').notNull(),
    eventId: text('event_id').notNull(),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.platform, t.eventId] }), index('inbound_events_received').on(t.receivedAt)],
);

/** Last time each scheduled job ran, for catching up after downtime. */
export const jobRuns = sqliteTable('job_runs', {
  job: text('job').primaryKey(),
  lastFireAt: integer('last_fire_at', { mode: 'timestamp_ms' }).notNull(),
});
