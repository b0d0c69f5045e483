import { sqliteTable, text, integer, uniqueIndex, index, primaryKey } from 'drizzle-orm/sqlite-core';

export const ROLES = ['sales', 'manager', 'director', 'admin', 'partner'] as const;
export type Role = (typeof ROLES)[number];

export const teams = sqliteTable('teams', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  leaderId: text('leader_id'),
});

export const dealers = sqliteTable('dealers', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  /** Channel manager: approves the dealer's registrations. */
  channelManagerId: text('channel_manager_id'),
  /** Provinces/cities the dealer may register customers in (JSON array of names); empty = anywhere. */
  regions: text('regions', { mode: 'json' }).$type<string[]>().notNull().default([]),
});

export const staff = sqliteTable(
  'staff',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    managerId: text('manager_id'),
    teamId: text('team_id'),
    region: text('region').notNull().default(''),
    dealerId: text('dealer_id'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    wecomUserId: text('wecom_user_id'),
    dingtalkUserId: text('dingtalk_user_id'),
  },
  (t) => [
    uniqueIndex('staff_wecom_uid').on(t.wecomUserId),
    uniqueIndex('staff_dingtalk_uid').on(t.dingtalkUserId),
    index('staff_manager').on(t.managerId),
    index('staff_name').on(t.name),
  ],
);

/** A chat group the bot has seen (or that the organisation file declares), per platform. */
export const chatGroups = sqliteTable(
  'chat_groups',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    platform: text('platform').notNull(),
    chatId: text('chat_id').notNull(),
    name: text('name').notNull(),
    teamId: text('team_id'),
    firstSeenAt: integer('first_seen_at', { mode: 'timestamp_ms' }).notNull(),
    lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('chat_groups_platform_chat').on(t.platform, t.chatId), index('chat_groups_team').on(t.teamId)],
);

export const groupMembers = sqliteTable(
  'group_members',
  {
    groupId: integer('group_id').notNull(),
    staffId: text('staff_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.staffId] })],
);
