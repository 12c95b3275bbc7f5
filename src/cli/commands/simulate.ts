import type { Command } from "commander";
import { AppError } from "../../core/errors";
import { ASSUMPTIONS, assumptionsNamed } from "../../simulation/assumptions";
import { formatSimulation, targetSummary } from "../../simulation/report";
import { SIMULATION_START, simulate } from "../../simulation/simulate";
import type { CliContext } from "../program";

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

interface SimulateOptions {
  assumptions?: string;
  seeds: string;
  firstSeed: string;
  champions: string;
  days: string;
  json?: boolean;
  check?: boolean;
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
    .option("--json", "print the outcomes as JSON")
    .option("--check", "exit 1 unless every target holds under at least three sets of assumptions")
    .description(
      "Simulate a year of requests on a synthetic roster under refdesk's matching and under " +
        "'most similar first', and print burnouts, spread, caps, fill rate and calibration beside the targets.",
    )
    .action((options: SimulateOptions) => {
      const names = options.assumptions?.split(",").map((name) => name.trim()) ?? [];
      const sets =
        names.length === 0
          ? ASSUMPTIONS
          : names.map((name) => {
              const found = assumptionsNamed(name);
              if (!found) {
                throw new AppError(
                  "input_invalid",
                  `no set of assumptions is called "${name}"; choose from ${ASSUMPTIONS.map((a) => a.name).join(", ")}`,
                );
              }
              return found;
            });
      const seedCount = wholeNumber(options.seeds, "--seeds", 1, 100);
      const firstSeed = wholeNumber(options.firstSeed, "--first-seed", 0, 1_000_000);
      const setting = {
        champions: wholeNumber(options.champions, "--champions", 10, 5000),
        days: wholeNumber(options.days, "--days", 28, 730),
        seeds: Array.from({ length: seedCount }, (_, index) => firstSeed + index),
        start: SIMULATION_START,
        defaultCapacity: context.defaultCapacity,
      };
      const results = sets.map((assumptions) => {
        context.io.progress?.(`Simulating "${assumptions.name}"…`);
        return simulate(setting, assumptions);
      });
      context.io.progress?.("");
      context.io.stdout(
        options.json ? `${JSON.stringify(results, null, 2)}\n` : formatSimulation(results, setting),
      );
      if (options.check && targetSummary(results).held.length < 3) {
        throw new AppError("targets_missed", "fewer than three sets of assumptions held every target");
      }
    });
}
