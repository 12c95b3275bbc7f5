import { ACTIVITIES } from "./activities";
import { daysBetween } from "./dates";
import type { ActivityType, HistoryOutcome, Motivation } from "./domain";
import { effortMultiplier, motivationFit } from "./motivation";

// Load is an exponentially weighted count of ask-equivalents: each ask counts its effort (a reference
// call is 1), scaled by how well it fits the person, decaying with a mean lifetime of one quarter.
// With that lifetime, someone asked steadily N times a quarter settles at a load of N, so load reads
// directly against `max_asks_per_quarter`.
export const LOAD_MEAN_LIFETIME_DAYS = 90;
/** Beyond this, an ask weighs under 2% and is ignored. */
export const LOAD_WINDOW_DAYS = 365;
/** Asking someone is a cost even when they say no. */
export const OUTCOME_WEIGHT: Readonly<Record<HistoryOutcome | "scheduled", number>> = {
  completed: 1,
  scheduled: 1,
  no_show: 0.5,
  declined: 0.25,
  cancelled: 0.25,
};

export interface HistoryEntry {
  activityType: ActivityType;
  /** ISO date */
  date: string;
  outcome: HistoryOutcome | "scheduled";
}

/** What one ask of this type costs this person, before decay. */
export const askCost = (motivations: readonly Motivation[], activity: ActivityType): number =>
  ACTIVITIES[activity].effort * effortMultiplier(motivationFit(motivations, activity));

export function currentLoad(
  history: readonly HistoryEntry[],
  motivations: readonly Motivation[],
  today: string,
): number {
  return loadFromCosts(history, (activity) => askCost(motivations, activity), today);
}

/** currentLoad with the person's cost per activity supplied (matching precomputes it per champion). */
export function loadFromCosts(
  history: readonly HistoryEntry[],
  costOf: (activity: ActivityType) => number,
  today: string,
): number {
  let load = 0;
  for (const entry of history) {
    const age = daysBetween(entry.date, today);
    if (age > LOAD_WINDOW_DAYS) continue;
    // Upcoming commitments weigh in full: they are load the person already carries.
    const decay = age <= 0 ? 1 : Math.exp(-age / LOAD_MEAN_LIFETIME_DAYS);
    load += OUTCOME_WEIGHT[entry.outcome] * costOf(entry.activityType) * decay;
  }
  return load;
}

/** Asks (any outcome) in the last `days` days, for plain-language reasons. */
export const recentAsks = (history: readonly HistoryEntry[], today: string, days: number): number =>
  history.filter((entry) => {
    const age = daysBetween(entry.date, today);
    return age >= 0 && age <= days;
  }).length;
