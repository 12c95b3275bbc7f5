import { findChampion, saveChampion } from "../../../db/roster-repository";
import { CHAMPION_COLUMNS, validateChampion } from "../../../roster/champions-csv";
import {
  CHAMPION_MODAL_CALLBACK,
  decodeChampionMetadata,
  readChampionModal,
} from "../../blocks/champion-modal";
import type { Registrar } from "../../listener-router";
import { readSubmission } from "../../payloads";
import type { ListenerDeps } from "../deps";
import { tellLead } from "../lead-tools";

/**
 * The champion form, submitted: checked by the roster import's rules (problems shown on their
 * fields), then saved through the import's upsert. The modal closes only once it is saved.
 */
export function registerChampionSubmit(app: Registrar, deps: ListenerDeps): void {
  app.view(CHAMPION_MODAL_CALLBACK, async ({ ack, body, view }) => {
    const userId = body.user.id;
    const metadata = await readSubmission(ack, () => decodeChampionMetadata(view.private_metadata));
    const checked = await readSubmission(ack, () =>
      validateChampion(
        readChampionModal(view.state.values as Record<string, Record<string, unknown>>, metadata),
      ),
    );
    if ("problems" in checked) {
      await ack({ response_action: "errors", errors: checked.problems });
      return;
    }
    const { champion } = checked;
    const errors: Record<string, string> = {};
    if (metadata.email === null && (await findChampion(deps.db, { email: champion.email }))) {
      errors.email = `${champion.email} is already on the roster: /advocacy roster edit ${champion.email} changes them.`;
    }
    const holder = champion.slackUserId
      ? await findChampion(deps.db, { slackUserId: champion.slackUserId })
      : null;
    if (holder && holder.email !== champion.email) {
      errors.slack_user_id = `That Slack user is already ${holder.name} (${holder.email}).`;
    }
    if (Object.keys(errors).length > 0) {
      await ack({ response_action: "errors", errors });
      return;
    }
    // What the form could not show whole is not in it, so it is not written over.
    const shown = CHAMPION_COLUMNS.filter((column) => !(metadata.kept as string[]).includes(column));
    await saveChampion(deps.db, champion, shown, userId, "slack champion form");
    await ack();
    await tellLead(
      deps,
      { userId, channelId: metadata.channelId },
      metadata.email === null
        ? `Added ${champion.name} (${champion.email}) to the roster.`
        : `Saved ${champion.name} (${champion.email}).`,
    );
  });
}
