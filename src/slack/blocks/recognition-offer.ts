import type { KnownBlock } from "@slack/types";
import type { RequestFields } from "../../core/domain";
import { LIMITS, mention, mrkdwn, plain } from "./limits";
import { requestLines } from "./proposal";

// The quiet offer made to someone whose message reads like a reference request: what was
// understood, and one click to open the request form with it.

export const OFFER_ACTIONS = { open: "request.open", dismiss: "request.dismiss" } as const;

export interface OfferInput {
  authorId: string;
  fields: RequestFields;
  /** The encoded OfferValue for the open button. */
  value: string;
  /** A thread reply is seen by everyone, so it names who it is for. */
  addressed: boolean;
}

export function recognitionOffer(input: OfferInput): { text: string; blocks: KnownBlock[] } {
  const who = input.addressed ? `${mention(input.authorId)}, this` : "This";
  const question = `${who} looks like a request for a customer reference. Want me to open it for the advocacy team?`;
  const understood = requestLines(input.fields);
  const blocks: KnownBlock[] = [{ type: "section", text: mrkdwn(question) }];
  if (understood.length > 0) {
    blocks.push({
      type: "context",
      elements: [mrkdwn(`What I understood: ${understood.join(" · ")}`, LIMITS.contextText)],
    });
  }
  blocks.push({
    type: "actions",
    block_id: "request.offer",
    elements: [
      {
        type: "button",
        action_id: OFFER_ACTIONS.open,
        text: plain("Open a request", LIMITS.buttonText),
        value: input.value,
        style: "primary",
      },
      {
        type: "button",
        action_id: OFFER_ACTIONS.dismiss,
        text: plain("Not a request", LIMITS.buttonText),
        // Whose offer it is: in a thread everyone sees the button, only the author may remove it.
        value: input.authorId,
      },
    ],
  });
  return { text: question, blocks };
}

/**
 * Whose offer a posted message is: the author named on its "Not a request" button, or null when the
 * message is not an offer (a click's container names any message; only an offer may be removed).
 */
export function offerAuthorOf(blocks: readonly unknown[]): string | null {
  for (const block of blocks.slice(0, 50)) {
    const elements = (block as { type?: string; elements?: unknown }).elements;
    if ((block as { type?: string }).type !== "actions" || !Array.isArray(elements)) continue;
    for (const element of elements.slice(0, 25) as { action_id?: unknown; value?: unknown }[]) {
      if (element.action_id === OFFER_ACTIONS.dismiss && typeof element.value === "string")
        return element.value;
    }
  }
  return null;
}
