import { z } from "zod";
import type { Registrar } from "../../listener-router";
import type { ListenerDeps } from "../deps";

const channelMessage = z.object({
  event: z.object({
    channel_type: z.enum(["channel", "group"]),
    channel: z.string().min(1),
    user: z.string().min(1),
    text: z.string().min(1),
    ts: z.string().min(1),
    thread_ts: z.string().optional(),
    // Edits, joins and bot posts (the app's own included) carry a subtype or bot_id: never answered.
    subtype: z.undefined().optional(),
    bot_id: z.undefined().optional(),
  }),
});

/** A message in a channel the app is in: offered to its author when it reads like a reference request. */
export function registerChannelMessage(app: Registrar, deps: ListenerDeps): void {
  app.event("message", async ({ body, context }) => {
    const parsed = channelMessage.safeParse(body);
    if (!parsed.success) return;
    const { event } = parsed.data;
    if (event.user === context.botUserId) return;
    await deps.recognizer.consider({
      channelId: event.channel,
      userId: event.user,
      text: event.text,
      ts: event.ts,
      threadTs: event.thread_ts,
    });
  });
}
