// Deterministic reading of a Slack message as a customer-reference request: is it one, and which
// fields does it name? Pure: no I/O and no clock (the caller passes `now`), so the same text and
// context always give the same result. An LLM parser may improve on this; this one always works.

import { datesIn } from "../dates-in-text";
import {
  type ActivityType,
  type CompanySize,
  emptyRequest,
  type ParseResult,
  type RequestFields,
} from "../domain";
import { allMatches, anyMatches } from "../text";
import { findIndustries, isIndustryName } from "../vocabulary/industries";
import { findPlaces, isPlaceName } from "../vocabulary/regions";
import { classifyRole, ROLE_AREA_WORDS } from "../vocabulary/roles";

export interface ParseContext {
  now: Date;
  /** The roster's own product names, matched case-insensitively and returned spelled as given. */
  products: readonly string[];
}

interface Span {
  start: number;
  end: number;
}

interface Hit<T> extends Span {
  value: T;
}

const REQUEST_THRESHOLD = 0.5;

export function parseRequest(text: string, context: ParseContext): ParseResult {
  const clean = cleanSlackText(text);
  // A product name beats a loose persona ("someone on Analytics"); a clear persona beats a product
  // ("head of analytics" when Analytics is also a product).
  const productHits = findProducts(clean, context.products);
  const personas = findPersonas(clean).filter(
    (p) => !p.loose || !productHits.some((hit) => overlaps(p, hit)),
  );
  const products = productHits.filter((hit) => !personas.some((p) => overlaps(p, hit)));
  const places = findPlaces(clean).map((place) => ({
    start: place.index,
    end: place.index + place.length,
    value: place.region,
  }));
  const prospect = findProspect(clean, [...products, ...personas, ...places]);

  // Fields other than the prospect are read with the prospect's name blanked out, so "Bank of
  // America" does not make an NA request, and "Umbrella Health" says healthcare only when nothing
  // else in the message names an industry.
  const withoutProspect = blank(clean, prospect ? [prospect] : []);
  const scan = blank(withoutProspect, [...products, ...personas]);

  const request: RequestFields = {
    ...emptyRequest(),
    prospect_company: prospect?.value ?? null,
    industry: findIndustries(scan)[0]?.key ?? industryInName(prospect?.value) ?? null,
    company_size: findCompanySize(scan),
    region: places.find((place) => !prospect || !overlaps(place, prospect))?.value ?? null,
    products: unique(products.map((hit) => hit.value)),
    persona: personas[0]?.value ?? null,
    activities: findActivities(withoutProspect),
    deadline: findDeadline(blank(withoutProspect, products), context.now),
  };
  const confidence = scoreRequest(clean, request);
  return { isRequest: confidence >= REQUEST_THRESHOLD, confidence, request };
}

/** "Redwood Pharma", "Koala Bank": the industry a prospect's name names, when it names exactly one. */
function industryInName(name: string | undefined): string | null {
  if (!name) return null;
  const named = unique(findIndustries(name).map((mention) => mention.key));
  return named.length === 1 ? (named[0] ?? null) : null;
}

// ---------------------------------------------------------------------------------------------
// Text helpers

/**
 * A character every rewrite below needs: "<" (mentions, links), ":" (URLs, emoji codes), "&"
 * (entities), curly quotes, "w/", "#", a markup marker, or spaces to squeeze. Most messages have
 * none, and then only the trim applies.
 */
const SLACK_MARKUP = /[<:&‘’“”#*_~`\t]|w\/| {2}/i;

/** Slack markup to plain text: mentions, channel links, URLs, emoji codes, bold/italic markers. */
function cleanSlackText(text: string): string {
  if (!SLACK_MARKUP.test(text)) return text.trim();
  return text
    .replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/g, "@someone")
    .replace(/<#[A-Z0-9]+(?:\|[^>]*)?>/g, " ")
    .replace(/<!(?:here|channel|everyone)[^>]*>/g, "@here")
    .replace(/<(?:https?|mailto):[^|>]+\|([^>]+)>/g, "$1")
    .replace(/<(?:https?|mailto):[^>]+>|https?:\/\/\S+/g, " link ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/[‘’]/g, "'")
    .replace(/\bw\/(?=\s)/gi, "with")
    .replace(/[“”]/g, '"')
    .replace(/(^|\s)#[\w-]+/g, "$1 ")
    .replace(/:[a-z0-9_+-]+:/g, " ")
    .replace(/(?<![\p{L}\p{N}])[*_~`]+|[*_~`]+(?![\p{L}\p{N}])/gu, "")
    .replace(/[ \t]+/g, " ")
    .trim();
}

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

/** Replaces the spans with spaces, keeping every other offset where it was. */
function blank(text: string, spans: readonly Span[]): string {
  let out = text;
  for (const { start, end } of spans) out = out.slice(0, start) + " ".repeat(end - start) + out.slice(end);
  return out;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

/** Keeps the longest of overlapping hits, then returns them in text order. */
function resolveOverlaps<T extends Span>(hits: readonly T[]): T[] {
  const kept: T[] = [];
  for (const hit of [...hits].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)) {
    if (!kept.some((other) => overlaps(other, hit))) kept.push(hit);
  }
  return kept.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------------------------
// Products: the roster's vocabulary, tolerant of plurals, hyphens and missing spaces

/** Product names repeat from request to request: their patterns are compiled once. */
const productPatterns = new Map<string, RegExp | null>();

function productPattern(name: string): RegExp | null {
  let pattern = productPatterns.get(name);
  if (pattern === undefined) {
    pattern = compileProductPattern(name);
    // A roster's products number in the tens; a bound keeps odd input from growing the cache.
    if (productPatterns.size >= 1_000) productPatterns.clear();
    productPatterns.set(name, pattern);
  }
  return pattern;
}

function compileProductPattern(name: string): RegExp | null {
  const tokens = name
    .toLowerCase()
    .split(/[\s\-_]+/)
    .filter(Boolean);
  if (tokens.length === 0) return null;
  // "Payments API" also matches "payment api", "Payments-API", "PaymentsAPI" and "payments apis".
  const body = tokens
    .map((token) => (token.endsWith("s") ? `${escapeRegExp(token)}?` : `${escapeRegExp(token)}(?:e?s)?`))
    .join("[\\s-]*");
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, "giu");
}

/** Whether a text names any of the roster's products, for the last product list seen. */
let productsNamed: { products: readonly string[]; test: (text: string) => boolean } | null = null;

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a === b || (a.length === b.length && a.every((item, index) => item === b[index]));

function namesAProduct(text: string, products: readonly string[]): boolean {
  if (!productsNamed || !sameList(productsNamed.products, products)) {
    const patterns = products.map(productPattern).filter((pattern) => pattern !== null);
    productsNamed = { products, test: anyMatches(patterns) };
  }
  return productsNamed.test(text);
}

function findProducts(text: string, products: readonly string[]): Hit<string>[] {
  if (!namesAProduct(text, products)) return [];
  const hits: Hit<string>[] = [];
  for (const product of products) {
    const pattern = productPattern(product);
    if (!pattern) continue;
    for (const match of allMatches(text, pattern)) {
      hits.push({ start: match.index, end: match.index + match[0].length, value: product });
    }
  }
  return resolveOverlaps(hits);
}

// ---------------------------------------------------------------------------------------------
// Persona: role phrases found in the text, labelled by the roles vocabulary

const AREA = `(?:${[...ROLE_AREA_WORDS]
  .sort((a, b) => b.length - a.length)
  .map((word) => escapeRegExp(word).replace(/ /g, "\\s+"))
  .join("|")})`;
const AREAS = `${AREA}(?:\\s*(?:&|and|/)\\s*${AREA})?`;
const END = "(?![\\p{L}\\p{N}])";
const ROLE_NOUN =
  "(?:director|head|leader|lead|manager|mgr|person|people|folks?|guy|gal|engineer|developer|analyst|scientist|architect|admin|administrator|buyer|expert|practitioner|specialist|owner|exec|executive|leadership)s?";

/**
 * Role phrases, each with what any match of it holds (`needs`, tried first: one short search
 * instead of a pattern as long as the areas' list, for the many requests without such a phrase).
 */
export const PERSONA_PATTERNS: readonly { pattern: RegExp; needs?: RegExp; loose?: boolean }[] = [
  {
    pattern: new RegExp(
      `\\b(?:chief(?:\\s+[a-z&]+){1,5}?\\s+officer|co-?founder|founder|general counsel|(?:financial\\s+)?controller|comptroller|treasurer|ceo|cfo|cio|cto|ciso|coo|cmo|cro|chro|cdo|cdao|cpo|cso|cco)s?${END}`,
      "giu",
    ),
  },
  {
    pattern: new RegExp(
      `\\b(?:senior\\s+|sr\\.?\\s+)?(?:vp|svp|evp|avp|vice[\\s-]president)s?(?:\\s+of|\\s+for|,)?\\s+(?:global\\s+|group\\s+|corporate\\s+)?${AREAS}${END}`,
      "giu",
    ),
    needs: /vp|vice/iu,
  },
  {
    pattern: new RegExp(`\\b(?:heads?|directors?)\\s+of\\s+(?:global\\s+)?${AREAS}${END}`, "giu"),
    needs: /head|director/iu,
  },
  {
    pattern: new RegExp(`\\b${AREAS}\\s+${ROLE_NOUN}${END}`, "giu"),
    // Every role noun holds one of these ("leadership", "administrator", "executive").
    needs:
      /director|head|lead|manager|mgr|person|people|folk|guy|gal|engineer|developer|analyst|scientist|architect|admin|buyer|expert|practitioner|specialist|owner|exec/iu,
  },
  {
    pattern: new RegExp(
      `\\b(?:someone|somebody|anyone|anybody|a person|people|folks)\\s+(?:in|from|on|running)\\s+(?:the\\s+)?${AREAS}${END}`,
      "giu",
    ),
    needs: /someone|somebody|anyone|anybody|person|people|folks/iu,
    loose: true,
  },
];

/** A lowercase "it" is usually the pronoun; it names the IT team only right before a role word. */
function isPlausiblePersona(phrase: string): boolean {
  if (
    /\bit\b/.test(phrase) &&
    !/\bit\s+(?:director|manager|admin|administrator|leader|lead|head)s?\b/.test(phrase)
  ) {
    return false;
  }
  // "a hot sales lead" is a prospect, not a sales manager.
  return !/\bsales\s+leads?\b/i.test(phrase);
}

function findPersonas(text: string): (Hit<string> & { loose: boolean })[] {
  const hits: (Hit<string> & { loose: boolean })[] = [];
  for (const { pattern, needs, loose = false } of PERSONA_PATTERNS) {
    if (needs && !needs.test(text)) continue;
    for (const match of allMatches(text, pattern)) {
      if (!isPlausiblePersona(match[0])) continue;
      const role = classifyRole(match[0]);
      if (role)
        hits.push({ start: match.index, end: match.index + match[0].length, value: role.label, loose });
    }
  }
  return resolveOverlaps(hits);
}

// ---------------------------------------------------------------------------------------------
// Prospect company

/** Words that are never a company name, even capitalised at a sentence start or typed after "for". */
const COMMON_WORDS: ReadonlySet<string> = new Set(
  `a an the this that these those some any each every all both either neither no none another other others
  i me my mine we us our ours you your yours he him his she her hers it its they them their theirs
  myself ourselves yourself themselves someone somebody anyone anybody everyone everybody nobody
  something anything everything nothing one ones who whom whose which what when where why how
  is are was were be been being am do does did done doing have has had having get gets got getting
  can could will would shall should may might must need needs needed needing want wants wanted
  let lets make makes made take takes took give gives gave go goes going went come comes came
  know knows knew see sees saw seen look looks looking find finds found help helps helped
  ask asks asked asking use uses used using try tries tried work works worked working
  talk talks talked talking speak speaks speaking chat chats call calls called calling join joins
  say says said tell tells told think thinks thought feel feels hope hoping wonder wondering
  and or but if then so because as at by for from in into of on onto to with without about
  above after against along among around before behind below between beyond during except
  inside near off out over past since than through till until up upon via within
  not yes yeah yep nope ok okay sure thanks thank thx ty please pls plz hey hi hello hiya folks team
  all just also too very really quite still already soon now today tonight tomorrow yesterday
  asap eod eow eom eoq eoy fyi btw imo tbh lmk np rn urgent quickly
  new old big small large huge great good nice happy quick short long first last next same
  similar specific potential existing current strong relevant friendly willing senior junior
  real own main key top best better more most less least many much few several
  customer customers client clients reference references ref refs champion champions advocate
  advocates peer peers prospect prospects deal deals opp opps opportunity opportunities account
  accounts company companies org organization business logo logos user users buyer buyers
  partner partners vendor vendors person people guy guys gal
  meeting meetings panel panels webinar webinars event events dinner dinners lunch breakfast
  conference conferences keynote case study studies quote quotes review reviews visit
  visits board feedback session sessions roundtable meetup demo demos intro intros story stories
  week weeks month months quarter quarters year years day days time times end morning afternoon
  evening night weekend
  rfp poc pilot eval evaluation renewal expansion contract contracts pricing proposal
  ae se csm sdr bdr am rep reps api apis sdk sso crm erp saas smb mid enterprise startup startups
  example instance scale sale sales purpose free
  slack zoom teams gong g2 gartner forrester trustradius capterra linkedin
  q qq question questions pm pms pmm pmms cs cx hr ops revops marketing product legal press media
  analyst analysts security procurement mid-size mid-sized midsize midmarket mid-market`
    .split(/\s+/)
    .filter(Boolean),
);

const MONTHS_AND_DAYS: ReadonlySet<string> = new Set(
  `january february march april may june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec
  monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun`
    .split(/\s+/)
    .filter(Boolean),
);

/** Capitalised sentence openers to step over: "The Initech deal", "FYI Globex is asking". */
const OPENERS: ReadonlySet<string> = new Set([
  "the",
  "our",
  "their",
  "a",
  "an",
  "this",
  "that",
  "fyi",
  "hey",
  "hi",
  "so",
  "also",
]);

const NAME_TOKEN = /[\p{L}\p{N}][\p{L}\p{N}&'.-]*/uy;
const NAME_CONNECTOR = / (?:&|of|de|du|da|do|von|van) (?=\p{Lu})/uy;

const isCapitalised = (word: string): boolean => /^(?:\p{Lu}|\p{N}|\p{Ll}\p{Lu})/u.test(word);

/** A word that cannot be part of a company name. */
function isStopWord(word: string): boolean {
  const lower = word.toLowerCase();
  return COMMON_WORDS.has(lower) || MONTHS_AND_DAYS.has(lower) || /^q[1-4]$/.test(lower);
}

/**
 * Reads a company name starting at `from`: a run of capitalised words ("Stark Industries",
 * "Bank of America", "AT&T"), or a single lowercase word when the message is typed in lowercase
 * ("talk to acme"). Stops at punctuation, ordinary words and known products, personas and places.
 */
function readName(
  text: string,
  from: number,
  blocked: readonly Span[],
  allowLowercase: boolean,
): Span | null {
  let pos = from;
  const tokens: Span[] = [];
  for (;;) {
    NAME_TOKEN.lastIndex = pos;
    const match = NAME_TOKEN.exec(text);
    if (!match) break;
    const raw = match[0];
    const word = raw.replace(/(?:'s|[.'-])+$/i, "");
    const token = { start: pos, end: pos + word.length };
    const first = tokens.length === 0;
    if (!isCapitalised(word) && (!first || !allowLowercase)) break;
    if (blocked.some((span) => overlaps(span, token))) break;
    if (isStopWord(word) && !(isCapitalised(word) && startsLongerName(text, token.end, word))) {
      if (!(first && isCapitalised(word) && OPENERS.has(word.toLowerCase()))) break;
      // "The Initech deal", "Our friends at…": skip a capitalised opener and keep reading.
      pos = skipSpace(text, token.end);
      if (pos < 0) break;
      continue;
    }
    tokens.push(token);
    // A lowercase word is a name only on its own; a trailing "." or "'s" ends the name.
    if (!isCapitalised(word) || word.length !== raw.length) break;
    NAME_CONNECTOR.lastIndex = token.end;
    const connector = NAME_CONNECTOR.exec(text);
    if (connector) {
      pos = token.end + connector[0].length;
      continue;
    }
    pos = skipSpace(text, token.end);
    if (pos < 0) break;
  }
  const first = tokens[0];
  const last = tokens.at(-1);
  return first && last ? { start: first.start, end: last.end } : null;
}

/** Everyday adjectives that begin real names: "First National", "New Relic", "Best Buy", "Big Co". */
const NAME_ADJECTIVES: ReadonlySet<string> = new Set([
  "first",
  "new",
  "great",
  "big",
  "best",
  "good",
  "key",
  "main",
  "real",
  "top",
  "old",
  "strong",
  "happy",
]);

function startsLongerName(text: string, end: number, word: string): boolean {
  if (!NAME_ADJECTIVES.has(word.toLowerCase())) return false;
  const next = /^ ([\p{L}\p{N}][\p{L}\p{N}&'.-]*)/u
    .exec(text.slice(end))?.[1]
    ?.replace(/(?:'s|[.'-])+$/i, "");
  return next !== undefined && isCapitalised(next) && !isStopWord(next);
}

/** The offset after exactly one space, or -1 when the next character is not a single space. */
function skipSpace(text: string, at: number): number {
  return text[at] === " " && /[\p{L}\p{N}]/u.test(text[at + 1] ?? "") ? at + 1 : -1;
}

/** Lowercase words shaped like ordinary English ("learning", "rolled", "quickly") are not names. */
const ENGLISH_SHAPE = /(?:ing|ed|ly|tion|sion|ment|ness|ity|ous|ive|able|ible|ful|less)$/;

function isPlausibleCompany(name: string): boolean {
  if (name.length < 2 || /^[\d.,~+–-]+[kmb]?$/i.test(name)) return false;
  if (!isCapitalised(name) && ENGLISH_SHAPE.test(name)) return false;
  if (isStopWord(name) || isIndustryName(name) || isPlaceName(name)) return false;
  return classifyRole(name) === null;
}

/**
 * Phrases that introduce the prospect, strongest first. `before` cues end right where the name begins;
 * `after` patterns capture a name that precedes its cue ("Initech is asking…", "the Initech deal").
 */
const NAME = "\\p{Lu}[\\p{L}\\p{N}&'.-]*(?:\\s+(?:(?:&|of)\\s+)?\\p{Lu}[\\p{L}\\p{N}&'.-]*){0,3}";
type ProspectCue = ({ before: RegExp } | { after: RegExp }) & { lowercase?: boolean };

const PROSPECT_CUES: readonly ProspectCue[] = [
  { lowercase: true, before: /\bprospect(?:\s+(?:is|=|called|named|company))?\s*[:=,(–—-]?\s*/giu },
  {
    lowercase: true,
    before:
      /\b(?:company|account|customer name|client|opportunity|opp|deal|org|request|ref|reference|needed|asap|urgent)(?:\s+(?:pls|please|plz))?\s*[:—–]\s*/giu,
  },
  {
    after: new RegExp(
      `(${NAME})\\s+(?:(?:is|are|was|has been)\\s+(?:asking|looking|requesting|hoping|keen|eager|interested|evaluating|considering|comparing|nervous|skeptical)|(?:is|are)\\s+(?:in|at)\\s+(?:the\\s+)?(?:final|late|last)[\\s-]+(?:round|stages?)|(?:wants?|needs?|asked|requested|would like|wanna)\\b)`,
      "gu",
    ),
  },
  {
    after: new RegExp(
      `(${NAME})(?:'s)?\\s+(?:deal|opp|opportunity|rfp|pilot|poc|evaluation|eval|renewal|expansion|account|buying committee|team|folks|board|leadership|execs?|cfo|cio|cto|ciso|ceo|coo|procurement)\\b`,
      "gu",
    ),
  },
  {
    lowercase: true,
    after: /\bthe\s+([a-z][\w&-]*)\s+(?:deal|opp|opportunity|rfp|pilot|poc|evaluation|renewal|account)\b/gu,
  },
  {
    lowercase: true,
    before:
      /\b(?:deals?|opportunity|opp|evaluation|eval|pilot|poc|rfp|renewal|conversation|negotiation|call|meeting|demo|cycle)\s+(?:with|at|for)\s+(?:the\s+)?/giu,
  },
  {
    lowercase: true,
    before:
      /\b(?:talk|talking|speak|speaking|chat|chatting|meet|connect|vouch(?:\s+for(?:\s+[\p{L}\p{N}]+){1,2}?)?|intro(?:duce)?(?:\s+(?:them|him|her|us))?)\s+(?:to|with)\s+(?:the\s+)?/giu,
  },
  // Lowercase names ("a ref for acme") only right after a reference word; otherwise "for payouts" would be a company.
  {
    lowercase: true,
    before:
      /\b(?:refs?|references?|calls?|customers?|champions?|intros?|panel|webinar)\s+(?:for|with)\s+(?:the\s+)?/giu,
  },
  // "give Globex a reference call", "host Initech for a site visit"
  { before: /\b(?:give|host)\s+(?:the\s+)?/giu },
  { before: /\b(?:for|with|at)\s+(?:the\s+)?/giu },
];

/** "at" introduces an event, not a prospect, after "speak", "present", "keynote"… */
const EVENT_VERB_BEFORE =
  /\b(?:speak|speaking|present|presenting|talk|keynote|session|attend|attending|booth|stage|panel)\s+at\s+(?:the\s+)?$/i;

/** The first character of each word. */
const WORD_START = /(?<!\S)\S/gu;

/** Where a name may start for one cue match: right after a `before` cue, or at any word of an `after` capture. */
function nameStarts(text: string, cue: ProspectCue, match: RegExpExecArray): number[] {
  if ("before" in cue) {
    const from = match.index + match[0].length;
    return EVENT_VERB_BEFORE.test(text.slice(0, from)) ? [] : [from];
  }
  // "Hey Team Initech is asking": the capture is "Hey Team Initech", the name starts at its last words.
  const capture = match[1] ?? "";
  const offset = match.index + match[0].indexOf(capture);
  return allMatches(capture, WORD_START).map((word) => offset + word.index);
}

function findProspect(text: string, blocked: readonly Span[]): Hit<string> | null {
  for (const cue of PROSPECT_CUES) {
    const pattern = "before" in cue ? cue.before : cue.after;
    for (const match of allMatches(text, pattern)) {
      for (const from of nameStarts(text, cue, match)) {
        const span = readName(text, from, blocked, cue.lowercase ?? false);
        const name = span ? text.slice(span.start, span.end) : "";
        if (span && isPlausibleCompany(name)) return { ...span, value: name };
      }
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Company size

const sizeOfHeadcount = (count: number): CompanySize =>
  count < 100 ? "smb" : count < 1000 ? "mid" : "enterprise";

const SIZE_WORDS: readonly { size: CompanySize; pattern: RegExp }[] = [
  {
    size: "smb",
    pattern:
      /\b(?:smbs?|small\s+(?:and|&)\s+medium(?:[\s-]sized)?\s+business(?:es)?|small\s+business(?:es)?|small\s+(?:compan(?:y|ies)|orgs?|organi[sz]ations?|firms?|shops?)|start-?ups?|seed[\s-]stage|early[\s-]stage)\b/gi,
  },
  {
    size: "mid",
    pattern:
      /\b(?:mid[\s-]?market|mid[\s-]?sized?|medium[\s-]sized?|medium\s+business(?:es)?|mid[\s-]tier|growth[\s-]stage)\b/gi,
  },
  {
    size: "enterprise",
    pattern:
      /\b(?:enterprises?|fortune\s*(?:50|100|500|1000|1k)|f(?:100|500|1000)|global\s*2000|g2000|g2k|ftse\s*100|multinationals?|conglomerates?|(?:multi-?)?billion[\s-]dollar|(?:large|big|huge|major|global|massive)\s+(?:banks?|hospitals?|health\s+systems?|retailers?|insurers?|manufacturers?|compan(?:y|ies)|orgs?|organi[sz]ations?|enterprises?|customers?|telcos?|carriers?|universit(?:y|ies)|brands?|logos?|accounts?))\b/gi,
  },
];

const HEADCOUNT =
  /(?:\b(under|less than|fewer than|below|over|more than|above)\s*|([<>])\s*)?~?(\d{1,3}(?:[,.]\d{3})+|\d+(?:\.\d+)?)\s*(k)?\s*(\+)?\s*(?:-|\s)?\s*(?:person|people|ppl|employees?|staff|ftes?|headcount|emps?|workers)\b/gi;
const HEADCOUNT_AFTER =
  /\bheadcount\s*(?:of|:|is|~|around|about|≈)?\s*~?(\d{1,3}(?:[,.]\d{3})+|\d+(?:\.\d+)?)\s*(k)?/gi;
const REVENUE =
  /[$€£]\s?(\d+(?:\.\d+)?)\s*(b|bn|billion|m|mm|mn|million)\b\+?\s*(?:in\s+)?(?:annual\s+|yearly\s+)?(?:revenue|arr|turnover|sales|rev|company|business|org|retailer|bank|insurer|manufacturer|enterprise)\b/gi;

const parseCount = (digits: string, thousands?: string): number =>
  Number(digits.replace(/[,.](?=\d{3}\b)/g, "")) * (thousands ? 1000 : 1);

/** Whether the text says anything of a company's size: most requests do not. */
const namesASize = anyMatches([
  ...SIZE_WORDS.map(({ pattern }) => pattern),
  HEADCOUNT,
  HEADCOUNT_AFTER,
  REVENUE,
]);

function findCompanySize(text: string): CompanySize | null {
  if (!namesASize(text)) return null;
  const hits: Hit<CompanySize>[] = [];
  const at = (match: RegExpExecArray, value: CompanySize) =>
    hits.push({ start: match.index, end: match.index + match[0].length, value });
  for (const { size, pattern } of SIZE_WORDS) for (const match of allMatches(text, pattern)) at(match, size);
  for (const match of allMatches(text, HEADCOUNT)) {
    const [, words, sign, digits = "0", k] = match;
    const count = parseCount(digits, k);
    const below = /under|less|fewer|below/i.test(words ?? "") || sign === "<";
    at(match, sizeOfHeadcount(below ? count - 1 : count));
  }
  for (const match of allMatches(text, HEADCOUNT_AFTER))
    at(match, sizeOfHeadcount(parseCount(match[1] ?? "0", match[2])));
  for (const match of allMatches(text, REVENUE)) {
    const amount = Number(match[1]) * (/^b/i.test(match[2] ?? "") ? 1e9 : 1e6);
    at(match, amount >= 1e9 ? "enterprise" : amount >= 50e6 ? "mid" : "smb");
  }
  return resolveOverlaps(hits)[0]?.value ?? null;
}

// ---------------------------------------------------------------------------------------------
// Activities

/** Phrases per activity type; where phrases overlap the longer wins ("conference call" is a call). */
const ACTIVITY_PHRASES: Record<ActivityType, readonly RegExp[]> = {
  reference_call: [
    /\b(?:reference|ref|phone|quick|short|zoom|video|intro|conference|15[\s-]?min(?:ute)?|30[\s-]?min(?:ute)?)\s+calls?\b/,
    /\bcalls?\b/,
    /\b(?:hop|jump|get)\s+on\s+(?:a\s+|the\s+)?(?:quick\s+)?(?:call|zoom|phone)\b/,
    /\b(?:quick|short|15[\s-]?min(?:ute)?|30[\s-]?min(?:ute)?)\s+(?:zoom|chat|convo|conversation)\b/,
    /\bvouch(?:es|ing)?\b/,
    /\breference\s+check\b/,
    /\b(?:do|be|give)\s+(?:a\s+|them\s+a\s+)?reference\b/,
  ],
  webinar: [/\bwebinars?\b/, /\bwebcasts?\b/, /\bvirtual\s+event\b/, /\blive\s?streams?\b/],
  panel: [/\bpanel(?:s|ist|ists|lists?)?\b/],
  conference_talk: [
    /\bconferences?\b/,
    /\bkeynotes?\b/,
    /\b(?:speak|speaking|present|presenting|talk)\s+at\b/,
    /\bco-?present(?:s|ing)?\b/,
    /\bon\s+stage\b/,
    /\bsummit\b/,
    /\bbreakout\s+session\b/,
    /\bfireside\s+chat\b/,
  ],
  case_study: [/\bcase\s+stud(?:y|ies)\b/, /\b(?:customer|success)\s+stor(?:y|ies)\b/, /\btestimonials?\b/],
  press_quote: [
    /\bpress\b/,
    /\bjournalists?\b/,
    /\breporters?\b/,
    /\bmedia\b(?!\s+(?:compan(?:y|ies)|and|&|industry|customers?|brands?|orgs?|business))/,
    /\b(?:customer|press)\s+quotes?\b/,
    /\bquotes?\s+(?:for|in)\s+(?:a|an|the|our)\s+(?:article|story|release|blog|journalist|reporter|press)/,
  ],
  review: [
    /\bg2\b/,
    /\bgartner\s+peer\s+insights\b/,
    /\bpeer\s+insights\b/,
    /\btrustradius\b/,
    /\bcapterra\b/,
    /(?<!\b(?:code|pr|design|security|business|performance|quarterly|annual|legal|contract|procurement|vendor|compliance|architecture|technical|budget|deal|pipeline|account|peer)\s)\breviews?\b(?!\s+(?:my|the|this|our|your|that|it|pr|code|these)\b)/,
  ],
  site_visit: [
    /\bsite\s+visits?\b/,
    /\bon-?site\s+visits?\b/,
    /\bcustomer\s+visits?\b/,
    /\bvisit\s+(?:their|the|a|your|his|her)?\s*(?:site|facility|facilities|plant|offices?|hq|headquarters|warehouse|stores?|factory|hospital|campus)\b/,
    /\bsee\s+it\s+(?:live|in\s+action|running|in\s+production)\b/,
    /\b(?:site|facility|plant|office|campus|factory|warehouse)\s+tours?\b/,
  ],
  advisory_board: [/\badvisory\s+(?:board|council)s?\b/, /\bcab\b/, /\bcustomer\s+advisory\b/],
  peer_event: [
    /\bpeer\s+(?:event|dinner|session|roundtable|group|meetup|exchange|networking)s?\b/,
    /\bdinners?\b/,
    /\bround\s?tables?\b/,
    /\bmeet-?ups?\b/,
    /\buser\s+groups?\b/,
    /\bhappy\s+hour\b/,
    /\bexecutive\s+(?:breakfast|lunch)\b/,
  ],
  product_feedback: [
    /\b(?:product\s+)?feedback\s+(?:sessions?|calls?|interviews?)\b/,
    /\bproduct\s+feedback\b/,
    /\buser\s+research\b/,
    /\busability\s+(?:test|tests|testing|sessions?|study)\b/,
    /\bresearch\s+interviews?\b/,
    /\bbeta\s+feedback\b/,
  ],
};

/**
 * Talking to someone is part of every activity ("a reporter wants to talk to a customer" is a press
 * quote), so it means a reference call only when no other activity is named.
 */
const CONVERSATION_PHRASES: readonly RegExp[] = [
  /\b(?:talk|speak|chat)(?:ing)?\s+(?:to|with)\b/,
  /\bshare\s+(?:their|his|her|your)\s+(?:experience|story)\b/,
  /\bhear\s+from\b/,
  /\bcompare\s+notes\b/,
];

/** Each activity's phrases, and one test for whether the text names any of them. */
const ACTIVITIES = (Object.entries(ACTIVITY_PHRASES) as [ActivityType, RegExp[]][]).map(
  ([type, patterns]) => ({
    type,
    patterns,
    named: anyMatches(patterns),
  }),
);

/** Whether the text names any activity at all: one search, before each kind's own. */
const namesAnActivity = anyMatches(Object.values(ACTIVITY_PHRASES).flat());

function findActivities(text: string): ActivityType[] {
  const lower = text.toLowerCase();
  const hits: Hit<ActivityType>[] = [];
  for (const { type, patterns, named } of namesAnActivity(lower) ? ACTIVITIES : []) {
    if (!named(lower)) continue;
    for (const pattern of patterns) {
      for (const match of allMatches(lower, pattern)) {
        hits.push({ start: match.index, end: match.index + match[0].length, value: type });
      }
    }
  }
  const named = unique(resolveOverlaps(hits).map((hit) => hit.value));
  if (named.length > 0) return named;
  return CONVERSATION_PHRASES.some((pattern) => pattern.test(lower)) ? ["reference_call"] : [];
}

// ---------------------------------------------------------------------------------------------
// Deadline

interface Day {
  year: number;
  month: number; // 1-12
  day: number;
}

const toIso = ({ year, month, day }: Day): string =>
  new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);

const shiftDays = (day: Day, days: number): Day => {
  const date = new Date(Date.UTC(day.year, day.month - 1, day.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
};

const lastDayOfMonth = (year: number, month: number): Day => ({
  year,
  month,
  day: new Date(Date.UTC(year, month, 0)).getUTCDate(),
});

/** 1 = Monday … 7 = Sunday */
const isoWeekday = (day: Day): number =>
  new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay() || 7;

/** The Friday of this working week (next week's when today is already the weekend). */
const fridayThisWeek = (today: Day): Day => shiftDays(today, (5 - isoWeekday(today) + 7) % 7);
const fridayNextWeek = (today: Day): Day => shiftDays(today, 8 - isoWeekday(today) + 4);

const endOfQuarter = (year: number, quarter: number): Day => lastDayOfMonth(year, quarter * 3);

/** The first of this year's and next year's dates that is not before today. */
const nextOccurrence = (today: Day, on: (year: number) => Day): Day =>
  toIso(on(today.year)) >= toIso(today) ? on(today.year) : on(today.year + 1);

/** US Thanksgiving: the fourth Thursday of November. */
const thanksgiving = (year: number): Day => {
  const first = isoWeekday({ year, month: 11, day: 1 });
  return { year, month: 11, day: 1 + ((4 - first + 7) % 7) + 21 };
};

/** Holidays sales teams plan around, read as the holiday itself ("before Christmas" is the 24th). */
const HOLIDAYS: readonly { pattern: string; on: (year: number) => Day }[] = [
  { pattern: "thanksgiving", on: thanksgiving },
  { pattern: "christmas\\s+eve|xmas\\s+eve", on: (year) => ({ year, month: 12, day: 24 }) },
  { pattern: "christmas|xmas", on: (year) => ({ year, month: 12, day: 25 }) },
  { pattern: "new\\s+year'?s\\s+eve|nye", on: (year) => ({ year, month: 12, day: 31 }) },
  { pattern: "new\\s+year'?s?(?:\\s+day)?", on: (year) => ({ year, month: 1, day: 1 }) },
];

const MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_WORDS =
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

/** Deadline words chrono does not know, or reads differently from how sales teams mean them. */
const DEADLINE_PHRASES: readonly {
  pattern: RegExp;
  resolve: (today: Day, match: RegExpExecArray) => Day | null;
}[] = [
  ...HOLIDAYS.map(({ pattern, on }) => ({
    pattern: new RegExp(`\\b(?:${pattern})\\b`, "gi"),
    resolve: (today: Day) => nextOccurrence(today, on),
  })),
  {
    pattern: /\b(?:eod|cob|end\s+of\s+(?:the\s+)?day|close\s+of\s+business|today|tonight)\b/gi,
    resolve: (today) => today,
  },
  { pattern: /\b(?:eow|end\s+of\s+(?:the\s+|this\s+)?week|this\s+week)\b/gi, resolve: fridayThisWeek },
  { pattern: /\b(?:end\s+of\s+)?next\s+week\b/gi, resolve: fridayNextWeek },
  {
    pattern: /\b(?:eom|end\s+of\s+(?:the\s+|this\s+)?month|month[\s-]end|this\s+month)\b/gi,
    resolve: (today) => lastDayOfMonth(today.year, today.month),
  },
  {
    pattern: /\b(?:end\s+of\s+)?next\s+month\b/gi,
    resolve: (today) =>
      today.month === 12 ? lastDayOfMonth(today.year + 1, 1) : lastDayOfMonth(today.year, today.month + 1),
  },
  {
    pattern: /\b(?:eoq|end\s+of\s+(?:the\s+|this\s+)?quarter|quarter[\s-]end|this\s+quarter)\b/gi,
    resolve: (today) => endOfQuarter(today.year, Math.ceil(today.month / 3)),
  },
  {
    pattern: /\b(?:eoy|end\s+of\s+(?:the\s+|this\s+)?year|year[\s-]end)\b/gi,
    resolve: (today) => ({ year: today.year, month: 12, day: 31 }),
  },
  {
    // "by Q1", "before end of Q3 2027": the end of that quarter, the next one to come.
    pattern:
      /\b(?:by|before|until|till|in|for|end\s+of|due)\s+(?:the\s+)?q([1-4])(?:\s*(?:fy)?'?(\d{2}|\d{4}))?\b/gi,
    resolve: (today, match) => {
      const quarter = Number(match[1]);
      const written = match[2] ? Number(match[2].length === 2 ? `20${match[2]}` : match[2]) : null;
      const current = Math.ceil(today.month / 3);
      return endOfQuarter(written ?? (quarter < current ? today.year + 1 : today.year), quarter);
    },
  },
  {
    // "mid-December" is the 15th, "early March" the 1st, "late/end of January" its last day.
    pattern: new RegExp(`\\b(early|mid|late|end\\s+of)[\\s-]+(${MONTH_WORDS})\\b`, "gi"),
    resolve: (today, match) => {
      const month = MONTH_NAMES.indexOf((match[2] ?? "").toLowerCase().slice(0, 3)) + 1;
      const part = (match[1] ?? "").toLowerCase();
      const on = (year: number): Day =>
        part === "early"
          ? { year, month, day: 1 }
          : part === "mid"
            ? { year, month, day: 15 }
            : lastDayOfMonth(year, month);
      return nextOccurrence(today, on);
    },
  },
  {
    // "by the 15th": the next 15th from today.
    pattern: /\b(?:by|before|until|on)\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b/gi,
    resolve: (today, match) => {
      const day = Number(match[1]);
      if (day < 1 || day > 31) return null;
      if (day >= today.day && day <= lastDayOfMonth(today.year, today.month).day) return { ...today, day };
      const next =
        today.month === 12
          ? { year: today.year + 1, month: 1 }
          : { year: today.year, month: today.month + 1 };
      return day <= lastDayOfMonth(next.year, next.month).day ? { ...next, day } : null;
    },
  },
];

const namesDeadlinePhrase = anyMatches(DEADLINE_PHRASES.map(({ pattern }) => pattern));

const DEADLINE_CUE_BEFORE =
  /\b(?:by|before|until|till|til|due|deadline|no\s+later\s+than|latest|ahead\s+of|on|for)\s*:?\s*(?:the\s+)?(?:end\s+of\s+)?$/i;
/** "before Dec 15", "before the 15th", "before their board meeting on Dec 7" */
const BEFORE = /\bbefore\s*(?:(?:[\p{L}'-]+\s+){0,3}?(?:on\s+)?)?(?:the\s+)?$/iu;
const DURATION = /^\d+\s*(?:mins?|minutes?|hrs?|hours?|days?|weeks?|wks?|months?|years?)$/i;
const WEEKDAY_ABBREVIATION = /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)$/i;

interface DeadlineCandidate {
  index: number;
  day: Day;
  cued: boolean;
}

/** A found date as a deadline: "before X" is the day before X; past dates are not deadlines. */
function toCandidate(text: string, span: Span, day: Day | null, today: Day): DeadlineCandidate | null {
  if (!day) return null;
  const prefix = text.slice(Math.max(0, span.start - 40), span.start);
  const phrase = text.slice(span.start, span.end);
  // "before Dec 15" is the 14th, but "before end of quarter" or "before EOY" is that end itself.
  const periodEnd = /\b(?:eo[dwmqy]|cob|end)\b|[\s-]end\b/i.test(phrase);
  const due = !periodEnd && (BEFORE.test(prefix) || /^before\b/i.test(phrase)) ? shiftDays(day, -1) : day;
  if (toIso(due) < toIso(today)) return null;
  return { index: span.start, day: due, cued: cuedAsDeadline(text, span) };
}

/** Whether a date is introduced as a deadline: "by March", "due Friday", "deadline: Dec 1". */
function cuedAsDeadline(text: string, span: Span): boolean {
  const prefix = text.slice(Math.max(0, span.start - 40), span.start);
  return (
    DEADLINE_CUE_BEFORE.test(prefix) || /^(?:by|before|until|due)\b/i.test(text.slice(span.start, span.end))
  );
}

/** Dates chrono finds outside the spans our own phrases already read. */
function chronoDates(text: string, today: Day, taken: readonly Span[]): { span: Span; day: Day }[] {
  // Its reference is local noon on today's UTC date and we read back calendar components only,
  // so the result never depends on the host's time zone.
  const reference = new Date(today.year, today.month - 1, today.day, 12);
  const notDates = text.replace(/\b24\s*[/x]\s*7\b|\b\d+\s*\/\s*\d+\s+(?:stars?|rating|score|nps)\b/gi, (m) =>
    " ".repeat(m.length),
  );
  const found: { span: Span; day: Day }[] = [];
  for (const result of datesIn(notDates, reference, { forwardDate: true })) {
    const span = { start: result.index, end: result.index + result.text.length };
    const { start } = result;
    const words = result.text.trim();
    if (taken.some((other) => overlaps(other, span))) continue;
    const datedToDay = start.isCertain("day") || start.isCertain("weekday");
    // A time alone ("at 3pm") is no deadline; nor is "now", nor "sat" in "sat down".
    if (!datedToDay && !start.isCertain("month")) continue;
    if (/^(?:right\s+)?now$/i.test(words)) continue;
    // A month alone says when something happens ("the summit in Feb") unless it is introduced as
    // a deadline ("by March").
    if (!datedToDay && !cuedAsDeadline(text, span)) continue;
    const prefix = text.slice(Math.max(0, span.start - 24), span.start);
    // "a 15 min call", "rolled out in under 90 days": a length of time, unless it is "in 2 weeks".
    if (DURATION.test(words) && !/\b(?:in|within)\s+$/i.test(prefix)) continue;
    if (WEEKDAY_ABBREVIATION.test(words) && !DEADLINE_CUE_BEFORE.test(prefix)) continue;
    const day: Day = {
      year: start.get("year") ?? today.year,
      month: start.get("month") ?? 1,
      day: start.get("day") ?? 1,
    };
    // A bare weekday that is today ("by Monday", said on a Monday) means next week's.
    const bareWeekday = !start.isCertain("day") && start.isCertain("weekday");
    found.push({ span, day: bareWeekday && toIso(day) === toIso(today) ? shiftDays(day, 7) : day });
  }
  return found;
}

/** The deadline: the first date introduced by "by", "before", "until"…, else the first future date. */
function findDeadline(text: string, now: Date): string | null {
  const today: Day = { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() };
  const dates: { span: Span; day: Day | null }[] = [];
  for (const { pattern, resolve } of namesDeadlinePhrase(text) ? DEADLINE_PHRASES : []) {
    for (const match of allMatches(text, pattern)) {
      const span = { start: match.index, end: match.index + match[0].length };
      if (!dates.some((other) => overlaps(other.span, span)))
        dates.push({ span, day: resolve(today, match) });
    }
  }
  dates.push(
    ...chronoDates(
      text,
      today,
      dates.map((date) => date.span),
    ),
  );

  const candidates = dates
    .map(({ span, day }) => toCandidate(text, span, day, today))
    .filter((candidate) => candidate !== null)
    .sort((a, b) => a.index - b.index);
  const chosen = candidates.find((candidate) => candidate.cued) ?? candidates[0];
  return chosen ? toIso(chosen.day) : null;
}

// ---------------------------------------------------------------------------------------------
// Is it a request? A transparent sum of cues, clamped to 0..1; 0.5 or more is a request.

interface Cue {
  /** Why this cue moves the score; kept for reading and debugging. */
  reason: string;
  weight: number;
  pattern: RegExp;
}

/** Alternatives joined into one case-insensitive pattern, so each phrasing can sit on its own line. */
const anyOf = (...alternatives: string[]): RegExp => new RegExp(`\\b(?:${alternatives.join("|")})`, "i");

const ASKS: Cue = {
  reason: "asks for something",
  weight: 0.3,
  pattern: anyOf(
    // "does anyone have…", "anyone willing…", "do we have…"
    "does\\s+any(?:one|body)\\s+(?:have|has|got|know\\s+(?:a|an|any|of))",
    "any(?:one|body)\\s+(?:have|has|got|know\\s+(?:a|an|any|of)|willing|able|available|who)",
    "any(?:one|body)\\s*\\?",
    "do\\s+we\\s+have",
    "any\\s+(?:\\S+\\s+){0,3}(?:customers?|clients?|champions?|references?|advocates?|users?)\\b",
    "any\\s+chance",
    // "need a…", "looking for…", "lf a CFO"
    "need(?:s|ed|ing)?\\s+(?:a|an|some|one|two|\\d|help|someone|somebody|ref)\\b",
    // "need to find a…", but not "we need to get better at asking for references"
    "need(?:s|ed)?\\s+to\\s+(?:find|get|line\\s+up|source)\\s+(?:a|an|some|one|two|\\d|someone|somebody|refs?|references?|customers?)\\b",
    // "need advisory board members", "need 2-3 CFOs for…"
    "need(?:s|ed)?\\s+(?:\\S+\\s+){0,3}(?:customers?|clients?|champions?|advocates?|references?|refs?|speakers?|panelists?|members?|participants?|volunteers?)\\b",
    "(?:could|can)\\s+use\\s+(?:a|an|some|one|two|\\d|help)\\b",
    "need(?:ed)?\\s*:",
    "(?:refs?|references?|customers?|champions?|advocates?)\\s+(?:needed|wanted|required)",
    "(?:ref|reference|customer)\\s+request",
    "looking\\s+for",
    "lf\\b",
    "look(?:ing)?\\s+to\\s+find",
    "hoping\\s+to\\s+find",
    "searching\\s+for",
    "seeking",
    "request(?:ing|ed)?\\s+(?:a|an|some|\\d)\\b",
    // "can we get…", "could someone connect me…", "pls find me…"
    "(?:can|could)\\s+(?:we|i|you|someone|anyone|somebody)\\s+(?:get|find|line\\s+up|set\\s+up|arrange|have|borrow|grab|source)",
    "(?:can|could)\\s+(?:someone|anyone|somebody|you)\\s+(?:connect|introduce|intro|put|recommend)",
    "can\\s+any(?:one|body)\\s+help",
    "help\\s+(?:me\\s+)?find",
    "(?:find|get)\\s+me\\s+(?:a|an|some)",
    "(?:pls|please|plz)\\s+(?:find|help|get)",
    // "give Globex a reference call", "give them a quick call with a bank"
    "give\\s+(?:\\S+\\s+){1,3}?(?:a|an)\\s+(?:quick\\s+|short\\s+)?(?:refs?|references?|calls?|intro)\\b",
    // "who could…", "is there a…", "would anyone…"
    "who\\s+(?:could|can|would|might|is\\s+willing|would\\s+be|'d\\s+be)",
    "who(?:'ll|'d|\\s+will)",
    "who(?:'s|\\s+is)\\s+(?:a|an)\\s+(?:good|great|strong)",
    "is\\s+there\\s+(?:a|an|any)",
    "are\\s+there\\s+any",
    "know\\s+(?:a|any)\\s+(?:customers?|clients?)",
    "would\\s+any(?:one|body)?",
    "willing\\s+to",
    "(?:wondering|asking|asked)\\s+(?:if|whether)\\s+(?:anyone|anybody|we|there|you)",
    // "would a bank in the Gulf take a call…", "could one of our customers…"
    "(?:would|could)\\s+(?:a|an|one\\s+of\\s+(?:our|the))\\s",
    "hook\\s+(?:me|us|them)\\s+up",
    "(?:refs?|references?)\\s+(?:pls|please|plz)\\b",
    "ask:",
    // the prospect asks: "Initech is asking for a reference", "Globex wants a reference"
    "(?:is|are)\\s+asking\\s+for",
    "asked\\s+for",
    "wants?\\s+to\\s+(?:talk|speak|chat|hear)",
    "wants?\\s+(?:a|an|some)\\s+(?:ref|reference|customer|peer|call|intro)",
    "would\\s+like\\s+to\\s+(?:talk|speak|chat|hear)",
  ),
};

const NAMES_REFERENCE: Cue = {
  reason: "names a reference, customer or champion",
  weight: 0.25,
  pattern: anyOf(
    "references?\\b",
    "refs?\\b",
    // "customer success" is a team, not a customer
    "(?:customers?|clients?)\\b(?!\\s+(?:success|support|service|care|experience)\\b)",
    "champions?\\b",
    "advocates?\\b",
    "peers?\\b",
    "users?\\s+of\\s+ours",
    "happy\\s+users?",
    "logos?\\b",
    "(?:someone|somebody|anyone|anybody|a\\s+person|people|folks)\\s+(?:who|that)(?:'s|\\s+is|\\s+has|\\s+have)?\\s+(?:uses?|used|using|deployed|rolled\\s+out|implemented|bought|adopted|migrated|switched|on\\s+(?:our|the))\\b",
  ),
};

const WANTS_APPEARANCE: Cue = {
  reason: "wants someone to talk, vouch or appear",
  weight: 0.2,
  pattern: anyOf(
    "talk(?:ing)?\\s+(?:to|with)",
    "talk\\s+shop",
    "speak(?:ing)?\\s+(?:to|with|at|on)",
    "chat\\s+(?:to|with)",
    "hear\\s+from",
    "compare\\s+notes",
    "vouch",
    "share\\s+(?:their|his|her)\\s+(?:experience|story)",
    "(?:hop|jump)\\s+on",
    "do\\s+a\\s+(?:quick\\s+)?call",
    "join\\s+(?:a|the|our|us)\\b",
    "be\\s+on\\s+(?:a|the|our)\\b",
    "appear",
    "meet\\s+with",
    "connect\\s+(?:with|them)",
  ),
};

const MENTIONS_DEAL: Cue = {
  reason: "mentions a prospect or deal",
  weight: 0.1,
  pattern: anyOf(
    "(?:prospects?|deal|opp|opportunity|pipeline|evaluation|eval|rfp|poc|shortlist|closing|competitive)\\b",
  ),
};

const IS_QUESTION: Cue = { reason: "is a question", weight: 0.05, pattern: /\?/ };

const NEGATIVE_CUES: readonly Cue[] = [
  {
    reason: "event or office logistics",
    weight: -0.4,
    pattern:
      /\b(?:venue|cater(?:er|ers|ing)|swag|invoices?|expenses?|budget|flights?|booth\s+(?:staff|shifts?|duty)|parking|rides?|airport|hotel|taxi|uber|lyft|shuttle|gifts?|gift\s+cards?)\b/i,
  },
  {
    reason: "asks a colleague to stand in",
    weight: -0.4,
    pattern:
      /\bcover(?:ing)?\s+(?:my|for\s+me|for\s+\w+\s+(?:on|at|in))\b|\b(?:i'm|i\s+am)\s+(?:out|ooo|sick|double[\s-]booked)\b/i,
  },
  {
    reason: "wants time with our own people, not a customer",
    weight: -0.4,
    pattern:
      /\bwith\s+our\s+(?:own\s+)?(?:ceo|cfo|cto|cio|ciso|coo|cmo|founders?|execs?|leadership|engineers?|engineering|product\s+team|security\s+team|solutions?\s+engineers?|se|ses|support|legal|team)\b/i,
  },
  {
    reason: "our own news for the press",
    weight: -0.4,
    pattern: /\bour\s+(?:series\s+[a-f]|funding|fundraise|raise|ipo|earnings|acquisition|layoffs?)\b/i,
  },
  {
    reason: "a personal recommendation for a tradesperson or adviser",
    weight: -0.5,
    pattern:
      /\b(?:ref(?:erence)?s?|recs?|recommendations?)\s+for\s+(?:a|an)\s+(?:good\s+)?(?:\S+\s+)?(?:lawyer|attorney|accountant|contractor|plumber|electrician|dentist|doctor|therapist|nanny|babysitter|realtor|recruiter|consultant|agency|designer|photographer|mechanic|landlord|tenant|caterer)\b|\bpersonal\s+(?:thing|question|favou?r)\b/i,
  },
  {
    reason: "wants a way in to the prospect, not a customer",
    weight: -0.35,
    pattern: /\b(?:contacts?|connections?|relationships?)\s+(?:at|inside)\s+(?!(?:a|an|any|one)\b)/i,
  },
  {
    reason: "security or contract paperwork",
    weight: -0.15,
    pattern:
      /\b(?:soc\s*2|iso\s*27001|security\s+questionnaire|vendor\s+questionnaire|pen\s*test|dpa|msa|nda|sow|redlines?)\b/i,
  },
  {
    reason: "asks how to do something",
    weight: -0.35,
    pattern:
      /\bwalk\s+(?:me|us)\s+through\b|\bhow\s+(?:do|can|should)\s+(?:i|we)\s+(?:log|submit|file|use|set\s+up|add|update|access|track|fill)\b/i,
  },
  {
    reason: "work on a document",
    weight: -0.35,
    pattern:
      /\b(?:proofread|proof-read|copy-?edit|edit|format|polish|translate|fact-?check)\s+(?:the|this|my|our)\b/i,
  },
  {
    reason: "internal training",
    weight: -0.35,
    pattern: /\bshadow(?:ing)?\b/i,
  },
  {
    reason: "asks for a file",
    weight: -0.35,
    pattern:
      /\b(?:have|has|got|send|share|seen|find|where(?:'s|\s+is|\s+are))\s+(?:me\s+)?(?:the|a\s+copy\s+of|a\s+link\s+to)\s+(?:\S+\s+){0,3}?(?:slides?|decks?|docs?|recording|notes|links?|files?|list|template|draft|pdf|spreadsheet|sheet)\b/i,
  },
  {
    reason: "reference as a document, not a customer",
    weight: -0.6,
    pattern:
      /\brefs?\s+(?:arch|architecture|docs?|documentation|guides?|manual|implementation|links?|numbers?|ids?)\b|\breferences?\s+(?:doc|docs|documentation|links?|architecture|guides?|manual|pages?|implementation|material|sheets?|spreadsheet|decks?|numbers?|ids?|data|cards?|list|letters?|design|model|table)\b|\b(?:api|sdk|code|cli|technical|doc|docs|command)\s+references?\b|\bfor\s+(?:future\s+)?reference\b|\bas\s+a\s+reference\b|\bcross[\s-]reference/i,
  },
  {
    reason: "reference as a verb",
    weight: -0.5,
    pattern:
      /\b(?:to|how\s+to|can\s+i|can\s+you|i'll|we|please)\s+reference\b|\breferenc(?:ing|ed)\s+(?:the|a|this|that|it)\b/i,
  },
  {
    reason: "about documents or files",
    weight: -0.15,
    pattern:
      /\b(?:docs?|documentation|wiki|link|links|guide|manual|pdf|slides?|deck|template|spreadsheet|draft|drive|folder|confluence|notion|books?|articles?|tutorials?|courses?)\b/i,
  },
  {
    reason: "reference as learning material",
    weight: -0.4,
    pattern: /\breferences?\s+(?:for|on|about)\s+(?:learning|how|understanding|writing|getting\s+started)\b/i,
  },
  {
    reason: "customer data, not a customer to talk to",
    weight: -0.4,
    pattern:
      /\b(?:customer|client|reference)(?:s|'s|s')?\s+(?:list|count|data|logos?|deck|slides?|spreadsheet|base|portal|tickets?|churn|escalations?|health\s+scores?)\b|\bchurn(?:ing|ed)?\b/i,
  },
  {
    reason: "recaps something that already happened",
    weight: -0.35,
    pattern:
      /\b(?:thanks\s+(?:for|again)|thank\s+you\s+for|had\s+(?:a|an|the)\s+(?:great|good|nice|awesome|productive|solid)|went\s+(?:well|great)|yesterday|last\s+(?:week|month|night)|earlier\s+today|recap|debrief|recording\s+is|signed|closed[\s-]won|great\s+(?:call|meeting|demo|chat|webinar|session)\s+with|they\s+loved)\b/i,
  },
  {
    reason: "code review",
    weight: -0.5,
    pattern: /\b(?:pr|prs|pull\s+request|code\s+review|merge\s+request|review\s+my|branch|commit)\b/i,
  },
  {
    reason: "the writer will do it themselves",
    weight: -0.4,
    pattern:
      /\b(?:i'll|i\s+will|i'm\s+going\s+to|i\s+am\s+going\s+to|let\s+me|we'll|gonna)\s+(?:call|ping|email|reach\s+out|talk|speak|meet|follow\s+up)\b/i,
  },
  {
    reason: "asks about account ownership or status",
    weight: -0.4,
    pattern:
      /\bwho\s+(?:owns|covers|manages|is\s+the\s+(?:ae|owner|rep|csm|am))\b|\baccount\s+owner\b|\bstatus\s+of\b|\bany\s+updates?\s+on\b/i,
  },
  {
    reason: "scheduling logistics",
    weight: -0.3,
    pattern:
      /\b(?:rescheduled|postponed)\b|\b(?:moved|pushed)\s+(?:to|until|till)\s+(?:next|this|tomorrow|today|later|after|the\s+\d|\d|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|q[1-4]\b)|\bwho(?:'s|\s+is)\s+(?:joining|going|attending|coming|presenting)\b|\breminder\b|\bcalendar\s+invite\b/i,
  },
];

/** Whether any negative cue matches: one search, as most requests match none. */
const hasNegativeCue = anyMatches(NEGATIVE_CUES.map(({ pattern }) => pattern));

/** Found fields support a request a little each (industry, persona, region, size, products, deadline). */
const FIELD_WEIGHT = 0.05;
const FIELD_CAP = 0.15;
const NOBODY_DESCRIBED = -0.25;

function scoreRequest(text: string, request: RequestFields): number {
  const has = (cue: Cue): boolean => cue.pattern.test(text);
  const namesReference = has(NAMES_REFERENCE);
  // A panel, webinar or case study is itself someone appearing; a named prospect is itself a deal.
  const appears = has(WANTS_APPEARANCE) || request.activities.length > 0;
  const deal = has(MENTIONS_DEAL) || request.prospect_company !== null;
  const fields = [
    request.industry,
    request.persona,
    request.region,
    request.company_size,
    request.products.length > 0 ? "products" : null,
    request.deadline,
  ].filter((field) => field !== null).length;
  // Somebody must be described: a customer, a persona, an industry or size, or an appearance for a deal.
  // Without that, "Need someone to call Acme back" is an errand, not a reference request.
  const describesSomeone =
    namesReference ||
    request.persona !== null ||
    request.industry !== null ||
    request.company_size !== null ||
    request.activities.some((activity) => activity !== "reference_call") ||
    (appears && deal);

  let score = 0;
  if (has(ASKS)) score += ASKS.weight;
  if (namesReference) score += NAMES_REFERENCE.weight;
  if (appears) score += WANTS_APPEARANCE.weight;
  if (deal) score += MENTIONS_DEAL.weight;
  if (has(IS_QUESTION)) score += IS_QUESTION.weight;
  score += Math.min(FIELD_CAP, fields * FIELD_WEIGHT);
  if (hasNegativeCue(text)) for (const cue of NEGATIVE_CUES) if (has(cue)) score += cue.weight;
  if (!describesSomeone) score += NOBODY_DESCRIBED;
  return Math.round(Math.min(1, Math.max(0, score)) * 100) / 100;
}
