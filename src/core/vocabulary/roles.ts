// Job titles and request personas reduced to one canonical short label, a business function and a
// seniority level, so "Chief Financial Officer" on a roster matches "a CFO" in a request, and a
// "Senior Data Engineer" is recognised as a data person who is not a head of data.

import { anyMatches } from "../text";

export type RoleFunction =
  | "finance"
  | "it"
  | "engineering"
  | "security"
  | "data"
  | "operations"
  | "marketing"
  | "sales"
  | "hr"
  | "procurement"
  | "product"
  | "executive"
  | "legal"
  | "customer_success"
  | "other";

export type RoleLevel = "c_level" | "vp" | "director" | "manager" | "individual";

export interface RoleClass {
  label: string;
  function: RoleFunction;
  level: RoleLevel;
}

/** The C-suite, by acronym and by spelled-out title. */
const C_SUITE: readonly { label: string; function: RoleFunction; acronyms: string[]; titles: string[] }[] = [
  {
    label: "CEO",
    function: "executive",
    acronyms: ["ceo"],
    titles: ["chief executive officer", "chief executive"],
  },
  {
    label: "CFO",
    function: "finance",
    acronyms: ["cfo"],
    titles: ["chief financial officer", "chief finance officer"],
  },
  {
    label: "CISO",
    function: "security",
    acronyms: ["ciso", "cso"],
    titles: ["chief information security officer", "chief security officer", "chief cybersecurity officer"],
  },
  { label: "CIO", function: "it", acronyms: ["cio"], titles: ["chief information officer"] },
  {
    label: "CTO",
    function: "engineering",
    acronyms: ["cto"],
    titles: ["chief technology officer", "chief technical officer"],
  },
  {
    label: "COO",
    function: "operations",
    acronyms: ["coo"],
    titles: ["chief operating officer", "chief operations officer"],
  },
  { label: "CMO", function: "marketing", acronyms: ["cmo"], titles: ["chief marketing officer"] },
  {
    label: "CRO",
    function: "sales",
    acronyms: ["cro"],
    titles: ["chief revenue officer", "chief sales officer", "chief commercial officer"],
  },
  {
    label: "CHRO",
    function: "hr",
    acronyms: ["chro"],
    titles: [
      "chief human resources officer",
      "chief hr officer",
      "chief people officer",
      "chief talent officer",
    ],
  },
  {
    label: "CDO",
    function: "data",
    acronyms: ["cdo", "cdao"],
    titles: ["chief data officer", "chief data and analytics officer", "chief analytics officer"],
  },
  { label: "CPO", function: "product", acronyms: ["cpo"], titles: ["chief product officer"] },
  {
    label: "Chief Procurement Officer",
    function: "procurement",
    acronyms: [],
    titles: ["chief procurement officer", "chief purchasing officer"],
  },
  { label: "Chief Digital Officer", function: "it", acronyms: [], titles: ["chief digital officer"] },
  {
    label: "Chief Accounting Officer",
    function: "finance",
    acronyms: ["cao"],
    titles: ["chief accounting officer"],
  },
  {
    label: "General Counsel",
    function: "legal",
    acronyms: ["clo", "gc"],
    titles: ["chief legal officer", "general counsel"],
  },
  {
    label: "CCO",
    function: "customer_success",
    acronyms: ["cco"],
    titles: ["chief customer officer", "chief client officer", "chief experience officer"],
  },
];

/** Titles that are their own persona, whatever words surround them. Checked in order. */
const NAMED_TITLES: readonly { pattern: RegExp; role: RoleClass }[] = [
  {
    pattern: /\bco-?founder\b|\bfounder\b/,
    role: { label: "Founder", function: "executive", level: "c_level" },
  },
  {
    pattern: /^(?:the )?president\b|\bpresident and ceo\b/,
    role: { label: "President", function: "executive", level: "c_level" },
  },
  {
    pattern: /\bmanaging partner\b/,
    role: { label: "Managing Partner", function: "executive", level: "c_level" },
  },
  {
    pattern: /\bmanaging director\b/,
    role: { label: "Managing Director", function: "executive", level: "vp" },
  },
  {
    pattern: /\bgeneral manager\b|^gm\b/,
    role: { label: "General Manager", function: "executive", level: "director" },
  },
  {
    pattern: /\bchief of staff\b/,
    role: { label: "Chief of Staff", function: "executive", level: "director" },
  },
  {
    pattern: /\b(?:financial )?(?:controller|comptroller)s?\b/,
    role: { label: "Controller", function: "finance", level: "director" },
  },
  { pattern: /\btreasurer\b/, role: { label: "Treasurer", function: "finance", level: "director" } },
  {
    pattern: /\bproduct owner\b/,
    role: { label: "Product Owner", function: "product", level: "individual" },
  },
  { pattern: /\btech lead\b/, role: { label: "Tech Lead", function: "engineering", level: "manager" } },
  { pattern: /\bsys ?admin\b/, role: { label: "IT Administrator", function: "it", level: "individual" } },
  { pattern: /\bdba\b/, role: { label: "Database Administrator", function: "it", level: "individual" } },
  {
    pattern: /\baccount executive\b|^ae$/,
    role: { label: "Account Executive", function: "sales", level: "individual" },
  },
];

interface FunctionArea {
  function: RoleFunction;
  /** How the area reads in a label: "VP <display>", "<display> Director". */
  display: string;
  words: readonly string[];
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** One pattern for a list of words and phrases, matched as whole words. */
const words = (list: readonly string[]): RegExp =>
  new RegExp(`(?<![\\p{L}\\p{N}&])(?:${list.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}&])`, "u");

/**
 * Business areas in priority order: the first area a title mentions wins, so "Data Security" is security,
 * "Product Marketing" is marketing, "Engineering Manager, Payments" is engineering.
 */
const AREA_TABLE: readonly FunctionArea[] = [
  {
    function: "security",
    display: "Security",
    words: [
      "security",
      "information security",
      "infosec",
      "cybersecurity",
      "cyber",
      "secops",
      "appsec",
      "grc",
      "trust and safety",
    ],
  },
  {
    function: "data",
    display: "Data",
    words: [
      "data",
      "analytics",
      "business intelligence",
      "bi",
      "data science",
      "machine learning",
      "ml",
      "ai",
      "insights",
      "dataops",
    ],
  },
  {
    function: "finance",
    display: "Finance",
    words: [
      "finance",
      "financial",
      "accounting",
      "accounts payable",
      "accounts receivable",
      "fp&a",
      "fpa",
      "treasury",
      "tax",
      "payroll",
      "billing",
      "audit",
      "finops",
      "cfo office",
    ],
  },
  {
    function: "procurement",
    display: "Procurement",
    words: ["procurement", "purchasing", "sourcing", "vendor management", "supplier management"],
  },
  {
    function: "legal",
    display: "Legal",
    words: ["legal", "counsel", "compliance", "privacy", "contracts", "regulatory", "legal ops"],
  },
  {
    function: "hr",
    display: "HR",
    words: [
      "hr",
      "human resources",
      "people ops",
      "people operations",
      "people team",
      "people and culture",
      "people & culture",
      "talent",
      "talent acquisition",
      "recruiting",
      "hris",
      "total rewards",
    ],
  },
  {
    function: "customer_success",
    display: "Customer Success",
    words: [
      "customer success",
      "customer experience",
      "cx",
      "customer support",
      "support",
      "customer service",
      "client services",
      "client success",
      "customer care",
      "account management",
    ],
  },
  {
    function: "marketing",
    display: "Marketing",
    words: [
      "marketing",
      "product marketing",
      "brand",
      "growth",
      "demand gen",
      "demand generation",
      "communications",
      "comms",
      "pr",
      "content",
    ],
  },
  { function: "sales", display: "RevOps", words: ["revops", "rev ops", "revenue operations"] },
  {
    function: "sales",
    display: "Sales",
    words: [
      "sales",
      "revenue",
      "sales operations",
      "sales ops",
      "business development",
      "bizdev",
      "bd",
      "partnerships",
      "channel",
      "commercial",
    ],
  },
  {
    function: "engineering",
    display: "Engineering",
    words: [
      "engineering",
      "eng",
      "software",
      "development",
      "devops",
      "sre",
      "site reliability",
      "platform",
      "r&d",
      "architecture",
      "qa",
      "quality assurance",
    ],
  },
  {
    function: "it",
    display: "IT",
    words: [
      "it",
      "i.t.",
      "information technology",
      "infrastructure",
      "infra",
      "systems",
      "technology",
      "tech",
      "enterprise applications",
      "business applications",
      "erp",
      "cloud",
      "network",
      "networking",
      "service desk",
      "helpdesk",
      "help desk",
      "end user computing",
      "digital",
      "digital transformation",
    ],
  },
  {
    function: "product",
    display: "Product",
    words: ["product", "products", "product management", "ux", "design", "user experience"],
  },
  {
    function: "operations",
    display: "Operations",
    words: [
      "operations",
      "ops",
      "bizops",
      "business operations",
      "supply chain",
      "logistics",
      "fulfillment",
      "facilities",
      "strategy",
    ],
  },
  { function: "finance", display: "Payments", words: ["payments", "payment"] },
  { function: "executive", display: "Executive", words: ["executive", "leadership", "exec"] },
];

interface CompiledArea extends FunctionArea {
  pattern: RegExp;
}

const AREAS: readonly CompiledArea[] = AREA_TABLE.map((area) => ({ ...area, pattern: words(area.words) }));

/** Every word that names a business area ("finance", "revops", "it"), for finding personas in free text. */
export const ROLE_AREA_WORDS: readonly string[] = [...new Set(AREA_TABLE.flatMap((area) => area.words))];

/** Individual-contributor nouns that make a label on their own or after the area ("Data Engineer"). */
const IC_NOUNS: readonly { pattern: RegExp; noun: string; fallback: RoleFunction }[] = [
  { pattern: /\bengineers?\b/, noun: "Engineer", fallback: "engineering" },
  { pattern: /\bdevelopers?\b|\bprogrammers?\b/, noun: "Developer", fallback: "engineering" },
  { pattern: /\bscientists?\b/, noun: "Scientist", fallback: "data" },
  { pattern: /\banalysts?\b/, noun: "Analyst", fallback: "other" },
  { pattern: /\barchitects?\b/, noun: "Architect", fallback: "engineering" },
  { pattern: /\badministrators?\b|\badmins?\b/, noun: "Administrator", fallback: "it" },
  { pattern: /\baccountants?\b|\bbookkeepers?\b/, noun: "Accountant", fallback: "finance" },
  { pattern: /\brecruiters?\b/, noun: "Recruiter", fallback: "hr" },
  { pattern: /\bbuyers?\b/, noun: "Buyer", fallback: "procurement" },
  { pattern: /\bdesigners?\b/, noun: "Designer", fallback: "product" },
  { pattern: /\bspecialists?\b/, noun: "Specialist", fallback: "other" },
  { pattern: /\bconsultants?\b/, noun: "Consultant", fallback: "other" },
  { pattern: /\bcoordinators?\b/, noun: "Coordinator", fallback: "other" },
  { pattern: /\bassociates?\b/, noun: "Associate", fallback: "other" },
  { pattern: /\brepresentatives?\b|\breps?\b/, noun: "Representative", fallback: "sales" },
  { pattern: /\bofficers?\b/, noun: "Officer", fallback: "other" },
];

/** "RevOps person", "someone in finance": an area with no title noun. */
const PERSON_NOUN =
  /\b(?:person|people|folks?|guy|gal|team|expert|leader|user|someone|somebody|contact|practitioner)s?\b/;

const LEVELS: readonly { level: RoleLevel; pattern: RegExp }[] = [
  { level: "vp", pattern: /\b(?:[sear]vp|vp|vice president|vice-president)s?\b/ },
  { level: "vp", pattern: /\bhead of\b|\bheads of\b/ },
  { level: "director", pattern: /\bdirectors?\b|\bdir\b|\bhead\b|\bleaders?\b/ },
  { level: "manager", pattern: /\bmanagers?\b|\bmgr\b|\bleads?\b|\bsupervisors?\b|\bteam lead\b/ },
];

/**
 * What a rewrite below needs: an accent, punctuation, an abbreviation it spells out, or spacing
 * other than single spaces. A plain title ("acme", "cfo") needs only the trim.
 */
const NEEDS_NORMALIZING = /[\u0300-\u036f,/()|:;·–—_"'’!?.]|sr|jr|mgr|vp|[^\S ]|\s\s/;

/** Lowercase, accents and most punctuation gone, common abbreviations spelled out. */
function normalizeTitle(text: string): string {
  const folded = text.toLowerCase().normalize("NFKD");
  if (!NEEDS_NORMALIZING.test(folded)) return folded.trim();
  return folded
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[,/()|:;·–—_"'’!?]+/g, " ")
    .replace(/\bsr\.?(?=\s|$)/g, "senior")
    .replace(/\bjr\.?(?=\s|$)/g, "junior")
    .replace(/\bmgr\.?(?=\s|$)/g, "manager")
    .replace(/\bv\.p\.?/g, "vp")
    .replace(/\b(?:svp|evp|avp|rvp)\b/g, "vp")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/\.$/, "");
}

/** Each C-suite entry as one pattern: its acronyms (and plurals) or its spelled-out titles. */
const C_SUITE_PATTERNS = C_SUITE.map((entry) => ({
  entry,
  pattern: new RegExp(
    `\\b(?:${[...entry.acronyms.map((a) => `${a}s?`), ...entry.titles.map(escapeRegExp)].join("|")})\\b`,
  ),
}));

/** An unlisted chief: "chief sustainability officer". */
const CHIEF = /\bchief ([a-z& ]+?) officer\b/;

function classifyCSuite(title: string): RoleClass | null {
  for (const { entry, pattern } of C_SUITE_PATTERNS) {
    if (pattern.test(title)) return { label: entry.label, function: entry.function, level: "c_level" };
  }
  // An unlisted chief ("Chief Sustainability Officer") is still C-level.
  const chief = CHIEF.exec(title);
  if (chief?.[1]) {
    const area = findArea(chief[1]);
    const name = chief[1].replace(/\b\p{L}/gu, (c) => c.toUpperCase());
    return { label: `Chief ${name} Officer`, function: area?.function ?? "other", level: "c_level" };
  }
  return null;
}

/** "vp of people", "head of people": the HR team. */
const PEOPLE_TEAM = /\b(?:of|vp|director|head) people\b/;

function findArea(title: string): CompiledArea | null {
  // "vp of people", "head of people": people means HR only right after the title word.
  if (PEOPLE_TEAM.test(title)) {
    return AREAS.find((area) => area.function === "hr") ?? null;
  }
  return AREAS.find((area) => area.pattern.test(title)) ?? null;
}

function findLevel(title: string): { level: RoleLevel; isHead: boolean } | null {
  for (const { level, pattern } of LEVELS) {
    if (pattern.test(title)) return { level, isHead: /\bheads? of\b/.test(title) };
  }
  return null;
}

function levelLabel(level: RoleLevel, isHead: boolean, display: string): string {
  if (isHead) return `Head of ${display}`;
  switch (level) {
    case "vp":
      return `VP ${display}`;
    case "director":
      return `${display} Director`;
    case "manager":
      return `${display} Manager`;
    default:
      return display;
  }
}

const ACRONYMS = new Set([
  "it",
  "bi",
  "ai",
  "ml",
  "hr",
  "cx",
  "qa",
  "sre",
  "erp",
  "ux",
  "pr",
  "bd",
  "grc",
  "fp&a",
  "fpa",
]);

/** The area as the title words it ("Software", "Cloud", "Financial"), for individual-contributor labels. */
function areaWording(title: string, area: CompiledArea): string {
  const written = area.pattern.exec(title)?.[0] ?? area.display;
  return written
    .split(" ")
    .map((word) => (ACRONYMS.has(word) ? word.toUpperCase() : word.charAt(0).toUpperCase() + word.slice(1)))
    .join(" ");
}

function classifyIndividual(title: string, area: CompiledArea | null): RoleClass | null {
  const noun = IC_NOUNS.find((entry) => entry.pattern.test(title));
  if (noun) {
    const standalone = ["Accountant", "Recruiter", "Buyer"].includes(noun.noun);
    // "Senior Data Engineer" → "Data Engineer", "Software Engineer" stays "Software Engineer".
    const label = area && !standalone ? `${areaWording(title, area)} ${noun.noun}` : noun.noun;
    return { label, function: area?.function ?? noun.fallback, level: "individual" };
  }
  if (area) return { label: area.display, function: area.function, level: "individual" };
  return null;
}

/** "VP" + nothing, "Director" + nothing: a level without a business area. */
const BARE_LEVEL_LABELS: Record<RoleLevel, string> = {
  c_level: "Executive",
  vp: "VP",
  director: "Director",
  manager: "Manager",
  individual: "Individual Contributor",
};

/**
 * Whether any pattern below could match the title: one search where most words ("Acme", "Q3")
 * would have been tried against every pattern in turn. Without a match, no role is named.
 */
const mightNameARole = anyMatches([
  ...C_SUITE_PATTERNS.map(({ pattern }) => pattern),
  CHIEF,
  ...NAMED_TITLES.map(({ pattern }) => pattern),
  PEOPLE_TEAM,
  ...AREAS.map(({ pattern }) => pattern),
  ...LEVELS.map(({ pattern }) => pattern),
  ...IC_NOUNS.map(({ pattern }) => pattern),
  PERSON_NOUN,
]);

/**
 * Classifies a request persona ("a CISO", "head of data", "RevOps person") or a full title
 * ("SVP, Global Engineering", "Senior Data Engineer"); null when the text names no role.
 */
export function classifyRole(text: string): RoleClass | null {
  const title = normalizeTitle(text).replace(/^(?:an?|the|our|their|some) /, "");
  if (title === "" || !mightNameARole(title)) return null;

  const cSuite = classifyCSuite(title);
  if (cSuite) return cSuite;
  const named = NAMED_TITLES.find((entry) => entry.pattern.test(title));
  if (named) return { ...named.role };

  const area = findArea(title);
  const level = findLevel(title);
  if (level) {
    if (!area)
      return {
        label: level.isHead ? "Head" : BARE_LEVEL_LABELS[level.level],
        function: "other",
        level: level.level,
      };
    return {
      label: levelLabel(level.level, level.isHead, area.display),
      function: area.function,
      level: level.level,
    };
  }
  const hasNoun = IC_NOUNS.some((entry) => entry.pattern.test(title)) || PERSON_NOUN.test(title);
  // A bare area ("finance", "IT") reads as someone from that team, but "Acme Data" is not a role.
  if (area && !hasNoun) {
    const bare = new RegExp(`^(?:${area.pattern.source})$`, "u");
    return bare.test(title) ? { label: area.display, function: area.function, level: "individual" } : null;
  }
  return classifyIndividual(title, area);
}
