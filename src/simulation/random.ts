// A seeded random source for the simulation: the same seed gives the same year, run after run.

export interface Random {
  /** Uniform in [0, 1). */
  next: () => number;
  /** One item, uniformly. */
  pick: <T>(items: readonly T[]) => T;
  /** One key, with probability proportional to its weight. */
  weighted: <T extends string>(weights: Readonly<Record<T, number>>) => T;
  /** Standard normal (Box–Muller). */
  normal: () => number;
  /** Whole number of events in a period where `mean` are expected (Knuth; fine for small means). */
  poisson: (mean: number) => number;
  /** A copy in random order. */
  shuffled: <T>(items: readonly T[]) => T[];
}

/** mulberry32: small, fast and good enough for a simulation that must repeat exactly. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    weighted: (weights) => {
      const entries = Object.entries(weights) as [keyof typeof weights, number][];
      let roll = next() * entries.reduce((sum, [, weight]) => sum + weight, 0);
      for (const [key, weight] of entries) {
        roll -= weight;
        if (roll < 0) return key;
      }
      return (entries.at(-1) as [keyof typeof weights, number])[0];
    },
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    poisson: (mean) => {
      const limit = Math.exp(-mean);
      let count = 0;
      for (let product = next(); product > limit; product *= next()) count++;
      return count;
    },
    shuffled: (items) => {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j] as (typeof copy)[number], copy[i] as (typeof copy)[number]];
      }
      return copy;
    },
  };
}
