import type { Command } from "commander";
import { activityLabel } from "../../core/activities";
import { formatDay } from "../../core/dates";
import { AppError } from "../../core/errors";
import { REQUEST_STATUSES } from "../../core/lifecycle";
import {
  type AcceptanceRate,
  AT_RISK_ASKS_WITHOUT_GIVES,
  AT_RISK_LOAD_RATIO,
  type ProgramMetrics,
  type StepTiming,
  UNSTATED,
} from "../../core/metrics";
import {
  calibrationWords,
  concentrationWords,
  DEFAULT_REPORT_DAYS,
  duration,
  MAX_REPORT_DAYS,
  money,
  percent,
  plural,
} from "../../core/report-words";
import { loadProgramMetrics } from "../../db/report-repository";
import { type CliContext, withDatabase } from "../program";

export function reportCommand(program: Command, context: CliContext): void {
  program
    .command("report")
    .option("--json", "print the metrics as JSON")
    .option("--window <days>", "how many days back to look", String(DEFAULT_REPORT_DAYS))
    .description(
      "Program metrics: requests by status, time to proposal, approval and acceptance, acceptance by " +
        "activity and motivation, load and its concentration, champions at risk, pipeline, asks and gives.",
    )
    .action(async (options: { json?: boolean; window: string }) => {
      const windowDays = Number(options.window);
      if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > MAX_REPORT_DAYS) {
        throw new AppError(
          "input_invalid",
          `--window must be a whole number of days from 1 to ${MAX_REPORT_DAYS}, not "${options.window}"`,
        );
      }
      const metrics = await withDatabase(context, ({ db }) =>
        loadProgramMetrics(db, {
          now: context.clock(),
          windowDays,
          defaultCapacity: context.defaultCapacity,
        }),
      );
      context.io.stdout(options.json ? `${JSON.stringify(metrics, null, 2)}\n` : formatReport(metrics));
    });
}

/** Aligned columns under a header: the first column left-aligned, the others (numbers) right-aligned. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? "").length)));
  return all.map((row) =>
    `  ${row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join("   ")}`.trimEnd(),
  );
}

const rateCells = (rate: AcceptanceRate) => [
  String(rate.answered),
  String(rate.accepted),
  percent(rate.rate),
];

const timingRow = (step: string, timing: StepTiming) => [
  step,
  duration(timing.medianHours),
  duration(timing.p90Hours),
  String(timing.requests),
];

/** Names padded to one width, then the reasons in words. */
function atRiskLines(atRisk: ProgramMetrics["atRisk"]): string[] {
  const width = Math.max(0, ...atRisk.map((champion) => champion.name.length));
  return atRisk.map((champion) => `  ${champion.name.padEnd(width)}   ${champion.reasons.join("; ")}`);
}

function formatReport(metrics: ProgramMetrics): string {
  const { window, requests, timeTo, acceptance, load, concentration } = metrics;
  const out = [
    `Program report, last ${plural(window.days, "day")} (${formatDay(window.from.slice(0, 10))} to ${formatDay(window.to.slice(0, 10))})`,
    "",
    `Requests opened: ${requests.total}`,
    ...table(
      ["status", "requests"],
      REQUEST_STATUSES.map((status) => [status, String(requests.byStatus[status])]),
    ),
    "",
    ...table(
      ["time from request to", "median", "90th percentile", "requests"],
      [
        timingRow("first proposal", timeTo.proposal),
        timingRow("approval", timeTo.approval),
        timingRow("acceptance", timeTo.acceptance),
      ],
    ),
    "",
  ];

  if (acceptance.answered === 0) out.push("Acceptance: no invitations were answered.");
  else {
    out.push(
      `Acceptance: ${acceptance.accepted} of ${plural(acceptance.answered, "answered invitation")} accepted (${percent(acceptance.rate)})`,
      // One table for both breakdowns, so their columns line up.
      ...table(
        ["by activity", "answered", "accepted", "rate"],
        [
          ...acceptance.byActivity.map((rate) => [activityLabel(rate.activityType), ...rateCells(rate)]),
          ["by strongest motivation", "", "", ""],
          ...acceptance.byMotivation.map((rate) => [
            rate.motivation === UNSTATED ? "none stated" : rate.motivation,
            ...rateCells(rate),
          ]),
        ],
      ),
    );
  }

  out.push(
    calibrationWords(metrics.calibration),
    "",
    `Load against capacity (${plural(load.champions, "champion")})`,
    ...table(
      ["load", "champions"],
      load.buckets.map((bucket) => [bucket.bucket, String(bucket.champions)]),
    ),
    concentrationWords(concentration, load.champions),
    "",
    `Champions at risk (at or over ${AT_RISK_LOAD_RATIO * 100}% of capacity, or asked ${AT_RISK_ASKS_WITHOUT_GIVES}+ times with nothing given back): ${metrics.atRisk.length === 0 ? "none" : metrics.atRisk.length}`,
    ...atRiskLines(metrics.atRisk),
    "",
    `Influenced pipeline: ${money(metrics.influencedPipeline.value)} (${plural(metrics.influencedPipeline.deals, "deal")} open or won)`,
    `Won revenue: ${money(metrics.wonRevenue.value)} (${plural(metrics.wonRevenue.deals, "deal")})`,
    `Asks to gives: ${plural(metrics.asksToGives.asks, "ask")}, ${plural(metrics.asksToGives.gives, "give")}${
      metrics.asksToGives.ratio === null ? "" : ` (${metrics.asksToGives.ratio} asks per give)`
    }`,
  );
  return `${out.join("\n")}\n`;
}
