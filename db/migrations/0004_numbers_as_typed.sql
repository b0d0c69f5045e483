ALTER TABLE `customers` ADD `mobile_as_typed` text;--> statement-breakpoint
ALTER TABLE `customers` ADD `landline_as_typed` text;