import { writeCsv } from "./csv";

// The activity log as a spreadsheet: every activity (imported history and the app's own), with what
// came of it. Its first four columns are activities.csv's.

export const ACTIVITY_LOG_COLUMNS = [
  "champion_email",
  "activity_type",
  "date",
  "outcome",
  "request_id",
  "held",
  "rating",
  "deal_result",
  "deal_value",
] as const;

export interface ActivityLogEntry {
  championEmail: string;
  activityType: string;
  /** ISO date */
  date: string;
  outcome: string;
  requestId: number | null;
  held: boolean | null;
  rating: number | null;
  dealResult: string | null;
  /** As stored (a decimal string), so money is never rounded on the way out. */
  dealValue: string | null;
}

export function activityLogToCsv(entries: readonly ActivityLogEntry[]): string {
  return writeCsv([
    [...ACTIVITY_LOG_COLUMNS],
    ...entries.map((entry) => [
      entry.championEmail,
      entry.activityType,
      entry.date,
      entry.outcome,
      entry.requestId,
      entry.held,
      entry.rating,
      entry.dealResult,
      entry.dealValue,
    ]),
  ]);
}
