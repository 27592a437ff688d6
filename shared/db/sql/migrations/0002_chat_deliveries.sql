CREATE TABLE "chat_deliveries" (
	"job_id" text PRIMARY KEY NOT NULL,
	"message_ts" text,
	"final_delivered_at" timestamp with time zone,
	"deletion_delivered_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
