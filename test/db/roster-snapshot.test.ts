import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addDays } from "../../src/core/dates";
import { type ActivityType, emptyRequest } from "../../src/core/domain";
import type { Answer } from "../../src/core/learning";
import { addProgramEvent } from "../../src/db/events-repository";
import {
  answerInvitation,
  approveCandidate,
  createRequest,
  loadRequestView,
  recordProposal,
} from "../../src/db/requests-repository";
import { importChampions, importHistory } from "../../src/db/roster-repository";
import { createRosterSnapshotSource } from "../../src/db/roster-snapshot";
import { champions, invitations, referenceRequests } from "../../src/db/schema";
import { parseChampionsCsv } from "../../src/roster/champions-csv";
import { NOW, TODAY } from "../support/builders";
import { testEngine, useTestDatabase } from "../support/database";

const database = useTestDatabase();

const CSV = `name,email,slack_user_id,company,industry,products,motivations
Dana,dana@x.example,U01DANA,Northwind,Fintech,Payments API;Billing,spotlight
Omar,omar@x.example,U01OMAR,Cedar,Healthcare,Analytics,duty
`;

async function seed() {
  await importChampions(database.db, parseChampionsCsv(CSV), "test");
}

/** Runs one ask through the app as it happens in Slack: request, proposal, approval, answer. */
async function askAndAnswer(email: string, activity: ActivityType, answer: Answer, daysAgo: number) {
  const [champion] = await database.db.select().from(champions).where(eq(champions.email, email));
  if (!champion) throw new Error(`no champion ${email}`);
  const requestId = await createRequest(database.db, {
    source: "cli",
    requestedBy: "UREP",
    rawText: "",
    fields: { ...emptyRequest(), activities: [activity] },
    notes: "",
  });
  const candidate = {
    championId: champion.id,
    email,
    name: champion.name,
    activity,
    alternatives: [],
    event: null,
    score: 1,
    fit: 1,
    yes: 0.6,
    load: 0,
    capacity: 4,
    flags: [],
    reasons: [],
  };
  await recordProposal(database.db, requestId, [candidate], "refdesk");
  const candidateId = (await loadRequestView(database.db, requestId))?.proposal?.candidates[0]?.id ?? 0;
  const approved = await approveCandidate(database.db, { candidateId, lead: "ULEAD" });
  if (!approved.ok) throw new Error(`approval failed: ${approved.reason}`);
  const answered = await answerInvitation(database.db, {
    invitationId: approved.value.invitationId,
    answer,
    // In Slack the champion answers; a lead records answers only for champions without it.
    by: champion.slackUserId ? { slackUserId: champion.slackUserId } : { lead: "ULEAD" },
    now: new Date(NOW.getTime() - daysAgo * 86_400_000),
  });
  if (!answered.ok) throw new Error(`answer failed: ${answered.reason}`);
}

describe(`roster snapshot on ${testEngine}`, () => {
  it("reads champions, their recent history, open invitations, events and the product vocabulary", async () => {
    await seed();
    await importHistory(
      database.db,
      [
        {
          line: 2,
          championEmail: "dana@x.example",
          activityType: "panel",
          date: "2026-10-01",
          outcome: "completed",
        },
        {
          line: 3,
          championEmail: "dana@x.example",
          activityType: "webinar",
          date: "2025-01-01",
          outcome: "completed",
        },
      ],
      "test",
    );
    const [omar] = await database.db.select().from(champions).where(eq(champions.email, "omar@x.example"));
    const [request] = await database.db
      .insert(referenceRequests)
      .values({ source: "cli", requestedBy: "test" })
      .returning({ id: referenceRequests.id });
    const eventId = await addProgramEvent(
      database.db,
      {
        name: "Panel",
        activityType: "panel",
        date: "2026-12-20",
        slots: 2,
        industry: "fintech",
        region: null,
        topic: "",
      },
      "test",
    );
    await database.db
      .insert(invitations)
      .values({ requestId: request?.id ?? 0, championId: omar?.id ?? 0, activityType: "panel", eventId });

    const snapshot = await createRosterSnapshotSource(database.db, () => NOW).current();
    expect(snapshot.today).toBe(TODAY);
    expect(snapshot.products).toEqual(["Analytics", "Billing", "Payments API"]);
    const byEmail = new Map(snapshot.roster.champions.map((c) => [c.email, c]));
    // The 2025 webinar is outside the load window.
    expect(byEmail.get("dana@x.example")?.history).toEqual([
      { activityType: "panel", date: "2026-10-01", outcome: "completed" },
    ]);
    expect(byEmail.get("omar@x.example")?.openInvitations).toBe(1);
    expect(snapshot.events).toEqual([
      {
        id: eventId,
        name: "Panel",
        activityType: "panel",
        date: "2026-12-20",
        industry: "fintech",
        region: null,
        openSlots: 1,
      },
    ]);
  });

  it("counts every invitation that reached a champion as an ask, and the ones left unanswered", async () => {
    await seed();
    await importHistory(
      database.db,
      [
        {
          line: 2,
          championEmail: "dana@x.example",
          activityType: "panel",
          date: "2026-10-01",
          outcome: "declined",
        },
      ],
      "test",
    );
    const [dana] = await database.db.select().from(champions).where(eq(champions.email, "dana@x.example"));
    const day = (daysAgo: number) => new Date(NOW.getTime() - daysAgo * 86_400_000);
    for (const [status, daysAgo] of [
      ["expired", 30],
      ["declined", 20],
      ["undelivered", 10],
      ["invited", 2],
    ] as const) {
      const [request] = await database.db
        .insert(referenceRequests)
        .values({ source: "cli", requestedBy: "test" })
        .returning({ id: referenceRequests.id });
      await database.db.insert(invitations).values({
        requestId: request?.id ?? 0,
        championId: dana?.id ?? 0,
        activityType: "reference_call",
        status,
        sentAt: day(daysAgo),
        ...(status === "expired" ? { expiresAt: day(daysAgo - 4) } : {}),
      });
    }
    const snapshot = await createRosterSnapshotSource(database.db, () => NOW).current();
    const read = snapshot.roster.champions.find((c) => c.email === "dana@x.example");
    // The imported decline, and three invitations (not the one Slack never delivered).
    expect([...(read?.asks ?? [])].sort()).toEqual(
      ["2026-10-01", addDays(TODAY, -30), addDays(TODAY, -20), addDays(TODAY, -2)].sort(),
    );
    expect(read?.ignored).toEqual([addDays(TODAY, -26)]);
    // Silence is a soft no in learning, for the kind of ask it was.
    expect(read?.answers).toContainEqual({
      activityType: "reference_call",
      answer: "ignored",
      date: addDays(TODAY, -26),
    });
  });

  it("gives matching each champion's answers: invitations answered in the app and imported outcomes", async () => {
    await seed();
    await askAndAnswer("dana@x.example", "reference_call", "declined", 20);
    await askAndAnswer("dana@x.example", "reference_call", "later", 3);
    await askAndAnswer("dana@x.example", "panel", "accepted", 10);
    await importHistory(
      database.db,
      [
        {
          line: 2,
          championEmail: "dana@x.example",
          activityType: "panel",
          date: "2026-09-01",
          outcome: "completed",
        },
        {
          line: 3,
          championEmail: "dana@x.example",
          activityType: "webinar",
          date: "2026-08-01",
          outcome: "declined",
        },
        {
          line: 4,
          championEmail: "dana@x.example",
          activityType: "webinar",
          date: "2026-07-01",
          outcome: "no_show",
        },
        // Outside the window: an answer that old would weigh under 2%.
        {
          line: 5,
          championEmail: "dana@x.example",
          activityType: "panel",
          date: "2025-06-01",
          outcome: "completed",
        },
      ],
      "test",
    );

    const snapshot = await createRosterSnapshotSource(database.db, () => NOW).current();
    const byEmail = new Map(snapshot.roster.champions.map((c) => [c.email, c]));
    const dana = byEmail.get("dana@x.example");
    const byDate = (a: { date: string }, b: { date: string }) => (a.date < b.date ? -1 : 1);
    // The app's own asks count once, through their invitations, not again through their activity rows.
    expect([...(dana?.answers ?? [])].sort(byDate)).toEqual([
      { activityType: "webinar", answer: "declined", date: "2026-08-01" },
      { activityType: "panel", answer: "accepted", date: "2026-09-01" },
      { activityType: "reference_call", answer: "declined", date: addDays(TODAY, -20) },
      { activityType: "panel", answer: "accepted", date: addDays(TODAY, -10) },
      { activityType: "reference_call", answer: "later", date: addDays(TODAY, -3) },
    ]);
    expect(byEmail.get("omar@x.example")?.answers).toEqual([]);
  });

  it("serves the cached snapshot until something matching reads changes, in any process", async () => {
    await seed();
    const source = createRosterSnapshotSource(database.db, () => NOW);
    const first = await source.current();
    expect(await source.current()).toBe(first);

    // A write through another source (as another app instance would make) invalidates this one.
    await database.db
      .update(champions)
      .set({ status: "paused" })
      .where(eq(champions.email, "omar@x.example"));
    const second = await source.current();
    expect(second).not.toBe(first);
    expect(second.roster.champions.find((c) => c.email === "omar@x.example")?.status).toBe("paused");
  });

  it("serves a recently confirmed snapshot without asking, for reads that accept a lag", async () => {
    await seed();
    let elapsedMs = 0;
    const source = createRosterSnapshotSource(database.db, () => NOW, { monotonic: () => elapsedMs });
    const first = await source.current();
    await database.db
      .update(champions)
      .set({ products: ["Payments API", "Treasury"] })
      .where(eq(champions.email, "dana@x.example"));

    elapsedMs = 4_000;
    expect(await source.current({ maxAgeMs: 5_000 })).toBe(first);
    // Without a window the write is seen at once, and seeing it confirms the new snapshot.
    const second = await source.current();
    expect(second.products).toContain("Treasury");

    // Confirmed at 4 s: served until 9 s, then asked again.
    await database.db
      .update(champions)
      .set({ products: ["Ledger"] })
      .where(eq(champions.email, "dana@x.example"));
    elapsedMs = 8_900;
    expect(await source.current({ maxAgeMs: 5_000 })).toBe(second);
    elapsedMs = 9_000;
    expect((await source.current({ maxAgeMs: 5_000 })).products).toContain("Ledger");
  });

  it("shares one reload between concurrent callers", async () => {
    await seed();
    const source = createRosterSnapshotSource(database.db, () => NOW);
    const [a, b] = await Promise.all([source.current(), source.current()]);
    expect(a).toBe(b);
  });
});
