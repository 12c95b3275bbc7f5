import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { champions } from "../../src/db/schema";
import { cliOn, useTempDir } from "../support/cli";
import { testEngine, useTestDatabase } from "../support/database";

const database = useTestDatabase();
const tmp = useTempDir("refdesk-cli-");

const refdesk = cliOn(database);

async function file(name: string, text: string): Promise<string> {
  const path = join(tmp.path, name);
  await writeFile(path, text, "utf8");
  return path;
}

const CHAMPIONS = `name,email,slack_user_id,company,title,industry,company_size,region,timezone,products,motivations,activities,max_asks_per_quarter,status,rest_until,notes
Dana Whitfield,dana@northwind.example,U01DANA,Northwind Pay,Chief Financial Officer,Fintech,enterprise,EMEA,Europe/London,Payments API;Billing,spotlight;voice,panel;webinar;reference_call,3,active,,
Omar Haddad,omar@cedar.example,U01OMAR,Cedar Bank,VP Finance,Banking,enterprise,EMEA,Europe/Berlin,Payments API,duty,,,active,,
Mei Chen,mei@orbit.example,,Orbit Retail,CTO,Retail,mid,APAC,Asia/Singapore,Analytics,mastery,,,active,,
`;

describe(`CLI on ${testEngine}`, () => {
  it("documents every command in --help", async () => {
    const top = await refdesk("--help");
    expect(top.code).toBe(0);
    for (const command of ["roster", "parse", "match", "events", "demo"])
      expect(top.stdout).toContain(command);
    const roster = await refdesk("roster", "--help");
    for (const command of ["import", "import-history", "export"]) expect(roster.stdout).toContain(command);
    const match = (await refdesk("match", "--help")).stdout.replace(/\s+/g, " ");
    expect(match).toContain("--json");
    // The shape --help promises is the shape --json prints (checked against a real answer below).
    expect(match).toContain(
      "{request, candidates: [{email, name, activity, event, score, fit, yes, load, capacity, flags, reasons}], considered, excluded}",
    );
  });

  it("shows its progress through a large roster file, then the summary on a line of its own", async () => {
    const header = CHAMPIONS.split("\n")[0];
    const rows = Array.from(
      { length: 2500 },
      (_, i) => `Person ${i},p${i}@bulk.example,,Bulk ${i},,,,,,,,,,,,`,
    );
    const result = await refdesk("roster", "import", await file("bulk.csv", [header, ...rows].join("\n")));
    expect(result.code).toBe(0);
    expect(result.progress.map((line) => line.replace(/^Importing \S+: /, ""))).toEqual([
      "1,000 of 2,500 champions",
      "2,000 of 2,500 champions",
      "2,500 of 2,500 champions\n",
    ]);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/2500 added, 0 updated, 0 unchanged/);
  });

  it("colours a terminal: the error prefix red, candidates' names bold; plain text elsewhere", async () => {
    const terminal = cliOn(database, { color: true });
    expect((await terminal("roster", "import", join(tmp.path, "missing.csv"))).stderr).toMatch(
      /^\[red\]refdesk:\[\/\] cannot read /,
    );
    await refdesk("roster", "import", await file("champions.csv", CHAMPIONS));
    expect((await terminal("match", "EMEA fintech CFO for Acme")).stdout).toMatch(
      /^1\. \[bold\]Dana Whitfield\[\/\]/m,
    );
    expect((await refdesk("match", "EMEA fintech CFO for Acme")).stdout).toMatch(/^1\. Dana Whitfield </m);
  });

  it("prints its version", async () => {
    const version = await refdesk("--version");
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("says what to do on an empty roster, and when the words are not a request", async () => {
    const empty = await refdesk("match", "need an EMEA fintech CFO to talk to Acme");
    expect(empty.code).toBe(0);
    expect(empty.stderr).toMatch(/The roster is empty\. Load champions with `refdesk roster import/);
    expect(empty.stderr).toMatch(/npm run seed:demo/);
    expect(empty.stderr).not.toMatch(/does not read like/);

    await refdesk("roster", "import", await file("champions.csv", CHAMPIONS));
    const lunch = await refdesk("match", "lunch at noon?", "--json");
    expect(lunch.stderr).toMatch(/^This does not read like a reference request/);
    const json = JSON.parse(lunch.stdout);
    expect(Object.keys(json).sort()).toEqual(["candidates", "considered", "excluded", "request"]);
    expect(Object.keys(json.candidates[0]).sort()).toEqual(
      [
        "activity",
        "capacity",
        "email",
        "event",
        "fit",
        "flags",
        "load",
        "name",
        "reasons",
        "score",
        "yes",
      ].sort(),
    );
  });

  it("imports a roster and its history, then exports it unchanged", async () => {
    const imported = await refdesk("roster", "import", await file("champions.csv", CHAMPIONS));
    expect(imported).toMatchObject({ code: 0, stderr: "" });
    expect(imported.stdout).toMatch(/3 added, 0 updated, 0 unchanged/);

    const history = await file(
      "activities.csv",
      "champion_email,activity_type,date,outcome\nomar@cedar.example,reference_call,2026-11-01,completed\n",
    );
    expect((await refdesk("roster", "import-history", history)).stdout).toMatch(
      /1 activities added, 0 already present/,
    );

    const exported = await refdesk("roster", "export");
    expect(exported.code).toBe(0);
    const out = join(tmp.path, "export.csv");
    expect((await refdesk("roster", "export", "--out", out)).code).toBe(0);
    expect(await readFile(out, "utf8")).toBe(exported.stdout);
    expect((await refdesk("roster", "import", out)).stdout).toMatch(/0 added, 0 updated, 3 unchanged/);
  });

  it("rejects a bad file with every problem by line and column, and writes nothing", async () => {
    const bad = CHAMPIONS.replace("dana@northwind.example", "dana-at-northwind").replace("mastery", "fame");
    const result = await refdesk("roster", "import", await file("bad.csv", bad));
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n")).toEqual([
      expect.stringMatching(/^refdesk: .*bad\.csv was rejected, nothing was written \(2 problems\):$/),
      "  line 2, column email: is not a valid email address",
      expect.stringMatching(/^ {2}line 4, column motivations: unknown motivation "fame"/),
      "",
    ]);
    expect((await database.db.select({ n: count() }).from(champions))[0]?.n).toBe(0);
  });

  it("exits non-zero with a one-line reason on bad input", async () => {
    const missing = await refdesk("roster", "import", join(tmp.path, "nope.csv"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^refdesk: cannot read .*nope\.csv: no such file\n$/);

    const limit = await refdesk("match", "need a reference", "--limit", "zero");
    expect(limit).toMatchObject({
      code: 1,
      stderr: 'refdesk: --limit must be a whole number from 1 to 50, not "zero"\n',
    });

    expect((await refdesk("parse", "  ")).stderr).toBe("refdesk: parse needs some text to read\n");
    expect((await refdesk("frobnicate")).code).toBe(2);
  });

  it("parse --json follows the contract", async () => {
    const result = await refdesk(
      "parse",
      "does anyone have a healthcare CFO who could talk to Acme by Friday?",
      "--json",
    );
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(Object.keys(parsed).sort()).toEqual(["confidence", "isRequest", "request"]);
    expect(parsed.isRequest).toBe(true);
    expect(parsed.confidence).toBeGreaterThan(0.5);
    expect(parsed.request).toEqual({
      prospect_company: "Acme",
      industry: "healthcare",
      company_size: null,
      region: null,
      products: [],
      persona: "CFO",
      activities: ["reference_call"],
      deadline: "2026-11-27",
    });
  });

  it("match --json ranks champions with explanations, best first", async () => {
    await refdesk("roster", "import", await file("champions.csv", CHAMPIONS));
    const result = await refdesk(
      "match",
      "Need an EMEA fintech CFO who can talk to Acme about the Payments API, reference call or panel",
      "--json",
    );
    expect(result.code).toBe(0);
    const { request, candidates } = JSON.parse(result.stdout);
    expect(request).toMatchObject({
      industry: "fintech",
      region: "EMEA",
      persona: "CFO",
      products: ["Payments API"],
    });
    expect(candidates.map((c: { email: string }) => c.email)).toEqual([
      "dana@northwind.example",
      "omar@cedar.example",
      "mei@orbit.example",
    ]);
    for (const candidate of candidates) {
      for (const key of [
        "email",
        "name",
        "activity",
        "score",
        "yes",
        "load",
        "capacity",
        "flags",
        "reasons",
      ]) {
        expect(candidate).toHaveProperty(key);
      }
    }
    expect(candidates[0]).toMatchObject({ activity: "panel", capacity: 3, flags: [] });
    expect(candidates[2].flags).toContain("no_slack_id");
    const human = await refdesk("match", "Need an EMEA fintech CFO for Acme");
    expect(human.stdout).toMatch(/^1\. Dana Whitfield <dana@northwind\.example>: /m);
  });

  it("adds and lists program events, and rejects bad ones clearly", async () => {
    const added = await refdesk(
      "events",
      "add",
      "--name",
      "Fintech panel",
      "--type",
      "panel",
      "--date",
      "2026-12-15",
      "--slots",
      "2",
      "--industry",
      "fintech",
    );
    expect(added).toMatchObject({
      code: 0,
      stdout: "Added event 1: Fintech panel (panel, 15 Dec 2026, 2 slots).\n",
    });
    expect((await refdesk("events", "list")).stdout).toContain("Fintech panel (panel) 2 open slots");
    const bad = await refdesk(
      "events",
      "add",
      "--name",
      "X",
      "--type",
      "dinner",
      "--date",
      "2026-02-30",
      "--slots",
      "0",
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /--type must be one of .*; --date must be an ISO date .*; --slots must be at least 1/,
    );
  });

  it("loads a demo program that matching can use at once", async () => {
    const demo = await refdesk("demo", "--champions", "40");
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(/40 champions added/);
    const again = await refdesk("demo", "--champions", "40");
    expect(again.stdout).toMatch(
      /^The demo program \(seed 42, 40 champions\) is already loaded: nothing to add\./,
    );
    const matched = JSON.parse((await refdesk("match", "need a fintech reference in EMEA", "--json")).stdout);
    expect(matched.candidates.length).toBeGreaterThan(0);
  });
});
