import type { Command } from "commander";
import { loadBenchGaps, loadProgramMetrics } from "../../db/report-repository";
import { createRosterSnapshotSource } from "../../db/roster-snapshot";
import { CHART_SIZE, renderDigestChart } from "../../digest/chart";
import { DIGEST_WINDOW_DAYS, digestFacts, digestMessage, digestSummary } from "../../digest/digest";
import { benchLines } from "../../slack/blocks/bench";
import { type CliContext, withDatabase } from "../program";

// The weekly digest without Slack: the chart as a PNG file and the numbers on the terminal.

export function digestCommand(program: Command, context: CliContext): void {
  program
    .command("digest")
    .option("--out <file>", "where to write the chart (PNG)", "digest.png")
    .option("--json", "print the Slack message's text and Block Kit blocks as JSON (the chart is the PNG)")
    .description(
      `The weekly digest over the last ${DIGEST_WINDOW_DAYS} days: a chart of champions' load and the ` +
        "request funnel, written as a PNG, and the numbers posted with it.",
    )
    .action(async (options: { out: string; json?: boolean }) => {
      const { metrics, bench } = await withDatabase(context, async ({ db }) => {
        const now = context.clock();
        // One read of the roster for both the metrics and the bench.
        const snapshot = createRosterSnapshotSource(db, () => now).current();
        const read = { now, defaultCapacity: context.defaultCapacity, snapshot };
        return {
          metrics: await loadProgramMetrics(db, { ...read, windowDays: DIGEST_WINDOW_DAYS }),
          bench: await loadBenchGaps(db, read),
        };
      });
      await context.io.writeFile(options.out, await renderDigestChart(metrics));
      if (options.json) {
        context.io.stdout(`${JSON.stringify(digestMessage(metrics, { bench }), null, 2)}\n`);
      } else {
        const facts = digestFacts(metrics).map((fact) => `  ${fact.label}: ${fact.value}`);
        const recruit =
          bench.length > 0
            ? ["", "Bench ahead of demand:", ...benchLines(bench).map((line) => `  ${line}`)]
            : [];
        context.io.stdout(`${[digestSummary(metrics), "", ...facts, ...recruit].join("\n")}\n`);
      }
      context.io.stderr(`Wrote ${options.out} (${CHART_SIZE.width}×${CHART_SIZE.height} PNG).\n`);
    });
}
