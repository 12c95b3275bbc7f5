import type { KnownBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import type { EventSlot } from "../../../src/core/matching";
import type {
  ChampionHome,
  LeadHome,
  OpenRequest,
  RepHome,
  RepRequest,
  RosterChampion,
} from "../../../src/db/home-repository";
import {
  byPressure,
  championHome,
  HOME_LIMITS,
  type HomeTab,
  homeView,
  leadHome,
  repHome,
} from "../../../src/slack/blocks/home";
import { actionIds, assertWithinLimits, LEAD, long, REP, TODAY, visibleText } from "./fixtures";

// The App Home per role, from realistic read models: a lead's program with a roster of 500, a rep's
// requests, a champion's own page, and everything at once.

const at = (day: string) => new Date(`${day}T09:00:00Z`);

function openRequest(overrides: Partial<OpenRequest> = {}): OpenRequest {
  return {
    id: 42,
    status: "proposed",
    prospectCompany: "Acme Payments GmbH",
    requestedBy: REP,
    createdAt: at("2026-11-17"),
    ...overrides,
  };
}

function rosterChampion(overrides: Partial<RosterChampion> = {}): RosterChampion {
  const load = overrides.load ?? 1.2;
  const capacity = overrides.capacity ?? 4;
  return {
    id: 1,
    name: "Dana Whitfield",
    status: "active",
    load,
    capacity,
    ratio: load / capacity,
    asks: 1,
    gives: 1,
    risks: [],
    restingUntil: null,
    ...overrides,
  };
}

/** `count` champions with distinct, deterministic loads (some at risk, some resting, a few tied). */
function roster(count: number): RosterChampion[] {
  return Array.from({ length: count }, (_, index) => {
    const id = index + 1;
    const load = ((id * 37) % 101) / 20; // 0 … 5, repeating: ties exercise the tie-break
    const capacity = [4, 4, 2, 6][id % 4] ?? 4;
    const asks = id % 7;
    const gives = id % 3 === 0 ? 0 : 1;
    const ratio = load / capacity;
    const risks = [
      ...(ratio >= 0.8 ? [`load ${load.toFixed(1)} of ${capacity}`] : []),
      ...(asks >= 3 && gives === 0 ? [`asked ${asks} times in 90 days with nothing given back`] : []),
    ];
    return rosterChampion({
      id,
      name: `Champion ${String(id).padStart(3, "0")}`,
      load,
      capacity,
      ratio,
      asks,
      gives,
      risks,
      restingUntil: id % 25 === 0 ? "2027-01-15" : null,
    });
  });
}

const PANEL: EventSlot = {
  id: 3,
  name: "Fintech Leaders Panel",
  activityType: "panel",
  date: "2026-12-15",
  industry: "fintech",
  region: "EMEA",
  openSlots: 2,
};

function leadData(overrides: Partial<LeadHome> = {}): LeadHome {
  return {
    today: TODAY,
    windowDays: 90,
    openRequests: [
      openRequest({ id: 40, createdAt: at("2026-11-10"), prospectCompany: "Globex Retail" }),
      openRequest({ id: 41, status: "invited", createdAt: at("2026-11-16"), prospectCompany: "Initech" }),
      openRequest({ id: 42 }),
      openRequest({ id: 43, status: "request", createdAt: at("2026-11-23"), prospectCompany: null }),
    ],
    roster: [
      rosterChampion({
        id: 1,
        name: "Dana Whitfield",
        load: 4.3,
        capacity: 4,
        asks: 5,
        gives: 1,
        risks: ["load 4.3 of 4 (108% of capacity)"],
      }),
      rosterChampion({
        id: 2,
        name: "Omar Haddad",
        load: 1.4,
        asks: 3,
        gives: 0,
        risks: ["asked 3 times in 90 days with nothing given back"],
      }),
      rosterChampion({ id: 3, name: "Mei Chen", load: 0.2, asks: 0, gives: 2, restingUntil: "2027-01-04" }),
    ],
    events: [PANEL],
    bench: [],
    ...overrides,
  };
}

const view = (blocks: KnownBlock[]): HomeTab => ({ type: "home", blocks });
const text = (blocks: KnownBlock[]): string => visibleText(view(blocks));

/** The champions' names in roster order on a rendered page. */
const rosterNames = (blocks: KnownBlock[]): string[] =>
  blocks.flatMap((block) => {
    const line = block.type === "section" ? (block.text?.text ?? "") : "";
    const match = /^\*(Champion \d{3})\* — load/.exec(line);
    return match?.[1] ? [match[1]] : [];
  });

describe("leadHome", () => {
  it("shows open requests by stage and age, roster health, events with open slots and quick actions", () => {
    const blocks = leadHome(leadData());
    const shown = text(blocks);
    expect(actionIds(blocks)).toEqual(["home.add_champion", "home.add_event", "home.report"]);
    expect(shown).toContain("*Open requests* (4), by stage");
    expect(shown).toContain("Waiting for approval: *2* (oldest 13 days)");
    expect(shown).toContain("Waiting for the champion: *1* (oldest 7 days)");
    expect(shown).toContain("Looking for a champion: *1* (oldest today)");
    expect(shown).toContain(`#40 Globex Retail · waiting for approval · 13 days · from <@${REP}>`);
    expect(shown).toContain("#43 no prospect named");
    expect(shown).toContain("3 champions · 2 at risk · 1 resting · asks 8 · gives 3 in the last 90 days");
    expect(shown).toContain("*Dana Whitfield* — load 4.3 of 4 (108%) · asks 5 · gives 1 · :warning: at risk");
    expect(shown).toContain("*Omar Haddad*: asked 3 times in 90 days with nothing given back");
    expect(shown).toContain("Mei Chen until 4 Jan 2027");
    expect(shown).toContain("*Fintech Leaders Panel* — panel, 15 Dec 2026 · 2 open slots · Fintech, EMEA");
    assertWithinLimits(view(blocks));
  });

  it("names an event's audience as the forms do, not by its codes", () => {
    const shown = text(
      leadHome(leadData({ events: [{ ...PANEL, industry: "public_sector", region: "NA" }] })),
    );
    expect(shown).toContain("2 open slots · Public Sector, North America");
  });

  it("says where to recruit: segments whose demand outran the champions with room", () => {
    const gap = {
      segment: { industry: "fintech", region: "NA" as const, role: "CFO", product: null },
      requests: 9,
      championsWithRoom: 2,
      asksLeft: 3,
    };
    const shown = text(leadHome(leadData({ bench: [gap] })));
    expect(shown).toContain("*Bench ahead of demand*");
    expect(shown).toContain(
      "• fintech CFOs in North America: 9 requests, 2 champions with room (3 asks left): recruit.",
    );
    expect(text(leadHome(leadData()))).toContain("Every kind of champion asked for has room for the demand.");
  });

  it("puts the most over-asked first", () => {
    const names = text(leadHome(leadData()));
    expect(names.indexOf("*Dana Whitfield* — load")).toBeLessThan(names.indexOf("*Omar Haddad* — load"));
    expect(names.indexOf("*Omar Haddad* — load")).toBeLessThan(names.indexOf("*Mei Chen* — load"));
  });

  it("shows an empty program without failing or paging", () => {
    const blocks = leadHome(leadData({ openRequests: [], roster: [], events: [] }));
    const shown = text(blocks);
    expect(shown).toContain("*Open requests*\\nNone right now.");
    expect(shown).toContain("0 champions · 0 at risk · 0 resting · asks 0 · gives 0");
    expect(shown).toContain("*Upcoming events with open slots*\\nNone scheduled.");
    expect(actionIds(blocks).filter((id) => id.startsWith("home.page:"))).toEqual([]);
    assertWithinLimits(view(blocks));
  });

  describe("with a roster of 500 champions", () => {
    const data = leadData({ roster: roster(500) });
    const pages = Math.ceil(500 / HOME_LIMITS.rosterPage);
    const expected = [...data.roster].sort(byPressure).map((champion) => champion.name);

    it("stays inside Block Kit's limits on every page", () => {
      for (let page = 1; page <= pages; page += 1) assertWithinLimits(view(leadHome(data, page)));
    });

    it("shows each champion exactly once across the pages, most over-asked first", () => {
      const seen = Array.from({ length: pages }, (_, index) => rosterNames(leadHome(data, index + 1))).flat();
      expect(seen).toEqual(expected);
      expect(new Set(seen).size).toBe(500);
      const first = data.roster.find((champion) => champion.name === seen[0]);
      expect(first?.ratio).toBe(Math.max(...data.roster.map((champion) => champion.ratio)));
    });

    it("pages with Previous and Next, and clamps a page out of range", () => {
      const pageIds = (page: number) =>
        actionIds(leadHome(data, page)).filter((id) => id.startsWith("home.page:"));
      expect(pageIds(1)).toEqual(["home.page:2"]);
      expect(pageIds(7)).toEqual(["home.page:6", "home.page:8"]);
      expect(pageIds(pages)).toEqual([`home.page:${pages - 1}`]);
      expect(rosterNames(leadHome(data, 999))).toEqual(rosterNames(leadHome(data, pages)));
      expect(rosterNames(leadHome(data, 0))).toEqual(expected.slice(0, HOME_LIMITS.rosterPage));
      expect(text(leadHome(data, 7))).toContain(`Page 7 of ${pages} · champions 121–140 of 500`);
    });

    it("lists only the first at-risk and resting champions, and says how many more", () => {
      const sections = leadHome(data).flatMap((block) =>
        block.type === "section" && block.text ? [block.text.text] : [],
      );
      const list = (title: string) =>
        (sections.find((section) => section.startsWith(title)) ?? "").split("\n");
      const atRisk = data.roster.filter((champion) => champion.risks.length > 0).length;
      expect(list(":warning: *At risk*")).toHaveLength(1 + HOME_LIMITS.listed + 1);
      expect(list(":warning: *At risk*").at(-1)).toBe(`_…and ${atRisk - HOME_LIMITS.listed} more_`);
      expect(list(":zzz: *Resting*").at(-1)).toBe(`_…and ${500 / 25 - HOME_LIMITS.listed} more_`);
    });
  });

  it("cuts and escapes long names, prospects and events", () => {
    const huge = long(400);
    const blocks = leadHome(
      leadData({
        openRequests: Array.from({ length: 80 }, (_, id) => openRequest({ id, prospectCompany: huge })),
        roster: Array.from({ length: 30 }, (_, id) =>
          rosterChampion({ id, name: `${huge}${id}`, risks: [huge, huge], restingUntil: "2027-02-01" }),
        ),
        events: Array.from({ length: 30 }, (_, id) => ({
          ...PANEL,
          id,
          name: huge,
          industry: huge,
        })),
      }),
    );
    assertWithinLimits(view(blocks));
    expect(text(blocks)).not.toContain("<&>");
    expect(text(blocks)).toContain("&lt;&amp;&gt;");
  });
});

function repRequest(overrides: Partial<RepRequest> = {}): RepRequest {
  return {
    id: 42,
    status: "invited",
    prospectCompany: "Acme Payments GmbH",
    createdAt: at("2026-11-20"),
    activity: "reference_call",
    activityDate: null,
    champion: null,
    ...overrides,
  };
}

describe("repHome", () => {
  it("says where each request stands, naming the champion only when the read model carries them", () => {
    const home: RepHome = {
      total: 3,
      requests: [
        repRequest(),
        repRequest({
          id: 41,
          status: "scheduled",
          activityDate: "2026-12-02",
          champion: { name: "Dana Whitfield", slackUserId: "U0DANA0001" },
        }),
        repRequest({
          id: 40,
          status: "request",
          activity: null,
          prospectCompany: null,
          createdAt: at(TODAY),
        }),
      ],
    };
    const shown = text(repHome(home, TODAY));
    expect(shown).toContain("*#42 Acme Payments GmbH* · asked 3 days ago");
    expect(shown).toContain("A champion has been invited to a reference call; waiting for their answer.");
    expect(shown).toContain(
      "Your reference call with Dana Whitfield (<@U0DANA0001>) is scheduled for 2 Dec 2026.",
    );
    expect(shown).toContain("*#40 A prospect* · asked today\\nLooking for the right champion.");
    expect(shown).toContain("/reference");
  });

  it("shows the most recent requests and says how many there are", () => {
    const home: RepHome = {
      total: 37,
      requests: Array.from({ length: HOME_LIMITS.rep }, (_, id) =>
        repRequest({ id, prospectCompany: long(400) }),
      ),
    };
    const blocks = repHome(home, TODAY);
    expect(text(blocks)).toContain(`Your ${HOME_LIMITS.rep} most recent of 37 requests.`);
    assertWithinLimits(view(blocks));
  });
});

function championData(overrides: Partial<ChampionHome> = {}): ChampionHome {
  return {
    name: "Dana Whitfield",
    status: "active",
    restUntil: null,
    motivations: ["spotlight", "voice"],
    activities: ["panel", "reference_call"],
    maxAsksPerQuarter: null,
    upcoming: [
      {
        id: 1,
        activity: "panel",
        date: "2026-12-15",
        eventName: "Fintech Leaders Panel",
        held: null,
        dealResult: null,
      },
    ],
    completed: [
      {
        id: 2,
        activity: "reference_call",
        date: "2026-11-02",
        eventName: null,
        held: true,
        dealResult: "won",
      },
    ],
    achieved: { completed: 4, dealsInfluenced: 2, dealsWon: 1 },
    gives: [{ kind: "thanks", description: "Thank-you note from the CEO", givenAt: at("2026-11-05") }],
    ...overrides,
  };
}

describe("championHome", () => {
  const options = { today: TODAY, defaultCapacity: 4 };

  it("shows what is coming up, what their help achieved, what they got back and their preferences", () => {
    const shown = text(championHome(championData(), options));
    expect(shown).toContain("Your advocacy, Dana");
    expect(shown).toContain("• Panel — Fintech Leaders Panel, 15 Dec 2026");
    expect(shown).toContain("You've helped 4 times; 2 deals influenced, 1 won. Thank you!");
    expect(shown).toContain("• Reference call, 2 Nov 2026 — the deal was won");
    expect(shown).toContain("• Thanks: Thank-you note from the CEO (5 Nov 2026)");
    expect(shown).toContain("spotlight-driven, wants a say in the product");
    expect(shown).toContain("panel, reference call");
    expect(shown).toContain("4 asks a quarter (the program default)");
    expect(shown).toContain("*Status*\\nActive");
  });

  it("reads well for a new champion who is resting, with their own cap", () => {
    const shown = text(
      championHome(
        championData({
          upcoming: [],
          completed: [],
          gives: [],
          achieved: { completed: 0, dealsInfluenced: 0, dealsWon: 0 },
          motivations: [],
          activities: [],
          maxAsksPerQuarter: 1,
          restUntil: "2027-04-01",
        }),
        options,
      ),
    );
    expect(shown).toContain("Nothing scheduled.");
    expect(shown).toContain("Nothing yet");
    expect(shown).not.toContain("What the program gave back");
    expect(shown).toContain("Anything that fits");
    expect(shown).toContain("1 ask a quarter");
    expect(shown).toContain("Resting until 1 Apr 2027");
  });
});

describe("homeView", () => {
  it("welcomes someone with no role and explains /reference", () => {
    const home = homeView({ today: TODAY, defaultCapacity: 4, rep: { total: 0, requests: [] } });
    expect(visibleText(home)).toContain("/reference healthcare CFO who could talk to Acme by Friday");
    expect(actionIds(home.blocks)).toEqual([]);
    assertWithinLimits(home);
  });

  it("composes every role a user has, within limits even at their largest", () => {
    const huge = long(400);
    const activity = {
      id: 1,
      activity: "webinar" as const,
      date: "2026-12-20",
      eventName: huge,
      held: true,
      dealResult: "open",
    };
    const home = homeView({
      today: TODAY,
      defaultCapacity: 4,
      lead: {
        data: leadData({
          roster: roster(500).map((champion) => ({ ...champion, name: `${huge}${champion.id}` })),
          openRequests: Array.from({ length: 300 }, (_, id) => openRequest({ id, prospectCompany: huge })),
        }),
        page: 3,
      },
      rep: {
        total: 500,
        requests: Array.from({ length: 50 }, (_, id) =>
          repRequest({
            id,
            status: "completed",
            prospectCompany: huge,
            champion: { name: huge, slackUserId: null },
          }),
        ),
      },
      champion: championData({
        name: huge,
        upcoming: Array.from({ length: 50 }, () => activity),
        completed: Array.from({ length: 50 }, () => activity),
        gives: Array.from({ length: 50 }, () => ({
          kind: "gift",
          description: huge,
          givenAt: at("2026-11-01"),
        })),
      }),
    });
    assertWithinLimits(home);
    const shown = visibleText(home);
    expect(shown).toContain("Reference program");
    expect(shown).toContain("Your advocacy");
    expect(shown).toContain("Your reference requests");
    expect(home.blocks.length).toBeLessThan(100);
  });

  it("gives a lead the paging buttons and a non-lead none", () => {
    const lead = homeView({
      today: TODAY,
      defaultCapacity: 4,
      lead: { data: leadData({ roster: roster(45) }), page: 2 },
    });
    expect(actionIds(lead.blocks)).toEqual([
      "home.add_champion",
      "home.add_event",
      "home.report",
      "home.page:1",
      "home.page:3",
    ]);
    const champion = homeView({ today: TODAY, defaultCapacity: 4, champion: championData() });
    expect(actionIds(champion.blocks)).toEqual([]);
    expect(visibleText(champion)).not.toContain(LEAD);
  });
});
