import type { Command } from "commander";
import { toIsoDate } from "../../core/dates";
import { AppError } from "../../core/errors";
import { DEMAND_WINDOW_DAYS, loadOwnProgram } from "../../db/simulation-repository";
import { ASSUMPTIONS, type Assumptions, assumptionsNamed } from "../../simulation/assumptions";
import { ownWorld, weeklyDemand } from "../../simulation/own-world";
import { formatSimulation, targetSummary } from "../../simulation/report";
import { SIMULATION_START, simulate, syntheticWorld, type WorldBuilder } from "../../simulation/simulate";
import { type CliContext, withDatabase } from "../program";

const wholeNumber = (value: string, flag: string, min: number, max: number): number => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new AppError(
      "input_invalid",
      `${flag} must be a whole number from ${min} to ${max}, not "${value}"`,
    );
  }
  return number;
};

function assumptionSets(list: string | undefined): readonly Assumptions[] {
  const names = list?.split(",").map((name) => name.trim()) ?? [];
  if (names.length === 0) return ASSUMPTIONS;
  return names.map((name) => {
    const found = assumptionsNamed(name);
    if (found) return found;
    throw new AppError(
      "input_invalid",
      `no set of assumptions is called "${name}"; choose from ${ASSUMPTIONS.map((a) => a.name).join(", ")}`,
    );
  });
}

interface SimulateOptions {
  assumptions?: string;
  seeds: string;
  firstSeed: string;
  champions: string;
  days: string;
  own?: boolean;
  json?: boolean;
  check?: boolean;
}

/** The world each year is built on, and how the printout names it. */
async function worldOf(
  context: CliContext,
  options: SimulateOptions,
  setting: { days: number; seeds: readonly number[]; defaultCapacity: number },
): Promise<{ world: WorldBuilder; what: string; champions: number; start: string }> {
  if (!options.own) {
    const champions = wholeNumber(options.champions, "--champions", 10, 5000);
    const synthetic = { ...setting, champions, start: SIMULATION_START };
    return {
      world: syntheticWorld(synthetic),
      what: `on a synthetic roster of ${champions} champions`,
      champions,
      start: SIMULATION_START,
    };
  }
  const program = await withDatabase(context, ({ db }) => loadOwnProgram(db, context.clock()));
  if (program.champions.length === 0) {
    throw new AppError(
      "input_invalid",
      "the roster is empty: import champions first (`refdesk roster import`), or simulate without --own",
    );
  }
  if (program.demand.length === 0) {
    throw new AppError(
      "input_invalid",
      `no requests in the last ${DEMAND_WINDOW_DAYS} days to take demand from: simulate without --own for a synthetic year`,
    );
  }
  const start = toIsoDate(context.clock());
  return {
    world: (assumptions, random) => ownWorld(program, { start, days: setting.days, assumptions, random }),
    what: `on your roster of ${program.champions.length} champions at its current demand (${program.demand.length} requests in the last ${DEMAND_WINDOW_DAYS} days, about ${weeklyDemand(program).toFixed(1)} a week)`,
    champions: program.champions.length,
    start,
  };
}

export function simulateCommand(program: Command, context: CliContext): void {
  program
    .command("simulate")
    .option(
      "--assumptions <names>",
      `comma-separated sets of assumptions (default: all of ${ASSUMPTIONS.map((a) => a.name).join(", ")})`,
    )
    .option("--seeds <n>", "simulated years per set, averaged", "5")
    .option("--first-seed <n>", "seed of the first year (the same seed gives the same year)", "1")
    .option("--champions <n>", "size of the synthetic roster", "200")
    .option("--days <n>", "length of each simulated year", "364")
    .option("--own", "a what-if on the program's own roster, at the last quarter's demand")
    .option("--json", "print the outcomes as JSON")
    .option("--check", "exit 1 unless every target holds under at least three sets of assumptions")
    .description(
      "Simulate a year of requests under refdesk's matching and under 'most similar first', and print " +
        "burnouts, spread, caps, fill rate and calibration beside the targets.",
    )
    .action(async (options: SimulateOptions) => {
      const sets = assumptionSets(options.assumptions);
      const seedCount = wholeNumber(options.seeds, "--seeds", 1, 100);
      const firstSeed = wholeNumber(options.firstSeed, "--first-seed", 0, 1_000_000);
      const setting = {
        days: wholeNumber(options.days, "--days", 28, 730),
        seeds: Array.from({ length: seedCount }, (_, index) => firstSeed + index),
        defaultCapacity: context.defaultCapacity,
      };
      const { world, what, champions, start } = await worldOf(context, options, setting);
      const results = sets.map((assumptions) => {
        context.io.progress?.(`Simulating "${assumptions.name}"…`);
        return simulate({ ...setting, champions, start }, assumptions, undefined, world);
      });
      context.io.progress?.("");
      context.io.stdout(
        options.json
          ? `${JSON.stringify(results, null, 2)}\n`
          : formatSimulation(results, { ...setting, what }),
      );
      if (options.check && targetSummary(results).held.length < 3) {
        throw new AppError("targets_missed", "fewer than three sets of assumptions held every target");
      }
    });
}
