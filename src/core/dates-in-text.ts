// Dates in free text, read by chrono's English parsers: only the parsers that could find something
// in this text run. Each of chrono's parsers looks for words of one kind (a digit, a month, a
// weekday, "tomorrow", a number of days…), and a message names few of them; running all eighteen
// on every message was most of what reading a request cost. The answer is chrono's own: a parser
// left out is one whose pattern cannot match this text, and unknown parsers always run.

// English only: the package root also loads every other language's parsers, most of its load time.
import * as chrono from "chrono-node/en";

/**
 * What must appear in a text, as a substring, for a kind of parser to match it. Each is implied by
 * every match of those parsers' patterns (chrono 2.10's English casual configuration); they use the
 * same flags (case-insensitive, not Unicode), so letters match alike.
 */
const NEEDS = {
  /** Numeric dates and times: "12/5", "2027-01-15", "3pm", "Dec 2027". */
  digit: /\d/,
  /** Every month's name and abbreviation holds one of these: "sept.", "february". */
  month: /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i,
  /** Weekday names and abbreviations, "weekend" and "weekday". */
  weekday: /sun|mon|tue|wed|thu|fri|sat|week/i,
  /** "now", "today", "tonight", "tomorrow", "overmorrow", "tmr(w)", "yesterday", "last night". */
  casualDay: /now|today|tonight|morrow|tmr|yesterday|night/i,
  /** "morning", "afternoon", "evening", "night", "midnight", "midday", "noon". */
  casualTime: /morning|noon|evening|night|midday/i,
  /** "end of the month", "last day of month". */
  monthEnd: /month/i,
  /**
   * A length of time ("in 2 weeks", "a few days later", "next quarter"): a unit (each starts with
   * one of these letters) after a number (digits, a number word, "a", "the", "few", "several",
   * "half (a)", "couple of") or after "this", "last", "past", "next", "after", "+" or "-". A
   * lone "a" or "an" must end its word, so a space comes before the unit.
   */
  timeUnit:
    /(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half(?:\s{0,2}an?)?|few|several|the|couple|of)\s{0,5}[smhdwyq]|an?\s+[smhdwyq]|(?:this|last|past|next|after|\+|-)\s*[smhdwyq]/i,
} as const;

/** Which kind each of chrono's English parsers looks for, by class name. */
const PARSER_NEEDS: Readonly<Record<string, keyof typeof NEEDS>> = {
  ENYearMonthDayParser: "digit",
  ISOFormatParser: "digit",
  SlashDateFormatParser: "digit",
  ENSlashMonthFormatParser: "digit",
  ENTimeExpressionParser: "digit",
  ENYearMonthNameParser: "digit",
  ENMonthNameLittleEndianParser: "month",
  ENMonthNameMiddleEndianParser: "month",
  ENMonthNameParser: "month",
  ENWeekdayParser: "weekday",
  ENCasualDateParser: "casualDay",
  ENCasualTimeParser: "casualTime",
  ENEndOfCurrentMonthParser: "monthEnd",
  ENTimeUnitWithinFormatParser: "timeUnit",
  ENTimeUnitAgoFormatParser: "timeUnit",
  ENTimeUnitLaterFormatParser: "timeUnit",
  ENRelativeDateFormatParser: "timeUnit",
  ENTimeUnitCasualRelativeFormatParser: "timeUnit",
};

type Parser = (typeof chrono.casual.parsers)[number];
type Kind = keyof typeof NEEDS;
const KINDS = Object.keys(NEEDS) as Kind[];

const PARSERS: readonly { parser: Parser; kind: Kind | null }[] = chrono.casual.parsers.map((parser) => ({
  parser,
  kind: PARSER_NEEDS[parser.constructor.name] ?? null,
}));

/** chrono's parsers this module has no kind for (they run on every text): none, unless chrono changed. */
export const unknownParsers = (): string[] =>
  PARSERS.filter(({ kind }) => kind === null).map(({ parser }) => parser.constructor.name);

/** A chrono for each set of parsers a text has called for, by the set's bits: made once (at most one per set of kinds, 128). */
const chronos = new Map<number, chrono.Chrono>();

function chronoFor(text: string): chrono.Chrono | null {
  const named = new Set(KINDS.filter((kind) => NEEDS[kind].test(text)));
  let bits = 0;
  PARSERS.forEach(({ kind }, index) => {
    if (kind === null || named.has(kind)) bits |= 1 << index;
  });
  if (bits === 0) return null;
  let made = chronos.get(bits);
  if (!made) {
    made = new chrono.Chrono({
      parsers: PARSERS.filter((_, index) => bits & (1 << index)).map(({ parser }) => parser),
      refiners: chrono.casual.refiners,
    });
    chronos.set(bits, made);
  }
  return made;
}

/** What `chrono.parse(text, reference, option)` finds (English, casual), running only the parsers that could. */
export function datesIn(text: string, reference: Date, option?: chrono.ParsingOption): chrono.ParsedResult[] {
  return chronoFor(text)?.parse(text, reference, option) ?? [];
}
