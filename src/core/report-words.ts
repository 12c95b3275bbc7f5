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
