import { z } from "zod";
import { isIsoDate, isTimeZone } from "../core/dates";
import {
  ACTIVITY_TYPES,
  CHAMPION_STATUSES,
  type ChampionProfile,
  COMPANY_SIZES,
  MOTIVATIONS,
  REGIONS,
} from "../core/domain";
import { type CsvProblem, csvInvalid, readCsv, rowValidator, splitList, writeCsv } from "./csv";

export const CHAMPION_COLUMNS = [
  "name",
  "email",
  "slack_user_id",
  "company",
  "title",
  "industry",
  "company_size",
  "region",
  "timezone",
  "products",
  "motivations",
  "activities",
  "max_asks_per_quarter",
  "status",
  "rest_until",
  "notes",
  "email_ok",
  "shared_channel_id",
  "slack_team_id",
] as const;
export type ChampionColumn = (typeof CHAMPION_COLUMNS)[number];

/** A champion as the roster file describes it; the unit of import, export and the add/edit modal. */
export interface ChampionInput extends ChampionProfile {
  notes: string;
  /** Whether the app may email invitations when it cannot reach them on Slack. */
  emailOk: boolean;
  /** A Slack Connect channel shared with their company, for when Slack refuses a DM. */
  sharedChannelId: string | null;
  /** The workspace their Slack ID belongs to when it is not the company's; null: the company's. */
  slackTeamId: string | null;
}

const emptyToNull = (value: string) => (value === "" ? null : value);

const oneOf = <T extends string>(allowed: readonly T[]) =>
  z
    .string()
    .refine((value) => value === "" || (allowed as readonly string[]).includes(value), {
      message: `must be one of ${allowed.join(", ")} (or empty)`,
    })
    .transform((value) => emptyToNull(value) as T | null);

const listOf = <T extends string>(allowed: readonly T[], what: string) =>
  z.string().transform((value, ctx) => {
    const items = splitList(value).map((item) => item.toLowerCase());
    for (const item of items) {
      if (!(allowed as readonly string[]).includes(item)) {
        ctx.addIssue({
          code: "custom",
          message: `unknown ${what} "${item}"; expected ${allowed.join(", ")}`,
        });
      }
    }
    return [...new Set(items)] as T[];
  });

/** At most `limit` characters, said with the size found (a 5 MB cell must not pass). */
const bounded = (limit: number) =>
  z.string().refine((value) => value.length <= limit, {
    error: (issue) =>
      `is ${(issue.input as string).length.toLocaleString("en")} characters; at most ${limit.toLocaleString("en")}`,
  });

/** What a roster cell may hold at most, per column: beyond this it is not a name or a note. */
export const FIELD_LIMITS = {
  name: 200,
  company: 200,
  title: 200,
  industry: 100,
  product: 100,
  notes: 10_000,
};

const championRowSchema = z.object({
  name: z.string().min(1, "name is required").pipe(bounded(FIELD_LIMITS.name)),
  email: z
    .string()
    .min(1, "email is required")
    .pipe(z.email("is not a valid email address"))
    .transform((value) => value.toLowerCase()),
  slack_user_id: z
    .string()
    .default("")
    .refine((value) => value === "" || /^[UW][A-Z0-9]{2,}$/.test(value), {
      message: "must be a Slack user ID such as U0123ABCD (or empty)",
    })
    .transform(emptyToNull),
  company: z.string().min(1, "company is required").pipe(bounded(FIELD_LIMITS.company)),
  title: z.string().default("").pipe(bounded(FIELD_LIMITS.title)),
  industry: z.string().default("").pipe(bounded(FIELD_LIMITS.industry)),
  company_size: oneOf(COMPANY_SIZES).default(null),
  region: z
    .string()
    .default("")
    .transform((value) => value.toUpperCase())
    .pipe(oneOf(REGIONS)),
  timezone: z
    .string()
    .default("")
    .refine((value) => value === "" || isTimeZone(value), {
      message: "is not an IANA time zone such as Europe/Berlin",
    })
    .transform(emptyToNull),
  products: z
    .string()
    .default("")
    .transform((value) => [...new Set(splitList(value))])
    .refine((products) => products.every((product) => product.length <= FIELD_LIMITS.product), {
      message: `each product name must be at most ${FIELD_LIMITS.product} characters`,
    }),
  motivations: listOf(MOTIVATIONS, "motivation").default([]),
  activities: listOf(ACTIVITY_TYPES, "activity type").default([]),
  max_asks_per_quarter: z
    .string()
    .default("")
    .refine((value) => value === "" || /^[1-9]\d{0,2}$/.test(value), {
      message: "must be a whole number from 1 to 999 (or empty for the program default)",
    })
    .transform((value) => (value === "" ? null : Number(value))),
  status: z
    .string()
    .default("")
    .transform((value) => value.toLowerCase() || "active")
    .pipe(z.enum(CHAMPION_STATUSES, { error: `must be one of ${CHAMPION_STATUSES.join(", ")}` })),
  rest_until: z
    .string()
    .default("")
    .refine((value) => value === "" || isIsoDate(value), {
      message: "must be an ISO date such as 2026-03-31",
    })
    .transform(emptyToNull),
  notes: z.string().default("").pipe(bounded(FIELD_LIMITS.notes)),
  email_ok: z
    .string()
    .default("")
    .transform((value) => value.trim().toLowerCase())
    .refine((value) => ["", "yes", "no", "true", "false", "1", "0"].includes(value), {
      message: "must be yes or no (empty means yes)",
    })
    .transform((value) => !["no", "false", "0"].includes(value)),
  shared_channel_id: z
    .string()
    .default("")
    .refine((value) => value === "" || /^C[A-Z0-9]{2,}$/.test(value), {
      message: "must be a Slack channel ID such as C0123ABCD (or empty)",
    })
    .transform(emptyToNull),
  slack_team_id: z
    .string()
    .default("")
    .refine((value) => value === "" || /^T[A-Z0-9]{2,}$/.test(value), {
      message: "must be a Slack workspace ID such as T0123ABCD (or empty for the company's)",
    })
    .transform(emptyToNull),
});

function toChampionInput(value: z.infer<typeof championRowSchema>): ChampionInput {
  return {
    name: value.name,
    email: value.email,
    slackUserId: value.slack_user_id,
    company: value.company,
    title: value.title,
    industry: value.industry,
    companySize: value.company_size,
    region: value.region,
    timezone: value.timezone,
    products: value.products,
    motivations: value.motivations,
    activities: value.activities,
    maxAsksPerQuarter: value.max_asks_per_quarter,
    status: value.status,
    restUntil: value.rest_until,
    notes: value.notes,
    emailOk: value.email_ok,
    sharedChannelId: value.shared_channel_id,
    slackTeamId: value.slack_team_id,
  };
}

/**
 * One champion given as roster-file text (lists separated by ;), checked by exactly the rules of
 * the file import; the add/edit modal uses it. Problems are keyed by column, first one each.
 */
export function validateChampion(
  values: Partial<Record<ChampionColumn, string>>,
): { champion: ChampionInput } | { problems: Partial<Record<ChampionColumn, string>> } {
  const result = championRowSchema.safeParse(values);
  if (result.success) return { champion: toChampionInput(result.data) };
  const problems: Partial<Record<ChampionColumn, string>> = {};
  for (const issue of result.error.issues) {
    const column = issue.path[0] as ChampionColumn;
    problems[column] ??= issue.message;
  }
  return { problems };
}

export interface ParsedChampionsFile {
  /** Each champion with the file line it came from, so later checks can still point at it. */
  entries: { line: number; champion: ChampionInput }[];
  /** Columns the file carries: an upsert only overwrites these, so a partial file loses nothing. */
  columns: ChampionColumn[];
}

/** Parses and validates a whole champions.csv; throws `csv_invalid` listing every problem. */
export function parseChampionsCsv(text: string, fileLabel = "champions.csv"): ParsedChampionsFile {
  const entries: ParsedChampionsFile["entries"] = [];
  const seenEmails = new Map<string, number>();
  const seenSlackIds = new Map<string, number>();
  const validate = rowValidator(championRowSchema);
  const { header, problems } = readCsv(
    text,
    { known: CHAMPION_COLUMNS, required: ["name", "email", "company"] },
    (row) => {
      const { value, problems: rowProblems } = validate(row);
      if (value) entries.push({ line: row.line, champion: toChampionInput(value) });
      // Duplicates are checked on the raw text, so a row with other problems still reports them.
      const email = row.values.email?.toLowerCase() ?? "";
      const slackUserId = row.values.slack_user_id ?? "";
      return [
        ...rowProblems,
        ...(email ? duplicateOf(seenEmails, email, row.line, "email") : []),
        ...(slackUserId ? duplicateOf(seenSlackIds, slackUserId, row.line, "slack_user_id") : []),
      ];
    },
  );
  if (problems.length > 0) throw csvInvalid(fileLabel, problems);
  return { entries, columns: header as ChampionColumn[] };
}

function duplicateOf(seen: Map<string, number>, key: string, line: number, column: string): CsvProblem[] {
  const first = seen.get(key);
  if (first === undefined) {
    seen.set(key, line);
    return [];
  }
  return [{ line, column, message: `"${key}" already appears on line ${first}` }];
}

const championCells = (champion: ChampionInput) => [
  champion.name,
  champion.email,
  champion.slackUserId ?? "",
  champion.company,
  champion.title,
  champion.industry,
  champion.companySize ?? "",
  champion.region ?? "",
  champion.timezone ?? "",
  champion.products.join(";"),
  champion.motivations.join(";"),
  champion.activities.join(";"),
  champion.maxAsksPerQuarter ?? "",
  champion.status,
  champion.restUntil ?? "",
  champion.notes,
  champion.emailOk ? "yes" : "no",
  champion.sharedChannelId ?? "",
  champion.slackTeamId ?? "",
];

/** Writes champions in the same format the importer reads, so export → import is a no-op. */
export function championsToCsv(champions: readonly ChampionInput[]): string {
  return writeCsv([CHAMPION_COLUMNS as unknown as string[], ...champions.map(championCells)]);
}

/** champions.csv plus each champion's `load` and `capacity` as matching sees them (not importable). */
export function championsWithLoadToCsv(
  rows: readonly { champion: ChampionInput; load: number; capacity: number }[],
): string {
  return writeCsv([
    [...CHAMPION_COLUMNS, "load", "capacity"],
    ...rows.map(({ champion, load, capacity }) => [...championCells(champion), load.toFixed(2), capacity]),
  ]);
}
