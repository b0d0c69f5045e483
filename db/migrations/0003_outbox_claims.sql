ALTER TABLE `outbox` ADD `claim_id` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `claimed_at` integer;