import { addDays, formatDay, isIsoDate, toIsoDate } from "../../core/dates";
import type { ChampionStatus } from "../../core/domain";
import { loadProgramMetrics } from "../../db/report-repository";
import { findChampion, saveChampion } from "../../db/roster-repository";
import type { ChampionInput } from "../../roster/champions-csv";
import { championModal } from "../blocks/champion-modal";
import { eventModal } from "../blocks/event-modal";
import { reportMessage } from "../blocks/report";
import type { SlackMessage } from "../gateway";
import { slackErrorReason } from "../outbox";
import type { ListenerDeps } from "./deps";

// The leads' program controls, shared by `/advocacy` and the App Home's buttons: the roster forms,
// pausing and resuming a champion, and the program report.

/**
 * Where a lead is answered: through the command's response_url (`respond`: private, and it works
 * in any channel, the bot a member or not), privately in the channel, or in a DM (App Home, modals).
 */
export interface LeadPlace {
  userId: string;
  channelId: string | null;
  respond?: (message: SlackMessage) => Promise<unknown>;
}

/** Slack's refusals of an ephemeral message in a channel the app cannot post in. */
const NOT_THERE = new Set(["not_in_channel", "channel_not_found", "is_archived"]);

export async function tellLead(deps: ListenerDeps, place: LeadPlace, message: string | SlackMessage) {
  const asMessage = typeof message === "string" ? { text: message } : message;
  if (place.respond) return void (await place.respond(asMessage));
  if (place.channelId) {
    try {
      return void (await deps.gateway.ephemeral(place.channelId, place.userId, message));
    } catch (error) {
      // A form opened in a channel the app is not in: the answer goes to the lead's DM instead.
      if (!NOT_THERE.has(slackErrorReason(error) ?? "")) throw error;
    }
  }
  await deps.gateway.post(place.userId, asMessage);
}

const notOnRoster = (email: string) =>
  `No champion with the email ${email} is on the roster. \`/advocacy roster add\` adds one.`;

/** Opens the champion modal: empty, or prefilled with the champion whose email is given. */
export async function openChampionForm(
  deps: ListenerDeps,
  triggerId: string,
  place: LeadPlace,
  email?: string,
): Promise<void> {
  if (email === undefined) {
    await deps.gateway.openView(triggerId, championModal({ channelId: place.channelId }));
    return;
  }
  const champion = await findChampion(deps.db, { email });
  if (!champion) return tellLead(deps, place, notOnRoster(email));
  await deps.gateway.openView(triggerId, championModal({ champion, channelId: place.channelId }));
}

export async function openEventForm(deps: ListenerDeps, triggerId: string, place: LeadPlace) {
  await deps.gateway.openView(triggerId, eventModal({ channelId: place.channelId }));
}

/** Where a champion stands, in words: what matching will do with them. */
export function availabilityWords(champion: ChampionInput, today: string): string {
  const who = `${champion.name} (${champion.email})`;
  if (champion.status === "inactive") return `${who} is inactive: I never propose them.`;
  if (champion.status === "paused")
    return `${who} is paused: I won't propose them until a lead resumes them with \`/advocacy resume ${champion.email}\`.`;
  if (champion.restUntil && champion.restUntil > today)
    return `${who} is resting until ${formatDay(champion.restUntil)}: I won't propose them before then.`;
  return `${who} is active: I can propose them again.`;
}

/**
 * `pause` without a date: paused until a lead resumes them. With a date: resting until then (a
 * paused champion becomes active, so they come back by themselves); an inactive one stays inactive.
 */
export async function pauseChampion(deps: ListenerDeps, place: LeadPlace, email: string, until?: string) {
  const today = toIsoDate(deps.clock());
  if (until !== undefined && (!isIsoDate(until) || until <= today)) {
    return tellLead(
      deps,
      place,
      `"${until}" isn't a day after today; write it as YYYY-MM-DD, e.g. \`/advocacy pause ${email} until ${addDays(today, 30)}\`.`,
    );
  }
  const champion = await findChampion(deps.db, { email });
  if (!champion) return tellLead(deps, place, notOnRoster(email));
  const status: ChampionStatus =
    until === undefined ? "paused" : champion.status === "paused" ? "active" : champion.status;
  const changed = { ...champion, status, restUntil: until ?? champion.restUntil };
  await saveChampion(deps.db, changed, ["status", "rest_until"], place.userId, "slack /advocacy pause");
  await tellLead(deps, place, availabilityWords(changed, today));
}

/** Active again, with no rest date: matching may propose them from now on. */
export async function resumeChampion(deps: ListenerDeps, place: LeadPlace, email: string) {
  const champion = await findChampion(deps.db, { email });
  if (!champion) return tellLead(deps, place, notOnRoster(email));
  const changed: ChampionInput = { ...champion, status: "active", restUntil: null };
  await saveChampion(deps.db, changed, ["status", "rest_until"], place.userId, "slack /advocacy resume");
  await tellLead(deps, place, availabilityWords(changed, toIsoDate(deps.clock())));
}

/** The program metrics over the last `days` days, as the `report` CLI computes them. */
export async function sendReport(deps: ListenerDeps, place: LeadPlace, days: number): Promise<void> {
  const metrics = await loadProgramMetrics(deps.db, {
    now: deps.clock(),
    windowDays: days,
    defaultCapacity: deps.matcher.defaultCapacity,
  });
  await tellLead(deps, place, reportMessage(metrics));
}
