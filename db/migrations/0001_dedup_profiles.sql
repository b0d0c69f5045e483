CREATE TABLE `dedup_profiles` (
	`customer_id` integer PRIMARY KEY NOT NULL,
	`profile` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `app_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `dedup_keys` ADD `province` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `dedup_keys` ADD `industry` integer DEFAULT 0 NOT NULL;