import { DEAL_CALLBACK, readDealModal } from "../../blocks/deal-modal";
import type { Registrar } from "../../listener-router";
import { readSubmission } from "../../payloads";
import type { ListenerDeps } from "../deps";

/** "Won", with the deal's value: recorded, and the champion hears what their help made possible. */
export function registerDealSubmit(app: Registrar, deps: ListenerDeps): void {
  app.view(DEAL_CALLBACK, async ({ ack, body, view }) => {
    const { activityId, value } = await readSubmission(ack, () =>
      readDealModal(
        view.private_metadata,
        view.state.values as Record<string, Record<string, { value?: string | null }>>,
      ),
    );
    await ack();
    await deps.steps.dealWon({ userId: body.user.id }, activityId, value);
  });
}
