ALTER TABLE "invitations" ADD COLUMN "answer" text;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "channel_id" text;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "message_ts" text;--> statement-breakpoint
ALTER TABLE "proposal_candidates" ADD COLUMN "alternatives" "activity_type"[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "reference_requests" ADD COLUMN "lead_channel_id" text;--> statement-breakpoint
ALTER TABLE "reference_requests" ADD COLUMN "lead_thread_ts" text;--> statement-breakpoint
ALTER TABLE "reference_requests" ADD COLUMN "rep_channel_id" text;--> statement-breakpoint
ALTER TABLE "reference_requests" ADD COLUMN "rep_message_ts" text;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_answer_kind" CHECK ("invitations"."answer" is null or "invitations"."answer" in ('accepted', 'declined', 'later'));