import { ACTIVITIES, activityLabel } from "./activities";
import { askCost, currentLoad, type HistoryEntry, recentAsks } from "./burnout";
import { addDays, daysBetween, formatDay, utcOffsetHours } from "./dates";
import {
  ACTIVITY_TYPES,
  type ActivityType,
  type ChampionStatus,
  COMPANY_SIZES,
  type CompanySize,
  type Motivation,
  type Region,
  type RequestFields,
} from "./domain";
import { MOTIVATION_LABELS, motivationFit } from "./motivation";
import { industriesRelated, industryLabel, normalizeIndustry } from "./vocabulary/industries";
import { regionOfTimezone } from "./vocabulary/regions";
import { classifyRole } from "./vocabulary/roles";

/** A champion as matching needs them: profile, recent history and open invitations. */
export interface ChampionRecord {
  id: number;
  email: string;
  name: string;
  slackUserId: string | null;
  company: string;
  title: string;
  industry: string;
  companySize: CompanySize | null;
  region: Region | null;
  timezone: string | null;
  products: readonly string[];
  motivations: readonly Motivation[];
  /** Activity types they are willing to do; empty means no restriction given. */
  activities: readonly ActivityType[];
  maxAsksPerQuarter: number | null;
  status: ChampionStatus;
  restUntil: string | null;
  history: readonly HistoryEntry[];
  openInvitations: number;
}

/** A scheduled program event with open slots, which can be the activity proposed. */
export interface EventSlot {
  id: number;
  name: string;
  activityType: ActivityType;
  date: string;
  industry: string | null;
  region: Region | null;
  openSlots: number;
}

export type ExclusionReason =
  | "inactive"
  | "paused"
  | "resting"
  | "prospect_company"
  | "open_invitation"
  | "opted_out"
  | "over_capacity"
  | "no_activity_before_deadline";

export type CandidateFlag = "near_capacity" | "no_slack_id" | "recently_declined";

export interface Candidate {
  championId: number;
  email: string;
  name: string;
  activity: ActivityType;
  event: { id: number; name: string; date: string } | null;
  score: number;
  fit: number;
  load: number;
  capacity: number;
  flags: CandidateFlag[];
  reasons: string[];
}

export interface MatchResult {
  candidates: Candidate[];
  considered: number;
  excluded: Partial<Record<ExclusionReason, number>>;
}

export interface MatchOptions {
  /** ISO date matching treats as today. */
  today: string;
  defaultCapacity: number;
  events: readonly EventSlot[];
  /** How many candidates to return. */
  limit: number;
}

interface PreparedChampion extends ChampionRecord {
  industryKey: string | null;
  companyKey: string;
  productKeys: ReadonlySet<string>;
  role: ReturnType<typeof classifyRole>;
  effectiveRegion: Region | null;
  utcOffset: number | null;
}

/** The roster with everything that does not depend on the request computed once. */
export interface PreparedRoster {
  champions: readonly PreparedChampion[];
}

// Typical UTC offsets of each region's business centre, to judge time-zone fit across regions.
const REGION_OFFSET: Readonly<Record<Region, number>> = { NA: -6, LATAM: -3, EMEA: 1, APAC: 8 };

/** Relative weight of each fit component; only the components the request names count. */
const FIT_WEIGHTS = { industry: 3, products: 2, persona: 2, region: 2, size: 1 } as const;

const SCORE_WEIGHTS = { fit: 0.5, availability: 0.2, motivation: 0.3, event: 0.05 } as const;

/** Events need a few days for the speaker to prepare. */
const EVENT_PREP_DAYS = 3;
const RECENT_DECLINE_DAYS = 30;
const REASON_WINDOW_DAYS = 90;

const COMPANY_SUFFIXES =
  /\b(incorporated|inc|llc|ltd|limited|corp|corporation|co|company|gmbh|ag|sa|sas|plc|bv|nv|pty|group|holdings)\b/g;

export const companyKey = (company: string): string =>
  company
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .replace(COMPANY_SUFFIXES, " ")
    .replace(/\s+/g, " ")
    .trim();

const productKey = (product: string): string => product.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

export function prepareRoster(champions: readonly ChampionRecord[], at: Date): PreparedRoster {
  return {
    champions: champions.map((champion) => ({
      ...champion,
      industryKey: normalizeIndustry(champion.industry),
      companyKey: companyKey(champion.company),
      productKeys: new Set(champion.products.map(productKey)),
      role: champion.title ? classifyRole(champion.title) : null,
      effectiveRegion: champion.region ?? (champion.timezone ? regionOfTimezone(champion.timezone) : null),
      utcOffset: champion.timezone ? utcOffsetHours(champion.timezone, at) : null,
    })),
  };
}

interface PreparedRequest {
  fields: RequestFields;
  industryKey: string | null;
  companyKey: string | null;
  productKeys: string[];
  role: ReturnType<typeof classifyRole>;
  allowed: readonly ActivityType[];
}

/** Activities a rep's request may be met with when the rep names none: the ones a prospect sees. */
export const PROSPECT_FACING: readonly ActivityType[] = ACTIVITY_TYPES.filter(
  (type) => ACTIVITIES[type].prospectFacing,
);

function prepareRequest(fields: RequestFields): PreparedRequest {
  return {
    fields,
    industryKey: fields.industry
      ? (normalizeIndustry(fields.industry) ?? fields.industry.toLowerCase())
      : null,
    companyKey: fields.prospect_company ? companyKey(fields.prospect_company) : null,
    productKeys: fields.products.map(productKey),
    role: fields.persona ? classifyRole(fields.persona) : null,
    allowed: fields.activities.length > 0 ? fields.activities : PROSPECT_FACING,
  };
}

interface FitAssessment {
  score: number;
  strengths: string[];
  gaps: string[];
}

function assessFit(request: PreparedRequest, champion: PreparedChampion): FitAssessment {
  let weighted = 0;
  let total = 0;
  const add = (weight: number, score: number) => {
    weighted += weight * score;
    total += weight;
  };
  const descriptors: string[] = [];
  const strengths: string[] = [];
  const gaps: string[] = [];
  const { fields } = request;

  if (fields.region) {
    if (champion.effectiveRegion === fields.region) {
      add(FIT_WEIGHTS.region, 1);
      descriptors.push(fields.region);
    } else {
      const offset = champion.utcOffset;
      const closeness =
        offset === null ? 0 : Math.max(0, 1 - Math.abs(offset - REGION_OFFSET[fields.region]) / 8);
      add(FIT_WEIGHTS.region, 0.5 * closeness);
      gaps.push(`based in ${champion.effectiveRegion ?? "an unknown region"}, not ${fields.region}`);
    }
  }
  if (request.industryKey) {
    if (champion.industryKey === request.industryKey) {
      add(FIT_WEIGHTS.industry, 1);
      descriptors.push(industryLabel(request.industryKey));
    } else if (champion.industryKey && industriesRelated(champion.industryKey, request.industryKey)) {
      add(FIT_WEIGHTS.industry, 0.5);
      strengths.push(
        `${industryLabel(champion.industryKey)}, close to ${industryLabel(request.industryKey)}`,
      );
    } else {
      add(FIT_WEIGHTS.industry, 0);
      gaps.push(`works in ${champion.industry || "an unknown industry"}`);
    }
  }
  if (request.role) {
    const mine = champion.role;
    const score = !mine
      ? 0
      : mine.label === request.role.label
        ? 1
        : mine.function === request.role.function
          ? mine.level === request.role.level
            ? 0.8
            : 0.6
          : mine.level === request.role.level
            ? 0.3
            : 0;
    add(FIT_WEIGHTS.persona, score);
    if (score >= 0.6)
      descriptors.push(mine?.label === request.role.label ? request.role.label : champion.title);
    else gaps.push(`a ${champion.title || "champion with no title on file"}, not a ${request.role.label}`);
  }
  if (request.productKeys.length > 0) {
    const shared = fields.products.filter((_, index) =>
      champion.productKeys.has(request.productKeys[index] ?? ""),
    );
    add(FIT_WEIGHTS.products, shared.length / request.productKeys.length);
    if (shared.length > 0)
      strengths.push(`same product${shared.length > 1 ? "s" : ""} (${shared.join(", ")})`);
    else gaps.push("uses none of the products asked about");
  }
  if (fields.company_size) {
    const distance =
      champion.companySize === null
        ? 2
        : Math.abs(COMPANY_SIZES.indexOf(champion.companySize) - COMPANY_SIZES.indexOf(fields.company_size));
    add(FIT_WEIGHTS.size, distance === 0 ? 1 : distance === 1 ? 0.4 : 0);
    if (distance === 0)
      strengths.push(`${fields.company_size === "smb" ? "SMB" : fields.company_size}, like the prospect`);
  }
  if (descriptors.length > 0) strengths.unshift(descriptors.join(" "));
  return { score: total === 0 ? 0.5 : weighted / total, strengths, gaps };
}

interface ActivityChoice {
  activity: ActivityType;
  event: EventSlot | null;
  motivation: number;
  cost: number;
  withinCapacity: boolean;
}

function findEvent(
  activity: ActivityType,
  request: PreparedRequest,
  champion: PreparedChampion,
  options: MatchOptions,
): EventSlot | null {
  let best: EventSlot | null = null;
  const earliest = addDays(options.today, EVENT_PREP_DAYS);
  for (const event of options.events) {
    if (event.activityType !== activity || event.openSlots <= 0 || event.date < earliest) continue;
    if (request.fields.deadline && event.date > request.fields.deadline) continue;
    const industryOk =
      !event.industry ||
      [request.industryKey, champion.industryKey].some(
        (key) => key !== null && (key === event.industry || industriesRelated(key, event.industry ?? "")),
      );
    const regionOk =
      !event.region || event.region === request.fields.region || event.region === champion.effectiveRegion;
    if (!industryOk || !regionOk) continue;
    if (!best || event.date < best.date || (event.date === best.date && event.id < best.id)) best = event;
  }
  return best;
}

function chooseActivity(
  willing: readonly ActivityType[],
  request: PreparedRequest,
  champion: PreparedChampion,
  load: number,
  capacity: number,
  options: MatchOptions,
): ActivityChoice | null {
  let best: ActivityChoice | null = null;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (const activity of willing) {
    const profile = ACTIVITIES[activity];
    const event = profile.eventBased ? findEvent(activity, request, champion, options) : null;
    const deadline = request.fields.deadline;
    if (!event && deadline && addDays(options.today, profile.leadDays) > deadline) continue;
    const motivation = motivationFit(champion.motivations, activity);
    const cost = askCost(champion.motivations, activity);
    const withinCapacity = load + cost <= capacity;
    // Staying within capacity outranks everything; then what the person enjoys; a ready event slot helps.
    const value = (withinCapacity ? 10 : 0) + motivation + (event ? SCORE_WEIGHTS.event * 2 : 0);
    if (value > bestValue) {
      bestValue = value;
      best = { activity, event, motivation, cost, withinCapacity };
    }
  }
  return best;
}

type Assessment = { kind: "excluded"; reason: ExclusionReason } | { kind: "candidate"; candidate: Candidate };

function assess(request: PreparedRequest, champion: PreparedChampion, options: MatchOptions): Assessment {
  const exclude = (reason: ExclusionReason): Assessment => ({ kind: "excluded", reason });
  if (champion.status === "inactive") return exclude("inactive");
  if (champion.status === "paused") return exclude("paused");
  if (champion.restUntil && champion.restUntil > options.today) return exclude("resting");
  if (request.companyKey && request.companyKey === champion.companyKey) return exclude("prospect_company");
  if (champion.openInvitations > 0) return exclude("open_invitation");
  const willing =
    champion.activities.length === 0
      ? request.allowed
      : request.allowed.filter((a) => champion.activities.includes(a));
  if (willing.length === 0) return exclude("opted_out");
  const capacity = champion.maxAsksPerQuarter ?? options.defaultCapacity;
  const load = currentLoad(champion.history, champion.motivations, options.today);
  if (load >= capacity) return exclude("over_capacity");
  const choice = chooseActivity(willing, request, champion, load, capacity, options);
  if (!choice) return exclude("no_activity_before_deadline");

  const fit = assessFit(request, champion);
  const availability = Math.min(1, Math.max(0, 1 - (load + choice.cost) / capacity));
  const score =
    SCORE_WEIGHTS.fit * fit.score +
    SCORE_WEIGHTS.availability * availability +
    SCORE_WEIGHTS.motivation * choice.motivation +
    (choice.event ? SCORE_WEIGHTS.event : 0);

  const flags: CandidateFlag[] = [];
  if (!choice.withinCapacity) flags.push("near_capacity");
  if (!champion.slackUserId) flags.push("no_slack_id");
  if (
    champion.history.some(
      (entry) =>
        entry.outcome === "declined" && daysBetween(entry.date, options.today) <= RECENT_DECLINE_DAYS,
    )
  ) {
    flags.push("recently_declined");
  }

  return {
    kind: "candidate",
    candidate: {
      championId: champion.id,
      email: champion.email,
      name: champion.name,
      activity: choice.activity,
      event: choice.event ? { id: choice.event.id, name: choice.event.name, date: choice.event.date } : null,
      score: round(score, 3),
      fit: round(fit.score, 3),
      load: round(load, 2),
      capacity,
      flags,
      reasons: explain(request, champion, choice, fit, load, capacity, options),
    },
  };
}

function explain(
  request: PreparedRequest,
  champion: PreparedChampion,
  choice: ActivityChoice,
  fit: FitAssessment,
  load: number,
  capacity: number,
  options: MatchOptions,
): string[] {
  const reasons: string[] = [];
  reasons.push(fit.strengths.length > 0 ? fit.strengths.join(", ") : "no specific fit asked for or found");
  if (fit.gaps.length > 0) reasons.push(`but ${fit.gaps.join("; ")}`);

  const label = choice.event
    ? `a ${choice.activity === "peer_event" ? "seat at" : "slot on"} the ${formatDay(choice.event.date)} "${choice.event.name}" ${activityLabel(choice.activity)}`
    : `a ${activityLabel(choice.activity)}`;
  const insteadOfCall =
    choice.activity !== "reference_call" && request.allowed.includes("reference_call")
      ? " rather than a call"
      : "";
  const primary = champion.motivations[0];
  reasons.push(
    primary
      ? `${MOTIVATION_LABELS[primary]}, so ${label}${insteadOfCall}`
      : `no motivations on file, so ${label}${insteadOfCall}`,
  );
  if (choice.event && request.fields.prospect_company) {
    reasons.push(`invite ${request.fields.prospect_company} to attend`);
  }

  const asks = recentAsks(champion.history, options.today, REASON_WINDOW_DAYS);
  const askText = asks === 0 ? "no asks" : `${asks} ask${asks === 1 ? "" : "s"}`;
  reasons.push(`${askText} in ${REASON_WINDOW_DAYS} days (load ${load.toFixed(1)} of ${capacity})`);
  if (!choice.withinCapacity)
    reasons.push("this ask would take them over their cap: only shown because few others fit");
  return reasons;
}

const round = (value: number, digits: number): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** Best first; ties broken by email so the same data always gives the same ranking. */
const compareCandidates = (a: Candidate, b: Candidate): number =>
  b.score - a.score || (a.email < b.email ? -1 : a.email > b.email ? 1 : 0);

/** Keeps the best `limit` items in order: O(n·limit), linear in the roster for a fixed limit. */
function insertBounded(list: Candidate[], candidate: Candidate, limit: number): void {
  if (list.length === limit) {
    const last = list[limit - 1];
    if (last && compareCandidates(candidate, last) >= 0) return;
    list.pop();
  }
  let index = list.length;
  while (index > 0) {
    const previous = list[index - 1];
    if (!previous || compareCandidates(candidate, previous) >= 0) break;
    index--;
  }
  list.splice(index, 0, candidate);
}

/**
 * Ranks eligible champions for a request and picks, for each, the acceptable activity that suits
 * them best. Champions whose ask would push them over their cap are only shown, flagged, when too
 * few others fit.
 */
export function matchChampions(
  fields: RequestFields,
  roster: PreparedRoster,
  options: MatchOptions,
): MatchResult {
  const request = prepareRequest(fields);
  const preferred: Candidate[] = [];
  const overCap: Candidate[] = [];
  const excluded: Partial<Record<ExclusionReason, number>> = {};
  for (const champion of roster.champions) {
    const assessment = assess(request, champion, options);
    if (assessment.kind === "excluded") {
      excluded[assessment.reason] = (excluded[assessment.reason] ?? 0) + 1;
      continue;
    }
    const { candidate } = assessment;
    insertBounded(candidate.flags.includes("near_capacity") ? overCap : preferred, candidate, options.limit);
  }
  const candidates = [...preferred, ...overCap].slice(0, options.limit);
  return { candidates, considered: roster.champions.length, excluded };
}
