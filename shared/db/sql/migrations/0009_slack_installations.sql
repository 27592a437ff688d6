CREATE TABLE "slack_installations" (
	"team_id" text PRIMARY KEY NOT NULL,
	"team_name" text,
	"enterprise_id" text,
	"app_id" text,
	"bot_id" text,
	"bot_user_id" text,
	"bot_token_sealed" text,
	"bot_scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"installer_user_id" text,
	"installed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"uninstalled_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
