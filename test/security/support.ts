import { getTableName, isTable, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Database } from "../../src/db/client";
import * as schema from "../../src/db/schema";
import type { RecordedCall } from "../support/slack-api";

// Shared by the security tests: what "nothing changed" and "a polite answer" mean, observably.

/** Delivery bookkeeping and the model's usage ledger: written for any message, changing nothing. */
const BOOKKEEPING = new Set(["processed_events", "llm_calls"]);

const STATE_TABLES = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => isTable(value))
  .map((table) => getTableName(table))
  .filter((name) => !BOOKKEEPING.has(name))
  .sort();

/** Every row of every table the app's state lives in, as comparable text. */
export async function databaseState(db: Database): Promise<Record<string, string[]>> {
  const state: Record<string, string[]> = {};
  for (const table of STATE_TABLES) {
    const result = await db.execute(sql.raw(`select * from "${table}"`));
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as unknown[];
    state[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return state;
}

/** The apology the error handler sends for an unexpected failure (src/slack/app.ts). */
export const UNEXPECTED_FAILURE = /something went wrong on our side/;

/** Everything a recorded call shows a person: its text and blocks (or view). */
export const shownIn = (call: RecordedCall): string =>
  JSON.stringify([call.args.text, call.args.blocks, call.args.view]);

/** A message addressed to `user`: privately in a channel, or in their DM. */
export const isAnswerTo = (user: string, call: RecordedCall): boolean =>
  (call.method === "chat.postEphemeral" && call.args.user === user) ||
  (call.method === "chat.postMessage" && call.args.channel === user);
