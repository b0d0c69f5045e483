import { pgTable, text, integer, boolean, jsonb, uniqueIndex, index, primaryKey } from 'drizzle-orm/pg-core';
import { ROLES } from '../schema/org';
import { ms, serialId } from './columns';

export const teams = pgTable('teams', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  leaderId: text('leader_id'),
});

export const dealers = pgTable('dealers', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  channelManagerId: text('channel_manager_id'),
  regions: jsonb('regions').$type<string[]>().notNull().default([]),
});

export const staff = pgTable(
  'staff',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    managerId: text('manager_id'),
    teamId: text('team_id'),
    region: text('region').notNull().default(''),
    dealerId: text('dealer_id'),
    active: boolean('active').notNull().default(true),
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

export const chatGroups = pgTable(
  'chat_groups',
  {
    id: serialId('id'),
    platform: text('platform').notNull(),
    chatId: text('chat_id').notNull(),
    name: text('name').notNull(),
    teamId: text('team_id'),
    firstSeenAt: ms('first_seen_at').notNull(),
    lastSeenAt: ms('last_seen_at').notNull(),
  },
  (t) => [uniqueIndex('chat_groups_platform_chat').on(t.platform, t.chatId), index('chat_groups_team').on(t.teamId)],
);

export const groupMembers = pgTable(
  'group_members',
  {
    groupId: integer('group_id').notNull(),
    staffId: text('staff_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.staffId] })],
);
