// The request-recognition evaluation set: Slack messages labelled by what a person would
// understand from them, one JSON object per line (test/fixtures/messages.jsonl).

import { readFile } from "node:fs/promises";
import { z } from "zod";
import { ACTIVITY_TYPES, COMPANY_SIZES, REGIONS, type RequestFields } from "../core/domain";
import { AppError } from "../core/errors";
import { INDUSTRIES } from "../core/vocabulary/industries";

/** Every relative date in the set ("by Friday", "EOM") is read against this moment, a Monday. */
export const EVAL_NOW = new Date("2026-11-23T15:00:00Z");

export const DEFAULT_EXAMPLES_PATH = new URL("../../test/fixtures/messages.jsonl", import.meta.url);

/** Messages labelled without reading the parser's rules, so its numbers on them are not tuned. */
export const HELDOUT_EXAMPLES_PATH = new URL("../../test/fixtures/heldout-messages.jsonl", import.meta.url);

const industryKeys = Object.keys(INDUSTRIES) as [string, ...string[]];

const expectedSchema = z.strictObject({
  prospect_company: z.string().min(1).nullable(),
  industry: z.enum(industryKeys).nullable(),
  company_size: z.enum(COMPANY_SIZES).nullable(),
  region: z.enum(REGIONS).nullable(),
  products: z.array(z.string().min(1)),
  persona: z.string().min(1).nullable(),
  activities: z.array(z.enum(ACTIVITY_TYPES)),
  deadline: z.iso.date().nullable(),
});

const exampleSchema = z
  .strictObject({
    id: z.string().min(1),
    text: z.string().min(1),
    isRequest: z.boolean(),
    expected: expectedSchema.nullish(),
  })
  .refine((example) => !example.isRequest || example.expected, {
    message: "a request needs its expected fields",
    path: ["expected"],
  })
  .refine((example) => example.isRequest || !example.expected, {
    message: "a non-request has no expected fields",
    path: ["expected"],
  });

export type Example =
  | { id: string; text: string; isRequest: true; expected: RequestFields }
  | { id: string; text: string; isRequest: false; expected: null };

const invalid = (source: string, line: number, problem: string) =>
  new AppError("input_invalid", `${source} line ${line}: ${problem}`);

/**
 * JSONL text → one record per non-blank line, each checked by `schema` and with an id of its own;
 * the first bad line fails with its number and the field at fault.
 */
export function parseJsonLines<T extends { id: string }>(
  text: string,
  schema: z.ZodType<T>,
  source: string,
): T[] {
  const records: T[] = [];
  const seen = new Set<string>();
  for (const [index, raw] of text.split("\n").entries()) {
    const line = index + 1;
    if (raw.trim() === "") continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      throw invalid(source, line, `not JSON (${(error as Error).message})`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join(".") || "(line)";
      throw invalid(source, line, `${field}: ${issue?.message ?? "invalid"}`);
    }
    if (seen.has(parsed.data.id)) throw invalid(source, line, `id: "${parsed.data.id}" appears twice`);
    seen.add(parsed.data.id);
    records.push(parsed.data);
  }
  return records;
}

/** A fixture file's text; a missing one is bad input, named. */
export async function readFixture(path: string | URL): Promise<{ text: string; name: string }> {
  const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new AppError("input_invalid", `cannot read ${path}: ${error.message}`);
  });
  return { text, name: String(path).split("/").pop() ?? String(path) };
}

/** JSONL text → examples; the first bad line fails with its number and the field at fault. */
export function parseExamples(text: string, source = "examples"): Example[] {
  return parseJsonLines(text, exampleSchema, source).map(({ id, text: message, isRequest, expected }) =>
    isRequest && expected
      ? { id, text: message, isRequest, expected }
      : { id, text: message, isRequest: false, expected: null },
  );
}

export async function loadExamples(path: string | URL = DEFAULT_EXAMPLES_PATH): Promise<Example[]> {
  const { text, name } = await readFixture(path);
  return parseExamples(text, name);
}
