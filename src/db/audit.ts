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
