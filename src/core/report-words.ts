import type { Calibration } from "./calibration";

// How the program metrics read in words: shared by the `report` CLI and the Slack report, so both
// say the same thing the same way.

export const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? "" : "s"}`;

export const percent = (share: number | null): string =>
  share === null ? "—" : `${Math.round(share * 100)}%`;

export const money = (value: number): string => value.toLocaleString("en-US", { maximumFractionDigits: 2 });

/** Hours under two days, days from there on; "—" when nothing reached the step. */
export function duration(hours: number | null): string {
  if (hours === null) return "—";
  return hours < 48 ? `${hours.toFixed(1)} hours` : `${(hours / 24).toFixed(1)} days`;
}

/** How far back a report looks unless told, and the longest window it accepts (ten years). */
export const DEFAULT_REPORT_DAYS = 90;
export const MAX_REPORT_DAYS = 3650;

/**
 * "the busiest 2 champions (2 of 12, 17% of the roster) received 9 of 20 asks (45%)": the share of
 * the roster is worked out from the numbers shown, never a fixed 10%.
 */
export function concentrationWords(
  concentration: { busiestChampions: number; asks: number; totalAsks: number; share: number | null },
  rosterSize: number,
): string {
  if (concentration.totalAsks === 0) return "Concentration: no asks in this window.";
  const busiest = concentration.busiestChampions;
  const who = busiest === 1 ? "the busiest champion" : `the busiest ${busiest} champions`;
  const ofRoster = percent(rosterSize > 0 ? busiest / rosterSize : null);
  return `Concentration: ${who} (${busiest} of ${rosterSize}, ${ofRoster} of the roster) received ${concentration.asks} of ${plural(concentration.totalAsks, "ask")} (${percent(concentration.share)}).`;
}

/**
 * Whether the yes-probability meant what it said: "Yes-probability: 66% predicted, 62% accepted
 * (48 invitations); 40–60%: 52% predicted, 49% accepted (20) · …". Only invitations whose activity
 * was proposed count: a lead's swap was never predicted.
 */
export function calibrationWords(calibration: Calibration): string {
  if (calibration.asks === 0) return "Yes-probability: no proposed invitation was answered or expired yet.";
  const bins = calibration.bins.map(
    (bin) =>
      `${Math.round(bin.from * 100)}–${Math.round(bin.to * 100)}%: ${percent(bin.meanPredicted)} predicted, ${percent(bin.actual)} accepted (${bin.asks})`,
  );
  return `Yes-probability: ${percent(calibration.meanPredicted)} predicted, ${percent(calibration.actual)} accepted (${plural(calibration.asks, "invitation")}); by range: ${bins.join(" · ")}`;
}
