import { describe, expect, it } from "vitest";
import { type CompanySize, emptyRequest, type Region, type RequestFields } from "../../src/core/domain";
import { matchChampions, type PreparedChampion } from "../../src/core/matching";
import { addProgramEvent } from "../../src/db/events-repository";
import { importChampions, importHistory, knownChampionEmails } from "../../src/db/roster-repository";
import { loadSnapshot, type RosterSnapshot } from "../../src/db/roster-snapshot";
import { invitations, referenceRequests } from "../../src/db/schema";
import { generateDemoProgram } from "../../src/demo/generate";
import { championsToCsv, parseChampionsCsv } from "../../src/roster/champions-csv";
import { historyToCsv, parseHistoryCsv } from "../../src/roster/history-csv";
import { NOW, TODAY } from "../support/builders";
import { testEngine, useTestDatabase } from "../support/database";

const database = useTestDatabase();

/** A generated program through the real importers: profiles, a year of history and events. */
async function seed(size: number) {
  const demo = generateDemoProgram({ champions: size, today: TODAY, seed: 11 });
  await importChampions(database.db, parseChampionsCsv(championsToCsv(demo.champions)), "test");
  const history = parseHistoryCsv(historyToCsv(demo.history), {
    knownEmails: await knownChampionEmails(database.db),
    today: TODAY,
  });
  await importHistory(database.db, history, "test");
  for (const event of demo.events) await addProgramEvent(database.db, event, "test");
}

const request = (fields: Partial<RequestFields>): RequestFields => ({ ...emptyRequest(), ...fields });

const REQUESTS: RequestFields[] = [
  request({}),
  request({ industry: "healthcare", persona: "CFO", prospect_company: "Acme", deadline: "2026-11-27" }),
  request({
    region: "EMEA" as Region,
    industry: "fintech",
    products: ["Payments API"],
    company_size: "enterprise",
  }),
  request({ region: "APAC" as Region, industry: "retail", activities: ["panel", "webinar"] }),
  request({ industry: "banking", persona: "CIO", prospect_company: "Initech", deadline: "2026-12-30" }),
  request({
    region: "NA" as Region,
    industry: "software",
    persona: "CTO",
    company_size: "mid" as CompanySize,
  }),
  request({ products: ["Analytics", "Billing"], activities: ["case_study", "review", "press_quote"] }),
  request({
    region: "LATAM" as Region,
    persona: "VP Engineering",
    activities: ["peer_event", "conference_talk"],
  }),
];

/** Every ranking the snapshot gives for the requests above, with the prepared numbers of a sample. */
function rankings(snapshot: RosterSnapshot) {
  return {
    products: snapshot.products,
    events: snapshot.events,
    prepared: snapshot.roster.champions.slice(0, 40).map((champion) => ({
      email: champion.email,
      load: champion.load,
      asked: champion.asked,
      lately: champion.lately,
      unresponsiveUntil: champion.unresponsiveUntil,
      appeals: Array.from(champion.appeals),
      yes: Array.from(champion.yes),
      costs: Array.from(champion.costs),
      industryKey: champion.industryKey,
      companyKey: champion.companyKey,
      productKeys: [...champion.productKeys],
      role: champion.role,
      effectiveRegion: champion.effectiveRegion,
      utcOffset: champion.utcOffset,
    })),
    matches: REQUESTS.map((fields) =>
      matchChampions(fields, snapshot.roster, { defaultCapacity: 4, events: snapshot.events, limit: 5 }),
    ),
  };
}

describe(`the roster snapshot's ranking on ${testEngine}`, () => {
  it("ranks a generated roster exactly as the representation before the compact one did", async () => {
    await seed(1500);
    const snapshot = await loadSnapshot(database.db, 1, NOW);
    expect(snapshot.roster.champions).toHaveLength(1500);
    // Recorded with the roster held as plain rows (before paging, interning and compact numbers).
    await expect(`${JSON.stringify(rankings(snapshot), null, 1)}\n`).toMatchFileSnapshot(
      "./__snapshots__/roster-snapshot-ranking.json",
    );
  });

  it("reads the roster in pages into the same snapshot as in one page, sharing each repeated value", async () => {
    await seed(300);
    // Answers, asks and open invitations through the app's own invitations too, at both ends of a page.
    const requests = await database.db
      .insert(referenceRequests)
      .values([1, 2, 3, 4].map(() => ({ source: "cli" as const, requestedBy: "test" })))
      .returning({ id: referenceRequests.id });
    const day = (daysAgo: number) => new Date(NOW.getTime() - daysAgo * 86_400_000);
    const sent: Omit<typeof invitations.$inferInsert, "requestId" | "activityType">[] = [
      { championId: 1, status: "expired", sentAt: day(9), expiresAt: day(2) },
      { championId: 7, status: "invited", sentAt: day(1) },
      { championId: 8, status: "declined", answer: "declined", sentAt: day(5), answeredAt: day(4) },
      { championId: 150, status: "invited", sentAt: day(3) },
    ];
    await database.db.insert(invitations).values(
      sent.map((invitation, index) => ({
        ...invitation,
        requestId: requests[index]?.id ?? 0,
        activityType: "reference_call" as const,
      })),
    );
    const whole = await loadSnapshot(database.db, 1, NOW, { pageSize: 1000 });
    const paged = await loadSnapshot(database.db, 1, NOW, { pageSize: 7 });
    expect(paged).toEqual(whole);
    expect(paged.roster.champions.map((champion) => champion.id)).toEqual(
      Array.from({ length: 300 }, (_, index) => index + 1),
    );
    expect(whole.roster.champions.filter((champion) => champion.openInvitations > 0)).toHaveLength(2);

    // Equal text is one value, whichever page it came from.
    const [first, ...rest] = paged.roster.champions;
    const sameProducts = rest.find((champion) => champion.products.join() === first?.products.join());
    expect(sameProducts?.products).toBe(first?.products);
    expect(sameProducts?.productKeys).toBe(first?.productKeys);
    const sameTitle = rest.find((champion) => champion.title === first?.title);
    expect(sameTitle?.role).toBe(first?.role);
    // Without answers, the same motivations and asks give the same numbers: one copy of them.
    const unanswered = new Map<string, PreparedChampion[]>();
    for (const champion of paged.roster.champions.filter((candidate) => candidate.answers.length === 0)) {
      const key = `${champion.asked} ${champion.motivations.join()}`;
      unanswered.set(key, [...(unanswered.get(key) ?? []), champion]);
    }
    const [one, other] = [...unanswered.values()].find((twins) => twins.length > 1) ?? [];
    expect(other).toBeDefined();
    expect(other?.appeals).toBe(one?.appeals);
    expect(other?.yes).toBe(one?.yes);
    expect(other?.costs).toBe(one?.costs);
    const entries = paged.roster.champions.flatMap((champion) => champion.history);
    const byKey = new Map(entries.map((entry) => [JSON.stringify(entry), entry]));
    for (const entry of entries) expect(entry).toBe(byKey.get(JSON.stringify(entry)));
  });
});
