// What a champion can change about themselves by writing to the app: a rest until a date, coming
// back, the activity types they do or don't want to be asked for, how many asks a quarter, and a
// five-question survey that sets their motivations. Pure: no I/O and no clock (the caller passes
// `now` and the champion's time zone).
//
// The reader is deliberately narrow. A DM that is not plainly one of these commands is null, so the
// desk reads it as an answer to an invitation instead: "not now, try me in April" stays an answer,
// "pause until April" is a command. Preferences are about kinds of ask, so an activity named with an
// article ("happy to do the panel again") is about one ask, not a preference, and is left alone.

import { activityLabel } from "./activities";
import { addDays, toIsoDate, utcOffsetHours } from "./dates";
import { datesIn } from "./dates-in-text";
import { ACTIVITY_TYPES, type ActivityType, MOTIVATIONS, type Motivation } from "./domain";
import { motivationFit } from "./motivation";
import { allMatches } from "./text";
import { NUMBER_WORDS } from "./vocabulary/numbers";

export type SelfServiceCommand =
  /** Rest until this ISO date (exclusive: they may be asked again from that day). */
  | { kind: "pause"; until: string }
  | { kind: "resume" }
  | { kind: "opt_out"; activity: ActivityType }
  | { kind: "opt_in"; activity: ActivityType }
  /** Asks a quarter; null means the program's default. */
  | { kind: "cap"; perQuarter: number | null }
  | { kind: "survey" }
  /** Whether they may be thanked in public (a shout-out); never assumed. */
  | { kind: "public_thanks"; allowed: boolean }
  | { kind: "help" };

export interface SelfServiceContext {
  now: Date;
  /** The champion's IANA time zone, when known: "pause until Monday" is their Monday. */
  timezone: string | null;
}

/** How long "pause me" without a date rests them: as long as an invitation's "Not now". */
export const DEFAULT_PAUSE_DAYS = 30;

/** The largest personal cap the roster accepts. */
const MAX_CAP = 999;

export function readSelfServiceCommand(text: string, context: SelfServiceContext): SelfServiceCommand | null {
  const clean = normalize(text);
  if (clean === "") return null;
  if (HELP.test(clean)) return { kind: "help" };
  if (SURVEY_WORDS.test(clean)) return { kind: "survey" };
  if (PUBLIC_THANKS_OFF.test(clean)) return { kind: "public_thanks", allowed: false };
  if (PUBLIC_THANKS_ON.test(clean)) return { kind: "public_thanks", allowed: true };

  const today = localToday(context);
  if (PAUSE.test(clean)) {
    const until = readUntil(clean, today);
    if (until === undefined) return { kind: "pause", until: addDays(today, DEFAULT_PAUSE_DAYS) };
    // A date named but unreadable, or not after today: the help shows how to say it.
    return until ? { kind: "pause", until } : { kind: "help" };
  }
  if (RESUME.test(clean)) return { kind: "resume" };

  const cap = readCap(clean);
  if (cap !== undefined) return cap === null || cap > 0 ? { kind: "cap", perQuarter: cap } : { kind: "help" };

  const mentioned = kindsMentioned(clean);
  if (mentioned.length === 0) return null;
  const optingOut = OPT_OUT.test(clean);
  const optingIn = !optingOut && OPT_IN.test(clean) && !NEGATION.test(clean);
  if (!optingOut && !optingIn) return null;
  // "no more webinars or panels": one change at a time, so nothing is changed by half.
  if (mentioned.length > 1) return { kind: "help" };
  const [activity] = mentioned as [ActivityType];
  return { kind: optingOut ? "opt_out" : "opt_in", activity };
}

// ---------------------------------------------------------------------------------------------
// Text

/** Lower case, Slack markup and emoji removed, straight quotes, no trailing punctuation. */
function normalize(text: string): string {
  return text
    .replace(/<[@#!][^>]*>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/[‘’ʼ`]/g, "'")
    .replace(/[“”"]/g, "")
    .replace(/:[a-z0-9_+-]+:/g, " ")
    .replace(/\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}\u{FE0F}\u{200D}]/gu, " ")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/^(?:hi|hey|hello)(?: there)?[,!. ]+/, "")
    .replace(/[\s.!?]+$/, "")
    .trim();
}

const POLITE = "(?:please\\s+|pls\\s+|can\\s+you\\s+|could\\s+you\\s+)?";

// Consent to public thanks: asked for in words, as the thanks themselves offer ("reply here and say so").
const PUBLIC_THANKS_OFF =
  /^(?:please )?(?:no (?:more )?public (?:thanks|shout-?outs?)|keep (?:it|my thanks|thanks) private|(?:don't|do not|please don't) (?:thank|shout) me (?:out )?(?:in )?public(?:ly)?)$/;
const PUBLIC_THANKS_ON =
  /^(?:(?:yes,? )?(?:you can|feel free to|please) )?(?:thank me publicly|(?:give me a |a )?(?:public )?shout-?out(?: me)?(?: is (?:fine|ok|okay))?|shout me out|public (?:thanks|shout-?outs?) (?:is|are) (?:fine|ok|okay))(?: next time)?$/;

const HELP =
  /^(?:help|help me|commands|menu|what can (?:i|you) (?:say|do|change)|how do i change my (?:settings|preferences))$/;

const SURVEY_WORDS = new RegExp(
  `^${POLITE}(?:(?:i'?d like to |i want to |let me |let's |can i )?(?:take|do|start|redo|retake|fill (?:in|out)|update|change|set|edit|show me|see)\\s+)?(?:the\\s+|my\\s+)?(?:preferences?|survey|preferences? survey|questionnaire|motivations?)(?:\\s+survey)?(?:\\s+please)?$`,
);

const PAUSE = new RegExp(
  [
    `^${POLITE}(?:pause|snooze)\\b`,
    "\\b(?:pause|snooze) me\\b",
    "\\bput me on (?:hold|pause|a break|ice)\\b",
    "\\b(?:i need|i'?d like|give me|i'?m taking|taking|take) a (?:break|pause)\\b",
    "^(?:please )?hold off (?:on (?:me|asking me) )?(?:until|till|til|for)\\b",
    `\\bdon'?t (?:ask|contact|ping) me (?:for )?(?:anything )?(?:until|till|til|for)\\b`,
    "\\bno (?:more )?asks (?:until|till|til|for)\\b",
    "\\b(?:i'?m|i am) (?:away|off|out|on (?:leave|vacation|holiday|sabbatical|parental leave|a break)) (?:until|till|til|through)\\b",
  ].join("|"),
);

const RESUME = new RegExp(
  [
    "^(?:i'?m|i am|im) back(?: now| again| from (?:my )?(?:leave|vacation|holiday|holidays|break|sabbatical|parental leave|pto|time off))?$",
    `^${POLITE}(?:resume|unpause|un-pause|unsnooze)(?: me)?$`,
    "^(?:end|cancel|stop) my (?:pause|break)$",
    "^(?:i'?m|i am) (?:available|free|around) again$",
    "^(?:you can|feel free to) (?:ask|contact|ping) me again$",
    "^count me (?:back )?in again$|^count me back in$",
    "^back from (?:my )?(?:leave|vacation|holiday|holidays|break|sabbatical|parental leave|pto|time off)$",
  ].join("|"),
);

// Cues that go with an activity type: "no more webinars", "stop asking me for case studies".
const OPT_OUT = new RegExp(
  [
    "\\bno more\\b(?! than)",
    "\\bno (?:\\S+ ){0,2}(?:anymore|any more|from now on|going forward|in future|in the future|for me)\\b",
    "\\b(?:stop|quit) (?:asking|sending|inviting|suggesting|proposing) me\\b",
    "\\b(?:don'?t|do not|never) (?:ask|invite|suggest|propose|put) me\\b",
    "\\b(?:take|remove|drop|leave) me (?:off|out of|from)\\b",
    "\\bopt (?:me )?out\\b",
    "\\bi (?:don'?t|do not|no longer|won'?t) (?:do|want to do|want|want any|need)\\b",
    "\\b(?:i'?m|i am) (?:done|finished|through) with\\b",
    "\\b(?:i'?d|i would) rather not (?:do )?(?:\\S+ ){0,2}(?:anymore|any more|from now on|going forward|in future)\\b",
    "\\b(?:aren'?t|are not|isn'?t|is not|not) (?:for me|my thing)\\b",
  ].join("|"),
);

const OPT_IN = new RegExp(
  [
    "\\bagain\\b",
    "\\bopt (?:me )?(?:back )?in\\b",
    "\\b(?:put|add|sign) me (?:back )?(?:down |up )?(?:for|to)\\b",
    "\\badd (?:\\S+ ){0,2}back\\b",
    "\\bback on\\b",
  ].join("|"),
);

/** "don't call me again" is no opt-in. */
const NEGATION = /\b(?:don'?t|do not|never|not|no|stop|won'?t|can'?t|cannot)\b/;

// ---------------------------------------------------------------------------------------------
// Activity types, as champions name them

const ACTIVITY_WORDS: Readonly<Record<ActivityType, string>> = {
  reference_call:
    "(?:reference |ref |customer |prospect |phone |sales )calls?|calls|references|reference checks?",
  peer_event:
    "peer events?|peer dinners?|dinners?|meetups?|meet-ups?|user groups?|roundtables?|round tables?|customer events?",
  webinar: "webinars?|webcasts?|virtual events?",
  panel: "panels?|panel discussions?",
  conference_talk:
    "conference talks?|talks|keynotes?|speaking(?: slots?| gigs?| at conferences)?|conferences?|talks at conferences",
  case_study: "case stud(?:y|ies)|customer stor(?:y|ies)|success stor(?:y|ies)|testimonials?",
  press_quote: "press(?: quotes?| interviews?| releases?)?|quotes?|media(?: interviews?)?|journalists?",
  review: "(?:online |g2 |peer )?reviews?",
  advisory_board: "(?:customer )?advisory boards?|advisory (?:board )?(?:seats?|meetings?)|cabs?",
  site_visit: "(?:on-?site |site |customer )?visits?|site tours?",
  product_feedback:
    "product feedback(?: sessions?| interviews?| calls?)?|feedback sessions?|user research|research interviews?|beta(?: tests?| testing| programs?)?",
};

const DETERMINER = /(?:^|\s)(?:the|this|that|your|a|an|one|another|my)\s+$/;

/** Each activity's words as a whole-word pattern, compiled once. */
const ACTIVITY_PATTERNS = ACTIVITY_TYPES.map(
  (activity) =>
    [
      activity,
      new RegExp(`(?<![\\p{L}\\p{N}])(?:${ACTIVITY_WORDS[activity]})(?![\\p{L}\\p{N}])`, "gu"),
    ] as const,
);

/** The activity types the text names as kinds ("webinars"), not as one ask ("the webinar"). */
function kindsMentioned(text: string): ActivityType[] {
  const hits: { activity: ActivityType; start: number; end: number }[] = [];
  for (const [activity, pattern] of ACTIVITY_PATTERNS) {
    for (const match of allMatches(text, pattern)) {
      hits.push({ activity, start: match.index, end: match.index + match[0].length });
    }
  }
  // Where two overlap the longer is meant: "product feedback calls" is product feedback.
  hits.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: typeof hits = [];
  for (const hit of hits) {
    if (!kept.some((other) => hit.start < other.end && other.start < hit.end)) kept.push(hit);
  }
  const kinds = kept.filter((hit) => !DETERMINER.test(text.slice(0, hit.start))).map((hit) => hit.activity);
  if (kinds.length < kept.length) return [];
  return [...new Set(kinds)];
}

// ---------------------------------------------------------------------------------------------
// Cap

const NUMBER = `(\\d{1,3}|${Object.keys(NUMBER_WORDS).join("|")})`;
const UNIT = "(?:asks?|requests?|times?|things?|activities|invitations?|invites?)";
const PERIOD = "(?:a|per|each|every|in a|in each)\\s+(quarter|month|year)";
const LIMIT_WORDS =
  "(?:max(?:imum)?(?: of)?|at most|no more than|not more than|up to|only|just|limit (?:me |it )?(?:to|at)|cap (?:me |it )?(?:to|at)|set my (?:cap|limit) (?:to|at)|change my (?:cap|limit) to|my (?:cap|limit) (?:is|should be|to))";

const CAP_PATTERNS: readonly RegExp[] = [
  // "max 2 asks a quarter", "no more than three a quarter", "only one ask per month"
  new RegExp(`\\b${LIMIT_WORDS}\\s+${NUMBER}(?:\\s+${UNIT})?\\s+${PERIOD}\\b`),
  // "2 asks a quarter max", "two requests per quarter is plenty"
  new RegExp(`^(?:i can do |i'?m ok with |ok with )?${NUMBER}\\s+${UNIT}\\s+${PERIOD}\\b`),
  // "cap me at 2", "set my limit to 3", "max 2 asks"
  new RegExp(`\\b${LIMIT_WORDS}\\s+${NUMBER}(?:\\s+${UNIT})?$`),
];
const DEFAULT_CAP =
  /^(?:reset|remove|clear|drop) my (?:cap|limit)$|^(?:use the |back to the )?(?:program )?default (?:cap|limit)$|^no (?:cap|limit)$/;
const CAP_CUE = /\b(?:max(?:imum)?|cap|limit|at most|no more than|not more than|up to)\b/;

/** Asks a quarter (null: the default) when the text sets a cap; undefined when it does not. */
function readCap(text: string): number | null | undefined {
  if (DEFAULT_CAP.test(text)) return null;
  for (const [index, pattern] of CAP_PATTERNS.entries()) {
    const match = pattern.exec(text);
    if (!match) continue;
    // Without a period, only a plain cap word counts ("max 2"), never "only 2" or "just one".
    if (index === 2 && !CAP_CUE.test(match[0])) continue;
    const count = NUMBER_WORDS[match[1] ?? ""] ?? Number(match[1]);
    const period = match[2] ?? "quarter";
    const perQuarter = period === "month" ? count * 3 : period === "year" ? Math.ceil(count / 4) : count;
    return Math.min(perQuarter, MAX_CAP);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Dates

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_WORDS =
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
const DURATION =
  /\b(?:for\s+)?(?:the\s+next\s+)?(\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a couple(?: of)?|couple of|a few|few)\s+(days?|weeks?|months?)\b/;
const FORTNIGHT = /\bfor a fortnight\b/;
const QUARTER =
  /\b(after |until after |till after )?(?:the )?(?:q([1-4])|(first|second|third|fourth) quarter)(?: (\d{4}))?\b/;
const NEW_YEAR = /\b(?:the )?new year\b|\bnext year\b|\bjanuary next year\b/;
const MONTH_ALONE = new RegExp(
  `\\b(after |until after |till after )?(?:(early|mid|late|the end of|end of|the beginning of|beginning of|the start of|start of)[\\s-]+)?(?<!\\d(?:st|nd|rd|th)?\\s+(?:of\\s+)?)(${MONTH_WORDS})\\.?(?: (\\d{4}))?\\b(?!\\s*\\d)`,
);
const NAMES_A_DATE = /\b(?:until|till|til|through|thru|for|after)\b/;
/** "pause me for now", "for a while": no date named. */
const NO_DATE = /\bfor (?:me|now|a (?:bit|while)|some time|the time being)\b/g;

const QUARTER_ORDINALS: Readonly<Record<string, number>> = { first: 1, second: 2, third: 3, fourth: 4 };
const DURATION_COUNTS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  "a couple": 2,
  "a couple of": 2,
  "couple of": 2,
  "a few": 3,
  few: 3,
};

const isoDay = (year: number, month: number, day: number): string =>
  `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
const yearOf = (date: string): number => Number(date.slice(0, 4));
const monthOf = (date: string): number => Number(date.slice(5, 7));
const lastDay = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

function addMonths(date: string, months: number): string {
  const total = yearOf(date) * 12 + monthOf(date) - 1 + months;
  const [year, month] = [Math.floor(total / 12), (total % 12) + 1];
  return isoDay(year, month, Math.min(Number(date.slice(8, 10)), lastDay(year, month)));
}

/** The champion's own calendar day: "until Monday" and "for two weeks" count from it. */
export function localToday({ now, timezone }: SelfServiceContext): string {
  const offset = timezone ? (utcOffsetHours(timezone, now) ?? 0) : 0;
  return toIsoDate(new Date(now.getTime() + offset * 3_600_000));
}

/**
 * The first day they may be asked again: a date after today; null when a date is named but cannot
 * be read (or is not in the future); undefined when none is named.
 */
function readUntil(text: string, today: string): string | null | undefined {
  const dated = text.replace(NO_DATE, " ");
  const found = readDate(dated, today);
  if (found === undefined) return NAMES_A_DATE.test(dated) ? null : undefined;
  return found > today ? found : null;
}

/** A day in a named month or quarter without a year is the next one still to come. */
function ahead(date: string, today: string, explicitYear: string | undefined): string {
  return explicitYear || date > today ? date : addMonths(date, 12);
}

function readDate(text: string, today: string): string | undefined {
  const duration = DURATION.exec(text);
  if (duration) {
    const raw = duration[1] ?? "";
    const count = DURATION_COUNTS[raw] ?? NUMBER_WORDS[raw] ?? Number(raw);
    const unit = (duration[2] ?? "").replace(/s$/, "");
    return unit === "month" ? addMonths(today, count) : addDays(today, unit === "week" ? count * 7 : count);
  }
  if (FORTNIGHT.test(text)) return addDays(today, 14);
  const quarter = QUARTER.exec(text);
  if (quarter) {
    const number = quarter[2] ? Number(quarter[2]) : (QUARTER_ORDINALS[quarter[3] ?? ""] ?? 1);
    const start = isoDay(Number(quarter[4] ?? yearOf(today)), number * 3 - 2, 1);
    return ahead(quarter[1] ? addMonths(start, 3) : start, today, quarter[4]);
  }
  if (NEW_YEAR.test(text)) return isoDay(yearOf(today) + 1, 1, 1);
  const month = MONTH_ALONE.exec(text);
  // "may" is a month only after a word that names one ("until may"), never in "you may".
  if (
    month &&
    !(month[3] === "may" && !/\b(?:until|till|til|after|through|in|mid|early|late|of)[\s-]+may\b/.test(text))
  ) {
    const number = MONTHS.indexOf((month[3] ?? "").slice(0, 3)) + 1;
    const year = Number(month[4] ?? yearOf(today));
    const part = (month[2] ?? "").replace(/^the /, "");
    const day = month[1]
      ? addMonths(isoDay(year, number, 1), 1)
      : isoDay(year, number, { mid: 15, late: 20, "end of": lastDay(year, number) }[part] ?? 1);
    return ahead(day, today, month[4]);
  }
  return chronoDate(text, today);
}

/** Calendar dates and weekdays, read by chrono relative to the champion's own today. */
function chronoDate(text: string, today: string): string | undefined {
  // Local noon on their date, read back as calendar parts only: the host's zone never matters.
  const reference = new Date(yearOf(today), monthOf(today) - 1, Number(today.slice(8, 10)), 12);
  const [result] = datesIn(text, reference, { forwardDate: true });
  if (!result) return undefined;
  const { start } = result;
  if (!start.isCertain("day") && !start.isCertain("weekday") && !start.isCertain("month")) return undefined;
  const day = start.isCertain("day") || start.isCertain("weekday") ? (start.get("day") ?? 1) : 1;
  let date = isoDay(start.get("year") ?? yearOf(today), start.get("month") ?? 1, day);
  // "until Monday", said on a Monday, is next week's.
  if (!start.isCertain("day") && start.isCertain("weekday") && date <= today) date = addDays(date, 7);
  const after = /\bafter\s+(?:the\s+)?$/.test(text.slice(0, result.index));
  return after ? addDays(date, 1) : date;
}

// ---------------------------------------------------------------------------------------------
// Activity lists

/** An empty list means no restriction: every type. */
const willingOf = (activities: readonly ActivityType[]): ActivityType[] =>
  activities.length === 0 ? [...ACTIVITY_TYPES] : ACTIVITY_TYPES.filter((type) => activities.includes(type));

/** Back to the roster's form: every type is written as no restriction at all. */
const asStored = (willing: readonly ActivityType[]): ActivityType[] =>
  willing.length === ACTIVITY_TYPES.length ? [] : [...willing];

export type ActivityChange =
  | { changed: true; activities: ActivityType[] }
  | { changed: false; reason: "already" | "last_one" };

/** The list after opting out of (or back into) one type; an empty list (no restriction) loses just that one. */
export function changeActivities(
  activities: readonly ActivityType[],
  activity: ActivityType,
  willing: boolean,
): ActivityChange {
  const current = willingOf(activities);
  if (current.includes(activity) === willing) return { changed: false, reason: "already" };
  if (!willing && current.length === 1) return { changed: false, reason: "last_one" };
  const next = willing ? [...current, activity] : current.filter((type) => type !== activity);
  return { changed: true, activities: asStored(ACTIVITY_TYPES.filter((type) => next.includes(type))) };
}

/** The activity types that best fit these motivations among those they do, best first. */
export function favouredActivities(
  motivations: readonly Motivation[],
  activities: readonly ActivityType[],
  count = 3,
): ActivityType[] {
  return willingOf(activities)
    .map((activity, index) => ({ activity, index, fit: motivationFit(motivations, activity) }))
    .sort((a, b) => b.fit - a.fit || a.index - b.index)
    .slice(0, count)
    .map((entry) => entry.activity);
}

/** "webinars", "case studies": what a champion calls a kind of ask. */
export function activityPlural(activity: ActivityType): string {
  const label = activityLabel(activity);
  if (label.endsWith("study")) return `${label.slice(0, -1)}ies`;
  if (label === "advisory board seat") return "advisory board seats";
  return /s$/.test(label) ? label : `${label}s`;
}

// ---------------------------------------------------------------------------------------------
// The preferences survey

export interface SurveyOption {
  id: string;
  label: string;
  motivation: Motivation;
}

export interface SurveyQuestion {
  id: string;
  prompt: string;
  options: readonly SurveyOption[];
}

// Five questions; each motivation can be chosen in exactly three of them, so none is favoured by
// the questionnaire itself. Options read as the seeds describe each motivation.
export const SURVEY: readonly SurveyQuestion[] = [
  {
    id: "enjoy",
    prompt: "What do you enjoy most about helping other customers?",
    options: [
      { id: "stage", label: "Being on stage and getting the word out", motivation: "spotlight" },
      { id: "peer", label: "Helping a peer who faces what I faced", motivation: "altruism" },
      { id: "shape", label: "Shaping where the product goes", motivation: "voice" },
      { id: "learn", label: "Learning from other experts", motivation: "mastery" },
    ],
  },
  {
    id: "first_yes",
    prompt: "Which invitation would you say yes to first?",
    options: [
      { id: "panel", label: "Speaking on a panel or at a conference", motivation: "spotlight" },
      { id: "dinner", label: "A dinner with customers in my field", motivation: "camaraderie" },
      { id: "call", label: "A short, well-defined reference call", motivation: "duty" },
      { id: "board", label: "A seat on the customer advisory board", motivation: "voice" },
    ],
  },
  {
    id: "why",
    prompt: "Why do you help at all?",
    options: [
      { id: "partner", label: "It's part of a good partnership", motivation: "duty" },
      { id: "believe", label: "I believe in what it does for people like me", motivation: "altruism" },
      { id: "people", label: "I like the people I meet through it", motivation: "camaraderie" },
    ],
  },
  {
    id: "shape_of_ask",
    prompt: "What kind of ask suits you best?",
    options: [
      { id: "boxed", label: "Time-boxed, with a clear start and end", motivation: "duty" },
      { id: "stretch", label: "One I'll learn something from", motivation: "mastery" },
      { id: "together", label: "One I do together with peers", motivation: "camaraderie" },
    ],
  },
  {
    id: "afterwards",
    prompt: "What makes it worth your while afterwards?",
    options: [
      { id: "thanks", label: "A public thank-you with my name on it", motivation: "spotlight" },
      { id: "impact", label: "Hearing how it helped the person I spoke to", motivation: "altruism" },
      { id: "roadmap", label: "Seeing my input in the product", motivation: "voice" },
      { id: "access", label: "Access to experts and new ideas", motivation: "mastery" },
    ],
  },
];

/** Question id → option id. */
export type SurveyAnswers = Readonly<Record<string, string>>;

export function surveyOption(questionId: string, optionId: string): SurveyOption | undefined {
  return SURVEY.find((question) => question.id === questionId)?.options.find((o) => o.id === optionId);
}

/** The first question not yet answered, or null when the survey is complete. */
export function nextSurveyQuestion(answers: SurveyAnswers): SurveyQuestion | null {
  return SURVEY.find((question) => answers[question.id] === undefined) ?? null;
}

/**
 * Motivations from the answers, strongest first: chosen most often first; on a tie, the one chosen
 * in the earlier question (the first asks what they enjoy most). Unknown answers are ignored.
 */
export function motivationsFromSurvey(answers: SurveyAnswers): Motivation[] {
  const tally = new Map<Motivation, { count: number; first: number }>();
  SURVEY.forEach((question, index) => {
    const chosen = surveyOption(question.id, answers[question.id] ?? "");
    if (!chosen) return;
    const seen = tally.get(chosen.motivation);
    tally.set(chosen.motivation, { count: (seen?.count ?? 0) + 1, first: seen?.first ?? index });
  });
  return MOTIVATIONS.filter((motivation) => tally.has(motivation)).sort((a, b) => {
    const [x, y] = [tally.get(a), tally.get(b)] as [
      { count: number; first: number },
      { count: number; first: number },
    ];
    return y.count - x.count || x.first - y.first;
  });
}

/** What each motivation means to the champion, as the summary says it back. */
export const MOTIVATION_WORDS: Readonly<Record<Motivation, string>> = {
  spotlight: "the stage",
  camaraderie: "time with peers",
  duty: "clear, time-boxed asks",
  altruism: "helping a peer",
  voice: "a say in the product",
  mastery: "learning from other experts",
};
