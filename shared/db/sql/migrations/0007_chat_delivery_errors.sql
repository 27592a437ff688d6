ALTER TABLE "chat_deliveries" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "chat_deliveries" ADD COLUMN "last_error_at" timestamp with time zone;