import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { recordThanks, thanksSubject } from "../../src/db/gives-repository";
import { loadChampionHome, loadLeadHome } from "../../src/db/home-repository";
import {
  activities,
  auditLog,
  champions,
  gives,
  programEvents,
  referenceRequests,
} from "../../src/db/schema";
import { NOW } from "../support/builders";
import { testEngine, useTestDatabase } from "../support/database";

const database = useTestDatabase();

async function setUp() {
  const db = database.db;
  const [champion] = await db
    .insert(champions)
    .values({
      email: "dana@northwind.example",
      name: "Dana Whitfield",
      slackUserId: "U0DANA",
      company: "Northwind Pay",
      motivations: ["spotlight", "voice"],
      publicThanks: true,
    })
    .returning({ id: champions.id });
  const [event] = await db
    .insert(programEvents)
    .values({ name: "Payments Leaders Panel", activityType: "panel", eventDate: "2026-11-20", slots: 3 })
    .returning({ id: programEvents.id });
  const [request] = await db
    .insert(referenceRequests)
    .values({ source: "cli", requestedBy: "U0REP", prospectCompany: "Acme", industry: "fintech" })
    .returning({ id: referenceRequests.id });
  const [activity] = await db
    .insert(activities)
    .values({
      championId: champion?.id ?? 0,
      activityType: "panel",
      activityDate: "2026-11-20",
      outcome: "completed",
      held: true,
      requestId: request?.id ?? null,
      eventId: event?.id ?? null,
      dealResult: "won",
      dealValue: "120000",
    })
    .returning({ id: activities.id });
  if (!champion || !activity || !request) throw new Error("set-up rows missing");
  return { championId: champion.id, activityId: activity.id, requestId: request.id };
}

const thanks = (ids: { championId: number; activityId: number }, trigger: "completed" | "deal_won") => ({
  ...ids,
  kind: "recognition" as const,
  description: "a public shout-out for your panel",
  givenBy: "refdesk",
  trigger,
});

describe(`gives repository on ${testEngine}`, () => {
  it("records a thank-you once per activity and reason, each with its audit row", async () => {
    const ids = await setUp();
    expect(await recordThanks(database.db, thanks(ids, "completed"))).toBe(true);
    expect(await recordThanks(database.db, thanks(ids, "completed"))).toBe(false);
    expect(await recordThanks(database.db, thanks(ids, "deal_won"))).toBe(true);

    const rows = await database.db.select().from(gives).orderBy(gives.id);
    expect(rows.map((row) => [row.activityId, row.trigger, row.kind, row.givenBy])).toEqual([
      [ids.activityId, "completed", "recognition", "refdesk"],
      [ids.activityId, "deal_won", "recognition", "refdesk"],
    ]);
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.action, "activity.thanked"));
    expect(
      audits.map((row) => [row.entityType, row.entityId, (row.data as { trigger: string }).trigger]),
    ).toEqual([
      ["activity", String(ids.activityId), "completed"],
      ["activity", String(ids.activityId), "deal_won"],
    ]);
  });

  it("lets exactly one of two simultaneous calls record the thank-you", async () => {
    const ids = await setUp();
    const results = await Promise.all([
      recordThanks(database.db, thanks(ids, "completed")),
      recordThanks(database.db, thanks(ids, "completed")),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await database.db.select().from(gives)).toHaveLength(1);
  });

  it("leaves gives recorded by hand (no trigger) unconstrained", async () => {
    const ids = await setUp();
    const manual = {
      championId: ids.championId,
      activityId: ids.activityId,
      kind: "gift" as const,
      givenBy: "U0LEAD",
    };
    await database.db.insert(gives).values({ ...manual, description: "conference pass" });
    await database.db.insert(gives).values({ ...manual, description: "swag box" });
    expect(await recordThanks(database.db, thanks(ids, "completed"))).toBe(true);
    expect(await database.db.select().from(gives)).toHaveLength(3);
  });

  it("loads what a thank-you is built from, and nothing for an unknown activity", async () => {
    const ids = await setUp();
    expect(await thanksSubject(database.db, ids.activityId)).toEqual({
      activityId: ids.activityId,
      activity: "panel",
      held: true,
      dealResult: "won",
      requestId: ids.requestId,
      eventName: "Payments Leaders Panel",
      prospectIndustry: "fintech",
      champion: {
        id: ids.championId,
        name: "Dana Whitfield",
        slackUserId: "U0DANA",
        motivations: ["spotlight", "voice"],
        publicThanks: true,
      },
    });
    expect(await thanksSubject(database.db, ids.activityId + 1)).toBeNull();
  });

  it("shows the thank-you as a give on the lead's roster and the champion's Home", async () => {
    const ids = await setUp();
    await recordThanks(database.db, thanks(ids, "completed"));
    const lead = await loadLeadHome(database.db, { now: NOW, defaultCapacity: 4 });
    expect(lead.roster.find((row) => row.id === ids.championId)).toMatchObject({ gives: 1 });
    const home = await loadChampionHome(database.db, "U0DANA", { now: NOW, limit: 5 });
    expect(home?.gives).toEqual([
      { kind: "recognition", description: "a public shout-out for your panel", givenAt: expect.any(Date) },
    ]);
  });
});
