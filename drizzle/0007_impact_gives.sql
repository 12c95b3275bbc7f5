ALTER TABLE "gives" ADD COLUMN "trigger" text;--> statement-breakpoint
CREATE UNIQUE INDEX "gives_activity_trigger_key" ON "gives" USING btree ("activity_id","trigger");--> statement-breakpoint
ALTER TABLE "gives" ADD CONSTRAINT "gives_trigger_known" CHECK ("gives"."trigger" is null or "gives"."trigger" in ('completed', 'deal_won'));