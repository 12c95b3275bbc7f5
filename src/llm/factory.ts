import type { Database } from "../db/client";
import type { Config } from "../env";
import type { Understanding } from "../services/understanding";
import { createModelClient, type LlmLogger } from "./client";
import { createModelUnderstanding } from "./understanding";
import { createDatabaseUsageLedger } from "./usage-ledger";

export interface UnderstandingFromConfigDeps {
  config: Config;
  db: Database;
  /** The deterministic Understanding: the answer without a key, and whenever a model call fails. */
  fallback: Understanding;
  prefilter: (text: string) => boolean;
  logger: LlmLogger;
  clock: () => Date;
}

/** The model-backed Understanding when OPENAI_API_KEY is set; otherwise `fallback`, unchanged. */
export function createUnderstandingFromConfig(deps: UnderstandingFromConfigDeps): Understanding {
  const { config } = deps;
  if (!config.OPENAI_API_KEY) return deps.fallback;
  const client = createModelClient({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    model: config.OPENAI_MODEL,
    timeoutMs: config.OPENAI_TIMEOUT_MS,
    maxRetries: config.OPENAI_MAX_RETRIES,
    prices: {
      inputPerMTok: config.OPENAI_PRICE_INPUT_PER_MTOK,
      outputPerMTok: config.OPENAI_PRICE_OUTPUT_PER_MTOK,
    },
    monthlyTokenBudget: config.OPENAI_MONTHLY_TOKEN_BUDGET,
    ledger: createDatabaseUsageLedger(deps.db),
    logger: deps.logger,
    clock: deps.clock,
  });
  return createModelUnderstanding({ client, fallback: deps.fallback, prefilter: deps.prefilter });
}
