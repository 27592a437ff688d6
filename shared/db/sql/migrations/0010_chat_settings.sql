CREATE TABLE "chat_settings" (
	"workspace_id" uuid NOT NULL,
	"channel_id" text DEFAULT '' NOT NULL,
	"image_size" text,
	"lora_job_id" text,
	"private_results" boolean,
	"max_images" integer,
	"trainers" text,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_settings_workspace_id_channel_id_pk" PRIMARY KEY("workspace_id","channel_id")
);
--> statement-breakpoint
ALTER TABLE "chat_settings" ADD CONSTRAINT "chat_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;