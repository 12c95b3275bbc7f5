import { z } from "zod";
import { isIsoDate } from "../core/dates";
import { ACTIVITY_TYPES, type ActivityType, HISTORY_OUTCOMES, type HistoryOutcome } from "../core/domain";
import { csvInvalid, readCsv, rowValidator, writeCsv } from "./csv";

export const HISTORY_COLUMNS = ["champion_email", "activity_type", "date", "outcome"] as const;

export interface HistoryInput {
  line: number;
  championEmail: string;
  activityType: ActivityType;
  date: string;
  outcome: HistoryOutcome;
}

const historyRowSchema = z.object({
  champion_email: z
    .string()
    .min(1, "champion_email is required")
    .pipe(z.email("is not a valid email address"))
    .transform((value) => value.toLowerCase()),
  activity_type: z
    .string()
    .transform((value) => value.toLowerCase())
    .pipe(z.enum(ACTIVITY_TYPES, { error: `must be one of ${ACTIVITY_TYPES.join(", ")}` })),
  date: z.string().refine(isIsoDate, { message: "must be an ISO date such as 2026-03-31" }),
  outcome: z
    .string()
    .transform((value) => value.toLowerCase())
    .pipe(z.enum(HISTORY_OUTCOMES, { error: `must be one of ${HISTORY_OUTCOMES.join(", ")}` })),
});

/**
 * Parses activities.csv. `knownEmails` is the roster the rows must refer to (the database's, so
 * history can be imported after the champions). `today` rejects history dated in the future.
 */
export function parseHistoryCsv(
  text: string,
  context: { knownEmails: ReadonlySet<string>; today: string },
  fileLabel = "activities.csv",
): HistoryInput[] {
  const rows: HistoryInput[] = [];
  const validate = rowValidator(historyRowSchema);
  const { problems } = readCsv(text, { known: HISTORY_COLUMNS, required: HISTORY_COLUMNS }, (row) => {
    const { value, problems: rowProblems } = validate(row);
    if (!value) return rowProblems;
    if (!context.knownEmails.has(value.champion_email)) {
      rowProblems.push({
        line: row.line,
        column: "champion_email",
        message: `no champion with email "${value.champion_email}"; import champions.csv first`,
      });
    }
    if (value.date > context.today) {
      rowProblems.push({
        line: row.line,
        column: "date",
        message: `${value.date} is in the future; history records what happened`,
      });
    }
    rows.push({
      line: row.line,
      championEmail: value.champion_email,
      activityType: value.activity_type,
      date: value.date,
      outcome: value.outcome,
    });
    return rowProblems;
  });
  if (problems.length > 0) throw csvInvalid(fileLabel, problems);
  return rows;
}

/** Writes history rows in the format parseHistoryCsv reads. */
export function historyToCsv(rows: readonly Omit<HistoryInput, "line">[]): string {
  return writeCsv([
    [...HISTORY_COLUMNS],
    ...rows.map((row) => [row.championEmail, row.activityType, row.date, row.outcome]),
  ]);
}
