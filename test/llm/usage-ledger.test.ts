import { describe, expect, it } from "vitest";
import { llmCalls } from "../../src/db/schema";
import { createDatabaseUsageLedger, type LlmCallRecord, monthBounds } from "../../src/llm/usage-ledger";
import { testEngine, useTestDatabase } from "../support/database";

const database = useTestDatabase();

const call = (overrides: Partial<LlmCallRecord>): LlmCallRecord => ({
  at: new Date("2026-11-10T12:00:00Z"),
  task: "request_extraction",
  model: "gpt-4o-mini",
  promptTokens: 100,
  completionTokens: 20,
  costUsd: 0.000027,
  outcome: "ok",
  durationMs: 840,
  ...overrides,
});

describe(`usage ledger (${testEngine})`, () => {
  it("records a call with its tokens, cost, outcome and duration", async () => {
    const ledger = createDatabaseUsageLedger(database.db);
    await ledger.record(call({ promptTokens: 1234, completionTokens: 56, costUsd: 0.000219, outcome: "ok" }));
    await ledger.record(
      call({
        task: "invitation_draft",
        promptTokens: 0,
        completionTokens: 0,
        costUsd: 0,
        outcome: "timeout",
      }),
    );

    const rows = await database.db.select().from(llmCalls).orderBy(llmCalls.id);
    expect(rows.map(({ id: _, ...row }) => row)).toEqual([
      {
        at: new Date("2026-11-10T12:00:00Z"),
        task: "request_extraction",
        model: "gpt-4o-mini",
        promptTokens: 1234,
        completionTokens: 56,
        costUsd: 0.000219,
        outcome: "ok",
        durationMs: 840,
      },
      expect.objectContaining({ task: "invitation_draft", promptTokens: 0, outcome: "timeout" }),
    ]);
  });

  it("sums prompt and completion tokens over the calendar month (UTC) of now", async () => {
    const ledger = createDatabaseUsageLedger(database.db);
    await ledger.record(call({ at: new Date("2026-10-31T23:59:59.999Z"), promptTokens: 5000 }));
    await ledger.record(
      call({ at: new Date("2026-11-01T00:00:00Z"), promptTokens: 100, completionTokens: 20 }),
    );
    await ledger.record(
      call({ at: new Date("2026-11-30T23:59:59.999Z"), promptTokens: 300, completionTokens: 7 }),
    );
    await ledger.record(call({ at: new Date("2026-12-01T00:00:00Z"), promptTokens: 9000 }));

    expect(await ledger.tokensThisMonth(new Date("2026-11-15T08:00:00Z"))).toBe(427);
    // Already 1 December in Berlin, still November in UTC.
    expect(await ledger.tokensThisMonth(new Date("2026-11-30T23:30:00Z"))).toBe(427);
    expect(await ledger.tokensThisMonth(new Date("2026-12-01T00:00:00Z"))).toBe(9020);
    expect(await ledger.tokensThisMonth(new Date("2027-01-05T00:00:00Z"))).toBe(0);
  });

  it("month bounds run from the first of the month to the first of the next, across a year end", () => {
    expect(monthBounds(new Date("2026-12-31T23:59:59Z"))).toEqual({
      start: new Date("2026-12-01T00:00:00Z"),
      end: new Date("2027-01-01T00:00:00Z"),
    });
  });
});
