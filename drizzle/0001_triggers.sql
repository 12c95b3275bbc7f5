-- Custom migration: behaviour the schema cannot express in drizzle.

-- The audit log is append-only: history must not be rewritten.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
END;
$$;--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();--> statement-breakpoint

-- One revision counter per cache: any write to what matching reads bumps 'roster', so every
-- process can revalidate its in-memory snapshot with a single-row read. A row update (not a
-- sequence) keeps the bump inside the writer's transaction: readers never see a new revision
-- before the data behind it is committed.
INSERT INTO revisions (name, revision) VALUES ('roster', 0);--> statement-breakpoint
CREATE FUNCTION bump_roster_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE revisions SET revision = revision + 1 WHERE name = 'roster';
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER champions_bump_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON champions
  FOR EACH STATEMENT EXECUTE FUNCTION bump_roster_revision();--> statement-breakpoint
CREATE TRIGGER activities_bump_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON activities
  FOR EACH STATEMENT EXECUTE FUNCTION bump_roster_revision();--> statement-breakpoint
CREATE TRIGGER invitations_bump_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON invitations
  FOR EACH STATEMENT EXECUTE FUNCTION bump_roster_revision();--> statement-breakpoint
CREATE TRIGGER program_events_bump_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON program_events
  FOR EACH STATEMENT EXECUTE FUNCTION bump_roster_revision();
