import { and, asc, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { emptyRequest } from "../../src/core/domain";
import {
  answerInvitation,
  approveCandidate,
  askedChampionIds,
  createRequest,
  loadRequestView,
  markCompleted,
  markScheduled,
  recordProposal,
  rejectProposal,
  swapActivity,
  viewAfterProposal,
} from "../../src/db/requests-repository";
import { importChampions } from "../../src/db/roster-repository";
import { createRosterSnapshotSource } from "../../src/db/roster-snapshot";
import { activities, auditLog, champions, invitations } from "../../src/db/schema";
import { parseChampionsCsv } from "../../src/roster/champions-csv";
import { createMatcher, deterministicParser } from "../../src/services/matcher";
import { NOW } from "../support/builders";
import { testEngine, useTestDatabase } from "../support/database";

const database = useTestDatabase();

const ROSTER = `name,email,slack_user_id,company,title,industry,region,products,motivations,activities
Dana Whitfield,dana@x.example,U0DANA,Northwind,CFO,Fintech,EMEA,Payments API,spotlight,panel;reference_call
Omar Haddad,omar@x.example,U0OMAR,Cedar Bank,VP Finance,Banking,EMEA,Payments API,duty,
Mei Chen,mei@x.example,,Orbit,CTO,Retail,APAC,Analytics,mastery,
`;

const FIELDS = {
  ...emptyRequest(),
  industry: "fintech",
  region: "EMEA" as const,
  activities: ["reference_call" as const, "panel" as const],
};

/** A stored request over the roster, and the champions it would be proposed. */
async function storedRequest() {
  await importChampions(database.db, parseChampionsCsv(ROSTER), "test");
  const matcher = createMatcher({
    snapshots: createRosterSnapshotSource(database.db, () => NOW),
    parser: deterministicParser,
    clock: () => NOW,
    defaultCapacity: 4,
  });
  const requestId = await createRequest(database.db, {
    source: "slash_command",
    requestedBy: "UREP",
    rawText: "fintech EMEA",
    fields: FIELDS,
    notes: "",
  });
  return { requestId, matcher, proposal: await matcher.propose(FIELDS, 3) };
}

async function proposedRequest() {
  const { requestId, matcher, proposal } = await storedRequest();
  const before = await loadRequestView(database.db, requestId);
  const recorded = await recordProposal(database.db, requestId, proposal.candidates, "refdesk");
  const view = await loadRequestView(database.db, requestId);
  return { requestId, recorded, before, view, matcher, candidates: proposal.candidates };
}

/** The audit rows about one entity, oldest first. */
const auditOf = (entityType: string, entityId: number) =>
  database.db
    .select({
      action: auditLog.action,
      from: auditLog.fromStatus,
      to: auditLog.toStatus,
      data: auditLog.data,
    })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, String(entityId))))
    .orderBy(asc(auditLog.id));

const candidateOf = (view: Awaited<ReturnType<typeof loadRequestView>>, name: string) => {
  const found = view?.proposal?.candidates.find((c) => c.championName === name);
  if (!found) throw new Error(`no candidate ${name}`);
  return found;
};

describe(`request lifecycle on ${testEngine}`, () => {
  it("renders the view after a proposal from what it wrote, as loading it again would", async () => {
    const { before, recorded, view, candidates } = await proposedRequest();
    if (!before || !recorded) throw new Error("not proposed");
    expect(await viewAfterProposal(database.db, before, recorded, candidates)).toEqual(view);
  });

  it("records a step's proposal once when the step runs twice at once: the second adds nothing", async () => {
    const { requestId, proposal } = await storedRequest();
    const { candidates } = proposal;
    const runs = await Promise.allSettled([
      recordProposal(database.db, requestId, candidates, "refdesk", { follows: 0 }),
      recordProposal(database.db, requestId, candidates, "refdesk", { follows: 0 }),
    ]);
    expect(runs.map((run) => run.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = runs.find((run) => run.status === "rejected");
    expect(refused?.reason).toMatchObject({ code: "already_done" });
    expect((await loadRequestView(database.db, requestId))?.proposal?.version).toBe(1);
    expect((await auditOf("request", requestId)).map((row) => row.action)).toEqual([
      "request.created",
      "request.proposed",
    ]);
  });

  it("logs the request, its move to proposed and the proposal, each in the statement that writes it", async () => {
    const { requestId, recorded } = await proposedRequest();
    expect(await auditOf("request", requestId)).toEqual([
      { action: "request.created", from: null, to: "request", data: { source: "slash_command" } },
      { action: "request.proposed", from: "request", to: "proposed", data: {} },
    ]);
    expect(await auditOf("proposal", recorded?.proposalId ?? 0)).toEqual([
      { action: "proposal.created", from: null, to: null, data: { requestId, version: 1, candidates: 3 } },
    ]);
  });

  it("records a ranked proposal and reads it back as a view", async () => {
    const { requestId, recorded, view } = await proposedRequest();
    expect(recorded).toEqual({
      proposalId: expect.any(Number),
      version: 1,
      candidateIds: view?.proposal?.candidates.map((c) => c.id),
    });
    expect(view).toMatchObject({ id: requestId, status: "proposed", requestedBy: "UREP", fields: FIELDS });
    expect(view?.proposal?.candidates.map((c) => c.championName)).toEqual([
      "Dana Whitfield",
      "Omar Haddad",
      "Mei Chen",
    ]);
    expect(candidateOf(view, "Dana Whitfield")).toMatchObject({
      activity: "panel",
      alternatives: ["reference_call"],
    });
  });

  it("approves once: a double click or a second lead gets 'stale' and no second invitation", async () => {
    const { requestId, view } = await proposedRequest();
    const dana = candidateOf(view, "Dana Whitfield");
    const omar = candidateOf(view, "Omar Haddad");
    const results = await Promise.all([
      approveCandidate(database.db, { candidateId: dana.id, lead: "ULEAD1" }),
      approveCandidate(database.db, { candidateId: dana.id, lead: "ULEAD1" }),
      approveCandidate(database.db, { candidateId: omar.id, lead: "ULEAD2" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(["stale", "stale"]);
    const rows = await database.db
      .select({ n: count() })
      .from(invitations)
      .where(eq(invitations.requestId, requestId));
    expect(rows[0]?.n).toBe(1);
    expect((await loadRequestView(database.db, requestId))?.status).toBe("invited");
  });

  it("lets only the invited champion answer, and only once", async () => {
    const { requestId, view } = await proposedRequest();
    const approved = await approveCandidate(database.db, {
      candidateId: candidateOf(view, "Dana Whitfield").id,
      lead: "ULEAD",
    });
    if (!approved.ok) throw new Error("approval failed");
    const { invitationId } = approved.value;
    const answer = (slackUserId: string, kind: "accepted" | "declined") =>
      answerInvitation(database.db, { invitationId, answer: kind, by: { slackUserId }, now: NOW });

    expect(await answer("U0OMAR", "accepted")).toEqual({ ok: false, reason: "not_invitee" });
    expect(await answer("U0DANA", "accepted")).toMatchObject({ ok: true });
    expect(await answer("U0DANA", "declined")).toEqual({ ok: false, reason: "already_answered" });

    const after = await loadRequestView(database.db, requestId);
    expect(after).toMatchObject({
      status: "accepted",
      invitation: { status: "accepted", answer: "accepted", championName: "Dana Whitfield" },
      activity: { activity: "panel", outcome: "scheduled" },
    });
  });

  it("declines move on: the champion is never proposed again for this request, and the old proposal is stale", async () => {
    const { requestId, view, matcher } = await proposedRequest();
    const approved = await approveCandidate(database.db, {
      candidateId: candidateOf(view, "Dana Whitfield").id,
      lead: "ULEAD",
    });
    if (!approved.ok) throw new Error("approval failed");
    await answerInvitation(database.db, {
      invitationId: approved.value.invitationId,
      answer: "later",
      by: { slackUserId: "U0DANA" },
      now: NOW,
    });
    const [dana] = await database.db.select().from(champions).where(eq(champions.email, "dana@x.example"));
    expect(dana?.restUntil).toBe("2026-12-23");

    const asked = await askedChampionIds(database.db, requestId);
    const next = await matcher.propose(FIELDS, 3);
    const fresh = next.candidates.filter((c) => !asked.has(c.championId));
    expect(fresh.map((c) => c.name)).not.toContain("Dana Whitfield");
    expect(await recordProposal(database.db, requestId, fresh, "refdesk")).toMatchObject({ version: 2 });
    expect((await loadRequestView(database.db, requestId))?.status).toBe("proposed");

    const stale = await approveCandidate(database.db, {
      candidateId: candidateOf(view, "Omar Haddad").id,
      lead: "ULEAD",
    });
    expect(stale).toEqual({ ok: false, reason: "stale" });
    const declines = await database.db.select().from(activities).where(eq(activities.outcome, "declined"));
    expect(declines).toHaveLength(1);
  });

  it("swaps a candidate's activity to one they are willing to do, and refuses others", async () => {
    const { requestId, view } = await proposedRequest();
    const dana = candidateOf(view, "Dana Whitfield");
    expect(
      await swapActivity(database.db, { candidateId: dana.id, activity: "webinar", lead: "ULEAD" }),
    ).toEqual({
      ok: false,
      reason: "not_allowed",
    });
    expect(
      await swapActivity(database.db, { candidateId: dana.id, activity: "reference_call", lead: "ULEAD" }),
    ).toMatchObject({
      ok: true,
    });
    const after = await loadRequestView(database.db, requestId);
    expect(candidateOf(after, "Dana Whitfield")).toMatchObject({
      activity: "reference_call",
      alternatives: ["panel"],
    });
    expect(after?.lastDecisionBy).toBe("ULEAD");
  });

  it("rejects a proposal once; nothing can be approved afterwards", async () => {
    const { requestId, recorded, view } = await proposedRequest();
    const proposalId = recorded?.proposalId ?? 0;
    expect(await rejectProposal(database.db, { proposalId, lead: "ULEAD" })).toMatchObject({ ok: true });
    expect(await rejectProposal(database.db, { proposalId, lead: "ULEAD" })).toMatchObject({
      ok: false,
      reason: "stale",
    });
    const approval = await approveCandidate(database.db, {
      candidateId: candidateOf(view, "Omar Haddad").id,
      lead: "ULEAD",
    });
    expect(approval).toEqual({ ok: false, reason: "stale", status: "rejected" });
    expect((await loadRequestView(database.db, requestId))?.status).toBe("rejected");
  });

  it("runs to completion: scheduled, then completed with its outcome", async () => {
    const { requestId, view } = await proposedRequest();
    const approved = await approveCandidate(database.db, {
      candidateId: candidateOf(view, "Omar Haddad").id,
      lead: "ULEAD",
    });
    if (!approved.ok) throw new Error("approval failed");
    await answerInvitation(database.db, {
      invitationId: approved.value.invitationId,
      answer: "accepted",
      by: { slackUserId: "U0OMAR" },
      now: NOW,
    });
    const activityId = (await loadRequestView(database.db, requestId))?.activity?.id ?? 0;
    expect(await markScheduled(database.db, { activityId, date: "2026-12-02", lead: "ULEAD" })).toMatchObject(
      { ok: true },
    );
    const outcome = {
      held: true,
      championRating: 5,
      dealResult: "won" as const,
      dealValue: "120000.00",
      notes: "great call",
    };
    expect(await markCompleted(database.db, { activityId, lead: "ULEAD", outcome })).toMatchObject({
      ok: true,
    });
    expect(await markCompleted(database.db, { activityId, lead: "ULEAD", outcome })).toMatchObject({
      ok: false,
      reason: "stale",
    });
    expect(await loadRequestView(database.db, requestId)).toMatchObject({
      status: "completed",
      activity: {
        date: "2026-12-02",
        outcome: "completed",
        held: true,
        championRating: 5,
        dealResult: "won",
      },
    });
  });

  it("lets a lead record the answer for a champion without Slack", async () => {
    const { requestId, view } = await proposedRequest();
    const approved = await approveCandidate(database.db, {
      candidateId: candidateOf(view, "Mei Chen").id,
      lead: "ULEAD",
    });
    if (!approved.ok) throw new Error("approval failed");
    const result = await answerInvitation(database.db, {
      invitationId: approved.value.invitationId,
      answer: "accepted",
      by: { lead: "ULEAD" },
      text: "said yes on the phone",
      now: NOW,
    });
    expect(result).toMatchObject({ ok: true });
    expect((await loadRequestView(database.db, requestId))?.invitation).toMatchObject({
      answer: "accepted",
      answerText: "said yes on the phone",
    });
  });
});
