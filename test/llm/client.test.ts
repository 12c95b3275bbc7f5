import { createServer } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { llmCalls } from "../../src/db/schema";
import { DEFAULT_MAX_OUTPUT_TOKENS, type FailureReason, type ModelTask } from "../../src/llm/client";
import { createDatabaseUsageLedger } from "../../src/llm/usage-ledger";
import { NOW } from "../support/builders";
import { useTestDatabase } from "../support/database";
import {
  DEFAULT_USAGE,
  type OpenAiStandIn,
  type ScriptedAnswer,
  startOpenAiStandIn,
} from "../support/openai-stand-in";
import { TIMEOUT_MS, testClient, worstCaseMs } from "./helpers";

const database = useTestDatabase();
let standIn: OpenAiStandIn;

beforeAll(async () => {
  standIn = await startOpenAiStandIn();
});
afterAll(async () => {
  await standIn.close();
});
beforeEach(() => {
  standIn.reset();
});

const SECRET_WORDS = "Contoso wants a healthcare CFO";
const task: ModelTask<{ label: "yes" | "no"; score: number }> = {
  name: "test_task",
  messages: [
    { role: "system", content: "Classify." },
    { role: "user", content: SECRET_WORDS },
  ],
  schema: z.object({ label: z.enum(["yes", "no"]), score: z.number().min(0).max(1) }),
};

const timed = async <T>(work: () => Promise<T>): Promise<{ result: T; elapsedMs: number }> => {
  const started = performance.now();
  const result = await work();
  return { result, elapsedMs: performance.now() - started };
};

describe("the request", () => {
  it("posts the model, the messages and a strict JSON schema named after the task, with the key", async () => {
    standIn.answer({ content: { label: "yes", score: 0.9 } });
    const { client } = testClient(database.db, standIn.baseURL);
    await client.complete(task);

    expect(standIn.requests).toHaveLength(1);
    const [request] = standIn.requests;
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe("/v1/chat/completions");
    expect(request?.headers.authorization).toBe("Bearer sk-test-key");
    expect(request?.body.model).toBe("test-model-mini");
    expect(request?.body.messages).toEqual(task.messages);
    // The answer's length is capped: one call can never run to millions of tokens.
    expect(request?.body.max_tokens).toBe(DEFAULT_MAX_OUTPUT_TOKENS);
    expect(request?.body.response_format).toMatchObject({
      type: "json_schema",
      json_schema: {
        name: "test_task",
        strict: true,
        schema: {
          type: "object",
          required: ["label", "score"],
          additionalProperties: false,
          properties: { label: { enum: ["yes", "no"] } },
        },
      },
    });
  });
});

describe("a valid answer", () => {
  it("is parsed and returned with its tokens and cost", async () => {
    standIn.answer({
      content: { label: "no", score: 0.25 },
      usage: { prompt_tokens: 1000, completion_tokens: 200 },
    });
    const { client } = testClient(database.db, standIn.baseURL);
    const outcome = await client.complete(task);
    expect(outcome).toEqual({
      ok: true,
      value: { label: "no", score: 0.25 },
      // 1000 × $0.15/M + 200 × $0.60/M
      usage: { promptTokens: 1000, completionTokens: 200, costUsd: 0.00027 },
    });
  });

  it("is recorded in the ledger and logged without the prompt or the answer", async () => {
    standIn.answer({ content: { label: "yes", score: 0.5 } });
    const { client, logger } = testClient(database.db, standIn.baseURL);
    await client.complete(task);

    const rows = await database.db.select().from(llmCalls);
    expect(rows).toEqual([
      expect.objectContaining({
        at: NOW,
        task: "test_task",
        model: "test-model-mini",
        promptTokens: DEFAULT_USAGE.prompt_tokens,
        completionTokens: DEFAULT_USAGE.completion_tokens,
        costUsd: 0.000036,
        outcome: "ok",
      }),
    ]);
    expect(logger.entries).toEqual([
      {
        level: "info",
        message: "llm call",
        data: expect.objectContaining({
          task: "test_task",
          model: "test-model-mini",
          promptTokens: 120,
          completionTokens: 30,
          outcome: "ok",
          attempts: 1,
          durationMs: expect.any(Number),
          costUsd: expect.any(Number),
        }),
      },
    ]);
    const logged = JSON.stringify(logger.entries);
    expect(logged).not.toContain("Contoso");
    expect(logged).not.toContain("Classify");
    expect(logged).not.toContain("0.5");
  });
});

describe("failures come back as a reason, within a bounded time", () => {
  it.each<{ name: string; answer: ScriptedAnswer; reason: FailureReason; attempts: number }>([
    {
      name: "a timeout",
      answer: { delayMs: 5_000, reply: { content: { label: "yes", score: 1 } } },
      reason: "timeout",
      attempts: 2,
    },
    { name: "HTTP 500", answer: { status: 500 }, reason: "http_error", attempts: 2 },
    { name: "HTTP 429", answer: { status: 429 }, reason: "rate_limited", attempts: 2 },
    {
      name: "HTTP 429 asking for longer than an attempt may take (not retried)",
      answer: { status: 429, retryAfter: 60 },
      reason: "rate_limited",
      attempts: 1,
    },
    { name: "HTTP 400 (not retried)", answer: { status: 400 }, reason: "http_error", attempts: 1 },
    { name: "HTTP 401 (not retried)", answer: { status: 401 }, reason: "http_error", attempts: 1 },
    { name: "a refusal", answer: { refusal: "I can't help with that." }, reason: "refusal", attempts: 1 },
    {
      name: "an answer outside the schema",
      answer: { content: { label: "maybe", score: 2 } },
      reason: "invalid_output",
      attempts: 1,
    },
    {
      name: "an answer missing a field",
      answer: { content: { label: "yes" } },
      reason: "invalid_output",
      attempts: 1,
    },
    {
      name: "content that is not JSON",
      answer: { content: '{"label": "yes", "sco' },
      reason: "invalid_output",
      attempts: 1,
    },
    {
      name: "a cut-off answer",
      answer: { content: '{"label": "yes"', finishReason: "length" },
      reason: "truncated",
      attempts: 1,
    },
    {
      name: "a body that is not JSON",
      answer: { malformedBody: "<html>bad gateway</html>" },
      reason: "invalid_output",
      attempts: 1,
    },
  ])("$name → $reason after $attempts attempt(s)", async ({ answer, reason, attempts }) => {
    standIn.always(answer);
    const { client, logger } = testClient(database.db, standIn.baseURL, { maxRetries: 1 });
    const { result, elapsedMs } = await timed(() => client.complete(task));

    expect(result).toEqual({ ok: false, reason });
    expect(standIn.requests).toHaveLength(attempts);
    expect(elapsedMs).toBeLessThan(worstCaseMs(1));
    // An HTTP error is recorded with its status.
    const recorded = "status" in answer ? `${reason} ${answer.status}` : reason;
    expect(logger.entries.at(-1)).toMatchObject({ level: "warn", data: { outcome: recorded, attempts } });
    const [row] = await database.db.select().from(llmCalls);
    expect(row?.outcome).toBe(recorded);
  });

  it("a server that is not there → network", async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const { client } = testClient(database.db, `http://127.0.0.1:${closedPort}/v1`);
    const { result, elapsedMs } = await timed(() => client.complete(task));
    expect(result).toEqual({ ok: false, reason: "network" });
    expect(elapsedMs).toBeLessThan(worstCaseMs(1));
  });

  it("a timeout does not wait for the late answer", async () => {
    standIn.always({ delayMs: 10_000, reply: { content: { label: "yes", score: 1 } } });
    const { client } = testClient(database.db, standIn.baseURL, { maxRetries: 0 });
    const { result, elapsedMs } = await timed(() => client.complete(task));
    expect(result).toEqual({ ok: false, reason: "timeout" });
    expect(elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(elapsedMs).toBeLessThan(worstCaseMs(0));
  });
});

describe("retries", () => {
  it("makes maxRetries + 1 attempts at a failing server", async () => {
    standIn.always({ status: 500 });
    const { client } = testClient(database.db, standIn.baseURL, { maxRetries: 3 });
    const { result, elapsedMs } = await timed(() => client.complete(task));
    expect(result).toEqual({ ok: false, reason: "http_error" });
    expect(standIn.requests).toHaveLength(4);
    expect(elapsedMs).toBeLessThan(worstCaseMs(3));
  });

  it("returns the answer of a retry that succeeds, sending the same request again", async () => {
    standIn.answer({ status: 429 }, { content: { label: "yes", score: 1 } });
    const { client } = testClient(database.db, standIn.baseURL, { maxRetries: 2 });
    const outcome = await client.complete(task);
    expect(outcome).toMatchObject({
      ok: true,
      value: { label: "yes", score: 1 },
      usage: { promptTokens: 120 },
    });
    expect(standIn.requests).toHaveLength(2);
    expect(standIn.requests[1]?.body).toEqual(standIn.requests[0]?.body);
  });

  it("does not retry an answer that came back wrong: the model answered", async () => {
    standIn.answer({ status: 503 }, { content: "not json" }, { content: { label: "yes", score: 1 } });
    const { client } = testClient(database.db, standIn.baseURL, { maxRetries: 2 });
    expect(await client.complete(task)).toEqual({ ok: false, reason: "invalid_output" });
    expect(standIn.requests).toHaveLength(2);
  });

  it("with no retries, one attempt", async () => {
    standIn.always({ status: 500 });
    const { client } = testClient(database.db, standIn.baseURL, { maxRetries: 0 });
    await client.complete(task);
    expect(standIn.requests).toHaveLength(1);
  });
});

describe("the monthly token budget", () => {
  const spent = async (at: Date, tokens: number) =>
    createDatabaseUsageLedger(database.db).record({
      at,
      task: "earlier",
      model: "test-model-mini",
      promptTokens: tokens,
      completionTokens: 0,
      costUsd: 0,
      outcome: "ok",
      durationMs: 1,
    });

  it("once reached, no request is made and the call says budget_exhausted", async () => {
    await spent(new Date("2026-11-02T09:00:00Z"), 1_000);
    standIn.always({ content: { label: "yes", score: 1 } });
    const { client, logger } = testClient(database.db, standIn.baseURL, { monthlyTokenBudget: 1_000 });
    expect(await client.complete(task)).toEqual({ ok: false, reason: "budget_exhausted" });
    expect(standIn.requests).toHaveLength(0);
    expect(logger.entries.at(-1)).toMatchObject({ level: "warn", data: { outcome: "budget_exhausted" } });
  });

  it("below it by a whole call's worth, or spent in an earlier month, the model is asked", async () => {
    // A call may take its prompt (about 10 tokens here) and a whole answer (the cap).
    const room = DEFAULT_MAX_OUTPUT_TOKENS + 20;
    await spent(new Date("2026-10-31T23:59:00Z"), 50_000);
    await spent(new Date("2026-11-02T09:00:00Z"), 10_000 - room);
    standIn.always({ content: { label: "yes", score: 1 } });
    const { client } = testClient(database.db, standIn.baseURL, { monthlyTokenBudget: 10_000 });
    expect(await client.complete(task)).toMatchObject({ ok: true });
    expect(standIn.requests).toHaveLength(1);
    // That call used 150 tokens: what is left no longer holds a whole call, so the next is refused.
    expect(await client.complete(task)).toEqual({ ok: false, reason: "budget_exhausted" });
    expect(standIn.requests).toHaveLength(1);
  });

  it("is not spent past: a call that could take the month over the budget is not made", async () => {
    await spent(new Date("2026-11-02T09:00:00Z"), 10_000 - DEFAULT_MAX_OUTPUT_TOKENS);
    standIn.always({ content: { label: "yes", score: 1 } });
    const { client } = testClient(database.db, standIn.baseURL, { monthlyTokenBudget: 10_000 });
    expect(await client.complete(task)).toEqual({ ok: false, reason: "budget_exhausted" });
    expect(standIn.requests).toHaveLength(0);
  });

  it("is not checked when unset", async () => {
    await spent(new Date("2026-11-02T09:00:00Z"), 10_000_000);
    standIn.always({ content: { label: "yes", score: 1 } });
    const { client } = testClient(database.db, standIn.baseURL);
    expect(await client.complete(task)).toMatchObject({ ok: true });
  });
});

describe("the app's own checks", () => {
  it("record a well-formed answer they refuse as discarded, and the caller gets no value", async () => {
    standIn.answer({ content: { label: "yes", score: 0.9 } });
    const { client } = testClient(database.db, standIn.baseURL);
    const refused = await client.complete({ ...task, accept: (value) => value.score < 0.5 });
    expect(refused).toEqual({ ok: false, reason: "discarded" });
    const [row] = await database.db.select().from(llmCalls);
    expect(row?.outcome).toBe("discarded");
  });
});

describe("calls started together near the budget", () => {
  it("cannot pass it between them: each reserves its prompt and a whole answer before asking", async () => {
    // Room for two calls' worst case, not four.
    const room = 2 * (DEFAULT_MAX_OUTPUT_TOKENS + 20);
    standIn.always({ delayMs: 100, reply: { content: { label: "yes", score: 1 } } });
    const { client } = testClient(database.db, standIn.baseURL, { monthlyTokenBudget: room });
    const outcomes = await Promise.all(Array.from({ length: 4 }, () => client.complete(task)));
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(2);
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.reason === "budget_exhausted")).toHaveLength(
      2,
    );
    expect(standIn.requests).toHaveLength(2);
  });
});

describe("answers servers give without a strict schema", () => {
  it("takes JSON inside a Markdown code fence", async () => {
    standIn.answer({ content: '```json\n{"label": "yes", "score": 0.5}\n```' });
    const { client } = testClient(database.db, standIn.baseURL);
    expect(await client.complete(task)).toMatchObject({ ok: true, value: { label: "yes", score: 0.5 } });
  });
});

describe("a server that keeps failing", () => {
  it("is given a rest after five calls in a row got no answer, then asked again", async () => {
    let now = NOW.getTime();
    standIn.always({ status: 503 });
    const { client } = testClient(database.db, standIn.baseURL, {
      maxRetries: 0,
      clock: () => new Date(now),
      breakerCooldownMs: 60_000,
    });
    for (let call = 0; call < 5; call++) {
      expect(await client.complete(task)).toEqual({ ok: false, reason: "http_error" });
    }
    expect(standIn.requests).toHaveLength(5);
    // Resting: answered at once, without a request.
    expect(await client.complete(task)).toEqual({ ok: false, reason: "circuit_open" });
    expect(standIn.requests).toHaveLength(5);

    now += 61_000;
    standIn.always({ content: { label: "no", score: 0.1 } });
    expect(await client.complete(task)).toMatchObject({ ok: true });
    expect(standIn.requests).toHaveLength(6);
  });

  it("is not rested for answers that came back wrong: the server is there", async () => {
    standIn.always({ content: { label: "maybe", score: 2 } });
    const { client } = testClient(database.db, standIn.baseURL, { maxRetries: 0 });
    for (let call = 0; call < 7; call++) {
      expect(await client.complete(task)).toEqual({ ok: false, reason: "invalid_output" });
    }
    expect(standIn.requests).toHaveLength(7);
  });
});
