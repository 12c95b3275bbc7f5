CREATE TYPE "public"."activity_outcome" AS ENUM('scheduled', 'completed', 'declined', 'no_show', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."activity_type" AS ENUM('reference_call', 'peer_event', 'webinar', 'panel', 'conference_talk', 'case_study', 'press_quote', 'review', 'advisory_board', 'site_visit', 'product_feedback');--> statement-breakpoint
CREATE TYPE "public"."champion_status" AS ENUM('active', 'paused', 'inactive');--> statement-breakpoint
CREATE TYPE "public"."company_size" AS ENUM('smb', 'mid', 'enterprise');--> statement-breakpoint
CREATE TYPE "public"."decision_kind" AS ENUM('approve', 'reject', 'swap');--> statement-breakpoint
CREATE TYPE "public"."give_kind" AS ENUM('recognition', 'thanks', 'access', 'early_feature', 'gift', 'learning');--> statement-breakpoint
CREATE TYPE "public"."invitation_status" AS ENUM('invited', 'accepted', 'declined', 'expired', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."motivation" AS ENUM('spotlight', 'camaraderie', 'duty', 'altruism', 'voice', 'mastery');--> statement-breakpoint
CREATE TYPE "public"."region" AS ENUM('NA', 'EMEA', 'APAC', 'LATAM');--> statement-breakpoint
CREATE TYPE "public"."request_status" AS ENUM('request', 'proposed', 'approved', 'rejected', 'invited', 'accepted', 'declined', 'expired', 'scheduled', 'completed', 'cancelled');--> statement-breakpoint
CREATE TABLE "activities" (
	"id" serial PRIMARY KEY NOT NULL,
	"champion_id" integer NOT NULL,
	"activity_type" "activity_type" NOT NULL,
	"activity_date" date NOT NULL,
	"outcome" "activity_outcome" NOT NULL,
	"request_id" integer,
	"invitation_id" integer,
	"event_id" integer,
	"import_key" text,
	"held" boolean,
	"champion_rating" smallint,
	"deal_result" text,
	"deal_value" numeric(14, 2),
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "champions" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"slack_user_id" text,
	"company" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"industry" text DEFAULT '' NOT NULL,
	"company_size" "company_size",
	"region" "region",
	"timezone" text,
	"products" text[] DEFAULT '{}'::text[] NOT NULL,
	"motivations" "motivation"[] DEFAULT '{}' NOT NULL,
	"activities" "activity_type"[] DEFAULT '{}' NOT NULL,
	"max_asks_per_quarter" smallint,
	"status" "champion_status" DEFAULT 'active' NOT NULL,
	"rest_until" date,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "champions_email_lower" CHECK ("champions"."email" = lower("champions"."email")),
	CONSTRAINT "champions_cap_positive" CHECK ("champions"."max_asks_per_quarter" is null or "champions"."max_asks_per_quarter" > 0)
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"proposal_id" integer NOT NULL,
	"candidate_id" integer,
	"kind" "decision_kind" NOT NULL,
	"decided_by" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gives" (
	"id" serial PRIMARY KEY NOT NULL,
	"champion_id" integer NOT NULL,
	"kind" "give_kind" NOT NULL,
	"description" text NOT NULL,
	"given_by" text NOT NULL,
	"activity_id" integer,
	"given_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"candidate_id" integer,
	"champion_id" integer NOT NULL,
	"activity_type" "activity_type" NOT NULL,
	"event_id" integer,
	"status" "invitation_status" DEFAULT 'invited' NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"answer_text" text,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	"expires_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "program_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"activity_type" "activity_type" NOT NULL,
	"event_date" date NOT NULL,
	"industry" text,
	"region" "region",
	"topic" text DEFAULT '' NOT NULL,
	"slots" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_events_slots_positive" CHECK ("program_events"."slots" > 0)
);
--> statement-breakpoint
CREATE TABLE "proposal_candidates" (
	"id" serial PRIMARY KEY NOT NULL,
	"proposal_id" integer NOT NULL,
	"champion_id" integer NOT NULL,
	"rank" integer NOT NULL,
	"activity_type" "activity_type" NOT NULL,
	"event_id" integer,
	"score" real NOT NULL,
	"load" real NOT NULL,
	"capacity" real NOT NULL,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"reasons" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"version" integer NOT NULL,
	"channel_id" text,
	"message_ts" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reference_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"requested_by" text NOT NULL,
	"channel_id" text,
	"message_ts" text,
	"raw_text" text DEFAULT '' NOT NULL,
	"prospect_company" text,
	"industry" text,
	"company_size" "company_size",
	"region" "region",
	"products" text[] DEFAULT '{}'::text[] NOT NULL,
	"persona" text,
	"activities" "activity_type"[] DEFAULT '{}' NOT NULL,
	"deadline" date,
	"notes" text DEFAULT '' NOT NULL,
	"status" "request_status" DEFAULT 'request' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "revisions" (
	"name" text PRIMARY KEY NOT NULL,
	"revision" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_champion_id_champions_id_fk" FOREIGN KEY ("champion_id") REFERENCES "public"."champions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_request_id_reference_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."reference_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_invitation_id_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."invitations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_event_id_program_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."program_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_candidate_id_proposal_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."proposal_candidates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gives" ADD CONSTRAINT "gives_champion_id_champions_id_fk" FOREIGN KEY ("champion_id") REFERENCES "public"."champions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gives" ADD CONSTRAINT "gives_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_request_id_reference_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."reference_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_candidate_id_proposal_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."proposal_candidates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_champion_id_champions_id_fk" FOREIGN KEY ("champion_id") REFERENCES "public"."champions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_event_id_program_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."program_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_candidates" ADD CONSTRAINT "proposal_candidates_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_candidates" ADD CONSTRAINT "proposal_candidates_champion_id_champions_id_fk" FOREIGN KEY ("champion_id") REFERENCES "public"."champions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_candidates" ADD CONSTRAINT "proposal_candidates_event_id_program_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."program_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_request_id_reference_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."reference_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "activities_import_key" ON "activities" USING btree ("import_key");--> statement-breakpoint
CREATE INDEX "activities_champion_date_idx" ON "activities" USING btree ("champion_id","activity_date");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "champions_email_key" ON "champions" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "champions_slack_user_id_key" ON "champions" USING btree ("slack_user_id");--> statement-breakpoint
CREATE INDEX "gives_champion_idx" ON "gives" USING btree ("champion_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_one_open_per_request" ON "invitations" USING btree ("request_id") WHERE "invitations"."status" = 'invited';--> statement-breakpoint
CREATE INDEX "invitations_champion_idx" ON "invitations" USING btree ("champion_id");--> statement-breakpoint
CREATE INDEX "program_events_date_idx" ON "program_events" USING btree ("event_date");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_candidates_rank_key" ON "proposal_candidates" USING btree ("proposal_id","rank");--> statement-breakpoint
CREATE UNIQUE INDEX "proposals_request_version_key" ON "proposals" USING btree ("request_id","version");--> statement-breakpoint
CREATE INDEX "reference_requests_status_idx" ON "reference_requests" USING btree ("status");