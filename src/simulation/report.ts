import { FIGURES, missedTargets } from "./outcomes";
import type { AssumptionOutcome } from "./simulate";

// The simulation's printout: per set of assumptions, each figure under refdesk beside the naive
// policy and the target, then the calibration by bin and which assumption sets held every target.

/** Left-aligned first column, the rest right-aligned. */
function table(rows: readonly (readonly string[])[]): string[] {
  const widths = (rows[0] ?? []).map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? "").length)),
  );
  return rows.map((row) =>
    `  ${row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join("   ")}`.trimEnd(),
  );
}

export function formatAssumptionOutcome(result: AssumptionOutcome): string {
  const [refdesk] = result.policies;
  if (!refdesk) return "";
  const header = ["", ...result.policies.map((policy) => policy.policy), "target", ""];
  const rows = FIGURES.map((figure) => [
    figure.label,
    ...result.policies.map((policy) => figure.show(policy.mean)),
    figure.target?.words ?? "",
    figure.target ? (figure.target.met(refdesk.mean) ? "met" : "MISSED") : "",
  ]);
  const lines = [
    `${result.assumptions.name}: ${result.assumptions.description}`,
    ...table([header, ...rows]),
  ];
  const bins = refdesk.mean.calibration?.bins ?? [];
  if (bins.length > 0) {
    lines.push(
      `  ${refdesk.policy}'s yes-probability by bin (predicted → actual, asks): ${bins
        .map(
          (bin) =>
            `${bin.from.toFixed(1)}–${bin.to.toFixed(1)} ${bin.meanPredicted.toFixed(2)} → ${bin.actual.toFixed(2)} (${bin.asks})`,
        )
        .join(" · ")}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Which assumption sets held every target under refdesk, and what each of the others missed. */
export function targetSummary(results: readonly AssumptionOutcome[]): { held: string[]; missed: string[] } {
  const held: string[] = [];
  const missed: string[] = [];
  for (const result of results) {
    const refdesk = result.policies[0];
    if (!refdesk) continue;
    const misses = missedTargets(refdesk.mean);
    if (misses.length === 0) held.push(result.assumptions.name);
    else missed.push(`${result.assumptions.name} (${misses.join(", ")})`);
  }
  return { held, missed };
}

/** `what`: the roster and demand simulated, for the first line ("on a synthetic roster of 200 champions"). */
export function formatSimulation(
  results: readonly AssumptionOutcome[],
  setting: { days: number; seeds: readonly number[]; what: string },
): string {
  const { held, missed } = targetSummary(results);
  const seeds =
    setting.seeds.length === 1 ? `seed ${setting.seeds[0]}` : `${setting.seeds.length} seeds, means shown`;
  return [
    `Simulated ${setting.days} days ${setting.what} (${seeds}).`,
    "",
    ...results.map(formatAssumptionOutcome),
    `Every target held under ${held.length} of ${results.length} sets of assumptions${held.length > 0 ? `: ${held.join(", ")}` : ""}.`,
    ...(missed.length > 0 ? [`Missed: ${missed.join("; ")}.`] : []),
    "",
  ].join("\n");
}
