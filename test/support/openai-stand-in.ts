import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { mightBeReferenceRequest } from "../../src/core/parser/prefilter";
import type { Database } from "../../src/db/client";
import { loadConfig } from "../../src/env";
import { createUnderstandingFromConfig } from "../../src/llm/factory";
import { deterministicUnderstanding, type Understanding } from "../../src/services/understanding";
import { NOW } from "./builders";

// A local stand-in for an OpenAI-compatible server (POST {baseURL}/chat/completions). The client
// under test reaches it through its baseURL; each test scripts the answers and asserts on the
// requests it recorded. Unscripted requests get a 500, so a test never passes on a default.

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: Record<string, unknown>;
  /** The raw body, for asserting that a string appears nowhere in it. */
  raw: string;
}

export type ScriptedAnswer =
  /** A completion whose message content is `content` (an object is sent as its JSON text). */
  | {
      content: unknown;
      usage?: Usage;
      finishReason?: "stop" | "length" | "content_filter";
    }
  /** The model refuses (the message's `refusal` field). */
  | { refusal: string; usage?: { prompt_tokens: number; completion_tokens: number } }
  /** An HTTP error with an OpenAI-style error body (and a Retry-After header, in seconds). */
  | { status: number; message?: string; retryAfter?: number }
  /** A 200 whose body is not JSON. */
  | { malformedBody: string }
  /** Wait `delayMs` before answering with `reply` (longer than the client's timeout: a timeout). */
  | { delayMs: number; reply: ScriptedAnswer };

export interface OpenAiStandIn {
  /** The baseURL to give the client (ends in /v1, like OpenAI's). */
  baseURL: string;
  requests: RecordedRequest[];
  /** Answers for the next requests, in order, each used once. */
  answer(...answers: ScriptedAnswer[]): void;
  /** The answer for every request once the scripted ones are used up. */
  always(answer: ScriptedAnswer): void;
  reset(): void;
  close(): Promise<void>;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
}

export const DEFAULT_USAGE: Usage = { prompt_tokens: 120, completion_tokens: 30 };

function completion(model: unknown, message: Record<string, unknown>, finishReason: string, usage: Usage) {
  return {
    id: `chatcmpl-${Math.random().toString(36).slice(2)}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: "assistant", ...message }, finish_reason: finishReason }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startOpenAiStandIn(): Promise<OpenAiStandIn> {
  const requests: RecordedRequest[] = [];
  let scripted: ScriptedAnswer[] = [];
  let fallback: ScriptedAnswer = { status: 500, message: "nothing scripted for this request" };
  const timers = new Set<NodeJS.Timeout>();

  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    if (res.destroyed) return; // the client gave up (timeout) and closed the connection
    res.writeHead(status, { "content-type": "application/json", ...headers }).end(body);
  };

  const respond = (res: ServerResponse, answer: ScriptedAnswer, model: unknown): void => {
    if ("delayMs" in answer) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        respond(res, answer.reply, model);
      }, answer.delayMs);
      timers.add(timer);
      return;
    }
    if ("status" in answer) {
      const error = { message: answer.message ?? `HTTP ${answer.status}`, type: "server_error", code: null };
      const retry: Record<string, string> =
        answer.retryAfter === undefined ? {} : { "retry-after": String(answer.retryAfter) };
      send(res, answer.status, JSON.stringify({ error }), retry);
      return;
    }
    if ("malformedBody" in answer) {
      send(res, 200, answer.malformedBody);
      return;
    }
    if ("refusal" in answer) {
      const body = completion(
        model,
        { content: null, refusal: answer.refusal },
        "stop",
        answer.usage ?? DEFAULT_USAGE,
      );
      send(res, 200, JSON.stringify(body));
      return;
    }
    const content = typeof answer.content === "string" ? answer.content : JSON.stringify(answer.content);
    const body = completion(
      model,
      { content, refusal: null },
      answer.finishReason ?? "stop",
      answer.usage ?? DEFAULT_USAGE,
    );
    send(res, 200, JSON.stringify(body));
  };

  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    let body: Record<string, unknown> = {};
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      // recorded as empty; the test sees `raw`
    }
    const path = (req.url ?? "").split("?")[0] ?? "";
    requests.push({ method: req.method ?? "", path, headers: req.headers, body, raw });
    if (req.method !== "POST" || !path.endsWith("/chat/completions")) {
      send(res, 404, JSON.stringify({ error: { message: `no route ${req.method} ${path}` } }));
      return;
    }
    respond(res, scripted.shift() ?? fallback, body.model);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    answer: (...answers) => {
      scripted.push(...answers);
    },
    always: (answer) => {
      fallback = answer;
    },
    reset() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      requests.length = 0;
      scripted = [];
      fallback = { status: 500, message: "nothing scripted for this request" };
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The app's own model-backed Understanding, configured as in production, talking to `standIn`. */
export function understandingOn(db: Database, standIn: Pick<OpenAiStandIn, "baseURL">): Understanding {
  return createUnderstandingFromConfig({
    config: loadConfig({
      OPENAI_API_KEY: "sk-test",
      OPENAI_BASE_URL: standIn.baseURL,
      OPENAI_TIMEOUT_MS: "500",
      OPENAI_MAX_RETRIES: "0",
    }),
    db,
    fallback: deterministicUnderstanding,
    prefilter: mightBeReferenceRequest,
    logger: { info: () => {}, warn: () => {} },
    clock: () => NOW,
  });
}
