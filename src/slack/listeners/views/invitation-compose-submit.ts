import { COMPOSE_CALLBACK, readComposeModal } from "../../blocks/invitation-compose";
import type { Registrar } from "../../listener-router";
import { readSubmission } from "../../payloads";
import type { ListenerDeps } from "../deps";

/** The composed invitation, submitted: approve the candidate and send exactly these words. */
export function registerInvitationComposeSubmit(app: Registrar, deps: ListenerDeps): void {
  app.view(COMPOSE_CALLBACK, async ({ ack, body, view }) => {
    const read = await readSubmission(ack, () =>
      readComposeModal(
        view.private_metadata,
        view.state.values as Record<string, Record<string, { value?: string | null }>>,
      ),
    );
    if ("error" in read) {
      await ack({ response_action: "errors", errors: { [read.blockId]: read.error } });
      return;
    }
    await ack();
    await deps.workflow.approve({ userId: body.user.id }, read.candidateId, read.message);
  });
}
