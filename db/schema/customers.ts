import { sqliteTable, text, integer, real, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

export const CUSTOMER_STATUSES = ['free', 'pending', 'protected', 'won', 'pool'] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];

/** The company. Its status mirrors its active registration; only registration services change it. */
export const customers = sqliteTable(
  'customers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    nameNorm: text('name_norm').notNull(),
    uscc: text('uscc'),
    /** False when the code's check character fails and the registrant confirmed it anyway. */
    usccChecksumOk: integer('uscc_checksum_ok', { mode: 'boolean' }).notNull().default(true),
    contactName: text('contact_name').notNull(),
    /** E.164 (+8613812345678): what matching and the dedup index use. */
    mobile: text('mobile'),
    /** E.164, with ;ext= when there is an extension. */
    landline: text('landline'),
    /** The numbers as the user typed them (+86 138 1234 5678, 0571-88886666 转 8001): what is shown. */
    mobileAsTyped: text('mobile_as_typed'),
    landlineAsTyped: text('landline_as_typed'),
    province: text('province'),
    city: text('city'),
    source: text('source'),
    product: text('product'),
    budgetWan: real('budget_wan'),
    note: text('note'),
    keyAccount: integer('key_account', { mode: 'boolean' }).notNull().default(false),
    status: text('status', { enum: CUSTOMER_STATUSES }).notNull().default('free'),
    activeRegistrationId: integer('active_registration_id'),
    pooledAt: integer('pooled_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    uniqueIndex('customers_uscc').on(t.uscc).where(sql`${t.uscc} IS NOT NULL`),
    index('customers_status').on(t.status, t.pooledAt),
  ],
);

export const REGISTRATION_STATUSES = ['pending', 'protected', 'won', 'rejected', 'released', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const ACTIVE_REGISTRATION_STATUSES = ['pending', 'protected', 'won'] as const;

export const registrations = sqliteTable(
  'registrations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: integer('customer_id').notNull(),
    ownerId: text('owner_id').notNull(),
    status: text('status', { enum: REGISTRATION_STATUSES }).notNull(),
    via: text('via', { enum: ['register', 'claim', 'handover', 'import'] }).notNull(),
    keyAccount: integer('key_account', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    approvedAt: integer('approved_at', { mode: 'timestamp_ms' }),
    protectedFrom: integer('protected_from', { mode: 'timestamp_ms' }),
    protectedUntil: integer('protected_until', { mode: 'timestamp_ms' }),
    extensionsUsed: integer('extensions_used').notNull().default(0),
    lastFollowUpAt: integer('last_follow_up_at', { mode: 'timestamp_ms' }),
    endedAt: integer('ended_at', { mode: 'timestamp_ms' }),
    endReason: text('end_reason'),
    wonAt: integer('won_at', { mode: 'timestamp_ms' }),
    /** Suspected duplicates the registrant saw and confirmed past (JSON), shown to approvers. */
    suspects: text('suspects', { mode: 'json' }).$type<{ customerId: number; name: string; reason: string }[]>(),
    usccWarning: integer('uscc_warning', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    // At most one live claim per customer: the database itself refuses a second owner.
    uniqueIndex('registrations_one_active')
      .on(t.customerId)
      .where(sql`${t.status} IN ('pending','protected','won')`),
    // Status is not in the owner index: ending a registration then leaves that index alone.
    index('registrations_owner').on(t.ownerId),
    // Only live protections are indexed by date: the sweep reads them, and the index stays as
    // small as the number of protected customers, not the whole history.
    index('registrations_protected_until').on(t.protectedUntil).where(sql`${t.status} = 'protected'`),
    index('registrations_protected_from').on(t.protectedFrom, t.lastFollowUpAt).where(sql`${t.status} = 'protected'`),
    index('registrations_customer').on(t.customerId, t.createdAt),
  ],
);

export const followUps = sqliteTable(
  'follow_ups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    registrationId: integer('registration_id').notNull(),
    customerId: integer('customer_id').notNull(),
    staffId: text('staff_id').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    content: text('content').notNull(),
  },
  (t) => [index('follow_ups_registration').on(t.registrationId, t.at)],
);

export const orders = sqliteTable(
  'orders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    customerId: integer('customer_id').notNull(),
    registrationId: integer('registration_id').notNull(),
    /** 业绩归属: the registration's owner, whoever typed the command. */
    ownerId: text('owner_id').notNull(),
    recordedBy: text('recorded_by').notNull(),
    amountCents: integer('amount_cents').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    note: text('note'),
  },
  (t) => [index('orders_owner').on(t.ownerId, t.at), index('orders_customer').on(t.customerId)],
);

/**
 * Candidate-retrieval keys of the dedup index (see src/domain/dedup/keys.ts), with the customer's
 * look-alike scope on every row so that a check filters look-alikes inside the index.
 * WITHOUT ROWID (migration 0002, which drizzle's SQLite schema cannot express): one B-tree, not a
 * table plus its primary-key index, so a registration's ~7 keys cost ~7 page writes, not ~14.
 */
export const dedupKeys = sqliteTable(
  'dedup_keys',
  {
    key: text('key').notNull(),
    customerId: integer('customer_id').notNull(),
    province: integer('province').notNull().default(0),
    industry: integer('industry').notNull().default(0),
  },
  // No index by customer: a customer's old keys are recomputed from its stored profile.
  (t) => [primaryKey({ columns: [t.key, t.customerId] })],
);

/** Each customer's dedup profile (src/domain/dedup/profile.ts): what a check compares, pre-parsed. */
export const dedupProfiles = sqliteTable('dedup_profiles', {
  customerId: integer('customer_id').primaryKey(),
  profile: text('profile').notNull(),
});

/** People the owner agreed to share a customer with (申请协作): they see it in full and follow up. */
export const collaborators = sqliteTable(
  'collaborators',
  {
    registrationId: integer('registration_id').notNull(),
    staffId: text('staff_id').notNull(),
    addedAt: integer('added_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('collaborators_reg_staff').on(t.registrationId, t.staffId), index('collaborators_staff').on(t.staffId)],
);
