import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { activities, champions, referenceRequests } from "../../src/db/schema";
import { CHAMPION_COLUMNS } from "../../src/roster/champions-csv";
import { cliOn, useTempDir } from "../support/cli";
import { testEngine, useTestDatabase } from "../support/database";

const database = useTestDatabase();
const tmp = useTempDir("refdesk-export-");

const refdesk = cliOn(database);

const ROSTER = `name,email,company,industry,region,motivations,activities,max_asks_per_quarter
Dana Whitfield,dana@northwind.example,"Northwind Pay, Inc.",Fintech,EMEA,spotlight,panel;reference_call,3
Omar Haddad,omar@cedar.example,Cedar Bank,Banking,EMEA,duty,,
`;
const HISTORY = `champion_email,activity_type,date,outcome
dana@northwind.example,panel,2026-10-01,completed
dana@northwind.example,reference_call,2026-11-02,declined
`;

/** Roster and history through the CLI, plus one activity of a request with its outcome and deal. */
async function loadProgram(): Promise<number> {
  const roster = join(tmp.path, "champions.csv");
  const history = join(tmp.path, "activities.csv");
  await writeFile(roster, ROSTER, "utf8");
  await writeFile(history, HISTORY, "utf8");
  expect((await refdesk("roster", "import", roster)).code).toBe(0);
  expect((await refdesk("roster", "import-history", history)).code).toBe(0);
  const [omar] = await database.db.select().from(champions).where(eq(champions.email, "omar@cedar.example"));
  const [request] = await database.db
    .insert(referenceRequests)
    .values({ source: "slash_command", requestedBy: "U0REP" })
    .returning({ id: referenceRequests.id });
  if (!omar || !request) throw new Error("setup failed");
  await database.db.insert(activities).values({
    championId: omar.id,
    activityType: "reference_call",
    activityDate: "2026-11-20",
    outcome: "completed",
    requestId: request.id,
    held: true,
    championRating: 4,
    dealResult: "won",
    dealValue: "125000.50",
  });
  return request.id;
}

const rows = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];

describe(`CSV exports on ${testEngine}`, () => {
  it("exports the activity log, oldest first, with each activity's outcome and deal", async () => {
    const requestId = await loadProgram();
    const exported = await refdesk("export", "activities");
    expect(exported.code).toBe(0);
    expect(exported.stdout.split("\n")[0]).toBe(
      "champion_email,activity_type,date,outcome,request_id,held,rating,deal_result,deal_value",
    );
    expect(rows(exported.stdout)).toEqual([
      {
        champion_email: "dana@northwind.example",
        activity_type: "panel",
        date: "2026-10-01",
        outcome: "completed",
        request_id: "",
        held: "",
        rating: "",
        deal_result: "",
        deal_value: "",
      },
      {
        champion_email: "dana@northwind.example",
        activity_type: "reference_call",
        date: "2026-11-02",
        outcome: "declined",
        request_id: "",
        held: "",
        rating: "",
        deal_result: "",
        deal_value: "",
      },
      {
        champion_email: "omar@cedar.example",
        activity_type: "reference_call",
        date: "2026-11-20",
        outcome: "completed",
        request_id: String(requestId),
        held: "true",
        rating: "4",
        deal_result: "won",
        deal_value: "125000.50",
      },
    ]);

    const out = join(tmp.path, "log.csv");
    const toFile = await refdesk("export", "activities", "--out", out);
    expect(toFile).toMatchObject({ code: 0, stdout: "", stderr: `Wrote ${out}.\n` });
    expect(await readFile(out, "utf8")).toBe(exported.stdout);
  });

  it("exports an empty log as its header", async () => {
    const exported = await refdesk("export", "activities");
    expect(exported).toMatchObject({
      code: 0,
      stdout: "champion_email,activity_type,date,outcome,request_id,held,rating,deal_result,deal_value\n",
    });
  });

  it("adds load and capacity to the roster export, as matching sees them", async () => {
    await loadProgram();
    const plain = await refdesk("roster", "export");
    const withLoad = await refdesk("roster", "export", "--with-load");
    expect(withLoad.code).toBe(0);
    expect(withLoad.stdout.split("\n")[0]).toBe([...CHAMPION_COLUMNS, "load", "capacity"].join(","));
    const exported = rows(withLoad.stdout);
    // The champions.csv columns are the plain export's, unchanged.
    expect(exported.map(({ load, capacity, ...champion }) => champion)).toEqual(rows(plain.stdout));

    const matched = JSON.parse(
      (await refdesk("match", "EMEA reference call", "--json", "--limit", "5")).stdout,
    ) as {
      candidates: { email: string; load: number; capacity: number }[];
    };
    for (const candidate of matched.candidates) {
      const row = exported.find((champion) => champion.email === candidate.email);
      expect(row?.load).toBe(candidate.load.toFixed(2));
      expect(row?.capacity).toBe(String(candidate.capacity));
    }
    expect(matched.candidates.map((candidate) => candidate.email).sort()).toEqual([
      "dana@northwind.example",
      "omar@cedar.example",
    ]);
    const dana = exported.find((champion) => champion.email === "dana@northwind.example");
    expect(Number(dana?.load)).toBeGreaterThan(0);
    expect(dana?.capacity).toBe("3");
  });
});
