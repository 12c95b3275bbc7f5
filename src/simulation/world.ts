import { ACTIVITIES } from "../core/activities";
import { addDays } from "../core/dates";
import {
  ACTIVITY_TYPES,
  type ActivityType,
  type ChampionProfile,
  type CompanySize,
  MOTIVATIONS,
  type Motivation,
  type Region,
  type RequestFields,
} from "../core/domain";
import type { Response } from "../core/learning";
import type { EventSlot } from "../core/matching";
import type { Assumptions } from "./assumptions";
import type { Random } from "./random";

// A synthetic program: a roster whose real motivations, willingness, silence and tolerance are known
// to the simulation but not to the matcher, a year of imported history where a few usual suspects
// did most of the work, skewed demand, and program events with slots.

/** What the simulation knows about a champion and the matcher does not. */
export interface HiddenTruth {
  motivations: readonly Motivation[];
  /** Log-odds offset of this person's yes: some are generous, some are not. */
  willingness: number;
  /** Chance they leave an invitation unanswered. */
  silence: number;
  /** Strain (ask-equivalents, fading over a quarter) they take before burning out. */
  tolerance: number;
}

export interface SimChampion {
  id: number;
  profile: ChampionProfile;
  truth: HiddenTruth;
}

export interface PastAsk {
  championId: number;
  activityType: ActivityType;
  date: string;
  response: Response;
}

export interface World {
  champions: SimChampion[];
  /** Imported history: the year before the simulation starts. */
  pastAsks: PastAsk[];
  /** Every request of the simulated year, in date order. */
  requests: { date: string; fields: RequestFields }[];
  events: EventSlot[];
}

const INDUSTRY_SUPPLY = {
  fintech: 3,
  healthcare: 3,
  banking: 2,
  insurance: 2,
  retail: 2,
  manufacturing: 2,
  software: 3,
  logistics: 1,
  education: 1,
  telecom: 1,
} as const;
type Industry = keyof typeof INDUSTRY_SUPPLY;
/** Demand is skewed: fintech and healthcare deals need references far more than the roster's mix. */
const INDUSTRY_DEMAND: Readonly<Record<Industry, number>> = {
  fintech: 6,
  healthcare: 5,
  banking: 2,
  insurance: 1,
  retail: 1.5,
  manufacturing: 1,
  software: 2,
  logistics: 0.5,
  education: 0.5,
  telecom: 0.5,
};
const REGION_WEIGHTS: Readonly<Record<Region, number>> = { NA: 45, EMEA: 30, APAC: 15, LATAM: 10 };
const ZONE: Readonly<Record<Region, string>> = {
  NA: "America/Chicago",
  EMEA: "Europe/Berlin",
  APAC: "Asia/Singapore",
  LATAM: "America/Sao_Paulo",
};
const TITLES = {
  "Chief Financial Officer": 3,
  "VP Finance": 2,
  CTO: 2,
  "VP Engineering": 2,
  "Chief Information Officer": 2,
  "IT Director": 2,
  "Head of Data": 2,
  "Director of Operations": 1,
  "Head of Payments": 1,
} as const;
const SIZES: Readonly<Record<CompanySize, number>> = { smb: 1, mid: 2, enterprise: 2 };
const PRODUCTS = ["Payments API", "Billing", "Fraud Shield", "Data Warehouse", "Analytics"] as const;
/** What reps name when they name an activity; most name none. */
const REQUESTED_ACTIVITY = {
  none: 55,
  reference_call: 28,
  case_study: 4,
  review: 4,
  press_quote: 2,
  webinar: 3,
  panel: 2,
  site_visit: 2,
} as const;
/** The few who did most of the asked-for work last year. */
const USUAL_SUSPECT_SHARE = 0.07;

function championProfile(index: number, random: Random): ChampionProfile {
  const region = random.weighted(REGION_WEIGHTS);
  const motivations = random.shuffled(MOTIVATIONS).slice(0, 1 + Math.floor(random.next() * 3));
  return {
    name: `Champion ${index + 1}`,
    email: `champion${index + 1}@customer${index + 1}.example`,
    slackUserId: `USIM${index + 1}`,
    company: `Customer ${index + 1}`,
    title: random.weighted(TITLES),
    industry: random.weighted(INDUSTRY_SUPPLY),
    companySize: random.weighted(SIZES),
    region,
    timezone: ZONE[region],
    products: random.shuffled(PRODUCTS).slice(0, 1 + Math.floor(random.next() * 3)),
    motivations,
    activities: [],
    maxAsksPerQuarter: random.next() < 0.25 ? 1 + Math.floor(random.next() * 3) : null,
    status: "active",
    restUntil: null,
  };
}

export function hiddenTruth(profile: ChampionProfile, assumptions: Assumptions, random: Random): HiddenTruth {
  const [primary, ...rest] = profile.motivations;
  const motivations =
    primary && random.next() < assumptions.wrongMotivationShare
      ? [random.pick(MOTIVATIONS.filter((motivation) => motivation !== primary)), ...rest]
      : profile.motivations;
  return {
    motivations,
    willingness: 0.6 * random.normal(),
    silence: random.next() < assumptions.silentShare ? 0.35 : 0.03,
    tolerance: assumptions.meanTolerance * (0.7 + 0.6 * random.next()),
  };
}

function requestFields(date: string, index: number, random: Random): RequestFields {
  const requested = random.weighted(REQUESTED_ACTIVITY);
  return {
    prospect_company: random.next() < 0.75 ? `Prospect ${index + 1}` : null,
    industry: random.weighted(INDUSTRY_DEMAND),
    company_size: random.next() < 0.6 ? random.weighted(SIZES) : null,
    region: random.next() < 0.8 ? random.weighted(REGION_WEIGHTS) : null,
    products: random.next() < 0.7 ? [random.pick(PRODUCTS)] : [],
    persona: random.next() < 0.8 ? random.weighted(TITLES) : null,
    activities: requested === "none" ? [] : [requested],
    // Reps give what they ask for the time it takes: nobody expects a case study by Friday.
    deadline: addDays(
      date,
      Math.max(10, requested === "none" ? 0 : ACTIVITIES[requested].leadDays + 5) +
        Math.floor(random.next() * 25),
    ),
  };
}

/** A webinar, a panel and a peer event every month, each with a few seats. */
export function programEvents(start: string, days: number): EventSlot[] {
  const events: EventSlot[] = [];
  for (let offset = 20, month = 0; offset < days + 60; offset += 30, month++) {
    for (const [activityType, openSlots] of [
      ["webinar", 2],
      ["panel", 3],
      ["peer_event", 6],
    ] as const) {
      events.push({
        id: events.length + 1,
        name: `${activityType} ${month + 1}`,
        activityType,
        date: addDays(start, offset + (events.length % 3)),
        industry: null,
        region: null,
        openSlots,
      });
    }
  }
  return events;
}

export function buildWorld(options: {
  champions: number;
  start: string;
  days: number;
  assumptions: Assumptions;
  random: Random;
}): World {
  const { random, assumptions } = options;
  const champions = Array.from({ length: options.champions }, (_, index) => {
    const profile = championProfile(index, random);
    return { id: index + 1, profile, truth: hiddenTruth(profile, assumptions, random) };
  });
  const pastAsks: PastAsk[] = [];
  for (const champion of champions) {
    const suspect = random.next() < USUAL_SUSPECT_SHARE;
    const count = suspect ? 8 + Math.floor(random.next() * 7) : Math.floor(random.next() * 3);
    for (let ask = 0; ask < count; ask++) {
      pastAsks.push({
        championId: champion.id,
        activityType: random.next() < 0.7 ? "reference_call" : random.pick(ACTIVITY_TYPES),
        date: addDays(options.start, -1 - Math.floor(random.next() * 365)),
        response: random.next() < (suspect ? 0.8 : 0.6) ? "accepted" : "declined",
      });
    }
  }
  const requests: World["requests"] = [];
  for (let week = 0; week * 7 < options.days; week++) {
    const count = random.poisson(assumptions.requestsPerWeek);
    for (let index = 0; index < count; index++) {
      const date = addDays(options.start, week * 7 + Math.floor(random.next() * 5));
      requests.push({ date, fields: requestFields(date, requests.length, random) });
    }
  }
  requests.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { champions, pastAsks, requests, events: programEvents(options.start, options.days) };
}
