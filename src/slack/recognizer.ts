import { recognitionEnabled } from "../db/channel-settings-repository";
import type { Database } from "../db/client";
import { claimEvent } from "../db/requests-repository";
import type { Matcher } from "../services/matcher";
import type { Understanding } from "../services/understanding";
import { recognitionOffer } from "./blocks/recognition-offer";
import type { SlackGateway } from "./gateway";
import type { Outbox } from "./outbox";
import { encodeOfferValue } from "./payloads";

// Requests written as ordinary messages ("does anyone have a healthcare CFO who could talk to
// Acme?"): recognized, then offered back to their author alone, once per message.

export type RecognitionReply = "ephemeral" | "thread" | "off";

export interface RecognizerDeps {
  db: Database;
  understanding: Understanding;
  matcher: Matcher;
  /** The offer in private (an ephemeral message, only useful now). */
  gateway: SlackGateway;
  /** The offer in the message's thread. */
  outbox: Outbox;
  clock: () => Date;
  reply: RecognitionReply;
}

export interface ChannelMessage {
  channelId: string;
  userId: string;
  text: string;
  ts: string;
  threadTs: string | undefined;
}

export function createRecognizer(deps: RecognizerDeps) {
  return {
    async consider(message: ChannelMessage): Promise<void> {
      if (deps.reply === "off") return;
      if (!(await recognitionEnabled(deps.db, message.channelId))) return;
      const products = await deps.matcher.products();
      const result = await deps.understanding.recognize(message.text, { now: deps.clock(), products });
      if (!result) return;
      // Keyed by the message, not the delivery: retries, duplicates and other instances offer once.
      if (!(await claimEvent(deps.db, `offer:${message.channelId}:${message.ts}`))) return;
      const value = encodeOfferValue({
        authorId: message.userId,
        channelId: message.channelId,
        messageTs: message.ts,
        fields: result.request,
        rawText: message.text,
      });
      const offer = { authorId: message.userId, fields: result.request, value };
      if (deps.reply === "thread") {
        await deps.outbox.deliver(message.channelId, recognitionOffer({ ...offer, addressed: true }), {
          threadTs: message.threadTs ?? message.ts,
        });
      } else {
        await deps.gateway.ephemeral(
          message.channelId,
          message.userId,
          recognitionOffer({ ...offer, addressed: false }),
          message.threadTs,
        );
      }
    },
  };
}

export type Recognizer = ReturnType<typeof createRecognizer>;
