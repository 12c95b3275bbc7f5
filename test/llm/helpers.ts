import { invitationPitch } from "../../src/core/invitation-pitch";
import { parseRequest } from "../../src/core/parser/request-parser";
import type { Database } from "../../src/db/client";
import { createModelClient, type LlmLogger, type ModelClientOptions } from "../../src/llm/client";
import { createDatabaseUsageLedger } from "../../src/llm/usage-ledger";
import type { Understanding } from "../../src/services/understanding";
import { NOW } from "../support/builders";

export interface LogEntry {
  level: "info" | "warn";
  message: string;
  data: Record<string, unknown>;
}

export function recordingLogger(): LlmLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  return {
    entries,
    info: (message, data) => entries.push({ level: "info", message, data }),
    warn: (message, data) => entries.push({ level: "warn", message, data }),
  };
}

/**
 * The deterministic answers the model-backed Understanding falls back to: the real parser and the
 * real invitation template. The deterministic reply interpreter is being written alongside this
 * work, so replies fall back to "unclear" here.
 */
export const deterministicFallback: Understanding = {
  parser: { parse: async (text, context) => parseRequest(text, context) },
  recognize: async (text, context) => {
    const result = parseRequest(text, context);
    return result.isRequest ? result : null;
  },
  interpretReply: async () => ({ kind: "unclear" }),
  draftInvitation: async (input) => ({ text: invitationPitch(input.pitch), source: "template" }),
};

export const TIMEOUT_MS = 300;
export const RETRY_DELAY_MS = 50;

/** A client on the stand-in with short limits, recording to the real database. */
export function testClient(
  db: Database,
  baseURL: string,
  overrides: Partial<ModelClientOptions> = {},
): { client: ReturnType<typeof createModelClient>; logger: ReturnType<typeof recordingLogger> } {
  const logger = recordingLogger();
  const client = createModelClient({
    apiKey: "sk-test-key",
    baseURL,
    model: "test-model-mini",
    timeoutMs: TIMEOUT_MS,
    maxRetries: 1,
    retryDelayMs: RETRY_DELAY_MS,
    prices: { inputPerMTok: 0.15, outputPerMTok: 0.6 },
    ledger: createDatabaseUsageLedger(db),
    logger,
    clock: () => NOW,
    ...overrides,
  });
  return { client, logger };
}

/** Generous: every attempt running to its timeout, every backoff, plus a second of slack. */
export function worstCaseMs(
  maxRetries: number,
  timeoutMs = TIMEOUT_MS,
  retryDelayMs = RETRY_DELAY_MS,
): number {
  const backoff = Array.from({ length: maxRetries }, (_, n) => retryDelayMs * 2 ** n).reduce(
    (a, b) => a + b,
    0,
  );
  return (maxRetries + 1) * timeoutMs + backoff + 1_000;
}
