// Scoring a request recognizer against the labelled examples: detection precision and recall,
// and per-field accuracy. Pure apart from awaiting the recognizer, so any path (the rules, a
// model) is measured the same way.

import type { ParseResult, RequestFields } from "../core/domain";
import type { Example } from "./examples";

/** A message → the request it carries, or null when it is not a request. */
export type Recognize = (text: string) => Promise<ParseResult | null>;

export const EVAL_FIELDS = [
  "prospect_company",
  "industry",
  "company_size",
  "region",
  "products",
  "persona",
  "activities",
  "deadline",
] as const satisfies readonly (keyof RequestFields)[];
export type EvalField = (typeof EVAL_FIELDS)[number];

export interface DetectionCounts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
}

export interface FieldScore {
  correct: number;
  /** The true requests the recognizer detected: a missed request is a detection error, not a field one. */
  total: number;
  /** null when nothing was detected to score. */
  accuracy: number | null;
}

export interface Mistake {
  id: string;
  field: EvalField | "detection";
  expected: unknown;
  got: unknown;
  text: string;
}

export interface EvalResult {
  examples: number;
  detection: DetectionCounts;
  /** null when the recognizer called nothing a request. */
  precision: number | null;
  /** null when the examples hold no request. */
  recall: number | null;
  fields: Record<EvalField, FieldScore>;
  mistakes: Mistake[];
}

export interface EvalTargets {
  precision: number;
  recall: number;
  fields: Partial<Record<EvalField, number>>;
}

/** What the deterministic path must reach on the fixture set (the "done when"). */
export const DETERMINISTIC_TARGETS: EvalTargets = {
  precision: 0.95,
  recall: 0.85,
  fields: { industry: 0.9, region: 0.9, company_size: 0.9, activities: 0.9 },
};

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

const normalizedText = (value: string | null): string | null =>
  value === null ? null : value.trim().replace(/\s+/g, " ").toLowerCase();

const normalizedSet = (values: readonly string[]): string =>
  [...new Set(values.map((value) => value.trim().toLowerCase()))].sort().join("|");

/** Whether one field was read right: names case-insensitively, lists as sets. */
export function fieldMatches(field: EvalField, expected: RequestFields, got: RequestFields): boolean {
  switch (field) {
    case "prospect_company":
    case "persona":
      return normalizedText(expected[field]) === normalizedText(got[field]);
    case "products":
    case "activities":
      return normalizedSet(expected[field]) === normalizedSet(got[field]);
    default:
      return expected[field] === got[field];
  }
}

/** Runs `recognize` on every example, at most `concurrency` at a time, in the examples' order. */
async function recognizeAll(
  examples: readonly Example[],
  recognize: Recognize,
  concurrency: number,
): Promise<(ParseResult | null)[]> {
  const results: (ParseResult | null)[] = new Array(examples.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < examples.length) {
      const index = next++;
      results[index] = await recognize((examples[index] as Example).text);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, examples.length)) }, worker));
  return results;
}

export async function runEval(
  examples: readonly Example[],
  recognize: Recognize,
  options: { concurrency?: number } = {},
): Promise<EvalResult> {
  const results = await recognizeAll(examples, recognize, options.concurrency ?? 1);
  const detection: DetectionCounts = {
    truePositives: 0,
    falsePositives: 0,
    falseNegatives: 0,
    trueNegatives: 0,
  };
  const fields = Object.fromEntries(
    EVAL_FIELDS.map((field) => [field, { correct: 0, total: 0, accuracy: null }]),
  ) as Record<EvalField, FieldScore>;
  const mistakes: Mistake[] = [];

  examples.forEach((example, index) => {
    const result = results[index];
    const detected = result?.isRequest === true;
    if (!example.isRequest) {
      if (detected) {
        detection.falsePositives++;
        mistakes.push({ id: example.id, field: "detection", expected: false, got: true, text: example.text });
      } else detection.trueNegatives++;
      return;
    }
    if (!detected) {
      detection.falseNegatives++;
      mistakes.push({ id: example.id, field: "detection", expected: true, got: false, text: example.text });
      return;
    }
    detection.truePositives++;
    for (const field of EVAL_FIELDS) {
      const score = fields[field];
      score.total++;
      if (fieldMatches(field, example.expected, result.request)) score.correct++;
      else
        mistakes.push({
          id: example.id,
          field,
          expected: example.expected[field],
          got: result.request[field],
          text: example.text,
        });
    }
  });

  for (const score of Object.values(fields)) score.accuracy = ratio(score.correct, score.total);
  const { truePositives, falsePositives, falseNegatives } = detection;
  return {
    examples: examples.length,
    detection,
    precision: ratio(truePositives, truePositives + falsePositives),
    recall: ratio(truePositives, truePositives + falseNegatives),
    fields,
    mistakes,
  };
}

/** The targets a result falls short of, in words; empty when it meets them all. */
export function missedTargets(result: EvalResult, targets: EvalTargets): string[] {
  const missed: string[] = [];
  const check = (name: string, value: number | null, target: number) => {
    if (value === null || value < target) missed.push(`${name} ${format(value)} < ${target.toFixed(2)}`);
  };
  check("precision", result.precision, targets.precision);
  check("recall", result.recall, targets.recall);
  for (const [field, target] of Object.entries(targets.fields))
    check(field, result.fields[field as EvalField].accuracy, target);
  return missed;
}

const format = (value: number | null): string => (value === null ? "n/a" : value.toFixed(3));
