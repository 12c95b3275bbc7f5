import { DEFAULT_REPORT_DAYS, MAX_REPORT_DAYS } from "../../../core/report-words";
import { recognitionEnabled, setRecognition } from "../../../db/channel-settings-repository";
import type { Registrar } from "../../listener-router";
import type { ListenerDeps } from "../deps";
import {
  type LeadPlace,
  openChampionForm,
  openEventForm,
  pauseChampion,
  resumeChampion,
  sendReport,
  tellLead,
} from "../lead-tools";

const USAGE = [
  "*/advocacy* — for advocacy leads",
  "• `/advocacy roster add` — add a champion (a form)",
  "• `/advocacy roster edit name@customer.com` — change a champion (the same form, filled in)",
  "• `/advocacy pause name@customer.com` — never propose them until you resume them; add `until YYYY-MM-DD` to rest them until that day",
  "• `/advocacy resume name@customer.com` — they can be proposed again",
  "• `/advocacy event add` — a program event (panel, webinar…) with open slots",
  `• \`/advocacy report\` (or \`report 30\`) — the program's numbers over the last ${DEFAULT_REPORT_DAYS} (or 30) days`,
  "• `/advocacy digest` — post this week's digest (chart and numbers) to the leads' channel now",
  "• `/advocacy settings` — this channel's settings",
  "• `/advocacy settings recognition off` (or `on`) — whether I offer to open requests written as messages here",
].join("\n");

const RECOGNITION_WORDS = (enabled: boolean) =>
  enabled
    ? "Request recognition is *on* here: when a message reads like a reference request, I offer its author (only them) to open it. `/advocacy settings recognition off` turns it off."
    : "Request recognition is *off* here: I don't read messages in this channel for requests. `/advocacy settings recognition on` turns it back on.";

// Slack links an email typed in a command (`<mailto:a@b.c|a@b.c>`) unless escaping is off; read either.
const emailOf = (word: string | undefined): string | undefined =>
  word?.replace(/^<mailto:[^|>]*\|([^>]*)>$/, "$1").replace(/^<mailto:([^>]*)>$/, "$1");

/** `/advocacy <subcommand>`: the leads' program controls. */
export function registerAdvocacyCommand(app: Registrar, deps: ListenerDeps): void {
  app.command("/advocacy", async ({ ack, command, respond }) => {
    await ack();
    const place: LeadPlace = {
      userId: command.user_id,
      channelId: command.channel_id,
      // A private answer that reaches the lead wherever they typed, the bot in that channel or not.
      respond: (message) => respond({ response_type: "ephemeral", ...message }),
    };
    const tell = (text: string) => tellLead(deps, place, text);
    const [subcommand = "", ...args] = command.text.trim().toLowerCase().split(/\s+/);

    switch (subcommand) {
      case "roster":
        if (args[0] === "add" && args.length === 1) return openChampionForm(deps, command.trigger_id, place);
        if (args[0] === "edit" && args.length === 2)
          return openChampionForm(deps, command.trigger_id, place, emailOf(args[1]));
        return tell(USAGE);
      case "pause": {
        const [email, ...rest] = args;
        const until = rest[0] === "until" ? rest.slice(1) : rest;
        if (!email || until.length > 1) return tell(USAGE);
        return pauseChampion(deps, place, emailOf(email) ?? email, until[0]);
      }
      case "digest":
        if (args.length > 0) return tell(USAGE);
        await deps.postDigest();
        return tell("This week's digest is on its way to the leads' channel.");
      case "resume":
        if (args.length !== 1 || !args[0]) return tell(USAGE);
        return resumeChampion(deps, place, emailOf(args[0]) ?? args[0]);
      case "event":
      case "events":
        if (args[0] === "add" && args.length === 1) return openEventForm(deps, command.trigger_id, place);
        return tell(USAGE);
      case "report": {
        const days = args[0] === undefined ? DEFAULT_REPORT_DAYS : Number(args[0]);
        if (args.length > 1 || !Number.isInteger(days) || days < 1 || days > MAX_REPORT_DAYS)
          return tell(`\`/advocacy report [days]\`: days is a whole number from 1 to ${MAX_REPORT_DAYS}.`);
        return sendReport(deps, place, days);
      }
      case "settings":
        return settings(deps, place, args);
      default:
        return tell(USAGE);
    }
  });
}

async function settings(deps: ListenerDeps, place: LeadPlace, args: string[]) {
  const { userId } = place;
  const channelId = place.channelId ?? "";
  const tell = (text: string) => tellLead(deps, place, text);
  // "settings", "settings recognition", "settings recognition off" and "settings off" all read.
  const words = args[0] === "recognition" ? args.slice(1) : args.filter((word) => word !== "");
  if (words.length === 0) return tell(RECOGNITION_WORDS(await recognitionEnabled(deps.db, channelId)));
  const [value] = words;
  if (words.length > 1 || (value !== "on" && value !== "off")) return tell(USAGE);
  await setRecognition(deps.db, { channelId, enabled: value === "on", by: userId });
  await tell(RECOGNITION_WORDS(value === "on"));
}
