import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

/** 续约阶段: 待启动 → 意向确认 → 报价 → 合同 → 用印 → 回款 (done), or 流失. */
export const RENEWAL_STAGES = ['not_started', 'intent', 'quote', 'contract', 'seal', 'paid', 'lost'] as const;
export type RenewalStage = (typeof RENEWAL_STAGES)[number];

/** 代理授权: one dealer contract, known by its 合同编号. Its dates live in its periods. */
export const authorizations = sqliteTable(
  'authorizations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    contractNo: text('contract_no').notNull().unique(),
    /** dealers.id (the dealer's name). */
    dealerId: text('dealer_id').notNull(),
    productLines: text('product_lines', { mode: 'json' }).$type<string[]>().notNull(),
    /** Canonical division names (浙江省, 浙江省杭州市), or 全国. */
    regions: text('regions', { mode: 'json' }).$type<string[]>().notNull(),
    tier: text('tier'),
    /** 负责人: staff id; renewal reminders go to them and up their chain. */
    ownerId: text('owner_id').notNull(),
    contactName: text('contact_name'),
    /** E.164 (mobile or landline). */
    contactPhone: text('contact_phone'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('authorizations_dealer').on(t.dealerId), index('authorizations_owner').on(t.ownerId)],
);

/**
 * One term of an authorization. A renewal adds the next period and links it here, so the history
 * stays. Dates are business-zone calendar dates (YYYY-MM-DD), both inclusive.
 */
export const authorizationPeriods = sqliteTable(
  'authorization_periods',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    authorizationId: integer('authorization_id').notNull(),
    seq: integer('seq').notNull(),
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on').notNull(),
    /** Set when the renewal was paid: this period is no longer the one to renew. */
    nextPeriodId: integer('next_period_id'),
    /** Days-before-end of the latest milestone the daily sweep handled (-1 = expiry). */
    sweptMilestone: integer('swept_milestone'),
    /** When the sweep found the end date passed without a renewal. */
    expiredAt: integer('expired_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('authorization_periods_seq').on(t.authorizationId, t.seq),
    // What the daily sweep walks: periods still to renew whose expiry it has not handled yet.
    index('authorization_periods_due')
      .on(t.endsOn)
      .where(sql`${t.nextPeriodId} IS NULL AND ${t.expiredAt} IS NULL`),
    index('authorization_periods_ends').on(t.endsOn),
  ],
);

/** 续约任务: opened for a period nearing its end; closed at 回款 (next period) or 流失. */
export const renewalTasks = sqliteTable(
  'renewal_tasks',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    authorizationId: integer('authorization_id').notNull(),
    periodId: integer('period_id').notNull(),
    stage: text('stage', { enum: RENEWAL_STAGES }).notNull(),
    /** The furthest stage ever reached (a lost renewal keeps how far it got, for the funnel). */
    furthestStage: text('furthest_stage', { enum: RENEWAL_STAGES }).notNull(),
    lossReason: text('loss_reason'),
    note: text('note'),
    openedAt: integer('opened_at', { mode: 'timestamp_ms' }).notNull(),
    stageChangedAt: integer('stage_changed_at', { mode: 'timestamp_ms' }).notNull(),
    stageChangedBy: text('stage_changed_by').notNull(),
    closedAt: integer('closed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [uniqueIndex('renewal_tasks_period').on(t.periodId), index('renewal_tasks_authorization').on(t.authorizationId)],
);
