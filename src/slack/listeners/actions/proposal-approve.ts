import type { Registrar } from "../../listener-router";
import { readAction } from "../../payloads";
import type { ListenerDeps } from "../deps";

export function registerProposalApprove(app: Registrar, deps: ListenerDeps): void {
  app.action(/^proposal\.approve:/, async ({ ack, body }) => {
    await ack();
    const action = readAction(body);
    await deps.workflow.approve(action, action.targetId);
  });
}
