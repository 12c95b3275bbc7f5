import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addProgramEvent } from "../../src/db/events-repository";
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

  it("shares one reload between concurrent callers", async () => {
    await seed();
    const source = createRosterSnapshotSource(database.db, () => NOW);
    const [a, b] = await Promise.all([source.current(), source.current()]);
    expect(a).toBe(b);
  });
});
