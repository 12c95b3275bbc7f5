import type { IncomingMessage, ServerResponse } from "node:http";
import type { HTTPReceiverOptions } from "@slack/bolt";
import { HTTPModuleFunctions, HTTPReceiver } from "./bolt";

// Bolt's HTTP receiver, with one guard in front: a correctly signed body that parses to something
// other than an object (`payload=null`, a JSON array) makes Bolt read a property of it where
// nothing catches the TypeError, and the process dies. Such a body is answered 400 here first.

const EVENTS_PATH = "/slack/events";

/** Whether Bolt's own parse of this body would give an object to read. */
export function hasObjectBody(contentType: string | undefined, raw: string): boolean {
  try {
    let parsed: unknown;
    if (contentType === "application/x-www-form-urlencoded") {
      const payload = new URLSearchParams(raw).get("payload");
      if (payload === null) return true;
      parsed = JSON.parse(payload);
    } else {
      parsed = JSON.parse(raw);
    }
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed);
  } catch {
    // Bolt answers a body that is not JSON at all with a 400 of its own.
    return true;
  }
}

export function guardedReceiver(options: HTTPReceiverOptions): HTTPReceiver {
  const receiver = new HTTPReceiver({ ...options, endpoints: EVENTS_PATH });
  const bolt = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== "POST" || !req.url?.startsWith(EVENTS_PATH)) return bolt(req, res);
    HTTPModuleFunctions.bufferIncomingMessage(req, options.bodyLimit).then(
      (buffered) => {
        if (hasObjectBody(req.headers["content-type"], buffered.rawBody.toString())) bolt(buffered, res);
        else HTTPModuleFunctions.buildNoBodyResponse(res, 400);
      },
      (error: unknown) =>
        HTTPModuleFunctions.buildNoBodyResponse(
          res,
          HTTPModuleFunctions.isRawBodyError(error) && error.statusCode === 413 ? 413 : 400,
        ),
    );
  };
  return receiver;
}
