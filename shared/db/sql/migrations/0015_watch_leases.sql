CREATE TABLE "watch_leases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"key_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "quotas" ADD COLUMN "max_watch_streams" integer;--> statement-breakpoint
ALTER TABLE "watch_leases" ADD CONSTRAINT "watch_leases_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "watch_leases_workspace" ON "watch_leases" USING btree ("workspace_id","expires_at");--> statement-breakpoint
CREATE INDEX "watch_leases_key" ON "watch_leases" USING btree ("key_id","expires_at");--> statement-breakpoint
-- A live stream renews its lease every few seconds, and after a crash or a failover the leases
-- mean nothing (each live stream writes its own again on its next renewal): no WAL, as for
-- rate_limit_windows.
ALTER TABLE "watch_leases" SET UNLOGGED;
