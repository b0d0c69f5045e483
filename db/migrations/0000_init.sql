CREATE TABLE `chat_groups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`platform` text NOT NULL,
	`chat_id` text NOT NULL,
	`name` text NOT NULL,
	`team_id` text,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `chat_groups_platform_chat` ON `chat_groups` (`platform`,`chat_id`);--> statement-breakpoint
CREATE INDEX `chat_groups_team` ON `chat_groups` (`team_id`);--> statement-breakpoint
CREATE TABLE `dealers` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`channel_manager_id` text,
	`regions` text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dealers_name_unique` ON `dealers` (`name`);--> statement-breakpoint
CREATE TABLE `group_members` (
	`group_id` integer NOT NULL,
	`staff_id` text NOT NULL,
	PRIMARY KEY(`group_id`, `staff_id`)
);
--> statement-breakpoint
CREATE TABLE `staff` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`manager_id` text,
	`team_id` text,
	`region` text DEFAULT '' NOT NULL,
	`dealer_id` text,
	`active` integer DEFAULT true NOT NULL,
	`wecom_user_id` text,
	`dingtalk_user_id` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_wecom_uid` ON `staff` (`wecom_user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `staff_dingtalk_uid` ON `staff` (`dingtalk_user_id`);--> statement-breakpoint
CREATE INDEX `staff_manager` ON `staff` (`manager_id`);--> statement-breakpoint
CREATE INDEX `staff_name` ON `staff` (`name`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`leader_id` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_name_unique` ON `teams` (`name`);--> statement-breakpoint
CREATE TABLE `collaborators` (
	`registration_id` integer NOT NULL,
	`staff_id` text NOT NULL,
	`added_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `collaborators_reg_staff` ON `collaborators` (`registration_id`,`staff_id`);--> statement-breakpoint
CREATE INDEX `collaborators_staff` ON `collaborators` (`staff_id`);--> statement-breakpoint
CREATE TABLE `customers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`name_norm` text NOT NULL,
	`uscc` text,
	`uscc_checksum_ok` integer DEFAULT true NOT NULL,
	`contact_name` text NOT NULL,
	`mobile` text,
	`landline` text,
	`province` text,
	`city` text,
	`source` text,
	`product` text,
	`budget_wan` real,
	`note` text,
	`key_account` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'free' NOT NULL,
	`active_registration_id` integer,
	`pooled_at` integer,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_uscc` ON `customers` (`uscc`) WHERE "customers"."uscc" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `customers_status` ON `customers` (`status`,`pooled_at`);--> statement-breakpoint
CREATE TABLE `dedup_keys` (
	`key` text NOT NULL,
	`customer_id` integer NOT NULL,
	PRIMARY KEY(`key`, `customer_id`)
);
--> statement-breakpoint
CREATE TABLE `follow_ups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`registration_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`staff_id` text NOT NULL,
	`at` integer NOT NULL,
	`content` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `follow_ups_registration` ON `follow_ups` (`registration_id`,`at`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`registration_id` integer NOT NULL,
	`owner_id` text NOT NULL,
	`recorded_by` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`at` integer NOT NULL,
	`note` text
);
--> statement-breakpoint
CREATE INDEX `orders_owner` ON `orders` (`owner_id`,`at`);--> statement-breakpoint
CREATE INDEX `orders_customer` ON `orders` (`customer_id`);--> statement-breakpoint
CREATE TABLE `registrations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`customer_id` integer NOT NULL,
	`owner_id` text NOT NULL,
	`status` text NOT NULL,
	`via` text NOT NULL,
	`key_account` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`approved_at` integer,
	`protected_from` integer,
	`protected_until` integer,
	`extensions_used` integer DEFAULT 0 NOT NULL,
	`last_follow_up_at` integer,
	`ended_at` integer,
	`end_reason` text,
	`won_at` integer,
	`suspects` text,
	`uscc_warning` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_one_active` ON `registrations` (`customer_id`) WHERE "registrations"."status" IN ('pending','protected','won');--> statement-breakpoint
CREATE INDEX `registrations_owner` ON `registrations` (`owner_id`);--> statement-breakpoint
CREATE INDEX `registrations_protected_until` ON `registrations` (`protected_until`) WHERE "registrations"."status" = 'protected';--> statement-breakpoint
CREATE INDEX `registrations_protected_from` ON `registrations` (`protected_from`,`last_follow_up_at`) WHERE "registrations"."status" = 'protected';--> statement-breakpoint
CREATE INDEX `registrations_customer` ON `registrations` (`customer_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `approval_assignees` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`step_id` integer NOT NULL,
	`approval_id` integer NOT NULL,
	`staff_id` text NOT NULL,
	`source` text NOT NULL,
	`escalated_from` text,
	`decision` text,
	`decided_at` integer,
	`reason` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `approval_assignees_step_staff` ON `approval_assignees` (`step_id`,`staff_id`);--> statement-breakpoint
CREATE INDEX `approval_assignees_staff` ON `approval_assignees` (`staff_id`,`decision`);--> statement-breakpoint
CREATE TABLE `approval_steps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`approval_id` integer NOT NULL,
	`idx` integer NOT NULL,
	`mode` text NOT NULL,
	`status` text NOT NULL,
	`started_at` integer,
	`decided_at` integer,
	`card_id` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `approval_steps_idx` ON `approval_steps` (`approval_id`,`idx`);--> statement-breakpoint
CREATE INDEX `approval_steps_status` ON `approval_steps` (`status`,`started_at`);--> statement-breakpoint
CREATE TABLE `approvals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`subject_id` integer NOT NULL,
	`requester_id` text NOT NULL,
	`status` text NOT NULL,
	`current_step` integer DEFAULT 0 NOT NULL,
	`title` text NOT NULL,
	`facts` text NOT NULL,
	`reason` text,
	`created_at` integer NOT NULL,
	`decided_at` integer,
	`decided_by` text
);
--> statement-breakpoint
CREATE INDEX `approvals_subject` ON `approvals` (`kind`,`subject_id`,`status`);--> statement-breakpoint
CREATE TABLE `card_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`card_id` integer NOT NULL,
	`platform` text NOT NULL,
	`target_kind` text NOT NULL,
	`target_id` text NOT NULL,
	`card_ref` text,
	`version` integer DEFAULT 1 NOT NULL,
	`delivered_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `card_deliveries_unique` ON `card_deliveries` (`card_id`,`platform`,`target_kind`,`target_id`);--> statement-breakpoint
CREATE TABLE `cards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` integer NOT NULL,
	`data` text,
	`audience_id` text,
	`version` integer DEFAULT 1 NOT NULL,
	`closed` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `cards_subject` ON `cards` (`subject_type`,`subject_id`);--> statement-breakpoint
CREATE TABLE `inbound_events` (
	`platform` text NOT NULL,
	`event_id` text NOT NULL,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`platform`, `event_id`)
);
--> statement-breakpoint
CREATE INDEX `inbound_events_received` ON `inbound_events` (`received_at`);--> statement-breakpoint
CREATE TABLE `job_runs` (
	`job` text PRIMARY KEY NOT NULL,
	`last_fire_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedup_key` text NOT NULL,
	`kind` text NOT NULL,
	`recipient_type` text NOT NULL,
	`recipient_id` text NOT NULL,
	`channel` text DEFAULT 'private' NOT NULL,
	`payload` text NOT NULL,
	`batch_key` text,
	`created_at` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`sent_at` integer,
	`platform` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_dedup_key` ON `outbox` (`dedup_key`);--> statement-breakpoint
CREATE INDEX `outbox_due` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text NOT NULL,
	`action` text NOT NULL,
	`outcome` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`before` text,
	`after` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_subject` ON `audit_log` (`subject_type`,`subject_id`,`at`);--> statement-breakpoint
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