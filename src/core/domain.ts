// The program's closed vocabularies. Everything else (roster, requests, matching) is typed against these.

export const MOTIVATIONS = ["spotlight", "camaraderie", "duty", "altruism", "voice", "mastery"] as const;
export type Motivation = (typeof MOTIVATIONS)[number];

export const ACTIVITY_TYPES = [
  "reference_call",
  "peer_event",
  "webinar",
  "panel",
  "conference_talk",
  "case_study",
  "press_quote",
  "review",
  "advisory_board",
  "site_visit",
  "product_feedback",
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const COMPANY_SIZES = ["smb", "mid", "enterprise"] as const;
export type CompanySize = (typeof COMPANY_SIZES)[number];

export const REGIONS = ["NA", "EMEA", "APAC", "LATAM"] as const;
export type Region = (typeof REGIONS)[number];

export const CHAMPION_STATUSES = ["active", "paused", "inactive"] as const;
export type ChampionStatus = (typeof CHAMPION_STATUSES)[number];

/** Outcomes a history row (activities.csv) may carry. */
export const HISTORY_OUTCOMES = ["completed", "declined", "no_show", "cancelled"] as const;
export type HistoryOutcome = (typeof HISTORY_OUTCOMES)[number];

/** A champion as the roster describes them: shared by the roster files, the database and matching. */
export interface ChampionProfile {
  name: string;
  /** Lower-cased; the roster's natural key. */
  email: string;
  slackUserId: string | null;
  company: string;
  title: string;
  industry: string;
  companySize: CompanySize | null;
  region: Region | null;
  timezone: string | null;
  products: readonly string[];
  /** Strongest first. */
  motivations: readonly Motivation[];
  /** Activity types they are willing to do; empty means no restriction given. */
  activities: readonly ActivityType[];
  /** Personal cap; null means the program default. */
  maxAsksPerQuarter: number | null;
  status: ChampionStatus;
  restUntil: string | null;
}

/** A reference request as the parser (deterministic or LLM) and the request modal produce it. */
export interface RequestFields {
  prospect_company: string | null;
  industry: string | null;
  company_size: CompanySize | null;
  region: Region | null;
  products: string[];
  persona: string | null;
  activities: ActivityType[];
  /** ISO date, YYYY-MM-DD */
  deadline: string | null;
}

export const emptyRequest = (): RequestFields => ({
  prospect_company: null,
  industry: null,
  company_size: null,
  region: null,
  products: [],
  persona: null,
  activities: [],
  deadline: null,
});

export interface ParseResult {
  isRequest: boolean;
  /** 0..1 */
  confidence: number;
  request: RequestFields;
}

export const isActivityType = (value: string): value is ActivityType =>
  (ACTIVITY_TYPES as readonly string[]).includes(value);
export const isMotivation = (value: string): value is Motivation =>
  (MOTIVATIONS as readonly string[]).includes(value);
