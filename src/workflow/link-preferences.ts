import { z } from "zod";
import { formatDay, isIsoDate, toIsoDate } from "../core/dates";
import { activityPlural, changeActivities } from "../core/self-service";
import type { Database } from "../db/client";
import { championOfLink } from "../db/email-repository";
import { saveChampion, setPublicThanks } from "../db/roster-repository";
import type { ChampionColumn } from "../roster/champions-csv";

// A champion reached by email sets how they are asked from their answer page, as a champion on
// Slack does in their DM: a pause, a cap, no more of this kind of ask, consent to public thanks.
// Through the roster's own save (its rules and audit), for the champion the link belongs to only.

/** The preferences form as posted; every field optional, and an empty field changes nothing. */
export const preferencesForm = z.object({
  pause_until: z
    .string()
    .trim()
    .refine((value) => value === "" || isIsoDate(value), "must be a date")
    .optional(),
  cap: z
    .string()
    .trim()
    .refine((value) => value === "" || /^(?:[1-9]|1[0-2])$/.test(value), "must be a number from 1 to 12")
    .optional(),
  skip_activity: z.literal("yes").optional(),
  public_thanks: z.enum(["", "yes", "no"]).optional(),
});
export type PreferencesForm = z.infer<typeof preferencesForm>;

export type PreferencesResult =
  | { ok: true; saved: string[] }
  | { ok: false; reason: "not_found" | "invalid"; problem?: string };

/** Applies what the form asks for; `saved` says each change in the champion's words. */
export async function savePreferencesByLink(
  deps: { db: Database; clock: () => Date },
  linkId: number,
  posted: Record<string, string>,
): Promise<PreferencesResult> {
  const parsed = preferencesForm.safeParse(posted);
  if (!parsed.success)
    return { ok: false, reason: "invalid", problem: parsed.error.issues[0]?.message ?? "" };
  const form = parsed.data;
  const found = await championOfLink(deps.db, linkId, deps.clock());
  if (!found) return { ok: false, reason: "not_found" };
  let champion = found.champion;
  const columns: ChampionColumn[] = [];
  const saved: string[] = [];
  const today = toIsoDate(deps.clock());
  if (form.pause_until && form.pause_until > today) {
    champion = {
      ...champion,
      status: champion.status === "paused" ? "active" : champion.status,
      restUntil: form.pause_until,
    };
    columns.push("status", "rest_until");
    saved.push(`No asks until ${formatDay(form.pause_until)}.`);
  } else if (form.pause_until) saved.push("That day has already come, so nothing was paused.");
  if (form.cap) {
    champion = { ...champion, maxAsksPerQuarter: Number(form.cap) };
    columns.push("max_asks_per_quarter");
    saved.push(`At most ${form.cap} ask${form.cap === "1" ? "" : "s"} a quarter.`);
  }
  if (form.skip_activity) {
    const plural = activityPlural(found.activity);
    const change = changeActivities(champion.activities, found.activity, false);
    if (change.changed) {
      champion = { ...champion, activities: change.activities };
      columns.push("activities");
      saved.push(`No more ${plural}.`);
    } else
      saved.push(
        change.reason === "last_one"
          ? `You're down for ${plural} only, so they stay on the list; a pause gives you a break instead.`
          : `You're already off the list for ${plural}.`,
      );
  }
  const actor = `answer-link:${linkId}`;
  if (columns.length > 0) await saveChampion(deps.db, champion, columns, actor, "answer page");
  // Consent is not a roster column: set on its own, audited there.
  if (form.public_thanks) {
    const allowed = form.public_thanks === "yes";
    await setPublicThanks(deps.db, { championId: found.championId, actor, allowed });
    saved.push(allowed ? "You may be thanked in public." : "Thanks stay private.");
  }
  return { ok: true, saved };
}
