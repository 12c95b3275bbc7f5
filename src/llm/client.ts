import { setTimeout as sleep } from "node:timers/promises";
import type OpenAI from "openai";
import type { zodResponseFormat as ZodResponseFormat } from "openai/helpers/zod";
import type { ChatCompletion } from "openai/resources/chat/completions";
import type { z } from "zod";
import type { ChatMessage } from "./prompts";
import type { LedgerOutcome, UsageLedger } from "./usage-ledger";

// One structured call to an OpenAI-compatible Chat Completions endpoint. Chat Completions with a
// strict `json_schema` response format is what compatible servers support most widely. Nothing
// here throws for the ways a call can fail: the caller gets a reason and answers deterministically.
// The time a call can take is bounded: each attempt is aborted after `timeoutMs`, and there are at
// most `maxRetries` retries, with a short backoff. A rate limit is retried only when its Retry-After
// fits within one attempt's time: a caller waiting on Slack cannot sit out a long one, and the
// deterministic answer is better than a late one. What a call can cost is bounded too: every
// request caps the answer's tokens, and a call is not made when it could take the month past its
// token budget. The SDK is loaded with the first call rather than at start-up, which it slowed by
// about a tenth of a second whether a key was set or not.

export type FailureReason =
  | "timeout"
  | "http_error"
  | "network"
  | "refusal"
  | "invalid_output"
  /** The answer reached its token cap and was cut off. */
  | "truncated"
  /** Not asked: the last calls all failed to get through, so the server is given a rest. */
  | "circuit_open"
  /** Answered, but the app's own checks refused the answer (`ModelTask.accept`). */
  | "discarded"
  /** HTTP 429: the server's rate limit. */
  | "rate_limited"
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
  /** The most tokens the answer may take (`max_tokens`); DEFAULT_MAX_OUTPUT_TOKENS when absent. */
  maxOutputTokens?: number;
  /** The app's own check of a well-formed answer; one it refuses is recorded as `discarded`. */
  accept?: (value: T) => boolean;
}

/** Every answer the app asks for is a small JSON object; a few hundred tokens hold the longest. */
export const DEFAULT_MAX_OUTPUT_TOKENS = 600;

/** A prompt's tokens, estimated before sending it (about four characters a token, rounded up). */
const estimatedTokens = (messages: readonly ChatMessage[]): number =>
  Math.ceil(messages.reduce((sum, message) => sum + message.content.length, 0) / 4);

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
  /**
   * After this many calls in a row that could not reach an answer (timeouts, network, 5xx, rate
   * limits), calls are not made for `breakerCooldownMs`: each would only add its timeout to a
   * person's wait before the rules answer anyway. Default 5 and 60 s.
   */
  breakerThreshold?: number;
  breakerCooldownMs?: number;
}

export interface ModelClient {
  complete<T>(task: ModelTask<T>): Promise<ModelOutcome<T>>;
}

const DEFAULT_BASE_URL = "https://api.openai.com/v1";

type Attempt<T> =
  | { ok: true; value: T }
  | { ok: false; reason: FailureReason; retryable: boolean; retryAfterMs?: number; status?: number };

/** 408, 409 (lock timeouts), 429 and 5xx may pass on a second try; other statuses will not. */
const retryableStatus = (status: number): boolean =>
  status === 408 || status === 409 || status === 429 || status >= 500;

/** Retry-After in milliseconds (seconds, or an HTTP date), or undefined when absent or unreadable. */
function retryAfterMs(headers: Headers | undefined): number | undefined {
  const value = headers?.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

type Sdk = typeof import("openai");

/** The SDK once loaded, with the client made from it. */
interface LoadedSdk {
  openai: OpenAI;
  sdk: Sdk;
  zodResponseFormat: typeof ZodResponseFormat;
}

function classifyError(
  error: unknown,
  timeoutMs: number,
  { APIConnectionError, APIConnectionTimeoutError, APIError }: Sdk,
): { reason: FailureReason; retryable: boolean; retryAfterMs?: number; status?: number } {
  if (error instanceof APIConnectionTimeoutError) return { reason: "timeout", retryable: true };
  if (error instanceof APIConnectionError) return { reason: "network", retryable: true };
  if (error instanceof APIError && error.status === 429) {
    const wait = retryAfterMs(error.headers);
    // Worth another try only when the server asks for no longer than an attempt may take.
    return wait === undefined
      ? { reason: "rate_limited", retryable: true, status: 429 }
      : { reason: "rate_limited", retryable: wait <= timeoutMs, retryAfterMs: wait, status: 429 };
  }
  if (error instanceof APIError && error.status !== undefined)
    return { reason: "http_error", retryable: retryableStatus(error.status), status: error.status };
  // A 200 whose body is not JSON.
  if (error instanceof SyntaxError) return { reason: "invalid_output", retryable: false };
  return { reason: "network", retryable: false };
}

/** The JSON inside a Markdown code fence, as servers without strict schemas often answer; else the text. */
function unfenced(content: string): string {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n?```\s*$/i.exec(content);
  return fenced?.[1] ?? content;
}

/** Failures that say the server could not be reached or could not answer, not that it answered wrong. */
const UNREACHABLE: ReadonlySet<FailureReason> = new Set(["timeout", "network", "http_error", "rate_limited"]);

function readAnswer<T>(completion: ChatCompletion, schema: z.ZodType<T>): Attempt<T> {
  const choice = completion.choices?.[0];
  if (!choice) return { ok: false, reason: "invalid_output", retryable: false };
  if (choice.message?.refusal || choice.finish_reason === "content_filter")
    return { ok: false, reason: "refusal", retryable: false };
  // "length": the answer reached its cap and was cut off, so it cannot be whole JSON.
  if (choice.finish_reason === "length") return { ok: false, reason: "truncated", retryable: false };
  const content = choice.message?.content;
  if (!content) return { ok: false, reason: "invalid_output", retryable: false };
  let json: unknown;
  try {
    json = JSON.parse(unfenced(content));
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
  const breakerThreshold = options.breakerThreshold ?? 5;
  const breakerCooldownMs = options.breakerCooldownMs ?? 60_000;
  // Calls in a row that got no answer, and until when no call is made.
  let unanswered = 0;
  let restingUntil = 0;
  // Tokens that calls under way may still spend: reserved before each call, so calls started
  // together cannot pass the budget between them.
  let reserved = 0;
  let loading: Promise<LoadedSdk> | undefined;
  const loadSdk = async (): Promise<LoadedSdk> => {
    const [sdk, helpers] = await Promise.all([import("openai"), import("openai/helpers/zod")]);
    // Everything explicit, so the library reads nothing from the environment for us.
    const openai = new sdk.default({
      apiKey: options.apiKey,
      baseURL: options.baseURL ?? DEFAULT_BASE_URL,
      organization: null,
      project: null,
      webhookSecret: null,
      maxRetries: 0,
      timeout: timeoutMs,
      logLevel: "off",
    });
    return { openai, sdk, zodResponseFormat: helpers.zodResponseFormat };
  };

  const costOf = (promptTokens: number, completionTokens: number): number =>
    (promptTokens * options.prices.inputPerMTok + completionTokens * options.prices.outputPerMTok) / 1e6;

  /**
   * Whether this call, at its most (its prompt and a whole answer), could take the month past the
   * budget, counting what calls under way have reserved (this one's included, by the caller).
   */
  async function budgetExhausted(task: string): Promise<boolean> {
    const budget = options.monthlyTokenBudget;
    if (budget === undefined) return false;
    try {
      return (await ledger.tokensThisMonth(clock())) + reserved > budget;
    } catch (error) {
      // An unknown spend must not become unlimited spend.
      logger.warn("llm budget unknown, not calling the model", { task, error: (error as Error).name });
      return true;
    }
  }

  return {
    async complete<T>(task: ModelTask<T>): Promise<ModelOutcome<T>> {
      loading ??= loadSdk();
      const { openai, sdk, zodResponseFormat } = await loading;
      const startedAt = clock();
      const started = performance.now();
      const format = zodResponseFormat(task.schema, task.name);
      const maxOutputTokens = task.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS;
      const reservation =
        options.monthlyTokenBudget === undefined ? 0 : estimatedTokens(task.messages) + maxOutputTokens;
      const tokens = { prompt: 0, completion: 0 };

      const attemptWithRetries = async (): Promise<Attempt<T>> => {
        let outcome: Attempt<T>;
        let waitMs = 0;
        do {
          if (attempts > 0) await sleep(Math.max(retryDelayMs * 2 ** (attempts - 1), waitMs));
          attempts += 1;
          outcome = await attempt();
          waitMs = outcome.ok ? 0 : (outcome.retryAfterMs ?? 0);
        } while (!outcome.ok && outcome.retryable && attempts <= maxRetries);
        if (outcome.ok && task.accept && !task.accept(outcome.value))
          outcome = { ok: false, reason: "discarded", retryable: false };
        unanswered = !outcome.ok && UNREACHABLE.has(outcome.reason) ? unanswered + 1 : 0;
        if (unanswered >= breakerThreshold) {
          restingUntil = clock().getTime() + breakerCooldownMs;
          unanswered = 0;
          logger.warn("llm server failing; not asked for a while", {
            task: task.name,
            cooldownMs: breakerCooldownMs,
          });
        }
        return outcome;
      };

      const attempt = async (): Promise<Attempt<T>> => {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), timeoutMs);
        try {
          const completion = await openai.chat.completions.create(
            // max_tokens rather than max_completion_tokens: OpenAI-compatible servers know it more widely.
            { model, messages: [...task.messages], response_format: format, max_tokens: maxOutputTokens },
            { signal: controller.signal },
          );
          tokens.prompt += completion.usage?.prompt_tokens ?? 0;
          tokens.completion += completion.usage?.completion_tokens ?? 0;
          return readAnswer(completion, task.schema);
        } catch (error) {
          if (controller.signal.aborted) return { ok: false, reason: "timeout", retryable: true };
          return { ok: false, ...classifyError(error, timeoutMs, sdk) };
        } finally {
          clearTimeout(timer);
        }
      };

      let result: Attempt<T>;
      let attempts = 0;
      if (clock().getTime() < restingUntil) {
        result = { ok: false, reason: "circuit_open", retryable: false };
      } else {
        // Reserved before the ledger is read, so a call started meanwhile counts this one's share.
        reserved += reservation;
        try {
          result = (await budgetExhausted(task.name))
            ? { ok: false, reason: "budget_exhausted", retryable: false }
            : await attemptWithRetries();
        } finally {
          reserved -= reservation;
        }
      }

      const usage: TokenUsage = {
        promptTokens: tokens.prompt,
        completionTokens: tokens.completion,
        costUsd: costOf(tokens.prompt, tokens.completion),
      };
      // An HTTP error is recorded with its status: "http_error 503".
      const outcome: LedgerOutcome = result.ok
        ? "ok"
        : result.status
          ? `${result.reason} ${result.status}`
          : result.reason;
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
