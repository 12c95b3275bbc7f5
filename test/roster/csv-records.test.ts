import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CsvProblem } from "../../src/roster/csv";
import { type CsvRecord, forEachRecord } from "../../src/roster/csv-records";

function read(text: string): { records: CsvRecord[]; problem?: CsvProblem } {
  const records: CsvRecord[] = [];
  const problem = forEachRecord(text, (record) => records.push(record));
  return problem ? { records, problem } : { records };
}

const fieldsOf = (text: string) => read(text).records.map((record) => record.fields);
const linesOf = (text: string) => read(text).records.map((record) => record.line);

describe("reading CSV records", () => {
  it("undoes quoting: commas, line breaks and doubled quotes inside a quoted field", () => {
    expect(fieldsOf('a,"b, c","say ""hi""","two\r\nlines",""\n')).toEqual([
      ["a", "b, c", 'say "hi"', "two\r\nlines", ""],
    ]);
  });

  it("drops a BOM, skips empty lines and reads a last record with no line break", () => {
    expect(fieldsOf("\uFEFFa,b\n\n\r\nc,d")).toEqual([["a", "b"], ["\r"], ["c", "d"]]);
    expect(fieldsOf("\uFEFFa,b\r\n\r\n\r\nc,d\r\n")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect(fieldsOf("")).toEqual([]);
    expect(fieldsOf("\n\n")).toEqual([]);
  });

  it("ends records at the first line break the file uses, as csv-parse did", () => {
    // A CRLF file: a lone LF or CR outside quotes is part of its field.
    expect(fieldsOf("a,b\r\nc\nd,e\rf\r\n")).toEqual([
      ["a", "b"],
      ["c\nd", "e\rf"],
    ]);
    // A file of CRs (old Mac).
    expect(fieldsOf("a,b\rc,d\r")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });

  it("gives each record the line an editor shows it on, counting CRLF, CR and LF once each", () => {
    expect(linesOf('h\n"one\ntwo"\n\nx\n')).toEqual([1, 2, 5]);
    expect(linesOf('h\r\n"one\r\ntwo"\r\n\r\nx\r\n')).toEqual([1, 2, 5]);
    expect(linesOf("h\r\nin\rfield\r\nx\r\n")).toEqual([1, 2, 4]);
  });

  it("stops at a quote it cannot read, naming the line the record starts on", () => {
    expect(read('h\nok\n"never closed\nmore\n').problem).toEqual({
      line: 3,
      message: expect.stringMatching(/^Quote Not Closed/),
    });
    expect(read('h\n\n"ab"c\nnext\n').problem).toEqual({
      line: 3,
      message: expect.stringMatching(/^Invalid Closing Quote/),
    });
  });

  it("keeps a quote inside an unquoted field as written", () => {
    expect(fieldsOf('h\nab"c,d\n')).toEqual([["h"], ['ab"c', "d"]]);
  });

  // Papa Parse is more lenient than csv-parse, which the importers used before: a quote inside an
  // unquoted field is kept as written where csv-parse refused the file. Everything csv-parse read,
  // this reads the same.
  it("reads every text csv-parse read with the importers' options as csv-parse did", () => {
    const text = fc
      .tuple(
        fc.boolean(),
        fc.array(fc.constantFrom("a", "b", " ", ",", '"', "\r", "\n", "é"), { maxLength: 40 }),
      )
      .map(([bom, characters]) => `${bom ? "\uFEFF" : ""}${characters.join("")}`);
    fc.assert(
      fc.property(text, (csv) => {
        let expected: string[][];
        try {
          expected = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true });
        } catch {
          return;
        }
        const { records, problem } = read(csv);
        expect(problem).toBeUndefined();
        expect(records.map((record) => record.fields)).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });
});
