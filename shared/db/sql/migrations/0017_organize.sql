CREATE TABLE "board_pictures" (
	"board_id" uuid NOT NULL,
	"job_id" text NOT NULL,
	"picture" integer NOT NULL,
	"added_by" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "board_pictures_board_id_job_id_picture_pk" PRIMARY KEY("board_id","job_id","picture")
);
--> statement-breakpoint
CREATE TABLE "boards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "favourites" (
	"workspace_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"job_id" text NOT NULL,
	"picture" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "favourites_workspace_id_user_id_job_id_picture_pk" PRIMARY KEY("workspace_id","user_id","job_id","picture")
);
--> statement-breakpoint
ALTER TABLE "board_pictures" ADD CONSTRAINT "board_pictures_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "boards" ADD CONSTRAINT "boards_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "favourites" ADD CONSTRAINT "favourites_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "board_pictures_recent" ON "board_pictures" USING btree ("board_id","added_at","job_id","picture");--> statement-breakpoint
CREATE INDEX "board_pictures_job" ON "board_pictures" USING btree ("job_id");--> statement-breakpoint
CREATE UNIQUE INDEX "boards_workspace_name" ON "boards" USING btree ("workspace_id",lower("name"));--> statement-breakpoint
CREATE INDEX "favourites_recent" ON "favourites" USING btree ("workspace_id","user_id","created_at","job_id","picture");--> statement-breakpoint
CREATE INDEX "favourites_job" ON "favourites" USING btree ("job_id");