import { isActivityType } from "../../../core/domain";
import type { Registrar } from "../../listener-router";
import { readAction } from "../../payloads";
import type { ListenerDeps } from "../deps";

export function registerProposalSwap(app: Registrar, deps: ListenerDeps): void {
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
