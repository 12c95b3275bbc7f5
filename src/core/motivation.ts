import type { ActivityType, Motivation } from "./domain";

// How well each activity feeds each motivation (0..1), from the seed documents:
// - spotlight ("expressives", performers) want the stage; don't put them through a long case-study interview.
// - camaraderie: being with peers, shared success; live events with other customers.
// - duty: time-boxed, self-contained tasks with a clear start, middle and end.
// - altruism: helping a peer with the same problem, showing the impact; consult them.
// - voice: a genuine say in products and roadmap, access to senior people. Senior people who balk
//   at reference calls often say yes to an advisory board.
// - mastery: learning and problem solving; councils, workshops, value studies, expert panels.
export const MOTIVATION_FIT: Readonly<Record<Motivation, Readonly<Record<ActivityType, number>>>> = {
  spotlight: {
    conference_talk: 1,
    panel: 0.95,
    webinar: 0.9,
    press_quote: 0.85,
    site_visit: 0.55,
    peer_event: 0.5,
    advisory_board: 0.5,
    review: 0.4,
    reference_call: 0.35,
    product_feedback: 0.3,
    case_study: 0.25,
  },
  camaraderie: {
    peer_event: 1,
    panel: 0.85,
    site_visit: 0.7,
    advisory_board: 0.7,
    webinar: 0.5,
    reference_call: 0.5,
    product_feedback: 0.5,
    conference_talk: 0.45,
    case_study: 0.4,
    review: 0.4,
    press_quote: 0.3,
  },
  duty: {
    reference_call: 1,
    review: 0.95,
    product_feedback: 0.85,
    case_study: 0.6,
    press_quote: 0.6,
    site_visit: 0.5,
    webinar: 0.5,
    advisory_board: 0.5,
    panel: 0.4,
    peer_event: 0.35,
    conference_talk: 0.3,
  },
  altruism: {
    reference_call: 0.95,
    case_study: 0.9,
    site_visit: 0.75,
    peer_event: 0.7,
    review: 0.7,
    webinar: 0.6,
    panel: 0.6,
    advisory_board: 0.6,
    product_feedback: 0.55,
    conference_talk: 0.5,
    press_quote: 0.4,
  },
  voice: {
    advisory_board: 1,
    product_feedback: 0.95,
    panel: 0.55,
    peer_event: 0.5,
    conference_talk: 0.5,
    review: 0.5,
    press_quote: 0.5,
    webinar: 0.45,
    site_visit: 0.4,
    case_study: 0.35,
    reference_call: 0.35,
  },
  mastery: {
    advisory_board: 0.85,
    panel: 0.8,
    case_study: 0.75,
    peer_event: 0.7,
    conference_talk: 0.7,
    product_feedback: 0.65,
    webinar: 0.6,
    site_visit: 0.5,
    reference_call: 0.4,
    review: 0.35,
    press_quote: 0.3,
  },
};

/** Motivations are listed strongest first; later ones count for less. */
export const RANK_WEIGHTS = [1, 0.6, 0.35, 0.2, 0.1, 0.05] as const;

/** Fit of an activity for a person with no stated motivations: neither favoured nor penalised. */
export const NEUTRAL_FIT = 0.5;

export function motivationFit(motivations: readonly Motivation[], activity: ActivityType): number {
  if (motivations.length === 0) return NEUTRAL_FIT;
  let weighted = 0;
  let total = 0;
  motivations.forEach((motivation, rank) => {
    const weight = RANK_WEIGHTS[rank] ?? 0.05;
    weighted += weight * MOTIVATION_FIT[motivation][activity];
    total += weight;
  });
  return weighted / total;
}

/** Load multiplier: activities that feed someone's motivation cost them less (0.75×) than ones that don't (1.25×). */
export const effortMultiplier = (fit: number): number => 1.25 - 0.5 * fit;

export const MOTIVATION_LABELS: Readonly<Record<Motivation, string>> = {
  spotlight: "spotlight-driven",
  camaraderie: "driven by camaraderie",
  duty: "duty-driven",
  altruism: "driven by helping others",
  voice: "wants a say in the product",
  mastery: "driven by mastery",
};
