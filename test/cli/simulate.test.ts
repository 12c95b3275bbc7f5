import { describe, expect, it } from "vitest";
import { cliOn } from "../support/cli";
import { testEngine, useTestDatabase } from "../support/database";

const database = useTestDatabase();
const refdesk = cliOn(database);
const small = ["--champions", "40", "--days", "60", "--seeds", "1"];

describe(`refdesk simulate on ${testEngine}`, () => {
  it("prints each figure under refdesk beside the naive policy and the target", async () => {
    const result = await refdesk("simulate", "--assumptions", "baseline", ...small);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^Simulated 60 days on a synthetic roster of 40 champions \(seed 1\)\./);
    expect(result.stdout).toMatch(/refdesk\s+most similar first\s+target/);
    for (const figure of [
      /fill rate\s+\d+\.\d%\s+\d+\.\d%\s+≥ 92%/,
      /champions asked over their cap\s+0\s+\d+(\.\d)?\s+0\s+met/,
      /burnouts\s/,
      /yes predicted \/ actual\s+0\.\d\d \/ 0\.\d\d\s+—/,
      /yes-probability by bin \(predicted → actual, asks\): /,
      /Every target held under [01] of 1 sets of assumptions/,
    ]) {
      expect(result.stdout).toMatch(figure);
    }
    expect(result.progress[0]).toBe('Simulating "baseline"…');
  });

  it("prints JSON with every seed's outcomes", async () => {
    const result = await refdesk("simulate", "--assumptions", "quiet roster,tiring", ...small, "--json");
    const outcomes = JSON.parse(result.stdout);
    expect(outcomes.map((entry: { assumptions: { name: string } }) => entry.assumptions.name)).toEqual([
      "quiet roster",
      "tiring",
    ]);
    expect(outcomes[0].policies[0].perSeed).toHaveLength(1);
    expect(outcomes[0].policies[0].mean.overCap).toBe(0);
  });

  it("names the sets of assumptions it knows when asked for another", async () => {
    const result = await refdesk("simulate", "--assumptions", "sunny", ...small);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'refdesk: no set of assumptions is called "sunny"; choose from baseline, tiring, wrong file, quiet roster, busy year\n',
    );
  });

  it("fails --check when fewer than three sets of assumptions hold every target", async () => {
    // Two sets can never make three.
    const result = await refdesk("simulate", "--assumptions", "baseline,tiring", ...small, "--check");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/fewer than three sets of assumptions held every target/);
  });

  it("refuses sizes it cannot simulate sensibly", async () => {
    const result = await refdesk("simulate", "--champions", "3");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--champions must be a whole number from 10 to 5000, not "3"/);
  });

  it("runs a what-if on the program's own roster at the last quarter's demand", async () => {
    expect((await refdesk("demo", "--champions", "60")).code).toBe(0);
    const result = await refdesk(
      "simulate",
      "--own",
      "--assumptions",
      "baseline",
      "--days",
      "60",
      "--seeds",
      "1",
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Simulated 60 days on your roster of 60 champions at its current demand \(\d+ requests in the last 91 days, about \d+\.\d a week\) \(seed 1\)\./,
    );
    expect(result.stdout).toMatch(/champions asked over their cap\s+0\s/);
  });

  it("says what to do when there is no roster to run a what-if on", async () => {
    const result = await refdesk("simulate", "--own", "--days", "60", "--seeds", "1");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/the roster is empty: import champions first/);
  });
});
