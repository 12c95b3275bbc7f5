import type { Registrar } from "../../listener-router";
import { readAction } from "../../payloads";
import type { ListenerDeps } from "../deps";

export function registerProposalReject(app: Registrar, deps: ListenerDeps): void {
  app.action(/^proposal\.reject:/, async ({ ack, body }) => {
    await ack();
    const action = readAction(body);
    await deps.workflow.reject(action, action.targetId);
  });
}
