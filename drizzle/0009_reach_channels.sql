CREATE TABLE "answer_links" (
	"id" serial PRIMARY KEY NOT NULL,
	"invitation_id" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"emailed_at" timestamp with time zone,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "slack_installations" (
	"team_id" text PRIMARY KEY NOT NULL,
	"team_name" text DEFAULT '' NOT NULL,
	"bot_token" text NOT NULL,
	"bot_user_id" text NOT NULL,
	"bot_id" text DEFAULT '' NOT NULL,
	"installation" jsonb NOT NULL,
	"installed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "champions" ADD COLUMN "slack_team_id" text;--> statement-breakpoint
ALTER TABLE "champions" ADD COLUMN "shared_channel_id" text;--> statement-breakpoint
ALTER TABLE "champions" ADD COLUMN "email_ok" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "via" text;--> statement-breakpoint
ALTER TABLE "answer_links" ADD CONSTRAINT "answer_links_invitation_id_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."invitations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "answer_links_invitation_idx" ON "answer_links" USING btree ("invitation_id");--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_via_known" CHECK ("invitations"."via" is null or "invitations"."via" in ('slack', 'email'));