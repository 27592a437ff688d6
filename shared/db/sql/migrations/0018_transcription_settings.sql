ALTER TABLE "chat_settings" ADD COLUMN "vocabulary" text[];--> statement-breakpoint
ALTER TABLE "chat_settings" ADD COLUMN "redact_pii" boolean;--> statement-breakpoint
ALTER TABLE "chat_settings" ADD COLUMN "meeting_notes" boolean;