import { and, gte, lt, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { llmCalls } from "../db/schema";
import type { FailureReason } from "./client";

/** "ok", or why not: a FailureReason, with the status for an HTTP error ("http_error 503"). */
export type LedgerOutcome = "ok" | FailureReason | `${FailureReason} ${number}`;

// Every model call, with its tokens and cost: what the monthly budget is checked against, and what
// an operator reads to see what the model costs and how often the app answered without it.

export interface LlmCallRecord {
  at: Date;
  task: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  outcome: LedgerOutcome;
  durationMs: number;
}

export interface UsageLedger {
  /** Prompt + completion tokens recorded in the calendar month (UTC) of `now`. */
  tokensThisMonth(now: Date): Promise<number>;
  record(call: LlmCallRecord): Promise<void>;
}

export function monthBounds(now: Date): { start: Date; end: Date } {
  return {
    start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)),
    end: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)),
  };
}

export function createDatabaseUsageLedger(db: Database): UsageLedger {
  return {
    async tokensThisMonth(now) {
      const { start, end } = monthBounds(now);
      const [row] = await db
        .select({
          tokens: sql`coalesce(sum(${llmCalls.promptTokens} + ${llmCalls.completionTokens}), 0)`.mapWith(
            Number,
          ),
        })
        .from(llmCalls)
        .where(and(gte(llmCalls.at, start), lt(llmCalls.at, end)));
      return row?.tokens ?? 0;
    },

    async record(call) {
      await db.insert(llmCalls).values(call);
    },
  };
}
