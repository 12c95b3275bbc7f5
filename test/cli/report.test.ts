import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { emptyRequest } from "../../src/core/domain";
import {
  answerInvitation,
  approveCandidate,
  createRequest,
  loadRequestView,
  recordProposal,
} from "../../src/db/requests-repository";
import { createRosterSnapshotSource } from "../../src/db/roster-snapshot";
import { decisions, proposals, referenceRequests } from "../../src/db/schema";
import { createMatcher, deterministicParser } from "../../src/services/matcher";
import { NOW } from "../support/builders";
import { cliOn, useTempDir } from "../support/cli";
import { testEngine, useTestDatabase } from "../support/database";

const database = useTestDatabase();
const tmp = useTempDir("refdesk-report-");

const refdesk = cliOn(database);

async function file(name: string, text: string): Promise<string> {
  const path = join(tmp.path, name);
  await writeFile(path, text, "utf8");
  return path;
}

const CHAMPIONS = `name,email,slack_user_id,company,title,industry,region,products,motivations,max_asks_per_quarter
Dana Whitfield,dana@northwind.example,U01DANA,Northwind Pay,CFO,Fintech,EMEA,Payments API,spotlight,2
Omar Haddad,omar@cedar.example,U01OMAR,Cedar Bank,VP Finance,Banking,EMEA,Payments API,duty,
`;
// Omar: three imported asks in the last month and nothing given back.
const HISTORY = `champion_email,activity_type,date,outcome
omar@cedar.example,reference_call,2026-11-02,completed
omar@cedar.example,review,2026-11-09,completed
omar@cedar.example,reference_call,2026-11-16,declined
`;

/** A roster, its history and one request: proposed after 1 hour, approved after 2, accepted after 3. */
async function program() {
  expect((await refdesk("roster", "import", await file("champions.csv", CHAMPIONS))).code).toBe(0);
  expect((await refdesk("roster", "import-history", await file("activities.csv", HISTORY))).code).toBe(0);
  const fields = { ...emptyRequest(), industry: "fintech", activities: ["reference_call" as const] };
  const requestId = await createRequest(database.db, {
    source: "cli",
    requestedBy: "UREP",
    rawText: "fintech reference call",
    fields,
    notes: "",
  });
  const matcher = createMatcher({
    snapshots: createRosterSnapshotSource(database.db, () => NOW),
    parser: deterministicParser,
    clock: () => NOW,
    defaultCapacity: 4,
  });
  await recordProposal(database.db, requestId, (await matcher.propose(fields, 3)).candidates, "refdesk");
  await database.db
    .update(referenceRequests)
    .set({ createdAt: new Date("2026-11-23T06:00:00Z") })
    .where(eq(referenceRequests.id, requestId));
  await database.db
    .update(proposals)
    .set({ createdAt: new Date("2026-11-23T07:00:00Z") })
    .where(eq(proposals.requestId, requestId));
  const dana = (await loadRequestView(database.db, requestId))?.proposal?.candidates.find(
    (candidate) => candidate.championName === "Dana Whitfield",
  );
  const approved = await approveCandidate(database.db, { candidateId: dana?.id ?? 0, lead: "ULEAD" });
  if (!approved.ok) throw new Error("approval failed");
  await database.db.update(decisions).set({ createdAt: new Date("2026-11-23T08:00:00Z") }); // the only decision
  await answerInvitation(database.db, {
    invitationId: approved.value.invitationId,
    answer: "accepted",
    by: { slackUserId: "U01DANA" },
    now: new Date("2026-11-23T09:00:00Z"),
  });
}

describe(`report CLI on ${testEngine}`, () => {
  it("documents itself in --help", async () => {
    expect((await refdesk("--help")).stdout).toContain("report");
    const help = await refdesk("report", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--json");
    expect(help.stdout).toContain("--window <days>");
  });

  it("exits non-zero with a one-line reason on a bad window", async () => {
    expect(await refdesk("report", "--window", "zero")).toMatchObject({
      code: 1,
      stderr: 'refdesk: --window must be a whole number of days from 1 to 3650, not "zero"\n',
    });
    expect((await refdesk("report", "--window", "0")).code).toBe(1);
    expect((await refdesk("report", "--window", "2.5")).code).toBe(1);
  });

  it("prints the metrics as JSON over the window asked for", async () => {
    await program();
    const result = await refdesk("report", "--json", "--window", "30");
    expect(result).toMatchObject({ code: 0, stderr: "" });
    const metrics = JSON.parse(result.stdout);
    expect(Object.keys(metrics).sort()).toEqual([
      "acceptance",
      "asksToGives",
      "atRisk",
      "calibration",
      "concentration",
      "influencedPipeline",
      "load",
      "requests",
      "timeTo",
      "window",
      "wonRevenue",
    ]);
    expect(metrics.window).toEqual({
      days: 30,
      from: "2026-10-24T10:00:00.000Z",
      to: "2026-11-23T10:00:00.000Z",
    });
    expect(metrics.requests.total).toBe(1);
    expect(metrics.requests.byStatus.accepted).toBe(1);
    expect(metrics.timeTo).toEqual({
      proposal: { requests: 1, medianHours: 1, p90Hours: 1 },
      approval: { requests: 1, medianHours: 2, p90Hours: 2 },
      acceptance: { requests: 1, medianHours: 3, p90Hours: 3 },
    });
    expect(metrics.acceptance.byMotivation).toEqual([
      { motivation: "spotlight", answered: 1, accepted: 1, rate: 1 },
    ]);
    expect(metrics.atRisk.map((champion: { name: string }) => champion.name)).toEqual(["Omar Haddad"]);
    expect(metrics.asksToGives).toEqual({ asks: 4, gives: 0, ratio: null });

    // The 2 November ask is outside a 20-day window.
    const narrow = JSON.parse((await refdesk("report", "--json", "--window", "20")).stdout);
    expect(narrow.asksToGives.asks).toBe(3);
  });

  it("prints a readable report with aligned tables", async () => {
    await program();
    const result = await refdesk("report", "--window", "30");
    expect(result).toMatchObject({ code: 0, stderr: "" });
    const text = result.stdout;
    expect(text.split("\n")[0]).toBe("Program report, last 30 days (24 Oct 2026 to 23 Nov 2026)");
    expect(text).toContain("Requests opened: 1\n  status      requests\n  request            0\n");
    expect(text).toContain("  accepted           1\n");
    expect(text).toContain(
      [
        "  time from request to      median   90th percentile   requests",
        "  first proposal         1.0 hours         1.0 hours          1",
        "  approval               2.0 hours         2.0 hours          1",
        "  acceptance             3.0 hours         3.0 hours          1",
      ].join("\n"),
    );
    expect(text).toContain(
      [
        "Acceptance: 1 of 1 answered invitation accepted (100%)",
        "  by activity               answered   accepted   rate",
        "  reference call                   1          1   100%",
        "  by strongest motivation",
        "  spotlight                        1          1   100%",
      ].join("\n"),
    );
    // Dana: one reference call against a cap of 2; Omar: three decayed asks against the default 4.
    expect(text).toContain(
      [
        "Load against capacity (2 champions)",
        "  load      champions",
        "  <25%              0",
        "  25–50%            1",
        "  50–75%            1",
        "  75–100%           0",
        "  ≥100%             0",
        "Concentration: the busiest champion (1 of 2, 50% of the roster) received 3 of 4 asks (75%).",
      ].join("\n"),
    );
    expect(text).toContain(
      "Champions at risk (at or over 80% of capacity, or asked 3+ times with nothing given back): 1\n" +
        "  Omar Haddad   asked 3 times in 30 days with nothing given back\n",
    );
    expect(text).toContain("Asks to gives: 4 asks, 0 gives\n");
  });
});
