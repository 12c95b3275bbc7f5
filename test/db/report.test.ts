import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ACTIVITIES } from "../../src/core/activities";
import { askCost } from "../../src/core/burnout";
import { toIsoDate } from "../../src/core/dates";
import { emptyRequest } from "../../src/core/domain";
import type { Candidate } from "../../src/core/matching";
import { effortMultiplier } from "../../src/core/motivation";
import { evidencedFits } from "../../src/core/motivation-evidence";
import { loadProgramMetrics } from "../../src/db/report-repository";
import {
  answerInvitation,
  approveCandidate,
  askedChampionIds,
  closeUnansweredInvitation,
  createRequest,
  loadRequestView,
  markCompleted,
  markScheduled,
  recordProposal,
  rejectProposal,
  swapActivity,
} from "../../src/db/requests-repository";
import {
  champions,
  decisions,
  gives,
  invitations,
  proposalCandidates,
  proposals,
  referenceRequests,
} from "../../src/db/schema";
import type { Matcher } from "../../src/services/matcher";
import { NOW } from "../support/builders";
import { testEngine, useTestDatabase } from "../support/database";
import { importProgram } from "../support/program";

const database = useTestDatabase();

// Dana's cap of 1 puts her at risk once she takes one reference call; Omar is asked three times
// (two imported, one invitation) and never thanked.
const ROSTER = `name,email,slack_user_id,company,title,industry,region,products,motivations,activities,max_asks_per_quarter
Dana Whitfield,dana@x.example,U0DANA,Northwind,CFO,Fintech,EMEA,Payments API,spotlight,panel;reference_call,1
Omar Haddad,omar@x.example,U0OMAR,Cedar Bank,VP Finance,Banking,EMEA,Payments API,duty,,
Mei Chen,mei@x.example,,Orbit,CTO,Retail,APAC,Analytics,mastery,,
`;
const HISTORY = `champion_email,activity_type,date,outcome
omar@x.example,reference_call,2026-11-01,completed
omar@x.example,reference_call,2026-11-05,completed
`;

const FIELDS = {
  ...emptyRequest(),
  industry: "fintech",
  region: "EMEA" as const,
  activities: ["reference_call" as const],
};
const LEAD = "ULEAD";

async function openRequest(createdAt: string): Promise<number> {
  const id = await createRequest(database.db, {
    source: "cli",
    requestedBy: "UREP",
    rawText: "fintech EMEA reference call",
    fields: FIELDS,
    notes: "",
  });
  await database.db
    .update(referenceRequests)
    .set({ createdAt: new Date(createdAt) })
    .where(eq(referenceRequests.id, id));
  return id;
}

async function propose(requestId: number, candidates: readonly Candidate[], at: string) {
  const recorded = await recordProposal(database.db, requestId, candidates, "refdesk");
  if (!recorded) throw new Error("proposal refused");
  await database.db
    .update(proposals)
    .set({ createdAt: new Date(at) })
    .where(eq(proposals.id, recorded.proposalId));
}

async function proposeFresh(matcher: Matcher, requestId: number, at: string) {
  const asked = await askedChampionIds(database.db, requestId);
  const { candidates } = await matcher.propose(FIELDS, 3);
  await propose(
    requestId,
    candidates.filter((candidate) => !asked.has(candidate.championId)),
    at,
  );
}

async function approve(requestId: number, name: string, at: string): Promise<number> {
  const view = await loadRequestView(database.db, requestId);
  const candidate = view?.proposal?.candidates.find((c) => c.championName === name);
  if (!candidate) throw new Error(`${name} was not proposed`);
  const approved = await approveCandidate(database.db, { candidateId: candidate.id, lead: LEAD });
  if (!approved.ok) throw new Error(`approval refused: ${approved.reason}`);
  await database.db
    .update(decisions)
    .set({ createdAt: new Date(at) })
    .where(and(eq(decisions.candidateId, candidate.id), eq(decisions.kind, "approve")));
  return approved.value.invitationId;
}

async function complete(requestId: number, date: string, deal: "won" | "open", value: string) {
  const activityId = (await loadRequestView(database.db, requestId))?.activity?.id ?? 0;
  await markScheduled(database.db, { activityId, date, lead: LEAD });
  const outcome = { held: true, championRating: 5, dealResult: deal, dealValue: value, notes: "" };
  const completed = await markCompleted(database.db, { activityId, lead: LEAD, outcome });
  if (!completed.ok) throw new Error(`completion refused: ${completed.reason}`);
}

/** Five requests over the last month (one before the 30-day window), through the lifecycle functions. */
async function buildHistory() {
  const matcher = await importProgram(database.db, ROSTER, HISTORY);

  // A: Dana accepts 12 h after the request; it is held and the deal is won.
  const a = await openRequest("2026-11-20T00:00:00Z");
  await propose(a, (await matcher.propose(FIELDS, 3)).candidates, "2026-11-20T02:00:00Z");
  const danaInvitation = await approve(a, "Dana Whitfield", "2026-11-20T06:00:00Z");
  await answerInvitation(database.db, {
    invitationId: danaInvitation,
    answer: "accepted",
    by: { slackUserId: "U0DANA" },
    now: new Date("2026-11-20T12:00:00Z"),
  });
  await complete(a, "2026-12-02", "won", "120000.00");

  // B: Omar declines, the request moves on to Mei, whose answer a lead records a day after the request.
  const b = await openRequest("2026-11-21T00:00:00Z");
  await proposeFresh(matcher, b, "2026-11-21T04:00:00Z");
  const omarInvitation = await approve(b, "Omar Haddad", "2026-11-21T08:00:00Z");
  await answerInvitation(database.db, {
    invitationId: omarInvitation,
    answer: "declined",
    by: { slackUserId: "U0OMAR" },
    now: new Date("2026-11-21T09:00:00Z"),
  });
  await proposeFresh(matcher, b, "2026-11-21T10:00:00Z");
  const meiInvitation = await approve(b, "Mei Chen", "2026-11-21T12:00:00Z");
  await answerInvitation(database.db, {
    invitationId: meiInvitation,
    answer: "accepted",
    by: { lead: LEAD },
    now: new Date("2026-11-22T00:00:00Z"),
  });
  await complete(b, "2026-11-30", "open", "30000.00");

  // C: proposed after an hour, then rejected.
  const c = await openRequest("2026-11-22T00:00:00Z");
  await propose(c, (await matcher.propose(FIELDS, 3)).candidates, "2026-11-22T01:00:00Z");
  const [proposal] = await database.db.select().from(proposals).where(eq(proposals.requestId, c));
  await rejectProposal(database.db, { proposalId: proposal?.id ?? 0, lead: LEAD });

  // D: nobody fitted; an empty proposal is not a proposal.
  const d = await openRequest("2026-11-22T12:00:00Z");
  await propose(d, [], "2026-11-22T13:00:00Z");

  // E: opened before the window.
  await openRequest("2026-09-01T00:00:00Z");

  const ids = new Map(
    (await database.db.select({ id: champions.id, email: champions.email }).from(champions)).map((row) => [
      row.email,
      row.id,
    ]),
  );
  const dana = ids.get("dana@x.example") ?? 0;
  const omar = ids.get("omar@x.example") ?? 0;
  await database.db.insert(gives).values([
    {
      championId: dana,
      kind: "thanks",
      description: "thank-you note",
      givenBy: LEAD,
      givenAt: new Date("2026-11-22T12:00:00Z"),
    },
    // Before the window: Omar has had nothing back in it.
    {
      championId: omar,
      kind: "gift",
      description: "swag",
      givenBy: LEAD,
      givenAt: new Date("2026-09-15T12:00:00Z"),
    },
  ]);
  return { dana, omar, matcher };
}

describe(`program metrics from the database on ${testEngine}`, () => {
  it("reads a month of lifecycle history into the metrics", async () => {
    const { dana, omar } = await buildHistory();
    const metrics = await loadProgramMetrics(database.db, { now: NOW, windowDays: 30, defaultCapacity: 4 });
    // What one call costs Dana once her acceptance has told us a little more about what drives her.
    const [callFit = 0] = evidencedFits(
      ["spotlight"],
      [{ activityType: "reference_call", answer: "accepted", date: "2026-11-20" }],
      toIsoDate(NOW),
    );
    const danaLoad = ACTIVITIES.reference_call.effort * effortMultiplier(callFit);
    expect(danaLoad).toBeLessThan(askCost(["spotlight"], "reference_call"));

    expect(metrics.requests).toEqual({
      total: 4,
      byStatus: expect.objectContaining({ request: 1, proposed: 0, rejected: 1, completed: 2 }),
    });
    expect(metrics.timeTo).toEqual({
      proposal: { requests: 3, medianHours: 2, p90Hours: 4 }, // A 2 h, B 4 h, C 1 h
      approval: { requests: 2, medianHours: 6, p90Hours: 8 }, // A 6 h, B 8 h (Omar, the first approved)
      acceptance: { requests: 2, medianHours: 12, p90Hours: 24 }, // A 12 h, B 24 h (Mei)
    });
    expect(metrics.acceptance).toEqual({
      answered: 3,
      accepted: 2,
      rate: 0.667,
      byActivity: [{ activityType: "reference_call", answered: 3, accepted: 2, rate: 0.667 }],
      byMotivation: [
        { motivation: "duty", answered: 1, accepted: 0, rate: 0 },
        { motivation: "mastery", answered: 1, accepted: 1, rate: 1 },
        { motivation: "spotlight", answered: 1, accepted: 1, rate: 1 },
      ],
    });
    // Dana about 1.06 of 1 (one reference call at a spotlight person's cost, a little lower once she
    // accepted one: 106%); Omar 1.38 of 4; Mei 1.05 of 4.
    expect(metrics.load.buckets).toEqual([
      { bucket: "<25%", champions: 0 },
      { bucket: "25–50%", champions: 2 },
      { bucket: "50–75%", champions: 0 },
      { bucket: "75–100%", champions: 0 },
      { bucket: "≥100%", champions: 1 },
    ]);
    // Asks: Omar 3 (two imported, one invitation), Dana 1, Mei 1; the busiest 10% of 3 is Omar.
    expect(metrics.concentration).toEqual({ busiestChampions: 1, asks: 3, totalAsks: 5, share: 0.6 });
    expect(metrics.atRisk).toEqual([
      {
        championId: dana,
        name: "Dana Whitfield",
        load: Math.round(danaLoad * 100) / 100,
        capacity: 1,
        asks: 1,
        gives: 1,
        reasons: [`load ${danaLoad.toFixed(1)} of 1 (${Math.round(danaLoad * 100)}% of capacity)`],
      },
      {
        championId: omar,
        name: "Omar Haddad",
        load: expect.any(Number),
        capacity: 4,
        asks: 3,
        gives: 0,
        reasons: ["asked 3 times in 30 days with nothing given back"],
      },
    ]);
    expect(metrics.influencedPipeline).toEqual({ deals: 2, value: 150_000 });
    expect(metrics.wonRevenue).toEqual({ deals: 1, value: 120_000 });
    expect(metrics.asksToGives).toEqual({ asks: 5, gives: 1, ratio: 5 });
    // Three invitations closed, each with the yes-probability it was proposed with.
    const predicted = await database.db
      .select({ yes: proposalCandidates.predictedYes })
      .from(invitations)
      .innerJoin(proposalCandidates, eq(proposalCandidates.id, invitations.candidateId));
    expect(predicted).toHaveLength(3);
    const meanPredicted = predicted.reduce((sum, row) => sum + (row.yes ?? 0), 0) / 3;
    expect(metrics.calibration.asks).toBe(3);
    expect(metrics.calibration.actual).toBeCloseTo(2 / 3, 10);
    expect(metrics.calibration.meanPredicted).toBeCloseTo(meanPredicted, 5);
    expect(meanPredicted).toBeGreaterThan(0.2);
    expect(meanPredicted).toBeLessThan(0.95);
  });

  it("leaves out of calibration an activity a lead swapped to, which nobody predicted", async () => {
    const { matcher } = await buildHistory();
    const before = await loadProgramMetrics(database.db, { now: NOW, windowDays: 30, defaultCapacity: 4 });
    const request = await openRequest("2026-11-22T14:00:00Z");
    await propose(
      request,
      (await matcher.propose({ ...FIELDS, activities: ["reference_call", "panel"] }, 3)).candidates,
      "2026-11-22T14:00:00Z",
    );
    const view = await loadRequestView(database.db, request);
    const omar = view?.proposal?.candidates.find((candidate) => candidate.championName === "Omar Haddad");
    const swapTo = omar?.alternatives[0];
    if (!omar || !swapTo) throw new Error("Omar should be proposed with an alternative");
    expect((await swapActivity(database.db, { candidateId: omar.id, activity: swapTo, lead: LEAD })).ok).toBe(
      true,
    );
    const invitation = await approve(request, "Omar Haddad", "2026-11-22T15:00:00Z");
    await answerInvitation(database.db, {
      invitationId: invitation,
      answer: "declined",
      by: { slackUserId: "U0OMAR" },
      now: new Date("2026-11-22T16:00:00Z"),
    });
    const after = await loadProgramMetrics(database.db, { now: NOW, windowDays: 30, defaultCapacity: 4 });
    expect(after.acceptance.answered).toBe(before.acceptance.answered + 1);
    expect(after.calibration).toEqual(before.calibration);
  });

  it("counts an invitation Slack never delivered as no ask, and one that ran out of time as one", async () => {
    const { matcher } = await buildHistory();
    const metrics = () => loadProgramMetrics(database.db, { now: NOW, windowDays: 30, defaultCapacity: 4 });
    const before = await metrics();
    const closeAsk = async (createdAt: string, closing: Parameters<typeof closeUnansweredInvitation>[3]) => {
      const request = await openRequest(createdAt);
      await proposeFresh(matcher, request, createdAt);
      const invitation = await approve(request, "Omar Haddad", createdAt);
      const closed = await closeUnansweredInvitation(database.db, invitation, NOW, closing);
      expect(closed.ok).toBe(true);
    };

    await closeAsk("2026-11-22T14:00:00Z", { status: "undelivered", reason: "user_not_found" });
    expect((await metrics()).asksToGives).toEqual(before.asksToGives);

    await closeAsk("2026-11-22T15:00:00Z", { status: "expired" });
    expect((await metrics()).asksToGives.asks).toBe(before.asksToGives.asks + 1);
  });

  it("reports an empty program without failing", async () => {
    const metrics = await loadProgramMetrics(database.db, { now: NOW, windowDays: 90, defaultCapacity: 4 });
    expect(metrics.requests.total).toBe(0);
    expect(metrics.timeTo.proposal).toEqual({ requests: 0, medianHours: null, p90Hours: null });
    expect(metrics.concentration.share).toBeNull();
    expect(metrics.asksToGives).toEqual({ asks: 0, gives: 0, ratio: null });
  });
});
