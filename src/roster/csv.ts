import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import type { z } from "zod";
import { AppError } from "../core/errors";

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

export interface CsvTable {
  header: string[];
  rows: CsvRow[];
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
 * Parses CSV text (UTF-8, optional BOM, quoted fields with commas and newlines) against the known
 * columns. Structural problems are collected, not thrown one at a time, so a person can fix a file
 * in one pass.
 */
export function readCsv(
  text: string,
  options: { known: readonly string[]; required: readonly string[] },
): { table: CsvTable; problems: CsvProblem[] } {
  let records: { record: string[]; raw: string }[];
  try {
    // With `info` and `raw`, csv-parse yields objects; its typings only describe plain records.
    records = parse(text, {
      bom: true,
      info: true,
      raw: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (error) {
    const { lines, message } = error as { lines?: number; message: string };
    return { table: { header: [], rows: [] }, problems: [{ line: lines ?? 1, message }] };
  }
  const [headerRecord, ...dataRecords] = records;
  if (!headerRecord)
    return { table: { header: [], rows: [] }, problems: [{ line: 1, message: "the file is empty" }] };

  const problems: CsvProblem[] = [];
  const header = headerRecord.record.map((name) => name.trim().toLowerCase());
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
  // Rows cannot be read against a broken header; its problems are the ones worth fixing first.
  if (problems.length > 0) return { table: { header, rows: [] }, problems };

  const rows: CsvRow[] = [];
  const lines = startLines(records);
  for (const [index, { record }] of dataRecords.entries()) {
    const line = lines[index + 1] ?? 0;
    if (record.length !== header.length) {
      problems.push({ line, message: `has ${record.length} fields, the header has ${header.length}` });
      continue;
    }
    const values: Record<string, string> = {};
    header.forEach((name, index) => {
      values[name] = restoreCell(record[index] ?? "").trim();
      // The database cannot hold a NUL: say where it is rather than fail the whole import later.
      if (values[name]?.includes("\u0000"))
        problems.push({
          line,
          column: name,
          message: "contains a NUL character (U+0000), which cannot be stored",
        });
    });
    rows.push({ line, values });
  }
  return { table: { header, rows }, problems };
}

/**
 * The line each record starts on, counted from the records' own text: csv-parse's line count takes
 * a CRLF inside a quoted field for two lines, so every line after one was off in Windows files.
 * Empty lines it skipped lead the next record's text. In a CRLF file its raw text keeps only the
 * CR of each record's own line break, so a line break is CRLF, CR or LF, each counted once.
 */
function startLines(records: readonly { raw: string }[]): number[] {
  let line = 1;
  return records.map(({ raw }) => {
    const skipped = /^(?:\r\n|\r|\n)*/.exec(raw)?.[0] ?? "";
    const start = line + lineBreaksIn(skipped);
    line += lineBreaksIn(raw);
    return start;
  });
}

const lineBreaksIn = (text: string): number => text.match(/\r\n|\r|\n/g)?.length ?? 0;

/** Validates one row with a zod schema, mapping each issue to its line and column. */
export function validateRow<T>(row: CsvRow, schema: z.ZodType<T>): { value?: T; problems: CsvProblem[] } {
  const result = schema.safeParse(row.values);
  if (result.success) return { value: result.data, problems: [] };
  return {
    problems: result.error.issues.map((issue) => {
      const column = issue.path[0];
      return {
        line: row.line,
        ...(typeof column === "string" ? { column } : {}),
        message: issue.message,
      };
    }),
  };
}

/** `a; b;;c` → ["a", "b", "c"] — the roster files separate lists with semicolons. */
export const splitList = (value: string): string[] =>
  value
    .split(";")
    .map((item) => item.trim())
    .filter((item) => item !== "");
