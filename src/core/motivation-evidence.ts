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

/**
 * Motivation fit of every activity type, indexed like ACTIVITY_TYPES: as on file when no asks were
 * accepted or declined, else as the answers revise it.
 */
export function evidencedFits(
  motivations: readonly Motivation[],
  answers: readonly AnswerEntry[],
  today: string,
): Float64Array {
  const telling = answers.filter((entry) => entry.answer === "accepted" || entry.answer === "declined");
  if (telling.length === 0)
    return Float64Array.from(ACTIVITY_TYPES, (type) => motivationFit(motivations, type));
  const weights = priorWeights(motivations);
  const logLikelihood = new Float64Array(MOTIVATIONS.length);
  for (const entry of telling) {
    const age = daysBetween(entry.date, today);
    const fade = age <= 0 ? 1 : Math.exp(-age / ANSWER_MEAN_LIFETIME_DAYS);
    MOTIVATIONS.forEach((motivation, index) => {
      const yes = priorYes(MOTIVATION_FIT[motivation][entry.activityType]);
      logLikelihood[index] =
        (logLikelihood[index] ?? 0) + fade * Math.log(entry.answer === "accepted" ? yes : 1 - yes);
    });
  }
  const top = Math.max(...logLikelihood);
  let total = 0;
  for (let index = 0; index < weights.length; index++) {
    weights[index] = (weights[index] ?? 0) * Math.exp((logLikelihood[index] ?? 0) - top);
    total += weights[index] ?? 0;
  }
  return Float64Array.from(ACTIVITY_TYPES, (type) =>
    MOTIVATIONS.reduce(
      (fit, motivation, index) => fit + ((weights[index] ?? 0) / total) * MOTIVATION_FIT[motivation][type],
      0,
    ),
  );
}
