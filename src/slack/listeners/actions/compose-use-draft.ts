import { readUseDraft, USE_DRAFT_ACTION } from "../../blocks/invitation-compose";
import type { Registrar } from "../../listener-router";
import { readAction } from "../../payloads";
import type { ListenerDeps } from "../deps";

/** "Use this draft" in the invitation editor: the model's draft goes in the message box. */
export function registerComposeUseDraft(app: Registrar, deps: ListenerDeps): void {
  app.action(new RegExp(`^${USE_DRAFT_ACTION.replace(".", "\\.")}:`), async ({ ack, body }) => {
    await ack();
    const action = readAction(body);
    const { viewId, candidateId, suggestion } = readUseDraft(body);
    // The button names its candidate, and so does the form; both must agree.
    if (candidateId !== action.targetId) return;
    await deps.workflow.useDraft(action, candidateId, viewId, suggestion);
  });
}
