import { outcomeModal } from "../../blocks/outcome-modal";
import type { Registrar } from "../../listener-router";
import { readAction } from "../../payloads";
import type { ListenerDeps } from "../deps";

/** "Record outcome" in the request's thread: opens the outcome form for leads. */
export function registerActivityComplete(app: Registrar, deps: ListenerDeps): void {
  app.action(/^activity\.complete:/, async ({ ack, body }) => {
    await ack();
    const action = readAction(body);
    if (!action.triggerId) return;
    const form = await deps.workflow.outcomeForm(action, action.targetId);
    if (form) await deps.gateway.openView(action.triggerId, outcomeModal(form));
  });
}
