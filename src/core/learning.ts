import { activityLabel } from "./activities";
import { LOAD_MEAN_LIFETIME_DAYS } from "./burnout";
import { daysBetween } from "./dates";
import { ACTIVITY_TYPES, type ActivityType, type Motivation } from "./domain";
import { motivationFit } from "./motivation";

// What champions' answers teach: per champion and activity type, a Beta(α, β) belief that they say yes.
// The prior is centred on what their motivations suggest and is worth two answers, so a couple of
// real answers move it visibly and a long record outweighs it.

export const ANSWERS = ["accepted", "declined", "later"] as const;
export type Answer = (typeof ANSWERS)[number];

export const isAnswer = (value: string): value is Answer => (ANSWERS as readonly string[]).includes(value);

/** What an ask told us: an answer, or silence (the invitation expired unanswered). */
export type Response = Answer | "ignored";

/**
 * One answer to an ask: an invitation's answer or its expiry unanswered, or an imported past ask
 * (completed or declined).
 */
export interface AnswerEntry {
  activityType: ActivityType;
  answer: Response;
  /** ISO date of the answer. */
  date: string;
}

export interface Belief {
  alpha: number;
  beta: number;
}

export const PRIOR_STRENGTH = 2;
/** Motivation fit 0..1 maps onto these prior yes-rates: nobody is a sure yes or a sure no unasked. */
const PRIOR_YES_RANGE = [0.35, 0.85] as const;

/**
 * Evidence each answer adds to α (yes) and β (no). "Later" ("not now") counts half a no: it says
 * more about their calendar than about the activity, and they are rested for a while anyway.
 * Silence is a soft no too: an invitation left to expire is not a yes, but may not have been read.
 */
const EVIDENCE: Readonly<Record<Response, { yes: number; no: number }>> = {
  accepted: { yes: 1, no: 0 },
  declined: { yes: 0, no: 1 },
  later: { yes: 0, no: 0.5 },
  ignored: { yes: 0, no: 0.5 },
};

/** Answers fade like load does (mean lifetime of a quarter): people's circumstances change. */
export const ANSWER_MEAN_LIFETIME_DAYS = LOAD_MEAN_LIFETIME_DAYS;

export const priorYes = (fit: number): number =>
  PRIOR_YES_RANGE[0] + (PRIOR_YES_RANGE[1] - PRIOR_YES_RANGE[0]) * fit;

export const logit = (p: number): number => Math.log(p / (1 - p));
export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * What the program's own answers say about its people as a whole. `shift` moves every prior in
 * log-odds (the motivation table is optimistic for some programs, modest for others);
 * `fatiguePerAsk` is how much each ask in the last quarter lowers a yes.
 */
export interface ProgramCalibration {
  shift: number;
  fatiguePerAsk: number;
  /** Answers it was fitted on (recency-weighted). */
  evidence: number;
}

/** Until answers say otherwise: priors as the table has them, and a yes a little less likely per recent ask. */
export const DEFAULT_FATIGUE_PER_ASK = 0.25;
export const UNCALIBRATED: ProgramCalibration = {
  shift: 0,
  fatiguePerAsk: DEFAULT_FATIGUE_PER_ASK,
  evidence: 0,
};

const priorBelief = (fit: number, shift = 0): Belief => {
  const prior = shift === 0 ? priorYes(fit) : sigmoid(logit(priorYes(fit)) + shift);
  return { alpha: PRIOR_STRENGTH * prior, beta: PRIOR_STRENGTH * (1 - prior) };
};

function addAnswer(belief: Belief, entry: AnswerEntry, today: string): void {
  const age = daysBetween(entry.date, today);
  const weight = age <= 0 ? 1 : Math.exp(-age / ANSWER_MEAN_LIFETIME_DAYS);
  belief.alpha += weight * EVIDENCE[entry.answer].yes;
  belief.beta += weight * EVIDENCE[entry.answer].no;
}

/** Posterior belief that someone with this motivation fit for `activity` says yes to it. */
export function belief(
  fit: number,
  answers: readonly AnswerEntry[],
  activity: ActivityType,
  today: string,
): Belief {
  const posterior = priorBelief(fit);
  for (const entry of answers) if (entry.activityType === activity) addAnswer(posterior, entry, today);
  return posterior;
}

export const posteriorMean = ({ alpha, beta }: Belief): number => alpha / (alpha + beta);

/** How likely this champion is to say yes to `activity`, given their motivations and answers so far. */
export const yesProbability = (
  motivations: readonly Motivation[],
  activity: ActivityType,
  answers: readonly AnswerEntry[],
  today: string,
): number => posteriorMean(belief(motivationFit(motivations, activity), answers, activity, today));

const ACTIVITY_INDEX = new Map(ACTIVITY_TYPES.map((type, index) => [type, index]));

/**
 * Yes-probability of every activity type, indexed like ACTIVITY_TYPES, from the matching fits: one
 * pass over the answers (it runs for every champion when the roster is prepared). The program's
 * calibration shifts the priors; each of `recentAsks` (asks in the last quarter) lowers a yes.
 */
export function yesProbabilities(
  fits: ArrayLike<number>,
  answers: readonly AnswerEntry[],
  today: string,
  calibration: ProgramCalibration = UNCALIBRATED,
  recentAsks = 0,
): Float64Array {
  // Two arrays, not a Belief per type: this runs for every champion whenever the roster is prepared.
  const alphas = new Float64Array(ACTIVITY_TYPES.length);
  const betas = new Float64Array(ACTIVITY_TYPES.length);
  for (let index = 0; index < alphas.length; index++) {
    const prior = priorBelief(fits[index] ?? 0, calibration.shift);
    alphas[index] = prior.alpha;
    betas[index] = prior.beta;
  }
  for (const entry of answers) {
    const index = ACTIVITY_INDEX.get(entry.activityType);
    if (index === undefined) continue;
    const age = daysBetween(entry.date, today);
    const weight = age <= 0 ? 1 : Math.exp(-age / ANSWER_MEAN_LIFETIME_DAYS);
    alphas[index] = (alphas[index] ?? 0) + weight * EVIDENCE[entry.answer].yes;
    betas[index] = (betas[index] ?? 0) + weight * EVIDENCE[entry.answer].no;
  }
  const tiredness = calibration.fatiguePerAsk * recentAsks;
  const probabilities = new Float64Array(ACTIVITY_TYPES.length);
  for (let index = 0; index < probabilities.length; index++) {
    const mean = (alphas[index] ?? 0) / ((alphas[index] ?? 0) + (betas[index] ?? 1));
    probabilities[index] = tiredness === 0 ? mean : sigmoid(logit(mean) - tiredness);
  }
  return probabilities;
}

const VERBS: Readonly<Record<Response, string>> = {
  accepted: "accepted",
  declined: "declined",
  later: "said not now to",
  ignored: "left unanswered",
};
const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
const numberWord = (n: number): string => NUMBER_WORDS[n] ?? String(n);
const plural = (label: string): string =>
  /[^aeiou]y$/.test(label) ? `${label.slice(0, -1)}ies` : `${label}s`;
const withArticle = (label: string): string => `${/^[aeiou]/.test(label) ? "an" : "a"} ${label}`;
/** Enough for a reason line; the rest is in the history. */
const MAX_TYPES_DESCRIBED = 3;

/** One activity type's answers, newest first: "declined the last two of three reference calls". */
function describeType(activity: ActivityType, newestFirst: readonly Response[]): string {
  const [latest = "accepted"] = newestFirst;
  const total = newestFirst.length;
  let run = 1;
  while (run < total && newestFirst[run] === latest) run++;
  const verb = VERBS[latest];
  const label = activityLabel(activity);
  if (run === total) {
    if (total === 1) return `${verb} ${withArticle(label)}`;
    return `${verb} ${total === 2 ? "both" : `all ${numberWord(total)}`} ${plural(label)}`;
  }
  return run === 1
    ? `${verb} the last of ${numberWord(total)} ${plural(label)}`
    : `${verb} the last ${numberWord(run)} of ${numberWord(total)} ${plural(label)}`;
}

/**
 * Plain words for a champion's answers, most recently answered activity first: "declined the last
 * two reference calls, accepted both panels". Only the types in `activities` count (the ones a
 * request allows); null when there are none to tell.
 */
export function describeAnswers(
  answers: readonly AnswerEntry[],
  activities: readonly ActivityType[],
): string | null {
  const byType = new Map<ActivityType, Response[]>();
  const newestFirst = answers
    .filter((entry) => activities.includes(entry.activityType))
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  for (const entry of newestFirst) {
    const list = byType.get(entry.activityType);
    if (list) list.push(entry.answer);
    else byType.set(entry.activityType, [entry.answer]);
  }
  if (byType.size === 0) return null;
  return [...byType]
    .slice(0, MAX_TYPES_DESCRIBED)
    .map(([activity, list]) => describeType(activity, list))
    .join(", ");
}
