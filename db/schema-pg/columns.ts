import { customType, integer, timestamp } from 'drizzle-orm/pg-core';

/** The SQLite schema's `integer(…, { mode: 'timestamp_ms' })`: a JS Date, to the millisecond. */
export const ms = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });

/** The SQLite schema's INTEGER PRIMARY KEY AUTOINCREMENT: assigned by the database, but an id may be given (moving up from SQLite keeps ids). */
export const serialId = (name: string) => integer(name).primaryKey().generatedByDefaultAsIdentity();

/**
 * Text compared byte by byte (COLLATE "C"), as SQLite compares it: the dedup index reads key
 * ranges (every n:<字号>|… key), which a locale collation would order differently, skipping
 * punctuation.
 */
export const bytewiseText = customType<{ data: string; driverData: string }>({ dataType: () => 'text COLLATE "C"' });
