import { daysBetween } from "./dates";
import { ACTIVITY_TYPES, MOTIVATIONS, type Motivation } from "./domain";
import { ANSWER_MEAN_LIFETIME_DAYS, type AnswerEntry, priorYes } from "./learning";
import { MOTIVATION_FIT, motivationFit, RANK_WEIGHTS } from "./motivation";

// What answers say about what drives a person: someone on file as duty-driven who accepts panels
// and declines calls answers like someone who wants the stage. Each motivation is a hypothesis;
// accepted and declined asks weigh them (Bayes' rule, with each motivation's yes-rate for that kind
// of ask), and the fits every activity gets are the mixture. Silence and "not now" say more about a
// calendar than about motives, and are left out.

/** Belief kept on motivations not on file, so that answers can find a drive nobody wrote down. */
const UNSTATED_SHARE = 0.25;

/** The prior over motivations: the ones on file by rank, with a little room for the others. */
function priorWeights(motivations: readonly Motivation[]): Float64Array {
  const weights = new Float64Array(MOTIVATIONS.length);
  if (motivations.length === 0) return weights.fill(1 / MOTIVATIONS.length);
  let stated = 0;
  motivations.forEach((motivation, rank) => {
    const weight = RANK_WEIGHTS[rank] ?? 0.05;
    const index = MOTIVATIONS.indexOf(motivation);
    weights[index] = (weights[index] ?? 0) + weight;
    stated += weight;
  });
  for (let index = 0; index < weights.length; index++) {
    weights[index] =
      (1 - UNSTATED_SHARE) * ((weights[index] ?? 0) / stated) + UNSTATED_SHARE / MOTIVATIONS.length;
  }
  return weights;
}

// It runs for every champion with answers whenever the roster is prepared (100k at a time): the
// per-motivation log-likelihoods of a yes and a no are worked out once, and the loops allocate
// nothing per answer.
const LOG_LIKELIHOOD = (["accepted", "declined"] as const).map((answer) =>
  ACTIVITY_TYPES.map((type) =>
    MOTIVATIONS.map((motivation) => {
      const yes = priorYes(MOTIVATION_FIT[motivation][type]);
      return Math.log(answer === "accepted" ? yes : 1 - yes);
    }),
  ),
);
const ACTIVITY_INDEX = new Map(ACTIVITY_TYPES.map((type, index) => [type, index]));

/** Fits as on file, by motivation list: a roster repeats a few hundred lists. */
const statedFits = new Map<string, Float64Array>();
const STATED_FITS_KEPT = 5_000;

function fitsOnFile(motivations: readonly Motivation[]): Float64Array {
  const key = motivations.join(",");
  let fits = statedFits.get(key);
  if (!fits) {
    fits = Float64Array.from(ACTIVITY_TYPES, (type) => motivationFit(motivations, type));
    if (statedFits.size >= STATED_FITS_KEPT) statedFits.clear();
    statedFits.set(key, fits);
  }
  return fits.slice();
}

/**
 * Motivation fit of every activity type, indexed like ACTIVITY_TYPES: as on file when no asks were
 * accepted or declined, else as the answers revise it.
 */
export function evidencedFits(
  motivations: readonly Motivation[],
  answers: readonly AnswerEntry[],
  today: string,
): Float64Array {
  let logLikelihood: Float64Array | null = null;
  for (const entry of answers) {
    const table =
      entry.answer === "accepted"
        ? LOG_LIKELIHOOD[0]
        : entry.answer === "declined"
          ? LOG_LIKELIHOOD[1]
          : null;
    const byMotivation = table?.[ACTIVITY_INDEX.get(entry.activityType) ?? -1];
    if (!byMotivation) continue;
    logLikelihood ??= new Float64Array(MOTIVATIONS.length);
    const age = daysBetween(entry.date, today);
    const fade = age <= 0 ? 1 : Math.exp(-age / ANSWER_MEAN_LIFETIME_DAYS);
    for (let index = 0; index < logLikelihood.length; index++)
      logLikelihood[index] = (logLikelihood[index] ?? 0) + fade * (byMotivation[index] ?? 0);
  }
  if (!logLikelihood) return fitsOnFile(motivations);
  const weights = priorWeights(motivations);
  const top = Math.max(...logLikelihood);
  let total = 0;
  for (let index = 0; index < weights.length; index++) {
    weights[index] = (weights[index] ?? 0) * Math.exp((logLikelihood[index] ?? 0) - top);
    total += weights[index] ?? 0;
  }
  const fits = new Float64Array(ACTIVITY_TYPES.length);
  ACTIVITY_TYPES.forEach((type, typeIndex) => {
    let fit = 0;
    MOTIVATIONS.forEach((motivation, index) => {
      fit += ((weights[index] ?? 0) / total) * MOTIVATION_FIT[motivation][type];
    });
    fits[typeIndex] = fit;
  });
  return fits;
}
