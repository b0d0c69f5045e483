-- Custom (drizzle-kit generate --custom): drizzle's SQLite schema cannot declare WITHOUT ROWID.
-- The old keys carry no look-alike scope and no profiles exist yet, so the index is emptied here and
-- rebuilt from the customers at the next start (ensureDedupIndex: app_meta holds no index version).
DROP TABLE `dedup_keys`;--> statement-breakpoint
CREATE TABLE `dedup_keys` (
	`key` text NOT NULL,
	`customer_id` integer NOT NULL,
	`province` integer DEFAULT 0 NOT NULL,
	`industry` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`key`, `customer_id`)
) WITHOUT ROWID;--> statement-breakpoint
DELETE FROM `app_meta` WHERE `key` = 'dedup_index_version';
