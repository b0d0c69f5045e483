import { pgTable, text, integer, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { RENEWAL_STAGES } from '../schema/authorizations';
import { ms, serialId } from './columns';

export const authorizations = pgTable(
  'authorizations',
  {
    id: serialId('id'),
    contractNo: text('contract_no').notNull().unique(),
    dealerId: text('dealer_id').notNull(),
    productLines: jsonb('product_lines').$type<string[]>().notNull(),
    regions: jsonb('regions').$type<string[]>().notNull(),
    tier: text('tier'),
    ownerId: text('owner_id').notNull(),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    createdAt: ms('created_at').notNull(),
    updatedAt: ms('updated_at').notNull(),
  },
  (t) => [index('authorizations_dealer').on(t.dealerId), index('authorizations_owner').on(t.ownerId)],
);

export const authorizationPeriods = pgTable(
  'authorization_periods',
  {
    id: serialId('id'),
    authorizationId: integer('authorization_id').notNull(),
    seq: integer('seq').notNull(),
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on').notNull(),
    nextPeriodId: integer('next_period_id'),
    sweptMilestone: integer('swept_milestone'),
    expiredAt: ms('expired_at'),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('authorization_periods_seq').on(t.authorizationId, t.seq),
    index('authorization_periods_due')
      .on(t.endsOn)
      .where(sql`${t.nextPeriodId} IS NULL AND ${t.expiredAt} IS NULL`),
    index('authorization_periods_ends').on(t.endsOn),
  ],
);

export const renewalTasks = pgTable(
  'renewal_tasks',
  {
    id: serialId('id'),
    authorizationId: integer('authorization_id').notNull(),
    periodId: integer('period_id').notNull(),
    stage: text('stage', { enum: RENEWAL_STAGES }).notNull(),
    furthestStage: text('furthest_stage', { enum: RENEWAL_STAGES }).notNull(),
    lossReason: text('loss_reason'),
    note: text('note'),
    openedAt: ms('opened_at').notNull(),
    stageChangedAt: ms('stage_changed_at').notNull(),
    stageChangedBy: text('stage_changed_by').notNull(),
    closedAt: ms('closed_at'),
  },
  (t) => [uniqueIndex('renewal_tasks_period').on(t.periodId), index('renewal_tasks_authorization').on(t.authorizationId)],
);
