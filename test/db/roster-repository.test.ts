import { count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { isAppError } from "../../src/core/errors";
import {
  importChampions,
  importHistory,
  listChampions,
  ROWS_PER_STATEMENT,
} from "../../src/db/roster-repository";
import { activities, auditLog, champions, revisions } from "../../src/db/schema";
import { championsToCsv, parseChampionsCsv } from "../../src/roster/champions-csv";
import { parseHistoryCsv } from "../../src/roster/history-csv";
import { testEngine, useTestDatabase } from "../support/database";

const database = useTestDatabase();

const CSV = `name,email,slack_user_id,company,title,industry,company_size,region,timezone,products,motivations,activities,max_asks_per_quarter,status,rest_until,notes
Dana Whitfield,dana@northwind.example,U01DANA,Northwind Pay,CFO,Fintech,enterprise,EMEA,Europe/London,Payments API;Billing,spotlight;voice,panel;webinar,3,active,,"Prefers panels, not calls"
Omar Haddad,omar@cedar.example,U01OMAR,Cedar Health,CIO,Healthcare,mid,NA,America/Chicago,Analytics,duty,,,paused,2027-01-15,
`;

const importCsv = async (text: string) => importChampions(database.db, parseChampionsCsv(text), "test");

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, index) => from + index);

const slackIdOf = (i: number) => `U${String(i).padStart(7, "0")}`;

/** champions.csv with champion `i` of each of `ids`: c<i>@x.example, Slack ID `slackIdOf(i)`. */
const rosterOf = (ids: readonly number[], title = (_: number) => "CFO") =>
  [
    "name,email,slack_user_id,company,title,motivations",
    ...ids.map(
      (i) => `Champion ${i},c${i}@x.example,${slackIdOf(i)},Company ${i % 7},${title(i)},spotlight;voice`,
    ),
  ].join("\n");
const championCount = async () => (await database.db.select({ n: count() }).from(champions))[0]?.n;

describe(`roster import on ${testEngine}`, () => {
  it("creates champions, then reports an identical re-import as unchanged", async () => {
    expect(await importCsv(CSV)).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(await importCsv(CSV)).toEqual({ created: 0, updated: 0, unchanged: 2 });
    const [dana] = await database.db
      .select()
      .from(champions)
      .where(eq(champions.email, "dana@northwind.example"));
    expect(dana).toMatchObject({
      name: "Dana Whitfield",
      motivations: ["spotlight", "voice"],
      activities: ["panel", "webinar"],
      products: ["Payments API", "Billing"],
      maxAsksPerQuarter: 3,
      notes: "Prefers panels, not calls",
    });
  });

  it("upserts by email: changed rows are updated, new ones added", async () => {
    await importCsv(CSV);
    const edited = CSV.replace("Cedar Health,CIO", "Cedar Health,Chief Information Officer").concat(
      "Mei Chen,mei@orbit.example,,Orbit Labs,CTO,Software,smb,APAC,Asia/Singapore,,mastery,,,,,\n",
    );
    expect(await importCsv(edited)).toEqual({ created: 1, updated: 1, unchanged: 1 });
  });

  it("only overwrites the columns the file carries", async () => {
    await importCsv(CSV);
    await importCsv(
      "email,name,company,notes\ndana@northwind.example,Dana W.,Northwind Pay,Moved to London\n",
    );
    const [dana] = await database.db
      .select()
      .from(champions)
      .where(eq(champions.email, "dana@northwind.example"));
    expect(dana).toMatchObject({
      name: "Dana W.",
      notes: "Moved to London",
      motivations: ["spotlight", "voice"],
    });
  });

  it("writes nothing when a Slack ID already belongs to someone else", async () => {
    await importCsv(CSV);
    const stolen = "name,email,slack_user_id,company\nNew Person,new@x.example,U01DANA,X\n";
    const error = await importCsv(stolen).catch((e: unknown) => e);
    expect(isAppError(error, "csv_invalid")).toBe(true);
    expect((error as { details: string[] }).details).toEqual([
      "line 2, column slack_user_id: U01DANA already belongs to dana@northwind.example",
    ]);
    expect(await championCount()).toBe(2);
  });

  it("lets two champions swap Slack IDs in one file", async () => {
    await importCsv(CSV);
    const swap =
      "email,name,company,slack_user_id\ndana@northwind.example,Dana,N,U01OMAR\nomar@cedar.example,Omar,C,U01DANA\n";
    expect(await importCsv(swap)).toEqual({ created: 0, updated: 2, unchanged: 0 });
    const rows = await listChampions(database.db);
    expect(rows.map((r) => [r.email, r.slackUserId])).toEqual([
      ["dana@northwind.example", "U01OMAR"],
      ["omar@cedar.example", "U01DANA"],
    ]);
  });

  it("rolls back every row when the database refuses one", async () => {
    await importCsv(CSV);
    // A database-side failure part-way through the file (stands in for a lost connection or a
    // constraint no parser can check).
    await database.db.execute(sql`
      create function refuse_explode() returns trigger language plpgsql as $$
      begin if new.name = 'Explode' then raise exception 'refused'; end if; return new; end $$`);
    await database.db.execute(
      sql`create trigger refuse_explode before insert on champions for each row execute function refuse_explode()`,
    );
    try {
      const text = "name,email,company\nFirst,first@x.example,X\nExplode,boom@x.example,Y\n";
      await expect(importCsv(text)).rejects.toThrow();
      expect(await championCount()).toBe(2);
    } finally {
      await database.db.execute(sql`drop trigger refuse_explode on champions`);
      await database.db.execute(sql`drop function refuse_explode()`);
    }
  });

  it("records each created and updated champion in the audit log", async () => {
    await importCsv(CSV);
    const rows = await database.db.select().from(auditLog);
    expect(rows.map((r) => r.action).sort()).toEqual(["champion.created", "champion.created"]);
    expect(JSON.stringify(rows)).not.toContain("@");
  });

  it("writes files longer than one statement: inserts and updates mixed in each, counted, audited, progress told", async () => {
    const existing = 2 * ROWS_PER_STATEMENT + 7;
    await importCsv(rosterOf(range(0, existing)));
    // Old and new champions alternate, so every statement has both; every third old one changed.
    const alternating = range(0, existing).flatMap((i) => [i, existing + i]);
    const progress: number[] = [];
    const summary = await importChampions(
      database.db,
      parseChampionsCsv(rosterOf(alternating, (i) => (i < existing && i % 3 === 0 ? "COO" : "CFO"))),
      "test",
      "roster import",
      (written, total) => {
        expect(total).toBe(alternating.length);
        progress.push(written);
      },
    );
    const changed = Math.ceil(existing / 3);
    expect(summary).toEqual({ created: existing, updated: changed, unchanged: existing - changed });
    expect(progress).toEqual([
      ...range(1, Math.ceil(alternating.length / ROWS_PER_STATEMENT)).map((n) => n * ROWS_PER_STATEMENT),
      alternating.length,
    ]);
    const titles = await database.db
      .select({ email: champions.email, title: champions.title })
      .from(champions)
      .where(sql`${champions.email} in ('c3@x.example', 'c4@x.example', ${`c${existing + 3}@x.example`})`);
    expect(Object.fromEntries(titles.map((row) => [row.email, row.title]))).toEqual({
      "c3@x.example": "COO",
      "c4@x.example": "CFO",
      [`c${existing + 3}@x.example`]: "CFO",
    });
    const audited = await database.db
      .select({ action: auditLog.action, n: count() })
      .from(auditLog)
      .groupBy(auditLog.action)
      .orderBy(auditLog.action);
    expect(audited).toEqual([
      { action: "champion.created", n: 2 * existing },
      { action: "champion.updated", n: changed },
    ]);
  });

  it("names the line and column of a bad row deep in a long file, and writes nothing", async () => {
    await importCsv(CSV);
    const rows = range(0, 2 * ROWS_PER_STATEMENT + 10);
    const refused = async (text: string) => {
      const error = await importCsv(text).catch((caught: unknown) => caught);
      expect(isAppError(error, "csv_invalid")).toBe(true);
      return (error as { details: string[] }).details;
    };
    // Champion i is on line i + 2.
    const late = ROWS_PER_STATEMENT + 1;
    const badEmail = rosterOf(rows).replace(`c${late}@x.example`, `c${late}-at-x.example`);
    expect(await refused(badEmail)).toEqual([`line ${late + 2}, column email: is not a valid email address`]);
    const later = 2 * ROWS_PER_STATEMENT + 3;
    const takenSlackId = rosterOf(rows).replace(slackIdOf(later), "U01DANA");
    expect(await refused(takenSlackId)).toEqual([
      `line ${later + 2}, column slack_user_id: U01DANA already belongs to dana@northwind.example`,
    ]);
    expect(await championCount()).toBe(2);
  });

  it("stores every character a cell may hold exactly, and finds it unchanged on the next import", async () => {
    // Quotes, backslashes, commas, braces and "NULL": what an array literal must escape.
    const awkward = [
      "name,email,company,title,products,notes",
      `"Zoë ""Z"" O'Brien",z@x.example,"Back\\slash, Inc.",{NULL},"{a,b}; ""c"" \\d;NULL","one\ntwo, ""quoted"""`,
      "NULL,null@x.example,NULL,null,Payments API,\\N",
    ].join("\n");
    const parsed = parseChampionsCsv(awkward).entries.map((entry) => entry.champion);
    expect(await importCsv(awkward)).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(await listChampions(database.db)).toEqual(parsed.sort((a, b) => a.email.localeCompare(b.email)));
    expect(await importCsv(awkward)).toEqual({ created: 0, updated: 0, unchanged: 2 });
  });

  it("exports what it imported, so export → import changes nothing", async () => {
    await importCsv(CSV);
    const exported = championsToCsv(await listChampions(database.db));
    expect(await importCsv(exported)).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(championsToCsv(await listChampions(database.db))).toBe(exported);
  });
});

describe(`history import on ${testEngine}`, () => {
  const HISTORY = `champion_email,activity_type,date,outcome
dana@northwind.example,panel,2026-10-01,completed
dana@northwind.example,reference_call,2026-10-05,declined
dana@northwind.example,reference_call,2026-10-05,declined
omar@cedar.example,review,2026-09-01,completed
`;
  const parse = (text: string) =>
    parseHistoryCsv(text, {
      knownEmails: new Set(["dana@northwind.example", "omar@cedar.example"]),
      today: "2026-11-23",
    });

  it("adds history longer than one statement, and nothing when it is imported again", async () => {
    await importCsv(CSV);
    const days = range(0, 2 * ROWS_PER_STATEMENT + 3).map((i) => {
      const date = new Date(Date.UTC(2026, 0, 1) - (i % 3000) * 86_400_000).toISOString().slice(0, 10);
      return `${i % 2 ? "dana@northwind.example" : "omar@cedar.example"},panel,${date},completed`;
    });
    const rows = parse([HISTORY.split("\n")[0], ...days].join("\n"));
    expect(await importHistory(database.db, rows, "test")).toEqual({ added: rows.length, alreadyPresent: 0 });
    expect(await importHistory(database.db, rows, "test")).toEqual({ added: 0, alreadyPresent: rows.length });
  });

  it("adds every row, counts identical rows twice, and adds nothing when re-imported", async () => {
    await importCsv(CSV);
    expect(await importHistory(database.db, parse(HISTORY), "test")).toEqual({ added: 4, alreadyPresent: 0 });
    expect(await importHistory(database.db, parse(HISTORY), "test")).toEqual({ added: 0, alreadyPresent: 4 });
    const rows = await database.db
      .select({ n: count() })
      .from(activities)
      .where(eq(activities.outcome, "declined"));
    expect(rows[0]?.n).toBe(2);
  });
});

describe(`schema on ${testEngine}`, () => {
  it("keeps the audit log append-only", async () => {
    await importCsv(CSV);
    await expect(database.db.update(auditLog).set({ actor: "tamperer" })).rejects.toThrow();
    await expect(database.db.delete(auditLog)).rejects.toThrow();
    expect((await database.db.select({ n: count() }).from(auditLog))[0]?.n).toBe(2);
  });

  it("bumps the roster revision on every write matching reads", async () => {
    const revision = async () =>
      (await database.db.select().from(revisions).where(eq(revisions.name, "roster")))[0]?.revision ??
      Number.NaN;
    const before = await revision();
    await importCsv(CSV);
    const afterImport = await revision();
    expect(afterImport).toBeGreaterThan(before);
    await database.db
      .update(champions)
      .set({ status: "paused" })
      .where(eq(champions.email, "omar@cedar.example"));
    expect(await revision()).toBeGreaterThan(afterImport);
  });

  it("enforces lower-case emails and positive caps in the database itself", async () => {
    await expect(
      database.db.insert(champions).values({ email: "Upper@X.example", name: "U", company: "X" }),
    ).rejects.toThrow();
    await expect(
      database.db
        .insert(champions)
        .values({ email: "u@x.example", name: "U", company: "X", maxAsksPerQuarter: 0 }),
    ).rejects.toThrow();
  });
});
