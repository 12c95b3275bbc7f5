ALTER TABLE "activities" ADD COLUMN "reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "followed_up_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "activities" ADD COLUMN "deal_asked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "champions" ADD COLUMN "public_thanks" boolean DEFAULT false NOT NULL;