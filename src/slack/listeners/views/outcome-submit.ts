import type { App } from "@slack/bolt";
import { OUTCOME_MODAL_CALLBACK, readOutcomeModal } from "../../blocks/outcome-modal";
import type { ListenerDeps } from "../deps";

export function registerOutcomeSubmit(app: App, deps: ListenerDeps): void {
  app.view(OUTCOME_MODAL_CALLBACK, async ({ ack, body, view }) => {
    await ack();
    const activityId = Number(view.private_metadata);
    if (!Number.isSafeInteger(activityId)) return;
    const outcome = readOutcomeModal(view.state.values as Record<string, Record<string, unknown>>);
    await deps.desk.complete({ userId: body.user.id }, activityId, outcome);
  });
}
