import { stringify } from "csv-stringify/sync";
import type { z } from "zod";
import { AppError } from "../core/errors";
import { forEachRecord } from "./csv-records";

/** One problem in a CSV file, pinned to where a person would look for it. */
export interface CsvProblem {
  line: number;
  column?: string;
  message: string;
}

export interface CsvRow {
  /** 1-based line in the file where the record starts (header is line 1). */
  line: number;
  values: Record<string, string>;
}

export const formatProblem = (problem: CsvProblem): string =>
  `line ${problem.line}${problem.column ? `, column ${problem.column}` : ""}: ${problem.message}`;

export function csvInvalid(fileLabel: string, problems: CsvProblem[]): AppError {
  const sorted = [...problems].sort((a, b) => a.line - b.line);
  const details = sorted.map(formatProblem);
  return new AppError(
    "csv_invalid",
    `${fileLabel} was rejected, nothing was written (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n  ${details.join("\n  ")}`,
    details,
  );
}

/**
 * A cell a spreadsheet would run as a formula starts with one of these (OWASP, "CSV injection"):
 * written with an apostrophe before it, and read back without, so export → import is exact.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

export const neutraliseCell = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);

export const restoreCell = (value: string): string =>
  value.startsWith("'") && FORMULA_START.test(value) ? value.slice(1) : value;

/** Writes rows as CSV with every cell neutralised; null and undefined are empty cells. */
export function writeCsv(rows: readonly (readonly unknown[])[]): string {
  return stringify(rows.map((row) => row.map((cell) => neutraliseCell(cell == null ? "" : String(cell)))));
}

/**
 * Reads CSV text (UTF-8, optional BOM, quoted fields with commas and newlines) against the known
 * columns, handing each row to `checkRow` as soon as it is read (so no row outlives its checks) and
 * collecting the problems it returns. Problems are collected, not thrown one at a time, so a person
 * can fix a file in one pass; a file that is not CSV at all gets that one problem alone.
 */
export function readCsv(
  text: string,
  options: { known: readonly string[]; required: readonly string[] },
  checkRow: (row: CsvRow) => readonly CsvProblem[],
): { header: string[]; problems: CsvProblem[] } {
  let header: string[] | undefined;
  let headerBroken = false;
  const problems: CsvProblem[] = [];
  const syntaxProblem = forEachRecord(text, ({ line, fields }) => {
    if (!header) {
      header = fields.map((name) => name.trim().toLowerCase());
      problems.push(...headerProblems(header, options));
      headerBroken = problems.length > 0;
      return;
    }
    // Rows cannot be read against a broken header; its problems are the ones worth fixing first.
    if (headerBroken) return;
    if (fields.length !== header.length) {
      problems.push({ line, message: `has ${fields.length} fields, the header has ${header.length}` });
      return;
    }
    const values: Record<string, string> = {};
    header.forEach((name, index) => {
      const value = restoreCell(fields[index] ?? "").trim();
      values[name] = value;
      // The database cannot hold a NUL: say where it is rather than fail the whole import later.
      if (value.includes("\u0000"))
        problems.push({
          line,
          column: name,
          message: "contains a NUL character (U+0000), which cannot be stored",
        });
    });
    problems.push(...checkRow({ line, values }));
  });
  if (syntaxProblem) return { header: header ?? [], problems: [syntaxProblem] };
  if (!header) return { header: [], problems: [{ line: 1, message: "the file is empty" }] };
  return { header, problems };
}

function headerProblems(
  header: readonly string[],
  options: { known: readonly string[]; required: readonly string[] },
): CsvProblem[] {
  const problems: CsvProblem[] = [];
  for (const name of header) {
    if (!options.known.includes(name)) {
      problems.push({
        line: 1,
        column: name || "(blank)",
        message: `unknown column; expected ${options.known.join(",")}`,
      });
    }
  }
  for (const name of options.required) {
    if (!header.includes(name))
      problems.push({ line: 1, column: name, message: "required column is missing" });
  }
  const duplicate = header.find((name, index) => header.indexOf(name) !== index);
  if (duplicate) problems.push({ line: 1, column: duplicate, message: "column appears twice" });
  return problems;
}

type FieldResult = { value: unknown } | { messages: string[] };

/**
 * Distinct cells remembered per column: more than a roster's regions, zones, sizes, titles and
 * lists, while a column whose cells never repeat (names, emails) stops growing its memory here.
 */
const REMEMBERED_PER_COLUMN = 1000;

/**
 * Validates rows with a zod object schema, mapping each issue to its line and column. Each column is
 * checked by its own field schema, and a cell seen before in that column gets the result it got
 * then: a roster repeats the same regions, zones and lists row after row, and checking every cell
 * anew was most of what validating 100k champions cost. The result is the whole schema's, since
 * each field reads its own cell only; lists are copied out, so no two rows share one.
 */
export function rowValidator<Schema extends z.ZodObject>(
  schema: Schema,
): (row: CsvRow) => { value?: z.output<Schema>; problems: CsvProblem[] } {
  const columns = Object.entries(schema.shape as Record<string, z.ZodType>).map(([column, field]) => ({
    column,
    field,
    seen: new Map<string | undefined, FieldResult>(),
  }));
  return (row) => {
    const value: Record<string, unknown> = {};
    const problems: CsvProblem[] = [];
    for (const { column, field, seen } of columns) {
      const cell = row.values[column];
      let result = seen.get(cell);
      if (!result) {
        const parsed = field.safeParse(cell);
        result = parsed.success
          ? { value: parsed.data }
          : { messages: parsed.error.issues.map((issue) => issue.message) };
        if (seen.size < REMEMBERED_PER_COLUMN) seen.set(cell, result);
      }
      if ("messages" in result) {
        for (const message of result.messages) problems.push({ line: row.line, column, message });
      } else value[column] = Array.isArray(result.value) ? [...result.value] : result.value;
    }
    return problems.length > 0 ? { problems } : { value: value as z.output<Schema>, problems };
  };
}

/** `a; b;;c` → ["a", "b", "c"] — the roster files separate lists with semicolons. */
export const splitList = (value: string): string[] =>
  value
    .split(";")
    .map((item) => item.trim())
    .filter((item) => item !== "");
