import type { Region } from "../domain";
import { allMatches, NAME_WORD } from "../text";

// Places people name in requests and roster files, mapped to the program's four sales regions:
// NA = US + Canada; LATAM = Mexico, Central & South America, Caribbean; EMEA = Europe, Middle East,
// Africa; APAC = Asia-Pacific including Australia, New Zealand and India.

/** Region words, countries (with short forms and demonyms), states, provinces and cities. */
const PLACES: Record<Region, readonly string[]> = {
  NA: [
    // region words
    "north america",
    "northern america",
    "namer",
    "east coast",
    "west coast",
    "midwest",
    "pacific northwest",
    "new england",
    "tri-state area",
    // US regions; the longer "southeast asia" or "northeast asia" wins where it is written
    "northeast",
    "southeast",
    "southwest",
    "northwest",
    "mid-atlantic",
    // countries and demonyms
    "united states",
    "united states of america",
    "usa",
    "america",
    "american",
    "canada",
    "canadian",
    "stateside",
    // US states and DC
    "alabama",
    "alaska",
    "arizona",
    "arkansas",
    "california",
    "colorado",
    "connecticut",
    "delaware",
    "florida",
    "georgia",
    "hawaii",
    "idaho",
    "illinois",
    "indiana",
    "iowa",
    "kansas",
    "kentucky",
    "louisiana",
    "maine",
    "maryland",
    "massachusetts",
    "michigan",
    "minnesota",
    "mississippi",
    "missouri",
    "montana",
    "nebraska",
    "nevada",
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "new york state",
    "north carolina",
    "north dakota",
    "ohio",
    "oklahoma",
    "oregon",
    "pennsylvania",
    "rhode island",
    "south carolina",
    "south dakota",
    "tennessee",
    "texas",
    "utah",
    "vermont",
    "virginia",
    "washington",
    "washington state",
    "west virginia",
    "wisconsin",
    "wyoming",
    "district of columbia",
    // Canadian provinces and territories
    "ontario",
    "quebec",
    "british columbia",
    "alberta",
    "manitoba",
    "saskatchewan",
    "nova scotia",
    "new brunswick",
    "newfoundland",
    "newfoundland and labrador",
    "prince edward island",
    "yukon",
    "northwest territories",
    "nunavut",
    // cities
    "new york city",
    "brooklyn",
    "manhattan",
    "los angeles",
    "san francisco",
    "bay area",
    "silicon valley",
    "san jose",
    "oakland",
    "seattle",
    "portland",
    "chicago",
    "boston",
    "austin",
    "dallas",
    "houston",
    "san antonio",
    "denver",
    "phoenix",
    "atlanta",
    "miami",
    "orlando",
    "tampa",
    "charlotte",
    "raleigh",
    "nashville",
    "washington dc",
    "washington d.c.",
    "philadelphia",
    "pittsburgh",
    "detroit",
    "minneapolis",
    "st. louis",
    "st louis",
    "saint louis",
    "kansas city",
    "salt lake city",
    "las vegas",
    "san diego",
    "columbus",
    "cleveland",
    "cincinnati",
    "indianapolis",
    "milwaukee",
    "baltimore",
    "sacramento",
    "toronto",
    "montreal",
    "vancouver",
    "calgary",
    "ottawa",
    "edmonton",
    "winnipeg",
  ],
  LATAM: [
    "latam",
    "latin america",
    "south america",
    "central america",
    "caribbean",
    "latin american",
    "mexico",
    "mexican",
    "brazil",
    "brasil",
    "brazilian",
    "argentina",
    "argentinian",
    "chile",
    "chilean",
    "colombia",
    "colombian",
    "peru",
    "peruvian",
    "venezuela",
    "ecuador",
    "bolivia",
    "paraguay",
    "uruguay",
    "guatemala",
    "honduras",
    "el salvador",
    "nicaragua",
    "costa rica",
    "panama",
    "cuba",
    "dominican republic",
    "puerto rico",
    "jamaica",
    "haiti",
    "trinidad and tobago",
    "bahamas",
    "barbados",
    "belize",
    "guyana",
    "suriname",
    "mexico city",
    "cdmx",
    "guadalajara",
    "monterrey",
    "sao paulo",
    "rio de janeiro",
    "brasilia",
    "belo horizonte",
    "buenos aires",
    "santiago",
    "bogota",
    "medellin",
    "lima",
    "quito",
    "montevideo",
    "caracas",
  ],
  EMEA: [
    // region words
    "emea",
    "europe",
    "european",
    "western europe",
    "eastern europe",
    "central europe",
    "northern europe",
    "southern europe",
    "southeast europe",
    "southeastern europe",
    "eu",
    "cee",
    "dach",
    "nordics",
    "nordic",
    "scandinavia",
    "scandinavian",
    "benelux",
    "iberia",
    "uki",
    "uk&i",
    "middle east",
    "mena",
    "gcc",
    "gulf",
    "africa",
    "african",
    "sub-saharan africa",
    // Europe
    "united kingdom",
    "uk",
    "great britain",
    "britain",
    "british",
    "england",
    "scotland",
    "wales",
    "northern ireland",
    "ireland",
    "irish",
    "france",
    "french",
    "germany",
    "german",
    "spain",
    "portugal",
    "italy",
    "italian",
    "netherlands",
    "the netherlands",
    "holland",
    "dutch",
    "belgium",
    "belgian",
    "luxembourg",
    "switzerland",
    "swiss",
    "austria",
    "austrian",
    "denmark",
    "danish",
    "sweden",
    "swedish",
    "norway",
    "norwegian",
    "finland",
    "finnish",
    "iceland",
    "poland",
    "polish",
    "czech republic",
    "czechia",
    "slovakia",
    "hungary",
    "romania",
    "bulgaria",
    "greece",
    "greek",
    "croatia",
    "slovenia",
    "serbia",
    "bosnia",
    "montenegro",
    "albania",
    "north macedonia",
    "estonia",
    "latvia",
    "lithuania",
    "ukraine",
    "moldova",
    "russia",
    "turkey",
    "turkiye",
    "cyprus",
    "malta",
    "monaco",
    "liechtenstein",
    "andorra",
    "armenia",
    "azerbaijan",
    // Middle East
    "uae",
    "united arab emirates",
    "emirates",
    "saudi arabia",
    "saudi",
    "ksa",
    "qatar",
    "kuwait",
    "bahrain",
    "oman",
    "israel",
    "israeli",
    "jordan",
    "lebanon",
    "egypt",
    "iraq",
    "iran",
    // Africa
    "south africa",
    "nigeria",
    "kenya",
    "ghana",
    "morocco",
    "tunisia",
    "algeria",
    "ethiopia",
    "rwanda",
    "uganda",
    "tanzania",
    "senegal",
    "ivory coast",
    "cote d'ivoire",
    "cameroon",
    "zambia",
    "zimbabwe",
    "botswana",
    "namibia",
    "mauritius",
    "angola",
    "mozambique",
    // cities
    "london",
    "manchester",
    "edinburgh",
    "glasgow",
    "dublin",
    "paris",
    "lyon",
    "berlin",
    "munich",
    "munchen",
    "frankfurt",
    "hamburg",
    "cologne",
    "dusseldorf",
    "stuttgart",
    "amsterdam",
    "rotterdam",
    "brussels",
    "antwerp",
    "zurich",
    "geneva",
    "vienna",
    "copenhagen",
    "stockholm",
    "oslo",
    "helsinki",
    "madrid",
    "barcelona",
    "lisbon",
    "porto",
    "milan",
    "rome",
    "athens",
    "warsaw",
    "krakow",
    "prague",
    "budapest",
    "bucharest",
    "tallinn",
    "riga",
    "vilnius",
    "kyiv",
    "kiev",
    "istanbul",
    "tel aviv",
    "dubai",
    "abu dhabi",
    "riyadh",
    "doha",
    "cairo",
    "johannesburg",
    "cape town",
    "lagos",
    "nairobi",
    "casablanca",
  ],
  APAC: [
    // region words
    "apac",
    "apj",
    "japac",
    "asia",
    "asian",
    "asia pacific",
    "asia-pacific",
    "southeast asia",
    "south east asia",
    "northeast asia",
    "sea region",
    "south asia",
    "east asia",
    "greater china",
    "anz",
    "oceania",
    "australasia",
    // countries
    "australia",
    "australian",
    "aussie",
    "new zealand",
    "india",
    "indian",
    "china",
    "chinese",
    "japan",
    "japanese",
    "south korea",
    "korea",
    "korean",
    "singapore",
    "singaporean",
    "hong kong",
    "taiwan",
    "indonesia",
    "indonesian",
    "malaysia",
    "malaysian",
    "thailand",
    "thai",
    "vietnam",
    "viet nam",
    "vietnamese",
    "philippines",
    "filipino",
    "pakistan",
    "bangladesh",
    "sri lanka",
    "nepal",
    "myanmar",
    "cambodia",
    "laos",
    "mongolia",
    "brunei",
    "fiji",
    "papua new guinea",
    "kazakhstan",
    "uzbekistan",
    // cities
    "sydney",
    "melbourne",
    "brisbane",
    "perth",
    "adelaide",
    "canberra",
    "auckland",
    "wellington",
    "tokyo",
    "osaka",
    "seoul",
    "beijing",
    "shanghai",
    "shenzhen",
    "guangzhou",
    "taipei",
    "bangalore",
    "bengaluru",
    "mumbai",
    "bombay",
    "delhi",
    "new delhi",
    "hyderabad",
    "chennai",
    "pune",
    "gurgaon",
    "gurugram",
    "noida",
    "kolkata",
    "jakarta",
    "kuala lumpur",
    "manila",
    "bangkok",
    "ho chi minh city",
    "saigon",
    "hanoi",
    "karachi",
    "lahore",
    "dhaka",
    "colombo",
  ],
};

/**
 * Short codes that are ordinary words or initials in lowercase ("us", "la", "me"): inside free text they
 * count only when written in capitals. A whole value ("us", "Ca") still counts.
 */
const CAPITALS_ONLY: Record<Region, readonly string[]> = {
  NA: [
    "US",
    "USA",
    "U.S.",
    "U.S.A.",
    "NA",
    "AMER",
    "NYC",
    "SF",
    "LA",
    "DC",
    "SoCal",
    "NorCal",
    "NY",
    "CA",
    "TX",
    "FL",
    "IL",
    "GA",
    "NJ",
    "MA",
    "PA",
    "NC",
    "VA",
    "AZ",
    "CO",
    "MN",
    "MI",
    "TN",
    "UT",
    "BC",
    "QC",
    "PST",
    "PDT",
    "PT",
    "EST",
    "EDT",
    "ET",
    "CST",
    "CDT",
    "MST",
    "MDT",
  ],
  LATAM: ["MX", "BR"],
  EMEA: ["UK", "DE", "NL", "CET", "CEST", "BST", "GMT"],
  APAC: ["AU", "NZ", "JP", "SG", "HK", "AEST", "AEDT", "SGT", "JST", "IST"],
};

/** Words that are also everyday names ("Austin", "Jordan", "Phoenix"): in free text they need "in", "from", … before them. */
const NEEDS_PLACE_CUE = new Set([
  "america",
  "american",
  "austin",
  "charlotte",
  "dallas",
  "georgia",
  "jordan",
  "orlando",
  "phoenix",
  "santiago",
  "sydney",
  "virginia",
  "washington",
  "gulf",
  "lima",
  "thai",
]);

const PLACE_CUE =
  /\b(?:in|from|at|across|near|around|out of|based in|located in|hq(?:'d)? in|headquartered in)\s+$/i;

// biome-ignore lint/suspicious/noControlCharactersInRegex: every ASCII character is the point
const ASCII = /^[\u0000-\u007f]*$/;

/** Lowercase and strip accents without changing the string's length, so offsets stay valid. */
function fold(text: string): string {
  // Most words are plain ASCII, where folding is lowercasing.
  if (ASCII.test(text)) return text.toLowerCase();
  let out = "";
  for (const char of text) {
    const bare = char.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
    out += bare.length === 1 ? bare.toLowerCase() : char.toLowerCase();
  }
  return out;
}

interface Token {
  /** As written, for codes that count only in capitals. */
  raw: string;
  folded: string;
  start: number;
  end: number;
}

/** Words of the text with their offsets; "São-Paulo", "St. Louis" and "U.S." split into their words. */
function tokenize(text: string): Token[] {
  // An ASCII text's words are all ASCII: asked once, not once a word.
  const ascii = ASCII.test(text);
  return allMatches(text, NAME_WORD).map((match) => ({
    raw: match[0],
    folded: ascii ? match[0].toLowerCase() : fold(match[0]),
    start: match.index,
    end: match.index + match[0].length,
  }));
}

const keyOf = (tokens: readonly Token[], caseSensitive: boolean): string =>
  tokens.map((token) => (caseSensitive ? token.raw : token.folded)).join(" ");

/** Names matched in any case, keyed by their folded words: "sao paulo", "st louis". */
const NAMES = new Map<string, Region>();
/** Codes matched only as written: "US", "U S", "NYC". */
const CODES = new Map<string, Region>();
/** Every name and code, folded, for whole-value lookups. */
const EXACT = new Map<string, Region>();
let longestName = 1;
/** The first word of every name (folded) and code (as written): most words start none. */
const FIRST_WORDS = new Set<string>();

for (const region of Object.keys(PLACES) as Region[]) {
  for (const name of PLACES[region]) {
    const tokens = tokenize(name);
    NAMES.set(keyOf(tokens, false), region);
    EXACT.set(keyOf(tokens, false), region);
    FIRST_WORDS.add((tokens[0] as Token).folded);
    longestName = Math.max(longestName, tokens.length);
  }
  for (const code of CAPITALS_ONLY[region]) {
    const tokens = tokenize(code);
    CODES.set(keyOf(tokens, true), region);
    FIRST_WORDS.add((tokens[0] as Token).raw);
    EXACT.set(keyOf(tokens, false), region);
  }
}

export interface PlaceMention {
  region: Region;
  /** Offset and length of the mention in the original text. */
  index: number;
  length: number;
  name: string;
}

/** Words of one name are separated by a space, hyphen, period or apostrophe, never by a comma. */
const JOINS_NAME = /^[\s.'’-]{1,3}$/;

function placeAt(
  text: string,
  tokens: readonly Token[],
  joinsNext: (index: number) => boolean,
  at: number,
): PlaceMention | null {
  const start = tokens[at] as Token;
  // A folded word holds a space only when folding made one (a lone combining mark): look it up anyway.
  if (!FIRST_WORDS.has(start.folded) && !FIRST_WORDS.has(start.raw) && !start.folded.includes(" "))
    return null;
  // The longest run of words joined as one name's are ("São Paulo", "St. Louis"; not "Paris, Texas").
  let joined = 1;
  while (joined < longestName && at + joined < tokens.length && joinsNext(at + joined - 1)) joined++;
  for (let size = joined; size >= 1; size--) {
    const words = tokens.slice(at, at + size);
    const first = words[0] as Token;
    const last = words[size - 1] as Token;
    const name = keyOf(words, false);
    const region = NAMES.get(name) ?? CODES.get(keyOf(words, true));
    if (!region) continue;
    if (NEEDS_PLACE_CUE.has(name) && !PLACE_CUE.test(text.slice(Math.max(0, first.start - 24), first.start)))
      continue;
    return { region, index: first.start, length: last.end - first.start, name };
  }
  return null;
}

/** Every place named in free text, in order of appearance; the longest name wins ("New York City"). */
export function findPlaces(text: string): PlaceMention[] {
  const tokens = tokenize(text);
  const joinsNext = (i: number): boolean =>
    i + 1 < tokens.length && JOINS_NAME.test(text.slice(tokens[i]?.end, tokens[i + 1]?.start));
  const found: PlaceMention[] = [];
  for (let at = 0; at < tokens.length; ) {
    const place = placeAt(text, tokens, joinsNext, at);
    if (!place) {
      at += 1;
      continue;
    }
    found.push(place);
    while (at < tokens.length && (tokens[at] as Token).start < place.index + place.length) at += 1;
  }
  return found;
}

function exactRegion(text: string): Region | null {
  const tokens = tokenize(text.trim().replace(/^(?:in|the)\s+/i, ""));
  return EXACT.get(keyOf(tokens, false)) ?? null;
}

/** True when the whole text names a place or region ("Munich", "the Nordics", "US"), not merely contains one. */
export const isPlaceName = (text: string): boolean => exactRegion(text) !== null;

/** "Chicago" → NA, "São Paulo" → LATAM, "DACH" → EMEA, "based in Bengaluru" → APAC; null when no place is named. */
export function regionOfPlace(text: string): Region | null {
  return exactRegion(text) ?? findPlaces(text)[0]?.region ?? null;
}

/** Zones under America/ that are in the US or Canada; every other America/ zone is LATAM. */
const NA_AMERICA_ZONES = new Set([
  "adak",
  "anchorage",
  "atikokan",
  "blanc-sablon",
  "boise",
  "cambridge_bay",
  "chicago",
  "creston",
  "dawson",
  "dawson_creek",
  "denver",
  "detroit",
  "edmonton",
  "fort_nelson",
  "fort_wayne",
  "glace_bay",
  "goose_bay",
  "halifax",
  "indianapolis",
  "inuvik",
  "iqaluit",
  "juneau",
  "knox_in",
  "los_angeles",
  "louisville",
  "menominee",
  "metlakatla",
  "moncton",
  "montreal",
  "new_york",
  "nipigon",
  "nome",
  "nuuk",
  "pangnirtung",
  "phoenix",
  "rainy_river",
  "rankin_inlet",
  "regina",
  "resolute",
  "shiprock",
  "sitka",
  "st_johns",
  "swift_current",
  "thunder_bay",
  "toronto",
  "vancouver",
  "whitehorse",
  "winnipeg",
  "yakutat",
  "yellowknife",
]);

/** Asia/ zones in the Middle East and the Caucasus, which belong to EMEA. */
const EMEA_ASIA_ZONES = new Set([
  "aden",
  "amman",
  "baghdad",
  "bahrain",
  "baku",
  "beirut",
  "damascus",
  "dubai",
  "famagusta",
  "gaza",
  "hebron",
  "istanbul",
  "jerusalem",
  "kuwait",
  "muscat",
  "nicosia",
  "qatar",
  "riyadh",
  "tbilisi",
  "tehran",
  "tel_aviv",
  "yerevan",
]);

/** Indian Ocean zones off Africa are EMEA; the rest (Maldives, Christmas Island, …) are APAC. */
const EMEA_INDIAN_ZONES = new Set(["antananarivo", "comoro", "mahe", "mauritius", "mayotte", "reunion"]);

/** Legacy and abbreviated zone names still found in old exports. */
const LEGACY_ZONES: Record<string, Region> = {
  est: "NA",
  est5edt: "NA",
  cst6cdt: "NA",
  mst: "NA",
  mst7mdt: "NA",
  pst8pdt: "NA",
  hst: "NA",
  cet: "EMEA",
  eet: "EMEA",
  met: "EMEA",
  wet: "EMEA",
  gb: "EMEA",
  "gb-eire": "EMEA",
  eire: "EMEA",
  egypt: "EMEA",
  israel: "EMEA",
  iran: "EMEA",
  turkey: "EMEA",
  portugal: "EMEA",
  poland: "EMEA",
  iceland: "EMEA",
  libya: "EMEA",
  japan: "APAC",
  singapore: "APAC",
  hongkong: "APAC",
  prc: "APAC",
  roc: "APAC",
  rok: "APAC",
  nz: "APAC",
  "nz-chat": "APAC",
  cuba: "LATAM",
  jamaica: "LATAM",
};

/** "America/Chicago" → NA, "America/Sao_Paulo" → LATAM, "Europe/Berlin" → EMEA, "Pacific/Auckland" → APAC. */
export function regionOfTimezone(iana: string): Region | null {
  const zone = iana.trim().toLowerCase();
  const [area = "", ...rest] = zone.split("/");
  const city = rest.join("/");
  if (rest.length === 0) return LEGACY_ZONES[zone] ?? null;
  switch (area) {
    case "america": {
      const first = city.split("/")[0] ?? "";
      // America/Indiana/*, America/Kentucky/*, America/North_Dakota/* are all US.
      if (["indiana", "kentucky", "north_dakota"].includes(first)) return "NA";
      return NA_AMERICA_ZONES.has(city) ? "NA" : "LATAM";
    }
    case "us":
    case "canada":
      return "NA";
    case "brazil":
    case "chile":
    case "mexico":
      return "LATAM";
    case "europe":
    case "africa":
      return "EMEA";
    case "asia":
      return EMEA_ASIA_ZONES.has(city) ? "EMEA" : "APAC";
    case "australia":
      return "APAC";
    case "pacific":
      if (city === "honolulu" || city === "johnston") return "NA";
      if (city === "galapagos" || city === "easter") return "LATAM";
      return "APAC";
    case "atlantic":
      if (city === "bermuda") return "NA";
      if (city === "stanley" || city === "south_georgia") return "LATAM";
      return "EMEA";
    case "indian":
      return EMEA_INDIAN_ZONES.has(city) ? "EMEA" : "APAC";
    default:
      return null;
  }
}
