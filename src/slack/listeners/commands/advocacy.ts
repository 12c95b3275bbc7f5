import type { App } from "@slack/bolt";
import { recognitionEnabled, setRecognition } from "../../../db/channel-settings-repository";
import type { ListenerDeps } from "../deps";

const USAGE = [
  "*/advocacy* — for advocacy leads",
  "• `/advocacy settings` — this channel's settings",
  "• `/advocacy settings recognition off` (or `on`) — whether I offer to open requests written as messages here",
].join("\n");

const RECOGNITION_WORDS = (enabled: boolean) =>
  enabled
    ? "Request recognition is *on* here: when a message reads like a reference request, I offer its author (only them) to open it. `/advocacy settings recognition off` turns it off."
    : "Request recognition is *off* here: I don't read messages in this channel for requests. `/advocacy settings recognition on` turns it back on.";

/** `/advocacy <subcommand>`: the leads' program controls. */
export function registerAdvocacyCommand(app: App, deps: ListenerDeps): void {
  app.command("/advocacy", async ({ ack, command }) => {
    await ack();
    const tell = (text: string) => deps.gateway.ephemeral(command.channel_id, command.user_id, text);
    if (!deps.desk.isLead(command.user_id)) return tell("Only advocacy leads can use /advocacy.");
    const [subcommand = "", ...args] = command.text.trim().toLowerCase().split(/\s+/);
    if (subcommand !== "settings") return tell(USAGE);

    // "settings", "settings recognition", "settings recognition off" and "settings off" all read.
    const words = args[0] === "recognition" ? args.slice(1) : args.filter((word) => word !== "");
    if (words.length === 0) {
      return tell(RECOGNITION_WORDS(await recognitionEnabled(deps.db, command.channel_id)));
    }
    const [value] = words;
    if (words.length > 1 || (value !== "on" && value !== "off")) return tell(USAGE);
    await setRecognition(deps.db, {
      channelId: command.channel_id,
      enabled: value === "on",
      by: command.user_id,
    });
    await tell(RECOGNITION_WORDS(value === "on"));
  });
}
