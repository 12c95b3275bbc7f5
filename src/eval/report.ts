// The evaluation as a person reads it in a terminal: one block per recognizer path.

import { EVAL_FIELDS, type EvalResult, type EvalTargets, missedTargets } from "./parser-eval";

export interface ReportOptions {
  /** List the first `mistakes` mistakes. */
  verbose?: boolean;
  mistakes?: number;
  /** Mark each number against these, and say which were missed. */
  targets?: EvalTargets;
}

const number = (value: number | null): string => (value === null ? "n/a" : value.toFixed(3));

const shown = (value: unknown): string => (value === undefined ? "—" : JSON.stringify(value));

const clip = (text: string, length: number): string => {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
};

export function formatEvalReport(label: string, result: EvalResult, options: ReportOptions = {}): string {
  const { detection } = result;
  const target = (value: number | null, goal: number | undefined) =>
    goal === undefined
      ? ""
      : `  (target ≥ ${goal.toFixed(2)} ${value !== null && value >= goal ? "✓" : "✗"})`;
  const lines = [
    `== ${label}: ${result.examples} examples ==`,
    "detection",
    `  precision  ${number(result.precision)}${target(result.precision, options.targets?.precision)}`,
    `  recall     ${number(result.recall)}${target(result.recall, options.targets?.recall)}`,
    `  TP ${detection.truePositives}  FP ${detection.falsePositives}  FN ${detection.falseNegatives}  TN ${detection.trueNegatives}`,
    `field accuracy (over the ${detection.truePositives} true requests detected)`,
  ];
  for (const field of EVAL_FIELDS) {
    const score = result.fields[field];
    lines.push(
      `  ${field.padEnd(17)}${number(score.accuracy)}  ${`${score.correct}/${score.total}`.padStart(7)}${target(score.accuracy, options.targets?.fields[field])}`,
    );
  }
  if (options.targets) {
    const missed = missedTargets(result, options.targets);
    lines.push(missed.length === 0 ? "targets: all met" : `targets missed: ${missed.join("; ")}`);
  }
  if (options.verbose) {
    const limit = options.mistakes ?? 30;
    lines.push(`mistakes (${Math.min(limit, result.mistakes.length)} of ${result.mistakes.length})`);
    for (const mistake of result.mistakes.slice(0, limit))
      lines.push(
        `  ${mistake.id} ${mistake.field}: expected ${shown(mistake.expected)}, got ${shown(mistake.got)}`,
        `      ${clip(mistake.text, 140)}`,
      );
  }
  return lines.join("\n");
}

export function printEvalReport(label: string, result: EvalResult, options: ReportOptions = {}): void {
  console.log(`${formatEvalReport(label, result, options)}\n`);
}
