import { setTimeout as sleep } from "node:timers/promises";
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import type { ChatCompletion } from "openai/resources/chat/completions";
import type { z } from "zod";
import type { ChatMessage } from "./prompts";
import type { UsageLedger } from "./usage-ledger";

// One structured call to an OpenAI-compatible Chat Completions endpoint. Chat Completions with a
// strict `json_schema` response format is what compatible servers support most widely. Nothing
// here throws for the ways a call can fail: the caller gets a reason and answers deterministically.
// The time a call can take is bounded: each attempt is aborted after `timeoutMs`, and there are at
// most `maxRetries` retries, with a short backoff that ignores Retry-After (a caller waiting on
// Slack cannot sit out a long rate limit; the deterministic answer is better than a late one).

export type FailureReason =
  | "timeout"
  | "http_error"
  | "network"
  | "refusal"
  | "invalid_output"
  | "budget_exhausted";

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

export type ModelOutcome<T> =
  | { ok: true; value: T; usage: TokenUsage }
  | { ok: false; reason: FailureReason };

export interface ModelTask<T> {
  /** Names the call in logs and the ledger, and the response format's schema. `[A-Za-z0-9_-]+`. */
  name: string;
  messages: readonly ChatMessage[];
  schema: z.ZodType<T>;
}

/** Gets numbers and names only: never a prompt or an answer (they hold customers' words). */
export interface LlmLogger {
  info(message: string, data: Record<string, unknown>): void;
  warn(message: string, data: Record<string, unknown>): void;
}

export interface ModelClientOptions {
  apiKey: string;
  /** Any OpenAI-compatible server; OpenAI's own when absent. */
  baseURL?: string | undefined;
  model: string;
  /** Per attempt, from sending the request to having the parsed answer. */
  timeoutMs: number;
  maxRetries: number;
  /** Backoff before the n-th retry: retryDelayMs × 2^(n-1). */
  retryDelayMs?: number;
  /** US dollars per million tokens. */
  prices: { inputPerMTok: number; outputPerMTok: number };
  /** Prompt + completion tokens per calendar month (UTC); no cap when absent. */
  monthlyTokenBudget?: number | undefined;
  ledger: UsageLedger;
  logger: LlmLogger;
  clock: () => Date;
}

export interface ModelClient {
  complete<T>(task: ModelTask<T>): Promise<ModelOutcome<T>>;
}

const DEFAULT_BASE_URL = "https://api.openai.com/v1";

type Attempt<T> = { ok: true; value: T } | { ok: false; reason: FailureReason; retryable: boolean };

/** 408, 409 (lock timeouts), 429 and 5xx may pass on a second try; other statuses will not. */
const retryableStatus = (status: number): boolean =>
  status === 408 || status === 409 || status === 429 || status >= 500;

function classifyError(error: unknown): { reason: FailureReason; retryable: boolean } {
  if (error instanceof APIConnectionTimeoutError) return { reason: "timeout", retryable: true };
  if (error instanceof APIConnectionError) return { reason: "network", retryable: true };
  if (error instanceof APIError && error.status !== undefined)
    return { reason: "http_error", retryable: retryableStatus(error.status) };
  // A 200 whose body is not JSON.
  if (error instanceof SyntaxError) return { reason: "invalid_output", retryable: false };
  return { reason: "network", retryable: false };
}

function readAnswer<T>(completion: ChatCompletion, schema: z.ZodType<T>): Attempt<T> {
  const choice = completion.choices?.[0];
  if (!choice) return { ok: false, reason: "invalid_output", retryable: false };
  if (choice.message?.refusal || choice.finish_reason === "content_filter")
    return { ok: false, reason: "refusal", retryable: false };
  // "length": the answer was cut off, so it cannot be whole JSON.
  const content = choice.message?.content;
  if (choice.finish_reason === "length" || !content)
    return { ok: false, reason: "invalid_output", retryable: false };
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return { ok: false, reason: "invalid_output", retryable: false };
  }
  const parsed = schema.safeParse(json);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, reason: "invalid_output", retryable: false };
}

export function createModelClient(options: ModelClientOptions): ModelClient {
  const { model, timeoutMs, maxRetries, ledger, logger, clock } = options;
  const retryDelayMs = options.retryDelayMs ?? 250;
  // Everything explicit, so the library reads nothing from the environment for us.
  const openai = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? DEFAULT_BASE_URL,
    organization: null,
    project: null,
    webhookSecret: null,
    maxRetries: 0,
    timeout: timeoutMs,
    logLevel: "off",
  });

  const costOf = (promptTokens: number, completionTokens: number): number =>
    (promptTokens * options.prices.inputPerMTok + completionTokens * options.prices.outputPerMTok) / 1e6;

  async function budgetExhausted(task: string): Promise<boolean> {
    const budget = options.monthlyTokenBudget;
    if (budget === undefined) return false;
    try {
      return (await ledger.tokensThisMonth(clock())) >= budget;
    } catch (error) {
      // An unknown spend must not become unlimited spend.
      logger.warn("llm budget unknown, not calling the model", { task, error: (error as Error).name });
      return true;
    }
  }

  return {
    async complete<T>(task: ModelTask<T>): Promise<ModelOutcome<T>> {
      const startedAt = clock();
      const started = performance.now();
      const format = zodResponseFormat(task.schema, task.name);
      const tokens = { prompt: 0, completion: 0 };

      const attempt = async (): Promise<Attempt<T>> => {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), timeoutMs);
        try {
          const completion = await openai.chat.completions.create(
            { model, messages: [...task.messages], response_format: format },
            { signal: controller.signal },
          );
          tokens.prompt += completion.usage?.prompt_tokens ?? 0;
          tokens.completion += completion.usage?.completion_tokens ?? 0;
          return readAnswer(completion, task.schema);
        } catch (error) {
          if (controller.signal.aborted) return { ok: false, reason: "timeout", retryable: true };
          return { ok: false, ...classifyError(error) };
        } finally {
          clearTimeout(timer);
        }
      };

      let result: Attempt<T>;
      let attempts = 0;
      if (await budgetExhausted(task.name)) {
        result = { ok: false, reason: "budget_exhausted", retryable: false };
      } else {
        do {
          if (attempts > 0) await sleep(retryDelayMs * 2 ** (attempts - 1));
          attempts += 1;
          result = await attempt();
        } while (!result.ok && result.retryable && attempts <= maxRetries);
      }

      const usage: TokenUsage = {
        promptTokens: tokens.prompt,
        completionTokens: tokens.completion,
        costUsd: costOf(tokens.prompt, tokens.completion),
      };
      const outcome = result.ok ? "ok" : result.reason;
      const durationMs = Math.round(performance.now() - started);
      const entry = { task: task.name, model, ...usage, durationMs, outcome, attempts };
      if (result.ok) logger.info("llm call", entry);
      else logger.warn("llm call failed; answering without the model", entry);
      try {
        await ledger.record({ at: startedAt, task: task.name, model, ...usage, outcome, durationMs });
      } catch (error) {
        logger.warn("llm call not recorded", { task: task.name, error: (error as Error).name });
      }
      return result.ok ? { ok: true, value: result.value, usage } : { ok: false, reason: result.reason };
    },
  };
}
