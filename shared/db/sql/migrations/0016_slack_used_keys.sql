CREATE TABLE "slack_used_keys" (
	"key" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "slack_used_keys_expiry" ON "slack_used_keys" USING btree ("expires_at");