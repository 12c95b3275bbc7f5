import { calibration } from "../core/calibration";
import type { Assumptions } from "./assumptions";
import { type Outcomes, outcomesOf } from "./outcomes";
import { naivePolicy, type Policy, refdeskPolicy } from "./policies";
import { type Random, seededRandom } from "./random";
import { simulateYear, type YearLog } from "./run";
import { buildWorld, type World } from "./world";

// Seeded simulated years, the same worlds under refdesk and under the naive policy, averaged.

/** A fixed first day (a Monday), so that a seed gives the same year whenever it is run. */
export const SIMULATION_START = "2026-01-05";

export interface SimulationOptions {
  champions: number;
  days: number;
  seeds: readonly number[];
  start: string;
  defaultCapacity: number;
}

export interface PolicyOutcome {
  policy: string;
  /** Means over the seeds; calibration pools every seed's asks. */
  mean: Outcomes;
  perSeed: Outcomes[];
}

export interface AssumptionOutcome {
  assumptions: Assumptions;
  policies: PolicyOutcome[];
}

function mean(perSeed: readonly Outcomes[], logs: readonly YearLog[]): Outcomes {
  const average = (pick: (o: Outcomes) => number) =>
    perSeed.reduce((sum, outcome) => sum + pick(outcome), 0) / Math.max(1, perSeed.length);
  const predictions = logs.flatMap((log) =>
    log.asks.flatMap((ask) =>
      ask.predictedYes === null
        ? []
        : [{ predicted: ask.predictedYes, accepted: ask.response === "accepted" }],
    ),
  );
  return {
    requests: average((o) => o.requests),
    asks: average((o) => o.asks),
    fillRate: average((o) => o.fillRate),
    busiestTenthShare: average((o) => o.busiestTenthShare),
    overCap: average((o) => o.overCap),
    burnouts: average((o) => o.burnouts),
    asksAfterTwoIgnored: average((o) => o.asksAfterTwoIgnored),
    prospectContentShare: average((o) => o.prospectContentShare),
    neverAsked: average((o) => o.neverAsked),
    calibration: predictions.length === 0 ? null : calibration(predictions),
  };
}

/** Builds the year's world: the synthetic program by default, or the program's own (ownWorld). */
export type WorldBuilder = (assumptions: Assumptions, random: Random) => World;

export const syntheticWorld =
  (options: SimulationOptions): WorldBuilder =>
  (assumptions, random) =>
    buildWorld({ ...options, assumptions, random });

export function simulate(
  options: SimulationOptions,
  assumptions: Assumptions,
  policies: readonly Policy[] = [refdeskPolicy(options.defaultCapacity), naivePolicy],
  world: WorldBuilder = syntheticWorld(options),
): AssumptionOutcome {
  return {
    assumptions,
    policies: policies.map((policy) => {
      const logs = options.seeds.map((seed) => {
        // The world and the answers come from separate streams, so both policies face the same year.
        return simulateYear({
          world: world(assumptions, seededRandom(seed)),
          policy,
          assumptions,
          random: seededRandom(seed ^ 0x5eed),
          start: options.start,
          defaultCapacity: options.defaultCapacity,
        });
      });
      const perSeed = logs.map(outcomesOf);
      return { policy: policy.name, mean: mean(perSeed, logs), perSeed };
    }),
  };
}
