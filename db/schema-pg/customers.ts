import { pgTable, text, integer, bigint, boolean, jsonb, doublePrecision, index, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { CUSTOMER_STATUSES, REGISTRATION_STATUSES } from '../schema/customers';
import { bytewiseText, ms, serialId } from './columns';

export const customers = pgTable(
  'customers',
  {
    id: serialId('id'),
    name: text('name').notNull(),
    nameNorm: text('name_norm').notNull(),
    uscc: text('uscc'),
    usccChecksumOk: boolean('uscc_checksum_ok').notNull().default(true),
    contactName: text('contact_name').notNull(),
    mobile: text('mobile'),
    landline: text('landline'),
    mobileAsTyped: text('mobile_as_typed'),
    landlineAsTyped: text('landline_as_typed'),
    province: text('province'),
    city: text('city'),
    source: text('source'),
    product: text('product'),
    budgetWan: doublePrecision('budget_wan'),
    note: text('note'),
    keyAccount: boolean('key_account').notNull().default(false),
    status: text('status', { enum: CUSTOMER_STATUSES }).notNull().default('free'),
    activeRegistrationId: integer('active_registration_id'),
    pooledAt: ms('pooled_at'),
    createdAt: ms('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    uniqueIndex('customers_uscc').on(t.uscc).where(sql`${t.uscc} IS NOT NULL`),
    index('customers_status').on(t.status, t.pooledAt),
  ],
);

export const registrations = pgTable(
  'registrations',
  {
    id: serialId('id'),
    customerId: integer('customer_id').notNull(),
    ownerId: text('owner_id').notNull(),
    status: text('status', { enum: REGISTRATION_STATUSES }).notNull(),
    via: text('via', { enum: ['register', 'claim', 'handover', 'import'] }).notNull(),
    keyAccount: boolean('key_account').notNull().default(false),
    createdAt: ms('created_at').notNull(),
    approvedAt: ms('approved_at'),
    protectedFrom: ms('protected_from'),
    protectedUntil: ms('protected_until'),
    extensionsUsed: integer('extensions_used').notNull().default(0),
    lastFollowUpAt: ms('last_follow_up_at'),
    endedAt: ms('ended_at'),
    endReason: text('end_reason'),
    wonAt: ms('won_at'),
    suspects: jsonb('suspects').$type<{ customerId: number; name: string; reason: string }[]>(),
    usccWarning: boolean('uscc_warning').notNull().default(false),
  },
  (t) => [
    uniqueIndex('registrations_one_active')
      .on(t.customerId)
      .where(sql`${t.status} IN ('pending','protected','won')`),
    index('registrations_owner').on(t.ownerId),
    index('registrations_protected_until').on(t.protectedUntil).where(sql`${t.status} = 'protected'`),
    index('registrations_protected_from').on(t.protectedFrom, t.lastFollowUpAt).where(sql`${t.status} = 'protected'`),
    index('registrations_customer').on(t.customerId, t.createdAt),
  ],
);

export const followUps = pgTable(
  'follow_ups',
  {
    id: serialId('id'),
    registrationId: integer('registration_id').notNull(),
    customerId: integer('customer_id').notNull(),
    staffId: text('staff_id').notNull(),
    at: ms('at').notNull(),
    content: text('content').notNull(),
  },
  (t) => [index('follow_ups_registration').on(t.registrationId, t.at)],
);

export const orders = pgTable(
  'orders',
  {
    id: serialId('id'),
    customerId: integer('customer_id').notNull(),
    registrationId: integer('registration_id').notNull(),
    ownerId: text('owner_id').notNull(),
    recordedBy: text('recorded_by').notNull(),
    // int8: one order of more than 21 million yuan would overflow int4 cents.
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    at: ms('at').notNull(),
    note: text('note'),
  },
  (t) => [index('orders_owner').on(t.ownerId, t.at), index('orders_customer').on(t.customerId)],
);

export const dedupKeys = pgTable(
  'dedup_keys',
  {
    key: bytewiseText('key').notNull(),
    customerId: integer('customer_id').notNull(),
    province: integer('province').notNull().default(0),
    // An unsigned 32-bit hash of the industry words (lookalikeScope): past int4's range.
    industry: bigint('industry', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.customerId] })],
);

export const dedupProfiles = pgTable('dedup_profiles', {
  customerId: integer('customer_id').primaryKey(),
  profile: text('profile').notNull(),
});

export const collaborators = pgTable(
  'collaborators',
  {
    registrationId: integer('registration_id').notNull(),
    staffId: text('staff_id').notNull(),
    addedAt: ms('added_at').notNull(),
  },
  (t) => [uniqueIndex('collaborators_reg_staff').on(t.registrationId, t.staffId), index('collaborators_staff').on(t.staffId)],
);


