// What the simulated world is like. The matcher must hold its targets under each of these, not
// only under the one it was tuned on: they vary how people answer, tire, fall silent and how
// much is asked of them.

export interface Assumptions {
  name: string;
  /** One line for the printout. */
  description: string;
  /** Requests the sales team opens in an average week. */
  requestsPerWeek: number;
  /** Mean yes-rate of a rested champion asked for something that suits them moderately. */
  baseYes: number;
  /** How much an activity they enjoy (or dislike) moves their yes, in log-odds per unit of fit. */
  enjoymentEffect: number;
  /** How much each ask in the last quarter lowers their yes, in log-odds. */
  fatiguePerAsk: number;
  /** Share of champions whose strongest motivation on file is not their real one. */
  wrongMotivationShare: number;
  /** Share of champions who often leave invitations unanswered. */
  silentShare: number;
  /** How much strain a champion takes before they burn out and leave, on average (ask-equivalents). */
  meanTolerance: number;
}

export const BASELINE: Assumptions = {
  name: "baseline",
  description: "about 12 requests a week, most people answer, motivations on file mostly right",
  requestsPerWeek: 12,
  baseYes: 0.62,
  enjoymentEffect: 2.2,
  fatiguePerAsk: 0.25,
  wrongMotivationShare: 0.15,
  silentShare: 0.08,
  meanTolerance: 3.2,
};

export const ASSUMPTIONS: readonly Assumptions[] = [
  BASELINE,
  {
    ...BASELINE,
    name: "tiring",
    description: "people tire twice as fast and say yes less often",
    baseYes: 0.55,
    fatiguePerAsk: 0.5,
  },
  {
    ...BASELINE,
    name: "wrong file",
    description: "the strongest motivation on file is wrong for 40% of champions",
    wrongMotivationShare: 0.4,
  },
  {
    ...BASELINE,
    name: "quiet roster",
    description: "a fifth of champions often leave invitations unanswered",
    silentShare: 0.2,
  },
  {
    ...BASELINE,
    name: "busy year",
    description: "half as many requests again: 18 a week",
    requestsPerWeek: 18,
  },
];

export const assumptionsNamed = (name: string): Assumptions | undefined =>
  ASSUMPTIONS.find((assumptions) => assumptions.name === name);
