import { z } from "zod";
import { AppError } from "../../../core/errors";
import { mention } from "../../blocks/limits";
import { OFFER_ACTIONS, offerAuthorOf } from "../../blocks/recognition-offer";
import type { Registrar } from "../../listener-router";
import { decodeOfferValue } from "../../payloads";
import type { ListenerDeps } from "../deps";
import { openRequestForm } from "../request-form";

const offerClick = z.object({
  user: z.object({ id: z.string().min(1) }),
  trigger_id: z.string().min(1),
  channel: z.object({ id: z.string() }).optional(),
  container: z.object({ message_ts: z.string().optional(), is_ephemeral: z.boolean().optional() }).optional(),
  actions: z.array(z.object({ value: z.string().optional() })).min(1),
});

function readOfferClick(body: unknown) {
  const parsed = offerClick.safeParse(body);
  if (!parsed.success) throw new AppError("input_invalid", "That button press arrived incomplete.");
  return parsed.data;
}

/** The offer's two buttons: open the request form with what was understood, or make the offer go away. */
export function registerRequestOffer(app: Registrar, deps: ListenerDeps): void {
  app.action(OFFER_ACTIONS.open, async ({ ack, body }) => {
    await ack();
    const click = readOfferClick(body);
    const offer = decodeOfferValue(click.actions[0]?.value);
    if (click.user.id !== offer.authorId) {
      await deps.gateway.ephemeral(
        offer.channelId,
        click.user.id,
        `This offer is for ${mention(offer.authorId)}. For a request of your own, use /reference.`,
      );
      return;
    }
    await openRequestForm(
      deps,
      click.trigger_id,
      { source: "message", channelId: offer.channelId, messageTs: offer.messageTs, rawText: offer.rawText },
      offer.fields,
    );
  });

  app.action(OFFER_ACTIONS.dismiss, async ({ ack, body, respond }) => {
    await ack();
    const click = readOfferClick(body);
    if (!click.container?.message_ts || !click.channel) return;
    const authorId = click.actions[0]?.value;
    if (click.user.id !== authorId) {
      await deps.gateway.ephemeral(
        click.channel.id,
        click.user.id,
        `Only ${mention(authorId ?? "")} can remove this offer.`,
      );
      return;
    }
    // An ephemeral offer can only be removed through its response URL (only its author sees it).
    if (click.container.is_ephemeral) return void (await respond({ delete_original: true }));
    // A thread reply is a message anyone could name in a forged click: removed only if Slack shows
    // it is this person's offer.
    const blocks = await deps.gateway.messageBlocks(click.channel.id, click.container.message_ts);
    if (!blocks || offerAuthorOf(blocks) !== click.user.id) {
      await deps.gateway.ephemeral(
        click.channel.id,
        click.user.id,
        "That message isn't an offer of yours, so I left it where it is.",
      );
      return;
    }
    await deps.gateway.delete(click.channel.id, click.container.message_ts);
  });
}
