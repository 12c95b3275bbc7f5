import { parentPort, workerData } from "node:worker_threads";
import { WebClient, type WebClientOptions } from "@slack/web-api";
import { webGateway } from "./gateway";
import type { GatewayCall, GatewayReply } from "./web-api-thread";

// The Web API client on its own thread (see web-api-thread.ts): each message names a gateway
// method and its arguments; the answer carries the result, or the failure's fields the app reads.

const { token, options } = workerData as { token: string; options: WebClientOptions };
const gateway = webGateway(new WebClient(token, options));
const port = parentPort;
if (!port) throw new Error("web-api-worker runs as a worker thread");

/** What the outbox and the error handler read of a Web API failure; the rest stays here. */
function failure(error: unknown): NonNullable<GatewayReply["error"]> {
  const { name, message, code, statusCode, retryAfter, data } = error as Record<string, unknown>;
  const fields = Object.entries({ code, statusCode, retryAfter, data }).filter(
    ([, value]) => value !== undefined,
  );
  return {
    name: String(name ?? "Error"),
    message: String(message ?? error),
    fields: Object.fromEntries(fields),
  };
}

port.on("message", async ({ id, method, args }: GatewayCall) => {
  try {
    // Structured cloning turns a Buffer into a Uint8Array: an upload's bytes become a Buffer again.
    if (method === "uploadFile" && args[1]) {
      const file = args[1] as { bytes: Uint8Array };
      file.bytes = Buffer.from(file.bytes);
    }
    const call = gateway[method] as (...given: unknown[]) => Promise<unknown>;
    port.postMessage({ id, result: await call(...args) } satisfies GatewayReply);
  } catch (error) {
    port.postMessage({ id, error: failure(error) } satisfies GatewayReply);
  }
});
