import { OUTCOME_MODAL_CALLBACK, readOutcomeModal } from "../../blocks/outcome-modal";
import type { Registrar } from "../../listener-router";
import { readSubmission } from "../../payloads";
import type { ListenerDeps } from "../deps";

export function registerOutcomeSubmit(app: Registrar, deps: ListenerDeps): void {
  app.view(OUTCOME_MODAL_CALLBACK, async ({ ack, body, view }) => {
    const outcome = await readSubmission(ack, () =>
      readOutcomeModal(view.state.values as Record<string, Record<string, unknown>>),
    );
    await ack();
    const activityId = Number(view.private_metadata);
    if (!Number.isSafeInteger(activityId) || activityId <= 0) return;
    await deps.workflow.complete({ userId: body.user.id }, activityId, outcome);
  });
}
