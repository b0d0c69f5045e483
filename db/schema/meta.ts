import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Facts about the database itself, e.g. which version of the dedup rules built its index. */
export const appMeta = sqliteTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
