import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { emptyRequest } from "../../src/core/domain";
import { addProgramEvent } from "../../src/db/events-repository";
import { HOME_WINDOW_DAYS, loadChampionHome, loadLeadHome, loadRepHome } from "../../src/db/home-repository";
import { loadProgramMetrics } from "../../src/db/report-repository";
import {
  answerInvitation,
  approveCandidate,
  createRequest,
  markCompleted,
  markScheduled,
  recordProposal,
} from "../../src/db/requests-repository";
import { activities, champions, gives, proposalCandidates, referenceRequests } from "../../src/db/schema";
import type { Matcher } from "../../src/services/matcher";
import { NOW, TODAY } from "../support/builders";
import { testEngine, useTestDatabase } from "../support/database";
import { importProgram } from "../support/program";

const database = useTestDatabase();

// Dana has helped once (the deal was won) and holds a new invitation; Omar accepted a call and was
// asked three times before without anything back; Mei is resting.
const ROSTER = `name,email,slack_user_id,company,title,industry,region,products,motivations,activities,max_asks_per_quarter,rest_until
Dana Whitfield,dana@northwind.example,U0DANA,Northwind,CFO,Fintech,EMEA,Payments API,spotlight;voice,panel;reference_call,2,
Omar Haddad,omar@cedar.example,U0OMAR,Cedar Bank,VP Finance,Banking,EMEA,Payments API,duty,,,
Mei Chen,mei@orbit.example,U0MEI,Orbit,CTO,Retail,APAC,Analytics,mastery,,,2027-01-10
`;
const HISTORY = `champion_email,activity_type,date,outcome
omar@cedar.example,reference_call,2026-10-01,completed
omar@cedar.example,reference_call,2026-10-20,completed
omar@cedar.example,review,2026-11-02,completed
`;
const FIELDS = {
  ...emptyRequest(),
  prospect_company: "Acme Payments",
  industry: "fintech",
  region: "EMEA" as const,
  activities: ["reference_call" as const],
};
const REP = "U0REP";
const OTHER_REP = "U0OTHER";
const LEAD = "U0LEAD";
const CONTACTS = [
  "dana@northwind.example",
  "omar@cedar.example",
  "mei@orbit.example",
  "@northwind",
  "@cedar",
];

async function openRequest(requestedBy: string, createdAt: string, prospect = "Acme Payments") {
  const id = await createRequest(database.db, {
    source: "slash_command",
    requestedBy,
    rawText: "fintech EMEA reference call",
    fields: { ...FIELDS, prospect_company: prospect },
    notes: "",
  });
  await database.db
    .update(referenceRequests)
    .set({ createdAt: new Date(createdAt) })
    .where(eq(referenceRequests.id, id));
  return id;
}

/** Proposes the roster for the request and has the lead approve `name`: the invitation's id. */
async function invite(matcher: Matcher, requestId: number, name: string): Promise<number> {
  const { candidates } = await matcher.propose(FIELDS, 3);
  const recorded = await recordProposal(database.db, requestId, candidates, "refdesk");
  if (!recorded) throw new Error("proposal refused");
  const rank = candidates.findIndex((candidate) => candidate.name === name) + 1;
  if (rank === 0) throw new Error(`${name} was not proposed`);
  const [row] = await database.db
    .select({ id: proposalCandidates.id })
    .from(proposalCandidates)
    .where(and(eq(proposalCandidates.proposalId, recorded.proposalId), eq(proposalCandidates.rank, rank)));
  const approved = await approveCandidate(database.db, { candidateId: row?.id ?? 0, lead: LEAD });
  if (!approved.ok) throw new Error(`approval refused: ${approved.reason}`);
  return approved.value.invitationId;
}

async function answer(invitationId: number, slackUserId: string, given: "accepted" | "declined") {
  const answered = await answerInvitation(database.db, {
    invitationId,
    answer: given,
    by: { slackUserId },
    now: NOW,
  });
  if (!answered.ok) throw new Error(`answer refused: ${answered.reason}`);
}

async function activityOf(requestId: number): Promise<number> {
  const [row] = await database.db
    .select({ id: activities.id })
    .from(activities)
    .where(eq(activities.requestId, requestId));
  return row?.id ?? 0;
}

/** The program of the comment above; returns the requests by name. */
async function buildProgram() {
  const matcher = await importProgram(database.db, ROSTER, HISTORY);
  const ids = new Map(
    (await database.db.select({ id: champions.id, name: champions.name }).from(champions)).map((row) => [
      row.name,
      row.id,
    ]),
  );
  // Another rep's request, which Dana helped with: held, deal won, and she was thanked.
  const helped = await openRequest(OTHER_REP, "2026-11-01T09:00:00Z", "Initech");
  await answer(await invite(matcher, helped, "Dana Whitfield"), "U0DANA", "accepted");
  const helpedActivity = await activityOf(helped);
  await markScheduled(database.db, { activityId: helpedActivity, date: "2026-11-18", lead: LEAD });
  await markCompleted(database.db, {
    activityId: helpedActivity,
    lead: LEAD,
    outcome: { held: true, championRating: 5, dealResult: "won", dealValue: "90000.00", notes: "" },
  });
  await database.db.insert(gives).values({
    championId: ids.get("Dana Whitfield") ?? 0,
    kind: "thanks",
    description: "Thank-you note from the CEO",
    givenBy: LEAD,
    givenAt: new Date("2026-11-19T12:00:00Z"),
  });

  // The rep's requests: Omar accepted and is scheduled; Dana is invited and has not answered.
  const accepted = await openRequest(REP, "2026-11-13T09:00:00Z", "Globex");
  await answer(await invite(matcher, accepted, "Omar Haddad"), "U0OMAR", "accepted");
  await markScheduled(database.db, {
    activityId: await activityOf(accepted),
    date: "2026-12-01",
    lead: LEAD,
  });
  const invited = await openRequest(REP, "2026-11-20T09:00:00Z", "Acme Payments");
  const danaInvitation = await invite(matcher, invited, "Dana Whitfield");
  // Nobody yet for a third rep's fresh request.
  const fresh = await openRequest("U0THIRD", "2026-11-23T08:00:00Z", "Umbrella");

  await addProgramEvent(
    database.db,
    {
      name: "Fintech Leaders Panel",
      activityType: "panel",
      date: "2026-12-15",
      slots: 2,
      industry: "fintech",
      region: "EMEA",
      topic: "",
    },
    LEAD,
  );
  await addProgramEvent(
    database.db,
    {
      name: "Last month's webinar",
      activityType: "webinar",
      date: "2026-10-15",
      slots: 3,
      industry: null,
      region: null,
      topic: "",
    },
    LEAD,
  );
  return { helped, accepted, invited, fresh, danaInvitation, ids };
}

describe(`the App Home's reads on ${testEngine}`, () => {
  it("gives leads open requests by stage and age, the roster as the report counts it, and events with room", async () => {
    const { accepted, invited, fresh, ids } = await buildProgram();
    const home = await loadLeadHome(database.db, { now: NOW, defaultCapacity: 4 });

    expect(home.today).toBe(TODAY);
    expect(home.windowDays).toBe(HOME_WINDOW_DAYS);
    // Oldest first; the completed request is closed.
    expect(
      home.openRequests.map(({ id, status, prospectCompany, requestedBy }) => ({
        id,
        status,
        prospectCompany,
        requestedBy,
      })),
    ).toEqual([
      { id: accepted, status: "scheduled", prospectCompany: "Globex", requestedBy: REP },
      { id: invited, status: "invited", prospectCompany: "Acme Payments", requestedBy: REP },
      { id: fresh, status: "request", prospectCompany: "Umbrella", requestedBy: "U0THIRD" },
    ]);
    expect(home.openRequests[0]?.createdAt.toISOString()).toBe("2026-11-13T09:00:00.000Z");

    const byName = new Map(home.roster.map((champion) => [champion.name, champion]));
    expect([...byName.keys()].sort()).toEqual(["Dana Whitfield", "Mei Chen", "Omar Haddad"]);
    expect(byName.get("Mei Chen")).toMatchObject({
      restingUntil: "2027-01-10",
      asks: 0,
      gives: 0,
      capacity: 4,
    });
    expect(byName.get("Dana Whitfield")).toMatchObject({
      capacity: 2,
      asks: 2,
      gives: 1,
      restingUntil: null,
    });
    // Omar: three imported asks and one invitation, nothing given back.
    expect(byName.get("Omar Haddad")).toMatchObject({
      asks: 4,
      gives: 0,
      risks: [expect.stringContaining("nothing given back")],
    });
    for (const champion of home.roster)
      expect(champion.ratio).toBeCloseTo(champion.load / champion.capacity, 10);

    // The same numbers as the program report, not a second derivation.
    const metrics = await loadProgramMetrics(database.db, {
      now: NOW,
      windowDays: HOME_WINDOW_DAYS,
      defaultCapacity: 4,
    });
    const atRisk = home.roster
      .filter((champion) => champion.risks.length > 0)
      .map((champion) => ({
        championId: champion.id,
        asks: champion.asks,
        gives: champion.gives,
        reasons: champion.risks,
      }));
    expect(atRisk).toEqual(
      expect.arrayContaining(
        metrics.atRisk.map(({ championId, asks, gives: given, reasons }) => ({
          championId,
          asks,
          gives: given,
          reasons,
        })),
      ),
    );
    expect(atRisk).toHaveLength(metrics.atRisk.length);
    expect(byName.get("Omar Haddad")?.id).toBe(ids.get("Omar Haddad"));

    expect(home.events.map((event) => ({ name: event.name, openSlots: event.openSlots }))).toEqual([
      { name: "Fintech Leaders Panel", openSlots: 2 },
    ]);
  });

  it("reads an empty program", async () => {
    const home = await loadLeadHome(database.db, { now: NOW, defaultCapacity: 4 });
    expect(home).toEqual({
      today: TODAY,
      windowDays: HOME_WINDOW_DAYS,
      openRequests: [],
      roster: [],
      events: [],
      bench: [],
    });
    expect(await loadRepHome(database.db, REP, 10)).toEqual({ total: 0, requests: [] });
    expect(await loadChampionHome(database.db, "U0DANA", { now: NOW, limit: 5 })).toBeNull();
  });

  it("gives a rep their own requests, naming a champion only once they accepted, and never an email", async () => {
    const { accepted, invited, danaInvitation } = await buildProgram();
    const home = await loadRepHome(database.db, REP, 10);
    expect(home.total).toBe(2);
    expect(home.requests).toEqual([
      {
        id: invited,
        status: "invited",
        prospectCompany: "Acme Payments",
        createdAt: new Date("2026-11-20T09:00:00Z"),
        activity: "reference_call",
        activityDate: null,
        champion: null,
      },
      {
        id: accepted,
        status: "scheduled",
        prospectCompany: "Globex",
        createdAt: new Date("2026-11-13T09:00:00Z"),
        activity: "reference_call",
        activityDate: "2026-12-01",
        champion: { name: "Omar Haddad", slackUserId: "U0OMAR" },
      },
    ]);
    const before = JSON.stringify(home);
    for (const secret of ["Dana", "U0DANA", ...CONTACTS]) expect(before).not.toContain(secret);

    await answer(danaInvitation, "U0DANA", "accepted");
    const after = await loadRepHome(database.db, REP, 10);
    expect(after.requests[0]?.champion).toEqual({ name: "Dana Whitfield", slackUserId: "U0DANA" });
    for (const secret of CONTACTS) expect(JSON.stringify(after)).not.toContain(secret);
    expect((await loadRepHome(database.db, REP, 1)).requests.map((request) => request.id)).toEqual([invited]);
  });

  it("keeps a champion who declined unnamed", async () => {
    const { danaInvitation } = await buildProgram();
    await answer(danaInvitation, "U0DANA", "declined");
    const home = await loadRepHome(database.db, REP, 10);
    expect(home.requests.find((request) => request.status === "declined")?.champion).toBeNull();
    expect(JSON.stringify(home)).not.toContain("Dana");
  });

  it("gives a champion their upcoming activities, what their help achieved and their preferences", async () => {
    await buildProgram();
    const dana = await loadChampionHome(database.db, "U0DANA", { now: NOW, limit: 5 });
    expect(dana).toEqual({
      name: "Dana Whitfield",
      status: "active",
      restUntil: null,
      motivations: ["spotlight", "voice"],
      activities: ["panel", "reference_call"],
      maxAsksPerQuarter: 2,
      upcoming: [],
      completed: [
        {
          id: expect.any(Number),
          activity: "reference_call",
          date: "2026-11-18",
          eventName: null,
          held: true,
          dealResult: "won",
        },
      ],
      achieved: { completed: 1, dealsInfluenced: 1, dealsWon: 1 },
      gives: [
        {
          kind: "thanks",
          description: "Thank-you note from the CEO",
          givenAt: new Date("2026-11-19T12:00:00Z"),
        },
      ],
    });

    const omar = await loadChampionHome(database.db, "U0OMAR", { now: NOW, limit: 5 });
    expect(omar?.upcoming.map(({ activity, date }) => ({ activity, date }))).toEqual([
      { activity: "reference_call", date: "2026-12-01" },
    ]);
    // Imported history counts as help given, without a deal.
    expect(omar?.achieved).toEqual({ completed: 3, dealsInfluenced: 0, dealsWon: 0 });
    expect(omar?.completed.map((activity) => activity.date)).toEqual([
      "2026-11-02",
      "2026-10-20",
      "2026-10-01",
    ]);
    expect((await loadChampionHome(database.db, "U0OMAR", { now: NOW, limit: 2 }))?.completed).toHaveLength(
      2,
    );

    expect(await loadChampionHome(database.db, "U0MEI", { now: NOW, limit: 5 })).toMatchObject({
      restUntil: "2027-01-10",
      maxAsksPerQuarter: null,
      upcoming: [],
      completed: [],
      gives: [],
    });
    expect(await loadChampionHome(database.db, REP, { now: NOW, limit: 5 })).toBeNull();
  });
});
