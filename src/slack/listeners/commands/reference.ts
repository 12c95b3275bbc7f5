import type { Registrar } from "../../listener-router";
import type { ListenerDeps } from "../deps";
import { openRequestForm } from "../request-form";

/** `/reference [text]`: a modal prefilled with whatever the text says. */
export function registerReferenceCommand(app: Registrar, deps: ListenerDeps): void {
  app.command("/reference", async ({ ack, command }) => {
    await ack();
    await openRequestForm(deps, command.trigger_id, {
      source: "slash_command",
      channelId: command.channel_id,
      messageTs: null,
      rawText: command.text,
    });
  });
}
