import type { App } from "@slack/bolt";
import { isActivityType } from "../../../core/domain";
import { readAction } from "../../payloads";
import type { ListenerDeps } from "../deps";

export function registerProposalSwap(app: App, deps: ListenerDeps): void {
  app.action(/^proposal\.swap:/, async ({ ack, body }) => {
    await ack();
    const action = readAction(body);
    if (!action.selected || !isActivityType(action.selected)) {
      await deps.gateway.ephemeral(
        action.channelId ?? action.userId,
        action.userId,
        "Pick an activity to swap to.",
      );
      return;
    }
    await deps.workflow.swap(action, action.targetId, action.selected);
  });
}
