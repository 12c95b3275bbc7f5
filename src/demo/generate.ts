import { addDays } from "../core/dates";
import {
  ACTIVITY_TYPES,
  type ActivityType,
  type CompanySize,
  type HistoryOutcome,
  MOTIVATIONS,
  type Motivation,
  type Region,
} from "../core/domain";
import { MOTIVATION_FIT } from "../core/motivation";
import type { NewProgramEvent } from "../db/events-repository";
import type { ChampionInput } from "../roster/champions-csv";

// A deterministic demo program: the same seed gives the same roster, history and events, dated
// relative to `today` so that load and upcoming events stay meaningful whenever it is run.

export const DEMO_PRODUCTS = [
  "Payments API",
  "Billing",
  "Fraud Shield",
  "Data Warehouse",
  "Analytics",
] as const;

const INDUSTRIES = [
  "Healthcare",
  "Fintech",
  "Banking",
  "Insurance",
  "Retail",
  "Manufacturing",
  "Logistics",
  "Software",
  "Education",
  "Telecom",
] as const;

const TITLES = [
  "Chief Financial Officer",
  "VP Finance",
  "Controller",
  "Chief Information Officer",
  "CTO",
  "VP Engineering",
  "IT Director",
  "CISO",
  "Head of Data",
  "Director of Operations",
  "Head of Payments",
  "Senior Data Engineer",
] as const;

const ZONES: Readonly<Record<Region, readonly string[]>> = {
  NA: ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Toronto"],
  EMEA: [
    "Europe/London",
    "Europe/Berlin",
    "Europe/Paris",
    "Europe/Madrid",
    "Europe/Stockholm",
    "Africa/Johannesburg",
  ],
  APAC: ["Asia/Singapore", "Asia/Tokyo", "Australia/Sydney", "Asia/Kolkata"],
  LATAM: ["America/Sao_Paulo", "America/Mexico_City", "America/Bogota", "America/Argentina/Buenos_Aires"],
};

const FIRST_NAMES = [
  "Dana",
  "Priya",
  "Marcus",
  "Sofia",
  "Kenji",
  "Amara",
  "Lukas",
  "Elena",
  "Omar",
  "Grace",
  "Mateo",
  "Ingrid",
  "Tariq",
  "Mei",
  "Jonas",
  "Chloe",
  "Ravi",
  "Lucia",
  "Noah",
  "Zanele",
];
const LAST_NAMES = [
  "Whitfield",
  "Raman",
  "Okafor",
  "Lindqvist",
  "Tanaka",
  "Mensah",
  "Becker",
  "Rossi",
  "Haddad",
  "Kim",
  "Alvarez",
  "Novak",
  "Iqbal",
  "Chen",
  "Sato",
  "Dubois",
  "Patel",
  "Moreno",
  "Walsh",
  "Dlamini",
];
const COMPANY_STEMS = [
  "Northwind",
  "Bluepeak",
  "Cedar",
  "Harbor",
  "Lumen",
  "Orbit",
  "Pioneer",
  "Quarry",
  "Summit",
  "Vantage",
  "Willow",
  "Keystone",
  "Meridian",
  "Atlas",
  "Beacon",
  "Crescent",
  "Evergreen",
  "Granite",
  "Horizon",
  "Juniper",
];
const COMPANY_TAILS = [
  "Health",
  "Pay",
  "Bank",
  "Mutual",
  "Retail",
  "Works",
  "Freight",
  "Labs",
  "Learning",
  "Telecom",
];

/** Small, fast, seedable PRNG (mulberry32): demo data must not change between runs. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface DemoHistoryRow {
  championEmail: string;
  activityType: ActivityType;
  date: string;
  outcome: HistoryOutcome;
}

export interface DemoProgram {
  champions: ChampionInput[];
  history: DemoHistoryRow[];
  events: NewProgramEvent[];
}

export function generateDemoProgram(options: {
  champions: number;
  today: string;
  seed?: number;
}): DemoProgram {
  const random = prng(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const champions: ChampionInput[] = [];
  const history: DemoHistoryRow[] = [];

  for (let index = 0; index < options.champions; index++) {
    const industryIndex = Math.floor(random() * INDUSTRIES.length);
    const region = pick(["NA", "NA", "EMEA", "EMEA", "APAC", "LATAM"] as const);
    const motivations = shuffled(MOTIVATIONS, random).slice(0, 1 + Math.floor(random() * 3));
    const email = `champion${index + 1}@${COMPANY_STEMS[index % COMPANY_STEMS.length]?.toLowerCase()}.example`;
    const first = FIRST_NAMES[index % FIRST_NAMES.length];
    const last = LAST_NAMES[Math.floor(index / FIRST_NAMES.length) % LAST_NAMES.length];
    const willing = ACTIVITY_TYPES.filter(
      (type) => motivationFitFor(motivations, type) >= 0.5 || random() < 0.2,
    );
    champions.push({
      name: `${first} ${last}`,
      email,
      slackUserId: random() < 0.85 ? `U${(100000 + index).toString(36).toUpperCase()}DEMO` : null,
      emailOk: true,
      sharedChannelId: null,
      slackTeamId: null,
      company: `${COMPANY_STEMS[index % COMPANY_STEMS.length]} ${COMPANY_TAILS[industryIndex]}`,
      title: pick(TITLES),
      industry: INDUSTRIES[industryIndex] ?? "Software",
      companySize: pick(["smb", "mid", "enterprise", "enterprise"] as const satisfies readonly CompanySize[]),
      region,
      timezone: pick(ZONES[region]),
      products: shuffled(DEMO_PRODUCTS, random).slice(0, 1 + Math.floor(random() * 3)),
      motivations,
      activities: willing,
      maxAsksPerQuarter: random() < 0.2 ? 2 + Math.floor(random() * 5) : null,
      status: random() < 0.05 ? "paused" : random() < 0.03 ? "inactive" : "active",
      restUntil: random() < 0.05 ? addDays(options.today, 10 + Math.floor(random() * 60)) : null,
      notes: "",
    });
    const asks = Math.floor(random() * 6);
    for (let ask = 0; ask < asks; ask++) {
      const activityType = pick(willing.length > 0 ? willing : ACTIVITY_TYPES);
      const enjoys = motivationFitFor(motivations, activityType);
      history.push({
        championEmail: email,
        activityType,
        date: addDays(options.today, -1 - Math.floor(random() * 300)),
        outcome: random() < 0.35 * (1 - enjoys) ? "declined" : random() < 0.05 ? "no_show" : "completed",
      });
    }
  }
  return { champions, history, events: demoEvents(options.today) };
}

function motivationFitFor(motivations: readonly Motivation[], activity: ActivityType): number {
  return Math.max(...motivations.map((motivation) => MOTIVATION_FIT[motivation][activity]));
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function demoEvents(today: string): NewProgramEvent[] {
  return [
    {
      name: "Fintech leaders panel",
      activityType: "panel",
      date: addDays(today, 24),
      slots: 3,
      industry: "fintech",
      region: "EMEA",
      topic: "Real-time payments in regulated markets",
    },
    {
      name: "Healthcare data webinar",
      activityType: "webinar",
      date: addDays(today, 17),
      slots: 2,
      industry: "healthcare",
      region: "NA",
      topic: "Analytics without compromising patient privacy",
    },
    {
      name: "Retail operators dinner",
      activityType: "peer_event",
      date: addDays(today, 38),
      slots: 6,
      industry: "retail",
      region: null,
      topic: "Peak-season war stories",
    },
    {
      name: "Customer Advisory Board",
      activityType: "advisory_board",
      date: addDays(today, 60),
      slots: 8,
      industry: null,
      region: null,
      topic: "Roadmap input for next year",
    },
  ];
}
