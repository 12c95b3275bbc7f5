import { describe, expect, it } from "vitest";
import { ACTIVITIES } from "../../src/core/activities";
import { BASELINE } from "../../src/simulation/assumptions";
import { outcomesOf } from "../../src/simulation/outcomes";
import { naivePolicy, refdeskPolicy } from "../../src/simulation/policies";
import { seededRandom } from "../../src/simulation/random";
import { simulateYear } from "../../src/simulation/run";
import { SIMULATION_START, simulate } from "../../src/simulation/simulate";
import { buildWorld } from "../../src/simulation/world";

// A short, small year: enough asks to see each policy's habits, quick enough for every run.
const setting = { champions: 60, days: 120, start: SIMULATION_START, defaultCapacity: 4 };
const busier = { ...BASELINE, requestsPerWeek: 8 };

function year(policy: typeof naivePolicy, seed: number) {
  const world = buildWorld({ ...setting, assumptions: busier, random: seededRandom(seed) });
  const log = simulateYear({
    world,
    policy,
    assumptions: busier,
    random: seededRandom(seed ^ 0x5eed),
    start: setting.start,
    defaultCapacity: setting.defaultCapacity,
  });
  return { world, log, outcomes: outcomesOf(log) };
}

describe("the simulated year", () => {
  it("repeats exactly for a seed, and differs for another", () => {
    const first = year(refdeskPolicy(4), 7).log.asks;
    expect(year(refdeskPolicy(4), 7).log.asks).toEqual(first);
    expect(year(refdeskPolicy(4), 8).log.asks).not.toEqual(first);
  });

  it("never asks anyone under refdesk more often in 91 days than their cap, while the naive policy does", () => {
    for (const seed of [1, 2, 3]) {
      expect(year(refdeskPolicy(4), seed).outcomes.overCap).toBe(0);
    }
    expect(year(naivePolicy, 1).outcomes.overCap).toBeGreaterThan(0);
  });

  it("answers a named prospect with someone they can meet, never with content nobody asked for", () => {
    const { world, log } = year(refdeskPolicy(4), 4);
    const forProspect = log.asks.filter((ask) => ask.forProspect);
    expect(forProspect.length).toBeGreaterThan(10);
    expect(forProspect.every((ask) => ACTIVITIES[ask.activity].meetsProspect)).toBe(true);
    // …and what a rep named is what is asked for.
    for (const ask of log.asks) {
      const named = world.requests[ask.request]?.fields.activities ?? [];
      if (named.length > 0) expect(named).toContain(ask.activity);
    }
  });

  it("spreads asks and tires fewer people than asking the most similar customer", () => {
    const refdesk = year(refdeskPolicy(4), 5).outcomes;
    const naive = year(naivePolicy, 5).outcomes;
    expect(refdesk.busiestTenthShare).toBeLessThan(naive.busiestTenthShare);
    expect(refdesk.burnouts).toBeLessThan(naive.burnouts);
    expect(refdesk.asksAfterTwoIgnored).toBeLessThanOrEqual(naive.asksAfterTwoIgnored);
  });

  it("records a prediction for every refdesk ask and none for the naive policy", () => {
    const { outcomes } = year(refdeskPolicy(4), 6);
    expect(outcomes.calibration?.asks).toBe(outcomes.asks);
    expect(year(naivePolicy, 6).outcomes.calibration).toBeNull();
  });

  it("averages the seeds and pools their predictions for calibration", () => {
    const result = simulate({ ...setting, seeds: [1, 2] }, busier);
    expect(result.policies.map((policy) => policy.policy)).toEqual(["refdesk", "most similar first"]);
    const [refdesk] = result.policies;
    expect(refdesk?.perSeed).toHaveLength(2);
    const meanFill = ((refdesk?.perSeed[0]?.fillRate ?? 0) + (refdesk?.perSeed[1]?.fillRate ?? 0)) / 2;
    expect(refdesk?.mean.fillRate).toBeCloseTo(meanFill, 10);
    expect(refdesk?.mean.calibration?.asks).toBe(
      (refdesk?.perSeed[0]?.calibration?.asks ?? 0) + (refdesk?.perSeed[1]?.calibration?.asks ?? 0),
    );
  });
});

describe("the synthetic world", () => {
  it("builds demand at the rate assumed, skewed away from the roster's mix", () => {
    const world = buildWorld({
      champions: 200,
      start: SIMULATION_START,
      days: 364,
      assumptions: BASELINE,
      random: seededRandom(1),
    });
    expect(world.requests.length).toBeGreaterThan(52 * 12 * 0.9);
    expect(world.requests.length).toBeLessThan(52 * 12 * 1.1);
    const share = (items: readonly (string | null)[], value: string) =>
      items.filter((item) => item === value).length / items.length;
    const demanded = share(
      world.requests.map((request) => request.fields.industry),
      "fintech",
    );
    const supplied = share(
      world.champions.map((champion) => champion.profile.industry),
      "fintech",
    );
    expect(demanded).toBeGreaterThan(supplied * 1.5);
    // A few usual suspects carried most of last year's asks.
    const pastAsks = new Map<number, number>();
    for (const ask of world.pastAsks) pastAsks.set(ask.championId, (pastAsks.get(ask.championId) ?? 0) + 1);
    const busiest = [...pastAsks.values()].sort((a, b) => b - a).slice(0, 20);
    expect(busiest.reduce((sum, count) => sum + count, 0)).toBeGreaterThan(world.pastAsks.length * 0.4);
  });
});
