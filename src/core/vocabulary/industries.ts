// Canonical industries: one lowercase key each, with the words people use for them in Slack and in
// roster files, and which industries are close enough to count as a partial fit in matching.

import { allMatches, NAME_WORD } from "../text";

export interface Industry {
  label: string;
  /** Words and phrases that name the industry, safe to find inside longer text. */
  synonyms: readonly string[];
  /** Words that name the industry only when they are the whole value ("provider" alone in a roster cell). */
  exactOnly?: readonly string[];
  related: readonly string[];
}

export const INDUSTRIES = {
  healthcare: {
    label: "Healthcare",
    synonyms: [
      "healthcare",
      "health care",
      "health",
      "hospital",
      "hospitals",
      "health system",
      "health systems",
      "clinic",
      "clinics",
      "medical",
      "healthtech",
      "health tech",
      "digital health",
      "health plan",
      "health plans",
      "health insurer",
      "payer",
      "payers",
      "care provider",
      "care providers",
      // "hc" alone is also headcount; next to a customer or company word it is healthcare.
      "hc customer",
      "hc customers",
      "hc company",
      "hc companies",
      "hc org",
      "hc orgs",
      "hc space",
      "hc system",
      "hc systems",
    ],
    exactOnly: ["provider", "providers", "hls"],
    related: ["life_sciences", "insurance"],
  },
  life_sciences: {
    label: "Life Sciences",
    synonyms: [
      "life sciences",
      "life science",
      "pharma",
      "pharmaceutical",
      "pharmaceuticals",
      "biotech",
      "biotechnology",
      "medtech",
      "medical devices",
      "medical device",
      "clinical research",
    ],
    related: ["healthcare"],
  },
  fintech: {
    label: "Fintech",
    synonyms: [
      "fintech",
      "fin tech",
      "financial technology",
      "payments",
      "payment processor",
      "payment company",
      "neobank",
      "neobanks",
      "challenger bank",
      "lending platform",
      "lending",
      "crypto",
      "digital wallet",
      "insurtech",
      "wealthtech",
      "regtech",
    ],
    related: ["banking", "insurance", "software"],
  },
  banking: {
    label: "Banking & Financial Services",
    synonyms: [
      "banking",
      "bank",
      "banks",
      "financial services",
      "financial service",
      "finserv",
      "fin serv",
      "fin svcs",
      "fsi",
      "credit union",
      "credit unions",
      "wealth management",
      "asset management",
      "asset manager",
      "investment bank",
      "investment banking",
      "investment firm",
      "investment firms",
      "capital markets",
      "private equity",
      "hedge fund",
      "brokerage",
    ],
    exactOnly: ["finance", "financial"],
    related: ["fintech", "insurance"],
  },
  insurance: {
    label: "Insurance",
    synonyms: ["insurance", "insurer", "insurers", "insurance carrier", "reinsurance", "underwriting"],
    related: ["banking", "fintech", "healthcare"],
  },
  retail: {
    label: "Retail",
    synonyms: [
      "retail",
      "retailer",
      "retailers",
      "grocery",
      "grocer",
      "department store",
      "fashion",
      "apparel",
    ],
    related: ["ecommerce", "consumer_goods"],
  },
  ecommerce: {
    label: "E-commerce",
    synonyms: [
      "ecommerce",
      "e-commerce",
      "e commerce",
      "online retail",
      "online store",
      "marketplace",
      "marketplaces",
      "dtc",
      "d2c",
      "direct to consumer",
      "direct-to-consumer",
    ],
    related: ["retail", "consumer_goods"],
  },
  consumer_goods: {
    label: "Consumer Goods",
    synonyms: [
      "consumer goods",
      "cpg",
      "fmcg",
      "consumer packaged goods",
      "consumer products",
      "consumer brand",
      "consumer brands",
      "food and beverage",
      "food & beverage",
      "beverage",
    ],
    related: ["retail", "ecommerce", "manufacturing"],
  },
  manufacturing: {
    label: "Manufacturing",
    synonyms: [
      "manufacturing",
      "manufacturer",
      "manufacturers",
      "industrial",
      "industrials",
      "factory",
      "factories",
      "aerospace",
      "chemicals",
      "discrete manufacturing",
    ],
    related: ["automotive", "consumer_goods", "logistics", "energy"],
  },
  logistics: {
    label: "Logistics",
    synonyms: [
      "logistics",
      "supply chain",
      "freight",
      "3pl",
      "warehousing",
      "shipping company",
      "courier",
      "trucking",
    ],
    exactOnly: ["shipping", "distribution"],
    related: ["transportation", "manufacturing", "retail"],
  },
  transportation: {
    label: "Transportation",
    synonyms: [
      "transportation",
      "transport",
      "airline",
      "airlines",
      "rail",
      "railway",
      "aviation",
      "mobility",
      "transit",
    ],
    related: ["logistics", "automotive", "hospitality"],
  },
  automotive: {
    label: "Automotive",
    synonyms: [
      "automotive",
      "automaker",
      "automakers",
      "car maker",
      "carmaker",
      "car dealership",
      "dealerships",
    ],
    exactOnly: ["auto", "oem", "ev"],
    related: ["manufacturing", "transportation"],
  },
  education: {
    label: "Education",
    synonyms: [
      "education",
      "edtech",
      "ed tech",
      "higher ed",
      "higher education",
      "university",
      "universities",
      "college",
      "colleges",
      "school district",
      "school",
      "schools",
      "k-12",
      "k12",
      "e-learning",
      "elearning",
    ],
    related: ["public_sector", "nonprofit"],
  },
  public_sector: {
    label: "Public Sector",
    synonyms: [
      "public sector",
      "government",
      "govt",
      "gov",
      "govtech",
      "federal",
      "federal agency",
      "state agency",
      "state government",
      "local government",
      "city council",
      "municipality",
      "municipal",
      "ministry",
      "public agency",
      "defense",
      "defence",
      "slg",
    ],
    related: ["education", "nonprofit"],
  },
  telecom: {
    label: "Telecommunications",
    synonyms: [
      "telecom",
      "telecoms",
      "telecommunications",
      "telco",
      "telcos",
      "carrier",
      "carriers",
      "mobile operator",
      "isp",
      "wireless",
      "cable operator",
    ],
    related: ["media", "software"],
  },
  media: {
    label: "Media & Entertainment",
    synonyms: [
      "media company",
      "media companies",
      "media customer",
      "media customers",
      "media brand",
      "media brands",
      "media org",
      "media orgs",
      "media and entertainment",
      "media & entertainment",
      "entertainment",
      "publisher",
      "publishers",
      "publishing",
      "broadcaster",
      "broadcasting",
      "streaming",
      "gaming",
      "news organization",
      "newsroom",
    ],
    // "media" alone in a request usually means the press ("a media quote"), so only a whole value counts.
    exactOnly: ["media", "m&e"],
    related: ["telecom", "software"],
  },
  energy: {
    label: "Energy & Utilities",
    synonyms: [
      "energy",
      "utilities",
      "oil and gas",
      "oil & gas",
      "renewables",
      "renewable energy",
      "power company",
      "solar",
      "mining company",
      "utility company",
      "utility",
    ],
    exactOnly: ["mining"],
    related: ["manufacturing"],
  },
  software: {
    label: "Software & Technology",
    synonyms: [
      "software",
      "saas",
      "tech company",
      "tech companies",
      "technology company",
      "high tech",
      "hi-tech",
      "high-tech",
      "it services",
      "cloud provider",
      "cybersecurity",
      "b2b saas",
    ],
    exactOnly: ["tech", "technology", "internet"],
    related: ["fintech", "telecom", "media", "professional_services"],
  },
  hospitality: {
    label: "Hospitality & Travel",
    synonyms: [
      "hospitality",
      "hotel",
      "hotels",
      "travel company",
      "travel industry",
      "tourism",
      "restaurant",
      "restaurants",
      "food service",
      "qsr",
      "leisure",
      "casino",
      "cruise",
    ],
    exactOnly: ["travel"],
    related: ["transportation", "retail"],
  },
  real_estate: {
    label: "Real Estate",
    synonyms: [
      "real estate",
      "proptech",
      "property management",
      "commercial real estate",
      "cre",
      "reit",
      "property developer",
    ],
    related: ["construction", "banking"],
  },
  construction: {
    label: "Construction",
    synonyms: ["construction", "engineering and construction", "aec", "building materials"],
    exactOnly: ["contractor", "contractors"],
    related: ["real_estate", "manufacturing"],
  },
  nonprofit: {
    label: "Nonprofit",
    synonyms: [
      "nonprofit",
      "non-profit",
      "non profit",
      "not-for-profit",
      "not for profit",
      "charity",
      "charities",
      "ngo",
    ],
    exactOnly: ["foundation"],
    related: ["public_sector", "education"],
  },
  legal: {
    label: "Legal",
    synonyms: ["law firm", "law firms", "legaltech", "legal tech", "legal services", "legal industry"],
    exactOnly: ["legal"],
    related: ["professional_services"],
  },
  professional_services: {
    label: "Professional Services",
    synonyms: [
      "professional services",
      "consulting",
      "consultancy",
      "consultancies",
      "accounting firm",
      "audit firm",
      "agency",
      "agencies",
      "staffing",
      "recruiting firm",
      "business services",
    ],
    related: ["legal", "software"],
  },
  agriculture: {
    label: "Agriculture",
    synonyms: ["agriculture", "agri", "agtech", "ag tech", "farming", "agribusiness", "food production"],
    related: ["consumer_goods", "manufacturing"],
  },
} as const satisfies Record<string, Industry>;

export type IndustryKey = keyof typeof INDUSTRIES;

const INDUSTRY_KEYS = Object.keys(INDUSTRIES) as IndustryKey[];

const isIndustryKey = (value: string): value is IndustryKey => Object.hasOwn(INDUSTRIES, value);

/** Lowercase, accents stripped, words kept (with "&" for "oil & gas", "m&e"), everything else a separator. */
function words(text: string): { word: string; index: number }[] {
  const folded = text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "");
  return allMatches(folded, NAME_WORD).map((match) => ({ word: match[0], index: match.index }));
}

const normalizeText = (text: string): string =>
  words(text)
    .map((w) => w.word)
    .join(" ");

/** Every phrase that names an industry, mapped to its key; includes keys and labels themselves. */
const EXACT_NAMES = new Map<string, IndustryKey>();
/** Phrases safe to find inside free text, as normalized words: "health system", "e commerce". */
const PHRASES = new Map<string, IndustryKey>();
let longestPhrase = 1;

for (const key of INDUSTRY_KEYS) {
  const industry: Industry = INDUSTRIES[key];
  const names = [key, industry.label, ...industry.synonyms, ...(industry.exactOnly ?? [])];
  for (const name of names) EXACT_NAMES.set(normalizeText(name.replace(/_/g, " ")), key);
  for (const phrase of industry.synonyms) {
    const normalized = normalizeText(phrase);
    PHRASES.set(normalized, key);
    // "health care" is also written "healthcare", "e commerce" "ecommerce".
    if (normalized.includes(" ")) PHRASES.set(normalized.replace(/ /g, ""), key);
    longestPhrase = Math.max(longestPhrase, normalized.split(" ").length);
  }
}

export interface IndustryMention {
  key: IndustryKey;
  /** Offset of the mention in the text (for ordering mentions). */
  index: number;
  phrase: string;
}

/** Every industry named in free text, in order of appearance; the longest phrase wins ("health system"). */
export function findIndustries(text: string): IndustryMention[] {
  const tokens = words(text);
  const found: IndustryMention[] = [];
  for (let at = 0; at < tokens.length; ) {
    let matched = 0;
    for (let size = Math.min(longestPhrase, tokens.length - at); size >= 1 && matched === 0; size--) {
      const phrase = tokens
        .slice(at, at + size)
        .map((t) => t.word)
        .join(" ");
      const key = PHRASES.get(phrase);
      if (key) {
        found.push({ key, index: tokens[at]?.index ?? 0, phrase });
        matched = size;
      }
    }
    at += Math.max(1, matched);
  }
  return found;
}

/** "Financial Services" → "banking", "Health care" → "healthcare", free text → first industry named; null if none. */
export function normalizeIndustry(text: string): IndustryKey | null {
  const normalized = normalizeText(text);
  if (normalized === "") return null;
  const exact = EXACT_NAMES.get(normalized);
  if (exact) return exact;
  return findIndustries(normalized)[0]?.key ?? null;
}

/** True when the whole text is an industry's key, label or synonym ("Healthcare", "banks"), not merely contains one. */
export function isIndustryName(text: string): boolean {
  return EXACT_NAMES.has(normalizeText(text));
}

/** True for the same industry or a related one (the relation is symmetric). */
export function industriesRelated(a: string, b: string): boolean {
  const left = isIndustryKey(a) ? a : normalizeIndustry(a);
  const right = isIndustryKey(b) ? b : normalizeIndustry(b);
  if (!left || !right) return false;
  if (left === right) return true;
  const leftRelated: readonly string[] = INDUSTRIES[left].related;
  const rightRelated: readonly string[] = INDUSTRIES[right].related;
  return leftRelated.includes(right) || rightRelated.includes(left);
}

/** Human label for a key ("public_sector" → "Public Sector"); unknown keys are returned as given. */
export function industryLabel(key: string): string {
  return isIndustryKey(key) ? INDUSTRIES[key].label : key;
}
