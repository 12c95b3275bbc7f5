import { toIsoDate } from "../../../core/dates";
import { requestProblems } from "../../../core/request-validation";
import { REQUEST_MODAL_CALLBACK, readRequestModal } from "../../blocks/request-modal";
import type { Registrar } from "../../listener-router";
import { decodeRequestMetadata, readSubmission } from "../../payloads";
import type { ListenerDeps } from "../deps";

/** The request form, submitted: validated in the modal, then stored, acknowledged and matched. */
export function registerRequestSubmit(app: Registrar, deps: ListenerDeps): void {
  app.view(REQUEST_MODAL_CALLBACK, async ({ ack, body, view }) => {
    const { fields, notes } = await readSubmission(ack, () =>
      readRequestModal(view.state.values as Record<string, Record<string, unknown>>),
    );
    const problems = requestProblems(fields, toIsoDate(deps.clock()));
    if (Object.keys(problems).length > 0) {
      await ack({ response_action: "errors", errors: problems });
      return;
    }
    await ack();
    const origin = decodeRequestMetadata(view.private_metadata);
    await deps.workflow.submitRequest({
      source: origin.source,
      requestedBy: body.user.id,
      channelId: origin.channelId,
      messageTs: origin.messageTs,
      rawText: origin.rawText,
      fields,
      notes,
    });
  });
}
