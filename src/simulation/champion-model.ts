import { ACTIVITIES } from "../core/activities";
import { daysBetween } from "../core/dates";
import type { ActivityType } from "../core/domain";
import { logit, type Response, sigmoid } from "../core/learning";
import { askedWithin, CAP_WINDOW_DAYS } from "../core/matching";
import { motivationFit } from "../core/motivation";
import type { Assumptions } from "./assumptions";
import type { Random } from "./random";
import type { HiddenTruth } from "./world";

// How a simulated champion really answers and tires: the simulation's own model, hidden from the
// matcher. Each assumption set turns its knobs.

/** Strain fades like load, over a quarter. */
const STRAIN_LIFETIME_DAYS = 90;
/** Being asked costs a little even when the answer is no, and less when the ask goes unread. */
const STRAIN_OF_NO = 0.25;
const STRAIN_OF_SILENCE = 0.1;
/** Share of noes said as "not now". */
const LATER_SHARE = 0.3;

/** The real chance they say yes, before silence: what the yes-probability tries to predict. */
export function trueYes(
  truth: HiddenTruth,
  activity: ActivityType,
  recentAsks: number,
  assumptions: Assumptions,
): number {
  const enjoyment = motivationFit(truth.motivations, activity) - 0.55;
  return sigmoid(
    logit(assumptions.baseYes) +
      truth.willingness +
      assumptions.enjoymentEffect * enjoyment -
      assumptions.fatiguePerAsk * recentAsks,
  );
}

/** Their answer to an ask on `date`, given the asks they had before it. */
export function answerAsk(
  truth: HiddenTruth,
  activity: ActivityType,
  priorAsks: readonly string[],
  date: string,
  assumptions: Assumptions,
  random: Random,
): Response {
  if (random.next() < truth.silence) return "ignored";
  const yes = trueYes(truth, activity, askedWithin(priorAsks, date, CAP_WINDOW_DAYS), assumptions);
  if (random.next() < yes) return "accepted";
  return random.next() < LATER_SHARE ? "later" : "declined";
}

/**
 * What an ask adds to their strain: being asked at all, plus the work (a case study half as much
 * again as a call), heavier when it does not suit them. Burnout is mostly being asked too often,
 * less how big each ask was: no single ask is enough on its own.
 */
export function strainOf(truth: HiddenTruth, activity: ActivityType, response: Response): number {
  if (response === "ignored") return STRAIN_OF_SILENCE;
  if (response !== "accepted") return STRAIN_OF_NO;
  const work = 0.75 + 0.25 * ACTIVITIES[activity].effort;
  return work * (1.5 - motivationFit(truth.motivations, activity));
}

export function strainOn(events: readonly { date: string; strain: number }[], today: string): number {
  let total = 0;
  for (const event of events) {
    const age = daysBetween(event.date, today);
    if (age >= 0) total += event.strain * Math.exp(-age / STRAIN_LIFETIME_DAYS);
  }
  return total;
}
