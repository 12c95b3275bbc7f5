import { activityLabel } from "../../../core/activities";
import { formatDay, toIsoDate } from "../../../core/dates";
import { addProgramEvent } from "../../../db/events-repository";
import { EVENT_MODAL_CALLBACK, eventModalChannel, readEventModal } from "../../blocks/event-modal";
import type { Registrar } from "../../listener-router";
import { readSubmission } from "../../payloads";
import type { ListenerDeps } from "../deps";
import { tellLead } from "../lead-tools";

/** The event form, submitted: checked in the modal, then added with its open slots. */
export function registerEventSubmit(app: Registrar, deps: ListenerDeps): void {
  app.view(EVENT_MODAL_CALLBACK, async ({ ack, body, view }) => {
    const userId = body.user.id;
    const read = await readSubmission(ack, () =>
      readEventModal(view.state.values as Record<string, Record<string, unknown>>, toIsoDate(deps.clock())),
    );
    if ("errors" in read) {
      await ack({ response_action: "errors", errors: read.errors });
      return;
    }
    await ack();
    const { event } = read;
    const id = await addProgramEvent(deps.db, event, userId);
    await tellLead(
      deps,
      { userId, channelId: eventModalChannel(view.private_metadata) },
      `Added event ${id}: ${event.name} (${activityLabel(event.activityType)}, ${formatDay(event.date)}, ${event.slots} open slot${event.slots === 1 ? "" : "s"}). Matching can propose it from now on.`,
    );
  });
}
