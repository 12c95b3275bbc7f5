import { AppError } from "../../../core/errors";
import type { Registrar } from "../../listener-router";
import { readAction } from "../../payloads";
import type { ListenerDeps } from "../deps";

/** "Edit invitation…": the lead reads and edits the invitation before approving. */
export function registerProposalCompose(app: Registrar, deps: ListenerDeps): void {
  app.action(/^proposal\.compose:/, async ({ ack, body }) => {
    await ack();
    const action = readAction(body);
    if (!action.triggerId) throw new AppError("input_invalid", "That button press arrived incomplete.");
    await deps.workflow.compose(action, action.targetId, action.triggerId);
  });
}
