import { z } from "zod";
import { claimEvent } from "../../../db/requests-repository";
import type { Registrar } from "../../listener-router";
import type { ListenerDeps } from "../deps";

const directMessage = z.object({
  event_id: z.string().min(1),
  event: z.object({
    channel_type: z.literal("im"),
    user: z.string().min(1),
    text: z.string().min(1),
    // Edits, joins and bot posts carry a subtype or bot_id: never answered.
    subtype: z.undefined().optional(),
    bot_id: z.undefined().optional(),
  }),
});

/** A DM to the app: a champion answering in their own words, read once per delivery. */
export function registerDirectMessage(app: Registrar, deps: ListenerDeps): void {
  app.event("message", async ({ body }) => {
    const parsed = directMessage.safeParse(body);
    if (!parsed.success) return;
    if (!(await claimEvent(deps.db, parsed.data.event_id))) return;
    await deps.workflow.reply(parsed.data.event.user, parsed.data.event.text);
  });
}
