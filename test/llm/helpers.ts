import type { Database } from "../../src/db/client";
import { createModelClient, type LlmLogger, type ModelClientOptions } from "../../src/llm/client";
import { createDatabaseUsageLedger } from "../../src/llm/usage-ledger";
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

// Long enough that a first call on a busy machine (three test workers on two cores) is not a timeout;
// short enough that the tests which do time out stay quick.
export const TIMEOUT_MS = 1_000;
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
