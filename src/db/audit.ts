import { SQL, sql } from "drizzle-orm";
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
 * An audit row for each row a statement writes: each value fixed, or SQL over that row (the
 * statement's `returning` columns, named in `written`).
 */
export interface AuditOfRows {
  actor: string;
  entityType: string;
  entityId: SQL;
  action: string | SQL;
  from?: string | SQL | null;
  to?: string | null;
  data?: object | SQL;
}

const asSql = (value: string | SQL | null): SQL => (value instanceof SQL ? value : sql`${value}`);

/**
 * `statement` (an INSERT or UPDATE with `returning`) with an audit row for each row it wrote, as one
 * statement: a write and its audit rows commit together in one round trip. It answers `answer`,
 * a query over `written` (every written row unless given).
 */
export function withAuditRows(
  statement: SQL,
  entry: AuditOfRows,
  answer: SQL = sql`select * from written`,
): SQL {
  const data = entry.data instanceof SQL ? entry.data : sql`${JSON.stringify(entry.data ?? {})}::jsonb`;
  return sql`
    with written as (${statement}), logged as (
      insert into ${auditLog} (actor, entity_type, entity_id, action, from_status, to_status, data)
      select ${entry.actor}, ${entry.entityType}, ${entry.entityId}, ${asSql(entry.action)},
        ${asSql(entry.from ?? null)}, ${entry.to ?? null}, ${data}
      from written
    )
    ${answer}`;
}

/** The rows `statement` wrote, each logged with `entry` (see withAuditRows). */
export async function audited<Row>(
  db: Pick<Database, "execute">,
  statement: SQL,
  entry: AuditOfRows,
): Promise<Row[]> {
  return rowsOf<Row>(await db.execute(withAuditRows(statement, entry)));
}
