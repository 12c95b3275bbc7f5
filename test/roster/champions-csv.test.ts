import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isAppError } from "../../src/core/errors";
import {
  CHAMPION_COLUMNS,
  championsToCsv,
  parseChampionsCsv,
  validateChampion,
} from "../../src/roster/champions-csv";

const HEADER = CHAMPION_COLUMNS.join(",");

const row = (overrides: Partial<Record<(typeof CHAMPION_COLUMNS)[number], string>> = {}) => {
  const values: Record<string, string> = {
    name: "Dana Whitfield",
    email: "dana@northwind.example",
    slack_user_id: "U01DANA",
    company: "Northwind Pay",
    title: "CFO",
    industry: "Fintech",
    company_size: "enterprise",
    region: "EMEA",
    timezone: "Europe/London",
    products: "Payments API;Billing",
    motivations: "spotlight;voice",
    activities: "panel;webinar;reference_call",
    max_asks_per_quarter: "3",
    status: "active",
    rest_until: "",
    notes: "",
    email_ok: "",
    shared_channel_id: "",
    slack_team_id: "",
    ...overrides,
  };
  return CHAMPION_COLUMNS.map((column) => values[column]).join(",");
};

/** The problems a rejected file reports, as "line N, column X: message" strings. */
function problemsOf(text: string): string[] {
  try {
    parseChampionsCsv(text);
  } catch (error) {
    if (isAppError(error, "csv_invalid")) return [...error.details];
    throw error;
  }
  throw new Error("expected the file to be rejected");
}

describe("champions.csv parsing", () => {
  it("reads a well-formed row into a champion", () => {
    const { entries, columns } = parseChampionsCsv(`${HEADER}\n${row()}\n`);
    expect(columns).toEqual([...CHAMPION_COLUMNS]);
    expect(entries).toEqual([
      {
        line: 2,
        champion: {
          name: "Dana Whitfield",
          email: "dana@northwind.example",
          slackUserId: "U01DANA",
          company: "Northwind Pay",
          title: "CFO",
          industry: "Fintech",
          companySize: "enterprise",
          region: "EMEA",
          timezone: "Europe/London",
          products: ["Payments API", "Billing"],
          motivations: ["spotlight", "voice"],
          activities: ["panel", "webinar", "reference_call"],
          maxAsksPerQuarter: 3,
          status: "active",
          restUntil: null,
          notes: "",
          emailOk: true,
          sharedChannelId: null,
          slackTeamId: null,
        },
      },
    ]);
  });

  it("refuses cells the database cannot hold or nobody could read: a NUL, a 5 MB name, 20 MB of notes", () => {
    expect(
      problemsOf(`${HEADER}\n${row({ name: "x".repeat(5_000_000), notes: "y".repeat(20_000_000) })}\n`),
    ).toEqual([
      "line 2, column name: is 5,000,000 characters; at most 200",
      "line 2, column notes: is 20,000,000 characters; at most 10,000",
    ]);
    expect(problemsOf(`${HEADER}\n${row({ title: "CF\u0000O" })}\n`)).toEqual([
      "line 2, column title: contains a NUL character (U+0000), which cannot be stored",
    ]);
  });

  it("reads each channel's column and names a bad value by line and column", () => {
    const [entry] = parseChampionsCsv(
      `${HEADER}\n${row({ shared_channel_id: "C0NORTH", slack_team_id: "T0COMMUNITY" })}\n`,
    ).entries;
    expect(entry?.champion).toMatchObject({ sharedChannelId: "C0NORTH", slackTeamId: "T0COMMUNITY" });
    expect(
      problemsOf(`${HEADER}\n${row({ shared_channel_id: "general", slack_team_id: "U0DANA" })}\n`),
    ).toEqual([
      "line 2, column shared_channel_id: must be a Slack channel ID such as C0123ABCD (or empty)",
      "line 2, column slack_team_id: must be a Slack workspace ID such as T0123ABCD (or empty for the company's)",
    ]);
  });

  it("reads whether email may be used, yes unless the file says no, and names a bad value", () => {
    const emailOk = (value: string) =>
      parseChampionsCsv(`${HEADER}\n${row({ email_ok: value })}\n`).entries[0]?.champion.emailOk;
    expect([emailOk(""), emailOk("yes"), emailOk("TRUE"), emailOk("no"), emailOk("0")]).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(problemsOf(`${HEADER}\n${row({ email_ok: "maybe" })}\n`)).toEqual([
      "line 2, column email_ok: must be yes or no (empty means yes)",
    ]);
  });

  it("handles a BOM, CRLF line endings, quoted commas and newlines inside quotes", () => {
    const text = `\uFEFF${HEADER}\r\n${row({ name: '"Whitfield, Dana"', notes: '"Prefers mornings.\r\nAsk about ""the panel"""' })}\r\n`;
    const [entry] = parseChampionsCsv(text).entries;
    expect(entry?.champion.name).toBe("Whitfield, Dana");
    expect(entry?.champion.notes).toBe('Prefers mornings.\r\nAsk about "the panel"');
  });

  it("normalises case and whitespace, drops duplicate list items and empty optional fields", () => {
    const text = `${HEADER}\n${row({
      email: "Dana@Northwind.Example",
      region: "emea",
      motivations: " Spotlight ; voice;spotlight;",
      activities: "",
      slack_user_id: "",
      max_asks_per_quarter: "",
      status: "",
    })}\n`;
    const [entry] = parseChampionsCsv(text).entries;
    expect(entry?.champion).toMatchObject({
      email: "dana@northwind.example",
      region: "EMEA",
      motivations: ["spotlight", "voice"],
      activities: [],
      slackUserId: null,
      maxAsksPerQuarter: null,
      status: "active",
    });
  });

  it("accepts a file with only the required columns", () => {
    const { entries, columns } = parseChampionsCsv("name,email,company\nAna,ana@x.example,X\n");
    expect(columns).toEqual(["name", "email", "company"]);
    expect(entries[0]?.champion).toMatchObject({
      name: "Ana",
      motivations: [],
      status: "active",
      region: null,
    });
  });

  it("lists every problem by line and column", () => {
    const text = [
      HEADER,
      row(),
      row({ email: "not-an-email", slack_user_id: "U002" }),
      row({ email: "b@x.example", slack_user_id: "U003", motivations: "spotlight;fame" }),
      row({ email: "c@x.example", slack_user_id: "U004", region: "MARS", company_size: "huge" }),
      row({
        email: "d@x.example",
        slack_user_id: "U005",
        timezone: "Mars/Olympus",
        rest_until: "2026-02-30",
      }),
      row({ email: "e@x.example", slack_user_id: "U006", max_asks_per_quarter: "0", status: "retired" }),
      row({ slack_user_id: "U007" }),
      row({ email: "f@x.example", slack_user_id: "U01DANA", activities: "keynote" }),
      row({ email: "g@x.example", slack_user_id: "U009", name: "", company: "" }),
    ].join("\n");
    expect(problemsOf(text)).toEqual([
      "line 3, column email: is not a valid email address",
      expect.stringMatching(/^line 4, column motivations: unknown motivation "fame"; expected spotlight, /),
      "line 5, column company_size: must be one of smb, mid, enterprise (or empty)",
      "line 5, column region: must be one of NA, EMEA, APAC, LATAM (or empty)",
      "line 6, column timezone: is not an IANA time zone such as Europe/Berlin",
      "line 6, column rest_until: must be an ISO date such as 2026-03-31",
      "line 7, column max_asks_per_quarter: must be a whole number from 1 to 999 (or empty for the program default)",
      "line 7, column status: must be one of active, paused, inactive",
      'line 8, column email: "dana@northwind.example" already appears on line 2',
      expect.stringMatching(/^line 9, column activities: unknown activity type "keynote"/),
      'line 9, column slack_user_id: "U01DANA" already appears on line 2',
      "line 10, column name: name is required",
      "line 10, column company: company is required",
    ]);
  });

  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
  ])("points at the right line after a record that spans several lines (%s)", (_, eol) => {
    const spanning = row({ notes: `"line one${eol}line two${eol}line three"` });
    const bad = row({ email: "bad", slack_user_id: "U002" });
    const text = [HEADER, spanning, "", bad, row({ email: "bad2", slack_user_id: "U003" })].join(eol) + eol;
    expect(problemsOf(text)).toEqual([
      "line 6, column email: is not a valid email address",
      "line 7, column email: is not a valid email address",
    ]);
  });

  it("reports rows with the wrong number of fields", () => {
    expect(problemsOf(`${HEADER}\n${row()},extra\n`)).toEqual(["line 2: has 20 fields, the header has 19"]);
  });

  it("rejects unknown, missing and repeated columns in the header", () => {
    expect(problemsOf("name,email,motivation\nA,a@x.example,duty\n")).toEqual([
      expect.stringMatching(/^line 1, column motivation: unknown column; expected name,email,/),
      "line 1, column company: required column is missing",
    ]);
    expect(problemsOf("name,email,company,email\nA,a@x.example,X,a@x.example\n")).toEqual([
      "line 1, column email: column appears twice",
    ]);
  });

  it("rejects an empty file and an unclosed quote", () => {
    expect(problemsOf("")).toEqual(["line 1: the file is empty"]);
    expect(problemsOf(`${HEADER}\n${row({ notes: '"never closed' })}\n`)[0]).toMatch(
      /^line \d+: Quote Not Closed/i,
    );
  });

  it("writes what it reads: export then parse gives the same champions", () => {
    const text = `${HEADER}\n${row({ name: '"Whitfield, Dana"', notes: '"multi\nline"' })}\n${row({ email: "z@x.example", slack_user_id: "" })}\n`;
    const first = parseChampionsCsv(text).entries.map((e) => e.champion);
    const second = parseChampionsCsv(championsToCsv(first)).entries.map((e) => e.champion);
    expect(second).toEqual(first);
  });

  it("writes no cell a spreadsheet would run as a formula, and reads each back exactly", () => {
    const [dana] = parseChampionsCsv(`${HEADER}\n${row({})}\n`).entries.map((e) => e.champion);
    const hostile = {
      ...(dana as NonNullable<typeof dana>),
      name: '=HYPERLINK("https://evil.example","Dana")',
      company: "@SUM(1+1)",
      title: "+CFO",
      notes: "-2+3; '=already quoted; 'plain apostrophe",
    };
    const written = championsToCsv([hostile]);
    const cells = written.split("\n")[1] ?? "";
    expect(cells).not.toMatch(/(^|,)"?[=+\-@]/);
    expect(cells).toContain(`"'=HYPERLINK(""https://evil.example"",""Dana"")"`);
    const [read] = parseChampionsCsv(written).entries.map((e) => e.champion);
    expect(read).toEqual(hostile);
    // A value that already started with an apostrophe and a formula sign survives both ways too.
    const quoted = { ...hostile, notes: "'=1+1" };
    expect(parseChampionsCsv(championsToCsv([quoted])).entries[0]?.champion.notes).toBe("'=1+1");
  });

  it("checks each row as the add/edit form does, however often the file repeats its values", () => {
    const cells = {
      name: fc.constantFrom("Dana", "", "x".repeat(201)),
      company: fc.constantFrom("Northwind", ""),
      region: fc.constantFrom("EMEA", "emea", "MARS", ""),
      timezone: fc.constantFrom("Europe/London", "Mars/Olympus", ""),
      motivations: fc.constantFrom("spotlight;voice", "voice;fame", " Duty ;duty", ""),
      max_asks_per_quarter: fc.constantFrom("3", "0", ""),
      email_ok: fc.constantFrom("yes", "NO", "maybe"),
    };
    const columns = ["email", ...Object.keys(cells)] as (keyof typeof cells | "email")[];
    fc.assert(
      fc.property(fc.array(fc.record(cells), { minLength: 1, maxLength: 40 }), (rows) => {
        const values = rows.map((row, index) => ({ email: `c${index}@x.example`, ...row }));
        const text = [columns, ...values.map((row) => columns.map((column) => row[column]))]
          .map((cellsOfRow) => cellsOfRow.join(","))
          .join("\n");
        const alone = values.map((row) => validateChampion(row));
        const problems = alone.flatMap((result, index) =>
          "problems" in result
            ? Object.entries(result.problems).map(
                ([column, message]) => `line ${index + 2}, column ${column}: ${message}`,
              )
            : [],
        );
        if (problems.length > 0) expect(problemsOf(text)).toEqual(problems);
        else
          expect(parseChampionsCsv(text).entries.map((entry) => entry.champion)).toEqual(
            alone.map((result) => ("champion" in result ? result.champion : undefined)),
          );
      }),
      { numRuns: 300 },
    );
  });

  it("gives each champion lists of its own, even where rows repeat them", () => {
    const { entries } = parseChampionsCsv(
      `${HEADER}\n${row()}\n${row({ email: "b@x.example", slack_user_id: "" })}\n`,
    );
    const [first, second] = entries.map((entry) => entry.champion);
    expect(first?.motivations).toEqual(second?.motivations);
    expect(first?.motivations).not.toBe(second?.motivations);
  });
});
