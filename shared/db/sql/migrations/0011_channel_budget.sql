ALTER TABLE "chat_settings" ADD COLUMN "monthly_budget_usd" numeric(12, 2);--> statement-breakpoint
ALTER TABLE "usage_ledger" ADD COLUMN "channel_id" text;--> statement-breakpoint
CREATE INDEX "usage_ledger_channel_time" ON "usage_ledger" USING btree ("workspace_id","channel_id","created_at");