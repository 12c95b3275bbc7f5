import { emptyRequest, type RequestFields } from "../../src/core/domain";
import type { ChampionRecord, EventSlot, MatchOptions } from "../../src/core/matching";

export const TODAY = "2026-11-23";
export const NOW = new Date(`${TODAY}T10:00:00Z`);

let nextId = 1;

/** A plain, eligible champion; tests override only what they are about. */
export function champion(overrides: Partial<ChampionRecord> = {}): ChampionRecord {
  const id = overrides.id ?? nextId++;
  // Each past entry of the history was an ask on its day, unless the test says otherwise.
  const asks = (overrides.history ?? []).filter((entry) => entry.date <= TODAY).map((entry) => entry.date);
  return {
    id,
    email: `champion${id}@example.com`,
    name: `Champion ${id}`,
    slackUserId: `U${String(id).padStart(6, "0")}`,
    company: `Company ${id}`,
    title: "Chief Financial Officer",
    industry: "Fintech",
    companySize: "enterprise",
    region: "EMEA",
    timezone: "Europe/Berlin",
    products: ["Payments API"],
    motivations: ["duty"],
    activities: [],
    maxAsksPerQuarter: null,
    status: "active",
    restUntil: null,
    history: [],
    answers: [],
    asks,
    ignored: [],
    openInvitations: 0,
    ...overrides,
  };
}

export function request(overrides: Partial<RequestFields> = {}): RequestFields {
  return { ...emptyRequest(), ...overrides };
}

export function event(overrides: Partial<EventSlot> = {}): EventSlot {
  return {
    id: 1,
    name: "Fintech leaders panel",
    activityType: "panel",
    date: "2026-12-15",
    industry: "fintech",
    region: "EMEA",
    openSlots: 2,
    ...overrides,
  };
}

export function options(overrides: Partial<MatchOptions> = {}): MatchOptions {
  return { defaultCapacity: 4, events: [], limit: 5, ...overrides };
}
