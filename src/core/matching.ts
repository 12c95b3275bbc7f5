import { ACTIVITIES, activityLabel } from "./activities";
import { type HistoryEntry, loadFromCosts } from "./burnout";
import { addDays, daysBetween, formatDay, toIsoDate, utcOffsetHours } from "./dates";
import {
  ACTIVITY_TYPES,
  type ActivityType,
  type ChampionProfile,
  COMPANY_SIZES,
  type Motivation,
  type Region,
  type RequestFields,
} from "./domain";
import { type AnswerEntry, describeAnswers, type ProgramCalibration, yesProbabilities } from "./learning";
import { effortMultiplier, MOTIVATION_LABELS, NEUTRAL_FIT } from "./motivation";
import { evidencedFits } from "./motivation-evidence";
import { calibrateProgram } from "./program-calibration";
import { industriesRelated, industryLabel, normalizeIndustry } from "./vocabulary/industries";
import { regionOfTimezone } from "./vocabulary/regions";
import { classifyRole } from "./vocabulary/roles";

/** A champion as matching needs them: profile, recent history, answers to asks and open invitations. */
export interface ChampionRecord extends ChampionProfile {
  id: number;
  history: readonly HistoryEntry[];
  /** ISO dates each ask reached them (an invitation sent, whatever the answer; an imported ask). */
  asks: readonly string[];
  /** ISO dates invitations to them closed with no answer at all. */
  ignored: readonly string[];
  /** Their yeses and nos so far, by activity type: what learning updates their yes-probability with. */
  answers: readonly AnswerEntry[];
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
  | "already_asked"
  | "inactive"
  | "paused"
  | "resting"
  | "prospect_company"
  | "open_invitation"
  | "opted_out"
  | "over_capacity"
  | "cap_reached"
  | "unresponsive"
  | "no_activity_before_deadline";

export type CandidateFlag = "near_capacity" | "no_slack_id" | "recently_declined";

export interface Candidate {
  championId: number;
  email: string;
  name: string;
  activity: ActivityType;
  /** Other acceptable activities they could do on this request (what a lead may swap to). */
  alternatives: ActivityType[];
  event: { id: number; name: string; date: string } | null;
  score: number;
  fit: number;
  /** How likely they are to say yes to this activity now: what calibration checks against answers. */
  yes: number;
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
  defaultCapacity: number;
  /** Champions already asked on this request (a decline moves on to someone else). */
  excludeChampionIds?: ReadonlySet<number>;
  events: readonly EventSlot[];
  /** How many candidates to return. */
  limit: number;
}

export interface PreparedChampion extends ChampionRecord {
  /** Load as of the roster's day: it does not depend on the request. */
  load: number;
  /** Asks in the cap's window, as of the roster's day. */
  asked: number;
  /** Asks fading over a month (askedLately): what spreads asks across the roster. */
  lately: number;
  unresponsiveUntil: string | null;
  /**
   * Appeal (the score's motivation and yes-probability terms) and ask cost of every activity type,
   * indexed like ACTIVITY_TYPES. Plain arrays: a Float64Array this short costs twice the memory (its
   * own buffer and buffer object). Shared, unchanged, by champions with no answers yet who have the
   * same motivations and recent asks.
   */
  appeals: readonly number[];
  /** Yes-probability of every activity type, indexed like ACTIVITY_TYPES. */
  yes: readonly number[];
  costs: readonly number[];
  /** Derived from the profile's text; champions with the same text share one value (see championPreparer). */
  industryKey: string | null;
  companyKey: string;
  productKeys: ReadonlySet<string>;
  role: ReturnType<typeof classifyRole>;
  effectiveRegion: Region | null;
  utcOffset: number | null;
}

/** The roster with everything that does not depend on the request computed once, for one day. */
export interface PreparedRoster {
  /** ISO date the roster was prepared for: matching treats it as today. */
  today: string;
  /** What the program's answers say about yes-rates and tiredness (fitted on the whole roster). */
  calibration: ProgramCalibration;
  champions: readonly PreparedChampion[];
}

const ACTIVITY_INDEX = Object.fromEntries(ACTIVITY_TYPES.map((type, index) => [type, index])) as Record<
  ActivityType,
  number
>;

// Typical UTC offsets of each region's business centre, to judge time-zone fit across regions.
const REGION_OFFSET: Readonly<Record<Region, number>> = { NA: -6, LATAM: -3, EMEA: 1, APAC: 8 };

/** Relative weight of each fit component; only the components the request names count. */
const FIT_WEIGHTS = { industry: 3, products: 2, persona: 2, region: 2, size: 1 } as const;

// The yes-probability's prior is 0.35 + 0.5 × motivation, so with no answers motivation counts
// 0.1 + 0.4 × 0.5 = 0.3 per unit, as it did before learning; answers then move the yes term alone.
// `lately` spreads asks: an ask last week costs a candidate what 0.25 of fit is worth, so a fit a few
// points better never brings the same person back within weeks.
const SCORE_WEIGHTS = {
  fit: 0.5,
  availability: 0.5,
  motivation: 0.1,
  yes: 0.4,
  event: 0.05,
  lately: 0.15,
} as const;

/** The part of the score an activity choice moves, besides its load: enjoyment and likely yes. */
const appeal = (motivation: number, yes: number): number =>
  SCORE_WEIGHTS.motivation * motivation + SCORE_WEIGHTS.yes * yes;

/** Events need a few days for the speaker to prepare. */
const EVENT_PREP_DAYS = 3;
const RECENT_DECLINE_DAYS = 30;
/** A cap is "asks a quarter": counted over the last 91 days, whatever the answers were. */
export const CAP_WINDOW_DAYS = 91;
/** Two invitations left unanswered within this many days rest a champion… */
export const IGNORED_WINDOW_DAYS = 90;
/** …for this many days after the second. */
export const IGNORED_REST_DAYS = 45;

/** How fast an ask stops counting against being asked again: mean lifetime of a month. */
const LATELY_MEAN_LIFETIME_DAYS = 60;

/** Asks up to `today`, each fading over a month: how recently and how often they were asked. */
function askedLately(dates: readonly string[], today: string): number {
  let lately = 0;
  for (const date of dates) {
    const age = daysBetween(date, today);
    if (age >= 0) lately += Math.exp(-age / LATELY_MEAN_LIFETIME_DAYS);
  }
  return lately;
}

/** Asks on these dates that fall within the last `days` days up to `today`. */
export function askedWithin(dates: readonly string[], today: string, days: number): number {
  // ISO dates compare as strings: one date sum, not one per ask.
  const after = addDays(today, -days);
  let count = 0;
  for (const date of dates) if (date > after && date <= today) count++;
  return count;
}

/** The day a champion who ignored two invitations in a row of 90 days may be asked again, or null. */
export function unresponsiveUntil(ignored: readonly string[], today: string): string | null {
  const recent = ignored
    .filter((date) => date <= today && daysBetween(date, today) < IGNORED_WINDOW_DAYS)
    .sort();
  const latest = recent.at(-1);
  return recent.length >= 2 && latest ? addDays(latest, IGNORED_REST_DAYS) : null;
}

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

/** `compute` once per distinct key (the input itself unless `keyOf` says otherwise), then shared. */
function memoized<T, V>(
  compute: (input: T) => V,
  keyOf: (input: T) => unknown = (input) => input,
): (input: T) => V {
  const values = new Map<unknown, V>();
  return (input) => {
    const key = keyOf(input);
    if (values.has(key)) return values.get(key) as V;
    const value = compute(input);
    values.set(key, value);
    return value;
  };
}

/**
 * Prepares champions one at a time for the day of `at`: what a caller that keeps prepared champions
 * between requests (the simulation) re-runs only for the ones that changed.
 */
export function championPreparer(
  at: Date,
  calibration: ProgramCalibration,
): (champion: ChampionRecord) => PreparedChampion {
  const today = toIsoDate(at);
  // A roster repeats its zones, titles, companies, industries and product lists: what each gives is
  // worked out once and shared by every champion with the same text, in time and in memory.
  const offsetOf = memoized((timezone: string) => utcOffsetHours(timezone, at));
  const roleOf = memoized((title: string) => (title ? classifyRole(title) : null));
  const companyKeyOf = memoized(companyKey);
  const industryKeyOf = memoized(normalizeIndustry);
  const productKeysOf = memoized(
    (products: readonly string[]): ReadonlySet<string> => new Set(products.map(productKey)),
    // No product name carries a NUL, so the joined list is a key no other list shares.
    (products) => products.join("\u0000"),
  );
  const numbersOf = (motivations: readonly Motivation[], answers: readonly AnswerEntry[], asked: number) => {
    // What they enjoy, as their motivations on file and their answers so far suggest together.
    const fits = evidencedFits(motivations, answers, today);
    const yes = yesProbabilities(fits, answers, today, calibration, asked);
    return {
      appeals: ACTIVITY_TYPES.map((_, index) => appeal(fits[index] ?? 0, yes[index] ?? 0)),
      yes: ACTIVITY_TYPES.map((_, index) => yes[index] ?? 0),
      costs: ACTIVITY_TYPES.map(
        (type, index) => ACTIVITIES[type].effort * effortMultiplier(fits[index] ?? NEUTRAL_FIT),
      ),
    };
  };
  // With no answers yet, the numbers follow from the motivations and recent asks alone: champions
  // alike in both share one copy (most of a roster where few have been asked).
  const unansweredNumbersOf = memoized(
    ({ motivations, asked }: { motivations: readonly Motivation[]; asked: number }) =>
      numbersOf(motivations, [], asked),
    ({ motivations, asked }) => `${asked} ${motivations.join()}`,
  );
  return (champion) => {
    const asked = askedWithin(champion.asks, today, CAP_WINDOW_DAYS);
    const { appeals, yes, costs } =
      champion.answers.length === 0
        ? unansweredNumbersOf({ motivations: champion.motivations, asked })
        : numbersOf(champion.motivations, champion.answers, asked);
    // An explicit literal, not a spread: every prepared champion gets the same hidden class, so the
    // per-request loop stays on V8's fast property path (a spread made it 3× slower on DB rows).
    return {
      id: champion.id,
      email: champion.email,
      name: champion.name,
      slackUserId: champion.slackUserId,
      company: champion.company,
      title: champion.title,
      industry: champion.industry,
      companySize: champion.companySize,
      region: champion.region,
      timezone: champion.timezone,
      products: champion.products,
      motivations: champion.motivations,
      activities: champion.activities,
      maxAsksPerQuarter: champion.maxAsksPerQuarter,
      status: champion.status,
      restUntil: champion.restUntil,
      history: champion.history,
      answers: champion.answers,
      openInvitations: champion.openInvitations,
      asks: champion.asks,
      ignored: champion.ignored,
      asked,
      lately: askedLately(champion.asks, today),
      unresponsiveUntil: unresponsiveUntil(champion.ignored, today),
      appeals,
      yes,
      costs,
      load: loadFromCosts(champion.history, (type) => costs[ACTIVITY_INDEX[type]] ?? 0, today),
      industryKey: industryKeyOf(champion.industry),
      companyKey: companyKeyOf(champion.company),
      productKeys: productKeysOf(champion.products),
      role: roleOf(champion.title),
      effectiveRegion: champion.region ?? (champion.timezone ? regionOfTimezone(champion.timezone) : null),
      utcOffset: champion.timezone ? offsetOf(champion.timezone) : null,
    };
  };
}

export function prepareRoster(champions: readonly ChampionRecord[], at: Date): PreparedRoster {
  const today = toIsoDate(at);
  const calibration = calibrateProgram(champions, today);
  return { today, calibration, champions: champions.map(championPreparer(at, calibration)) };
}

/** An acceptable activity with what it takes to offer it on this request. */
interface ActivityPlan {
  activity: ActivityType;
  index: number;
  /** Whether it can be set up from scratch before the deadline. */
  inTime: boolean;
  /** Event slots of this type that could host it, soonest first. */
  events: readonly EventSlot[];
}

interface PreparedRequest {
  fields: RequestFields;
  industryKey: string | null;
  companyKey: string | null;
  productKeys: string[];
  role: ReturnType<typeof classifyRole>;
  allowed: readonly ActivityType[];
  plans: readonly ActivityPlan[];
}

/** Activities a rep's request may be met with when the rep names none: the ones a prospect sees. */
export const PROSPECT_FACING: readonly ActivityType[] = ACTIVITY_TYPES.filter(
  (type) => ACTIVITIES[type].prospectFacing,
);

/** When the request names its prospect: the ones that put that prospect in touch with a customer. */
export const MEETS_PROSPECT: readonly ActivityType[] = ACTIVITY_TYPES.filter(
  (type) => ACTIVITIES[type].meetsProspect,
);

/**
 * What may answer a request: the activities the rep named; else, for a named prospect, only what
 * puts them in touch with a customer (content such as a review is asked for by name, or not at
 * all); else anything a prospect sees.
 */
export const allowedActivities = (fields: RequestFields): readonly ActivityType[] =>
  fields.activities.length > 0
    ? fields.activities
    : fields.prospect_company
      ? MEETS_PROSPECT
      : PROSPECT_FACING;

// Everything that depends only on the request is worked out once, not once per champion.
function prepareRequest(fields: RequestFields, today: string, options: MatchOptions): PreparedRequest {
  const allowed = allowedActivities(fields);
  const earliestEvent = addDays(today, EVENT_PREP_DAYS);
  const plans = allowed.map((activity) => ({
    activity,
    index: ACTIVITY_INDEX[activity],
    inTime: !fields.deadline || addDays(today, ACTIVITIES[activity].leadDays) <= fields.deadline,
    events: ACTIVITIES[activity].eventBased
      ? options.events
          .filter(
            (event) =>
              event.activityType === activity &&
              event.openSlots > 0 &&
              event.date >= earliestEvent &&
              (!fields.deadline || event.date <= fields.deadline),
          )
          .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id))
      : [],
  }));
  return {
    fields,
    industryKey: fields.industry
      ? (normalizeIndustry(fields.industry) ?? fields.industry.toLowerCase())
      : null,
    companyKey: fields.prospect_company ? companyKey(fields.prospect_company) : null,
    productKeys: fields.products.map(productKey),
    role: fields.persona ? classifyRole(fields.persona) : null,
    allowed,
    plans,
  };
}

/** Each fit component the request names, scored 0..1 (absent when the request does not name it). */
interface FitComponents {
  region?: number;
  industry?: number;
  persona?: number;
  products?: number;
  size?: number;
}

function fitComponents(request: PreparedRequest, champion: PreparedChampion): FitComponents {
  const components: FitComponents = {};
  const { fields } = request;
  if (fields.region) {
    const offset = champion.utcOffset;
    components.region =
      champion.effectiveRegion === fields.region
        ? 1
        : offset === null
          ? 0
          : 0.5 * Math.max(0, 1 - Math.abs(offset - REGION_OFFSET[fields.region]) / 8);
  }
  if (request.industryKey) {
    components.industry =
      champion.industryKey === request.industryKey
        ? 1
        : champion.industryKey && industriesRelated(champion.industryKey, request.industryKey)
          ? 0.5
          : 0;
  }
  if (request.role) {
    const mine = champion.role;
    const sameFunction = mine?.function === request.role.function;
    const sameLevel = mine?.level === request.role.level;
    components.persona = !mine
      ? 0
      : mine.label === request.role.label
        ? 1
        : sameFunction
          ? sameLevel
            ? 0.8
            : 0.6
          : sameLevel
            ? 0.3
            : 0;
  }
  if (request.productKeys.length > 0) {
    const shared = request.productKeys.filter((key) => champion.productKeys.has(key)).length;
    components.products = shared / request.productKeys.length;
  }
  if (fields.company_size) {
    const distance =
      champion.companySize === null
        ? 2
        : Math.abs(COMPANY_SIZES.indexOf(champion.companySize) - COMPANY_SIZES.indexOf(fields.company_size));
    components.size = distance === 0 ? 1 : distance === 1 ? 0.4 : 0;
  }
  return components;
}

function fitScore(components: FitComponents): number {
  let weighted = 0;
  let total = 0;
  for (const key of Object.keys(components) as (keyof FitComponents)[]) {
    weighted += FIT_WEIGHTS[key] * (components[key] ?? 0);
    total += FIT_WEIGHTS[key];
  }
  return total === 0 ? 0.5 : weighted / total;
}

interface ActivityChoice {
  activity: ActivityType;
  event: EventSlot | null;
  appeal: number;
  yes: number;
  cost: number;
  /** What asking again so soon takes off the score (askPressure). */
  pressure: number;
  withinCapacity: boolean;
}

/**
 * Asking someone asked lately costs score, more for a big favour: a webinar or a case study from
 * someone asked last week weighs twice what a call does.
 */
const askPressure = (champion: PreparedChampion, activity: ActivityType): number =>
  SCORE_WEIGHTS.lately * champion.lately * (0.5 + 0.5 * ACTIVITIES[activity].effort);

function eventSuits(event: EventSlot, request: PreparedRequest, champion: PreparedChampion): boolean {
  const industryOk =
    !event.industry ||
    [request.industryKey, champion.industryKey].some(
      (key) => key !== null && (key === event.industry || industriesRelated(key, event.industry ?? "")),
    );
  return (
    industryOk &&
    (!event.region || event.region === request.fields.region || event.region === champion.effectiveRegion)
  );
}

function chooseActivity(
  request: PreparedRequest,
  champion: PreparedChampion,
  load: number,
  capacity: number,
): ActivityChoice | null {
  let best: ActivityChoice | null = null;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (const plan of request.plans) {
    if (champion.activities.length > 0 && !champion.activities.includes(plan.activity)) continue;
    const event = plan.events.find((candidate) => eventSuits(candidate, request, champion)) ?? null;
    if (!event && !plan.inTime) continue;
    const activityAppeal = champion.appeals[plan.index] ?? 0;
    const cost = champion.costs[plan.index] ?? 0;
    const withinCapacity = load + cost <= capacity;
    // Staying within capacity outranks everything; then what the score gains from the activity: what
    // the person enjoys, how likely they are to say yes, and a ready event slot. How lately they were
    // asked ranks people, not activities: it must not turn a call into a review.
    const value = (withinCapacity ? 10 : 0) + activityAppeal + (event ? SCORE_WEIGHTS.event : 0);
    if (value > bestValue) {
      bestValue = value;
      best = {
        activity: plan.activity,
        event,
        appeal: activityAppeal,
        yes: champion.yes[plan.index] ?? 0,
        cost,
        pressure: askPressure(champion, plan.activity),
        withinCapacity,
      };
    }
  }
  return best;
}

/**
 * Room they have before this ask, 1 (no load) to 0 (at capacity). Convex: a third ask's worth of load
 * in a quarter weighs more than the first, so the loaded lose more for each step closer. The ask's
 * own size is kept by the capacity check and by askPressure, not here: a big ask for someone with
 * nothing on their plate is no reason to pass them over.
 */
const availabilityOf = (load: number, capacity: number): number =>
  1 - Math.min(1, Math.max(0, load / capacity)) ** 2;

/** A ranked champion before explanation: reasons are only written for the few that are shown. */
interface Scored {
  champion: PreparedChampion;
  choice: ActivityChoice;
  components: FitComponents;
  fit: number;
  load: number;
  capacity: number;
  score: number;
  nearCapacity: boolean;
}

function assess(
  request: PreparedRequest,
  champion: PreparedChampion,
  today: string,
  options: MatchOptions,
): Scored | ExclusionReason {
  if (options.excludeChampionIds?.has(champion.id)) return "already_asked";
  if (champion.status === "inactive") return "inactive";
  if (champion.status === "paused") return "paused";
  if (champion.restUntil && champion.restUntil > today) return "resting";
  if (request.companyKey && request.companyKey === champion.companyKey) return "prospect_company";
  if (champion.openInvitations > 0) return "open_invitation";
  if (champion.activities.length > 0 && !request.allowed.some((a) => champion.activities.includes(a))) {
    return "opted_out";
  }
  const capacity = champion.maxAsksPerQuarter ?? options.defaultCapacity;
  // The cap they stated is a count of asks, kept whatever the answers were; the weighted load
  // below only ranks and warns.
  if (champion.asked >= capacity) return "cap_reached";
  if (champion.unresponsiveUntil && champion.unresponsiveUntil > today) return "unresponsive";
  const { load } = champion;
  if (load >= capacity) return "over_capacity";
  const choice = chooseActivity(request, champion, load, capacity);
  if (!choice) return "no_activity_before_deadline";

  const components = fitComponents(request, champion);
  const fit = fitScore(components);
  const availability = availabilityOf(load, capacity);
  const score =
    SCORE_WEIGHTS.fit * fit +
    SCORE_WEIGHTS.availability * availability -
    choice.pressure +
    choice.appeal +
    (choice.event ? SCORE_WEIGHTS.event : 0);
  return { champion, choice, components, fit, load, capacity, score, nearCapacity: !choice.withinCapacity };
}

function toCandidate(scored: Scored, request: PreparedRequest, today: string): Candidate {
  const { champion, choice } = scored;
  const flags: CandidateFlag[] = [];
  if (scored.nearCapacity) flags.push("near_capacity");
  if (!champion.slackUserId) flags.push("no_slack_id");
  if (
    champion.history.some(
      (entry) => entry.outcome === "declined" && daysBetween(entry.date, today) <= RECENT_DECLINE_DAYS,
    )
  ) {
    flags.push("recently_declined");
  }
  return {
    championId: champion.id,
    email: champion.email,
    name: champion.name,
    activity: choice.activity,
    alternatives: request.plans
      .filter(
        (plan) =>
          plan.activity !== choice.activity &&
          (champion.activities.length === 0 || champion.activities.includes(plan.activity)) &&
          (plan.inTime || plan.events.some((event) => eventSuits(event, request, champion))),
      )
      .map((plan) => plan.activity),
    event: choice.event ? { id: choice.event.id, name: choice.event.name, date: choice.event.date } : null,
    score: round(scored.score, 3),
    fit: round(scored.fit, 3),
    yes: round(choice.yes, 3),
    load: round(scored.load, 2),
    capacity: scored.capacity,
    flags,
    reasons: explain(scored, request),
  };
}

function describeFit(request: PreparedRequest, scored: Scored): { strengths: string[]; gaps: string[] } {
  const { champion, components } = scored;
  const { fields } = request;
  const descriptors: string[] = [];
  const strengths: string[] = [];
  const gaps: string[] = [];
  if (components.region !== undefined) {
    if (components.region === 1) descriptors.push(fields.region ?? "");
    else gaps.push(`based in ${champion.effectiveRegion ?? "an unknown region"}, not ${fields.region}`);
  }
  if (components.industry !== undefined && request.industryKey) {
    if (components.industry === 1) descriptors.push(industryLabel(request.industryKey));
    else if (components.industry > 0)
      strengths.push(
        `${industryLabel(champion.industryKey ?? "")}, close to ${industryLabel(request.industryKey)}`,
      );
    else gaps.push(`works in ${champion.industry || "an unknown industry"}`);
  }
  if (components.persona !== undefined && request.role) {
    if (components.persona === 1) descriptors.push(request.role.label);
    else if (components.persona >= 0.6) descriptors.push(champion.title);
    else gaps.push(`a ${champion.title || "champion with no title on file"}, not a ${request.role.label}`);
  }
  if (components.products !== undefined) {
    const shared = fields.products.filter((_, index) =>
      champion.productKeys.has(request.productKeys[index] ?? ""),
    );
    if (shared.length > 0)
      strengths.push(`same product${shared.length > 1 ? "s" : ""} (${shared.join(", ")})`);
    else gaps.push("uses none of the products asked about");
  }
  if (components.size === 1) {
    strengths.push(`${fields.company_size === "smb" ? "SMB" : fields.company_size}, like the prospect`);
  }
  if (descriptors.length > 0) strengths.unshift(descriptors.join(" "));
  return { strengths, gaps };
}

function explain(scored: Scored, request: PreparedRequest): string[] {
  const { champion, choice, capacity } = scored;
  const { strengths, gaps } = describeFit(request, scored);
  const reasons: string[] = [];
  reasons.push(strengths.length > 0 ? strengths.join(", ") : "no specific fit asked for or found");
  if (gaps.length > 0) reasons.push(`but ${gaps.join("; ")}`);

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
  const answered = describeAnswers(champion.answers, request.allowed);
  if (answered) reasons.push(answered);
  if (choice.event && request.fields.prospect_company) {
    reasons.push(`invite ${request.fields.prospect_company} to attend`);
  }

  const left = capacity - champion.asked;
  reasons.push(`${left} of ${capacity} ask${capacity === 1 ? "" : "s"} left this quarter`);
  if (scored.nearCapacity)
    reasons.push("this ask would take them over their cap: only shown because few others fit");
  return reasons;
}

/** Fit differences smaller than this are not worth a sentence. */
const NOTABLE_FIT_GAP = 0.05;

/**
 * Why a closer fit is ranked below the one above it, in words: what outweighed the fit (more room
 * this quarter, a likelier yes to what suits them, an event slot), else null.
 */
function rankedBelowDespiteFit(scored: Scored, above: Scored): string | null {
  if (scored.fit - above.fit < NOTABLE_FIT_GAP) return null;
  const roomOf = (item: Scored) => availabilityOf(item.load, item.capacity);
  const edges: [number, string][] = [
    [SCORE_WEIGHTS.availability * (roomOf(above) - roomOf(scored)), "has more room this quarter"],
    [scored.choice.pressure - above.choice.pressure, "was asked less lately"],
    [above.choice.appeal - scored.choice.appeal, "is likelier to say yes to what suits them"],
    [
      (above.choice.event ? SCORE_WEIGHTS.event : 0) - (scored.choice.event ? SCORE_WEIGHTS.event : 0),
      "has a program event slot that suits the request",
    ],
  ];
  const [edge, words] = edges.reduce((best, next) => (next[0] > best[0] ? next : best));
  if (edge <= 0) return null;
  return `ranked below ${above.champion.name} despite a closer fit: ${above.champion.name.split(" ")[0]} ${words}`;
}

const round = (value: number, digits: number): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** Best first; ties broken by email so the same data always gives the same ranking. */
const compareScored = (a: Scored, b: Scored): number =>
  b.score - a.score ||
  (a.champion.email < b.champion.email ? -1 : a.champion.email > b.champion.email ? 1 : 0);

/** Keeps the best `limit` items in order: O(n·limit), linear in the roster for a fixed limit. */
function insertBounded(list: Scored[], item: Scored, limit: number): void {
  if (list.length === limit) {
    const last = list[limit - 1];
    if (last && compareScored(item, last) >= 0) return;
    list.pop();
  }
  let index = list.length;
  while (index > 0) {
    const previous = list[index - 1];
    if (!previous || compareScored(item, previous) >= 0) break;
    index--;
  }
  list.splice(index, 0, item);
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
  const request = prepareRequest(fields, roster.today, options);
  const preferred: Scored[] = [];
  const overCap: Scored[] = [];
  const excluded: Partial<Record<ExclusionReason, number>> = {};
  for (const champion of roster.champions) {
    const assessment = assess(request, champion, roster.today, options);
    if (typeof assessment === "string") {
      excluded[assessment] = (excluded[assessment] ?? 0) + 1;
      continue;
    }
    insertBounded(assessment.nearCapacity ? overCap : preferred, assessment, options.limit);
  }
  const shown = [...preferred, ...overCap].slice(0, options.limit);
  return {
    candidates: shown.map((scored, index) => {
      const candidate = toCandidate(scored, request, roster.today);
      const above = shown[index - 1];
      const why = above && rankedBelowDespiteFit(scored, above);
      return why ? { ...candidate, reasons: [...candidate.reasons, why] } : candidate;
    }),
    considered: roster.champions.length,
    excluded,
  };
}

/**
 * The naive policy a program without refdesk follows, for comparison: the most similar customer
 * first, whatever they were asked lately and whatever they said. Only who cannot be asked at all
 * (inactive, the prospect's own company, already asked on this request) is left out.
 */
export function mostSimilar(
  fields: RequestFields,
  roster: PreparedRoster,
  excludeChampionIds: ReadonlySet<number>,
): { championId: number; fit: number } | null {
  const request = prepareRequest(fields, roster.today, { defaultCapacity: 1, events: [], limit: 1 });
  let best: { championId: number; fit: number } | null = null;
  for (const champion of roster.champions) {
    if (excludeChampionIds.has(champion.id) || champion.status === "inactive") continue;
    if (request.companyKey && request.companyKey === champion.companyKey) continue;
    const fit = fitScore(fitComponents(request, champion));
    if (!best || fit > best.fit) best = { championId: champion.id, fit };
  }
  return best;
}
