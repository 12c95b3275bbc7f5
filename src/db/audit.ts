import { type SQL, sql } from "drizzle-orm";
import { rowsOf } from "./bulk-sql";
import type { Database } from "./client";
import { auditLog } from "./schema";

/** A database or an open transaction: anything that can insert. */
type Writer = Pick<Database, "insert">;

export interface AuditEntry {
  actor: string;
  entityType: string;
  entityId: number | string;
  action: string;
  from?: string | null;
  to?: string | null;
  data?: object;
}

/** Appends one row to the audit log (inside the caller's transaction when given one). */
export async function audit(writer: Writer, entry: AuditEntry): Promise<void> {
  await writer.insert(auditLog).values({
    actor: entry.actor,
    entityType: entry.entityType,
    entityId: String(entry.entityId),
    action: entry.action,
    fromStatus: entry.from ?? null,
    toStatus: entry.to ?? null,
    data: entry.data ?? {},
  });
}

/**
 * Runs `insert` (an INSERT returning `id`) and logs each row it wrote with `entry`, in one statement:
 * the row and its audit entry are written together, in one round trip.
 */
export async function auditedInsert<Row extends { id: number }>(
  db: Pick<Database, "execute">,
  insert: SQL,
  entry: Omit<AuditEntry, "entityId">,
): Promise<Row[]> {
  return rowsOf<Row>(
    await db.execute(sql`
      with written as (${insert}), logged as (
        insert into ${auditLog} (actor, entity_type, entity_id, action, from_status, to_status, data)
        select ${entry.actor}, ${entry.entityType}, id::text, ${entry.action}, ${entry.from ?? null},
          ${entry.to ?? null}, ${JSON.stringify(entry.data ?? {})}::jsonb
        from written
      )
      select * from written`),
  );
}
