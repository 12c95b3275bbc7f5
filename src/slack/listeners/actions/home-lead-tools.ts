import type { BlockAction } from "@slack/bolt";
import { DEFAULT_REPORT_DAYS } from "../../../core/report-words";
import type { Registrar } from "../../listener-router";
import type { ListenerDeps } from "../deps";
import { type LeadPlace, openChampionForm, openEventForm, sendReport } from "../lead-tools";

/** The App Home's lead buttons: the same forms as /advocacy, and the report by DM. */
export function registerHomeLeadTools(app: Registrar, deps: ListenerDeps): void {
  const forLeads =
    (work: (place: LeadPlace, triggerId: string) => Promise<void>) =>
    async ({ ack, body }: { ack: () => Promise<void>; body: BlockAction }) => {
      await ack();
      // Home buttons have no channel: the lead is answered in their DM.
      const place: LeadPlace = { userId: body.user.id, channelId: null };
      await work(place, body.trigger_id);
    };

  app.action<BlockAction>(
    "home.add_champion",
    forLeads((place, triggerId) => openChampionForm(deps, triggerId, place)),
  );
  app.action<BlockAction>(
    "home.add_event",
    forLeads((place, triggerId) => openEventForm(deps, triggerId, place)),
  );
  app.action<BlockAction>(
    "home.report",
    forLeads((place) => sendReport(deps, place, DEFAULT_REPORT_DAYS)),
  );
}
