import { describe, expect, it } from "vitest";
import { isAppError } from "../../src/core/errors";
import { historyToCsv, parseHistoryCsv } from "../../src/roster/history-csv";

const context = { knownEmails: new Set(["dana@x.example", "omar@x.example"]), today: "2026-11-23" };

describe("activities.csv parsing", () => {
  it("reads rows, normalising case", () => {
    const rows = parseHistoryCsv(
      "champion_email,activity_type,date,outcome\nDana@X.example,Reference_Call,2026-10-01,COMPLETED\n",
      context,
    );
    expect(rows).toEqual([
      {
        line: 2,
        championEmail: "dana@x.example",
        activityType: "reference_call",
        date: "2026-10-01",
        outcome: "completed",
      },
    ]);
  });

  it("lists every bad row by line and column, including unknown champions and future dates", () => {
    const text = [
      "champion_email,activity_type,date,outcome",
      "dana@x.example,keynote,2026-10-01,completed",
      "nobody@x.example,panel,2026-10-01,completed",
      "omar@x.example,panel,01/10/2026,maybe",
      "omar@x.example,panel,2026-12-01,completed",
    ].join("\n");
    try {
      parseHistoryCsv(text, context);
      expect.unreachable();
    } catch (error) {
      if (!isAppError(error, "csv_invalid")) throw error;
      expect(error.details).toEqual([
        expect.stringMatching(/^line 2, column activity_type: must be one of reference_call, /),
        'line 3, column champion_email: no champion with email "nobody@x.example"; import champions.csv first',
        "line 4, column date: must be an ISO date such as 2026-03-31",
        "line 4, column outcome: must be one of completed, declined, no_show, cancelled",
        "line 5, column date: 2026-12-01 is in the future; history records what happened",
      ]);
      expect(error.message).toMatch(/^activities\.csv was rejected, nothing was written \(5 problems\)/);
    }
  });

  it("round-trips through historyToCsv", () => {
    const rows = [
      {
        championEmail: "dana@x.example",
        activityType: "panel" as const,
        date: "2026-09-09",
        outcome: "declined" as const,
      },
    ];
    expect(parseHistoryCsv(historyToCsv(rows), context)).toEqual([{ line: 2, ...rows[0] }]);
  });
});
