CREATE TABLE `authorization_periods` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`authorization_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`next_period_id` integer,
	`swept_milestone` integer,
	`expired_at` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `authorization_periods_seq` ON `authorization_periods` (`authorization_id`,`seq`);--> statement-breakpoint
CREATE INDEX `authorization_periods_due` ON `authorization_periods` (`ends_on`) WHERE "authorization_periods"."next_period_id" IS NULL AND "authorization_periods"."expired_at" IS NULL;--> statement-breakpoint
CREATE INDEX `authorization_periods_ends` ON `authorization_periods` (`ends_on`);--> statement-breakpoint
CREATE TABLE `authorizations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`contract_no` text NOT NULL,
	`dealer_id` text NOT NULL,
	`product_lines` text NOT NULL,
	`regions` text NOT NULL,
	`tier` text,
	`owner_id` text NOT NULL,
	`contact_name` text,
	`contact_phone` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `authorizations_contract_no_unique` ON `authorizations` (`contract_no`);--> statement-breakpoint
CREATE INDEX `authorizations_dealer` ON `authorizations` (`dealer_id`);--> statement-breakpoint
CREATE INDEX `authorizations_owner` ON `authorizations` (`owner_id`);--> statement-breakpoint
CREATE TABLE `renewal_tasks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`authorization_id` integer NOT NULL,
	`period_id` integer NOT NULL,
	`stage` text NOT NULL,
	`furthest_stage` text NOT NULL,
	`loss_reason` text,
	`note` text,
	`opened_at` integer NOT NULL,
	`stage_changed_at` integer NOT NULL,
	`stage_changed_by` text NOT NULL,
	`closed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `renewal_tasks_period` ON `renewal_tasks` (`period_id`);--> statement-breakpoint
CREATE INDEX `renewal_tasks_authorization` ON `renewal_tasks` (`authorization_id`);