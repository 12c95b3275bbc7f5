import { Worker } from "node:worker_threads";
import type { WebClientOptions } from "@slack/web-api";
import type { SlackGateway } from "./gateway";

// Slack Web API calls on a thread of their own. @slack/web-api spends about a millisecond of CPU
// on each call (serialising, redacting for its debug log, queueing), and on the event loop that
// time is taken from acknowledging the next requests. Here the loop only copies the arguments to
// the thread and reads the answer; the calls, their retries and their errors are the same.

type Method = keyof SlackGateway;

export interface GatewayCall {
  id: number;
  method: Method;
  args: unknown[];
}

export interface GatewayReply {
  id: number;
  result?: unknown;
  /** A failure's name, message and the fields the app reads (code, statusCode, retryAfter, data). */
  error?: { name: string; message: string; fields: Record<string, unknown> };
}

/** Every gateway method, by name: the type fails to compile when the gateway gains one. */
const METHODS: Record<Method, true> = {
  post: true,
  update: true,
  ephemeral: true,
  delete: true,
  openView: true,
  updateView: true,
  publishHome: true,
  uploadFile: true,
};

export interface ThreadedGateway extends SlackGateway {
  /** Waits for the calls under way, then ends the thread. */
  close(): Promise<void>;
}

export function threadedGateway(token: string, options: WebClientOptions): ThreadedGateway {
  const { logger: _logger, ...cloneable } = options;
  const worker = new Worker(new URL("./web-api-worker.mjs", import.meta.url), {
    workerData: { token, options: cloneable },
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let broken: Error | null = null;
  let whenIdle: (() => void)[] = [];
  const settled = () => {
    if (pending.size > 0) return;
    worker.unref();
    for (const resolve of whenIdle) resolve();
    whenIdle = [];
  };

  worker.on("message", ({ id, result, error }: GatewayReply) => {
    const caller = pending.get(id);
    pending.delete(id);
    if (!error) return caller?.resolve(result);
    caller?.reject(Object.assign(new Error(error.message), { name: error.name }, error.fields));
  });
  // The thread failing to start (or dying) fails every call waiting on it, and every later one.
  worker.on("error", (error) => {
    broken = error;
    const callers = [...pending.values()];
    pending.clear();
    for (const caller of callers) caller.reject(error);
  });
  // Idle, the thread must not keep the process alive; a call under way does (see `call`).
  worker.unref();

  const call = (method: Method, args: unknown[]) =>
    new Promise<unknown>((resolve, reject) => {
      if (broken) return reject(broken);
      const id = nextId++;
      if (pending.size === 0) worker.ref();
      pending.set(id, {
        resolve: (value) => {
          settled();
          resolve(value);
        },
        reject: (error) => {
          settled();
          reject(error);
        },
      });
      worker.postMessage({ id, method, args } satisfies GatewayCall);
    });

  const gateway = Object.fromEntries(
    Object.keys(METHODS).map((method) => [method, (...args: unknown[]) => call(method as Method, args)]),
  ) as unknown as SlackGateway;

  return {
    ...gateway,
    async close() {
      if (pending.size > 0) await new Promise<void>((resolve) => whenIdle.push(resolve));
      await worker.terminate();
    },
  };
}
