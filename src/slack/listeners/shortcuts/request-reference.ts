import type { MessageShortcut } from "@slack/bolt";
import type { Registrar } from "../../listener-router";
import type { ListenerDeps } from "../deps";
import { openRequestForm } from "../request-form";

/** Message shortcut "Request a reference": the modal, prefilled from that message. */
export function registerRequestShortcut(app: Registrar, deps: ListenerDeps): void {
  app.shortcut<MessageShortcut>("request_reference", async ({ ack, shortcut }) => {
    await ack();
    await openRequestForm(deps, shortcut.trigger_id, {
      source: "shortcut",
      channelId: shortcut.channel.id,
      messageTs: shortcut.message.ts,
      rawText: shortcut.message.text ?? "",
    });
  });
}
