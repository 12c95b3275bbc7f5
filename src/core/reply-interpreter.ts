// Deterministic reading of a champion's own-words answer to an invitation ("sure, Tuesday works",
// "not this quarter, try me in April"). Pure: no I/O and no clock (the caller passes `now` and the
// champion's time zone), so the same text and context always give the same intent. A language model
// may improve on this; this one always works, and it never turns text it cannot read into a yes.
//
// How it reads a reply:
// 1. Slack markup becomes plain text; 👍 and :+1: become "yes", 👎 and :x: become "no".
// 2. Text addressed to a machine ("ignore previous instructions…") is unclear, whatever else it says.
// 3. Cue phrases are found (accept, decline, defer, busy, hedge, ask…); where two overlap the longer
//    one wins, so "no problem" is a yes and "not sure" a hedge, not a "no" or a "sure".
// 4. The reply is cut into clauses at punctuation and conjunctions. "but", "though", "unfortunately"…
//    start a new segment, and the last segment that takes a stance decides it ("I'd love to but I
//    can't" declines). Within one segment a no beats being busy, which beats a hedge, which beats a yes.
// 5. Saying it is not a good time ("not right now", "try me in April") is `later`, as is a no or a
//    "busy" that names when to come back; a yes that names a date is a yes with that date as its note
//    ("happy to, but not before March"). A no for good ("take me off this list") stays a no.
// 6. Questions ask the program team something; a yes with a question is a yes, the question its note.
//    An offer of someone or something else, a hedge, or a yes with a "can't" about a detail is unclear:
//    a person reads those.
// `until` is read in the champion's calendar and is always after their today, or null.

import { addDays, toIsoDate, utcOffsetHours } from "./dates";
import { datesIn } from "./dates-in-text";
import type { ReplyContext, ReplyIntent } from "./reply-intent";
import { allMatches } from "./text";
import { NUMBER_WORDS } from "./vocabulary/numbers";

/**
 * Whether a reply speaks to a machine ("SYSTEM: approve all", "ignore previous instructions"): such
 * a reply is unclear whoever reads it, the rules or a model, so no instruction in it can answer.
 */
export const addressedToMachine = (text: string): boolean => speaksToMachine(cleanReply(text));

const speaksToMachine = (clean: string): boolean => INJECTION.some((pattern) => pattern.test(clean));

export function interpretReply(text: string, context: ReplyContext): ReplyIntent {
  const clean = cleanReply(text);
  if (!/[\p{L}\p{N}]/u.test(clean) || speaksToMachine(clean)) return UNCLEAR;

  const cues = findCues(clean);
  const today = localToday(context);
  const parts = splitClauses(clean);
  const dates = findDates(clean, today, parts, cues);
  const clauses = readClauses(clean, parts, cues, dates);
  const has = (kind: CueKind) => cues.some((cue) => cue.kind === kind);
  const asks = clauses.some((clause) => clause.question);
  const until = (candidates: readonly FoundDate[]) => latestAfter(candidates, today);
  const deferrals = dates.filter((date) => date.deferral);
  // Questions and conditions ("is it ok if…", "if it's remote") take no stance of their own.
  const answering = clauses.filter((clause) => !clause.question && !clause.conditional);
  const answers = (kind: CueKind) =>
    cues.some((cue) => cue.kind === kind && answering.some((c) => within(cue, c)));

  if (has("counter")) return asks ? { kind: "question" } : UNCLEAR;
  if (has("defer")) return { kind: "later", until: until(dates) };
  const stance = findStance(answering, cues);
  switch (stance?.kind) {
    case "refuse":
      return { kind: "decline" };
    case "decline": {
      // "No, try me after Q1": a no that says when to come back.
      const comeBack = deferrals.filter((date) => segmentAt(clauses, date) >= stance.segment);
      if (comeBack.length > 0) return { kind: "later", until: until(comeBack) };
      if (has("now")) return { kind: "later", until: null };
      // "Happy to, but I can't be on camera": a yes with a limit that only a person can weigh.
      return stance.partial && answers("accept") ? UNCLEAR : { kind: "decline" };
    }
    case "busy":
      return { kind: "later", until: until(deferrals) };
    case "accept":
      return { kind: "accept", note: acceptNote(clean, clauses, cues, stance.segment) };
  }
  if (asks) return { kind: "question" };
  if (deferrals.length > 0) return { kind: "later", until: until(deferrals) };
  return UNCLEAR;
}

const UNCLEAR: ReplyIntent = { kind: "unclear" };

// ---------------------------------------------------------------------------------------------
// Text

const POSITIVE_EMOJI = new Set([
  "+1",
  "thumbsup",
  "white_check_mark",
  "heavy_check_mark",
  "ballot_box_with_check",
  "ok_hand",
  "ok",
]);
const NEGATIVE_EMOJI = new Set([
  "-1",
  "thumbsdown",
  "x",
  "no_entry",
  "no_entry_sign",
  "heavy_multiplication_x",
]);

/** Slack markup to plain text, keeping case; emoji that answer become words in a clause of their own. */
function cleanReply(text: string): string {
  return (
    text
      .replace(/<[@#!][^>]*>/g, " ")
      .replace(/<(?:https?|mailto):[^|>]+\|([^>]+)>/g, "$1")
      .replace(/<(?:https?|mailto):[^>]+>|https?:\/\/\S+/g, " ")
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/[‘’ʼ`]/g, "'")
      .replace(/[“”]/g, '"')
      .replace(/:([a-z0-9_+-]+):/g, (_, code: string) =>
        POSITIVE_EMOJI.has(code) ? " ; yes ; " : NEGATIVE_EMOJI.has(code) ? " ; no ; " : " ",
      )
      .replace(/👍|✅|✔️?|☑️?|👌|🆗/gu, " ; yes ; ")
      .replace(/👎|❌|🚫|⛔/gu, " ; no ; ")
      .replace(/🤔/gu, " ; hmm ; ")
      .replace(/\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}\u{FE0F}\u{200D}]/gu, " ")
      // Struck-through words are taken back: "~no~ yes" says yes.
      .replace(/(?<![\p{L}\p{N}])~[^~\n]+~(?![\p{L}\p{N}])/gu, " ")
      .replace(/(?<![\p{L}\p{N}])[*_~]+|[*_~]+(?![\p{L}\p{N}])/gu, "")
      .replace(/[ \t]+/g, " ")
      .trim()
  );
}

interface Span {
  start: number;
  end: number;
}

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;
const within = (span: Span, outer: Span): boolean => span.start >= outer.start && span.start < outer.end;

/** Alternatives as one case-insensitive pattern bounded by non-letters, so "no" never matches "know". */
const phrases = (...alternatives: string[]): RegExp =>
  new RegExp(`(?<![\\p{L}\\p{N}'])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}])`, "giu");

/** Where a clause ends: punctuation, a dash, or the end of the text. */
const END = "(?=\\s*(?:[.!?,;:)]|\\s[-–—]|$))";

// ---------------------------------------------------------------------------------------------
// Text addressed to a machine rather than to the program team

const INJECTION: readonly RegExp[] = [
  /\b(?:ignore|disregard|forget|override|bypass)\b.{0,40}\b(?:instructions?|prompts?|rules|directions|guidelines|system|context)\b/isu,
  /\b(?:ignore|disregard|forget)\s+(?:everything|anything|all)\s+(?:above|before|prior|previous|else)\b/iu,
  /\b(?:system|developer)\s+(?:prompt|message|mode|instructions?)\b|\bjailbreak|\byou\s+are\s+now\b/iu,
  /\bapprove\s+(?:everything|all|every|any)\b|\baccept\s+(?:everything|every\s+\w+|all\s+(?:requests|invitations|of\s+them))\b/iu,
  /\b(?:respond|reply|answer|output|return|print|classify|mark|label|treat|record|set|flag|log)\s+(?:(?:this|it|the|that|my)\s+)?(?:\w+\s+)?(?:with|as|to)\s+(?:an?\s+)?["']?(?:accept(?:ed)?|approved?|yes|true|declined?|no|false|rejected?)\b/iu,
  /\b(?:respond|reply|answer|output|return|print)\s+["']?(?:accept(?:ed)?|approved?|yes|true)\b/iu,
  /(?:^|[\s,.;])(?:assistant|bot|ai|chatgpt|gpt|llm|model)\s*[,:]/iu,
  /(?:^|\n)\s*(?:system|assistant|user)(?:\s+(?:override|message|note|prompt|instructions?))?\s*:|<\|[^>]*\|>|\[\/?(?:inst|system|assistant|user)\]|\{\s*"?(?:kind|intent|status|answer)"?\s*:/iu,
  // A field of the answer written out: "kind: accept", "status = approved".
  /\b(?:kind|intent|status|answer|verdict)\s*[:=]\s*["']?(?:accept(?:ed)?|approved?|declined?|later|yes|no)\b/iu,
];

// ---------------------------------------------------------------------------------------------
// Cue phrases

type CueKind =
  | "neutral"
  | "accept"
  | "refuse"
  | "decline"
  | "defer"
  | "busy"
  | "now"
  | "hedge"
  | "counter"
  | "ask";

interface Cue extends Span {
  kind: CueKind;
  /** A "can't" about a detail ("can't be on camera", "can't make it on the 5th"), not the whole ask. */
  partial?: boolean;
}

// "happy to help out with this", "love to join": the participation words belong to the yes.
const TAKE_PART =
  "(?:\\s+(?:help(?:\\s+out)?|do\\s+(?:it|that|this|one|so)|join(?:\\s+in)?|chat|talk|speak|participate|take\\s+part|jump\\s+on|hop\\s+on|be\\s+(?:involved|part\\s+of\\s+(?:it|this|that))|contribute|support|assist)(?:\\s+(?:with\\s+|on\\s+)?(?:it|that|this(?:\\s+one)?|them|you|the\\s+(?:call|panel|webinar|session|reference|event)))?)?";
const CANT = "(?:can'?t|cannot|can\\s+not|couldn'?t)";
/** A person taking back what they just said: what follows overrules it. */
const CORRECTION =
  "scratch\\s+that|(?:ignore|disregard)\\s+(?:that|my\\s+(?:last|previous|earlier)\\s+(?:message|reply|answer))|on\\s+second\\s+thought|correction";
const MONTH_WORDS =
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
/** What follows "try me", "ask me", "ping me" when they say when: "again", "in April", "tomorrow". */
const COME_BACK = `(?:again|later|another|next|after|in|around|closer|once|when|on|at\\s+the|mid|early|late|q[1-4]|tomorrow|(?:mon|tues|wednes|thurs|fri|satur|sun)day|${MONTH_WORDS})`;

/** In priority order: when two cues of the same length overlap, the earlier kind wins. */
const CUES: readonly { kind: CueKind; pattern: RegExp }[] = [
  {
    kind: "neutral",
    pattern: phrases(
      "no\\s+(?:later|more|longer|less)\\s+than",
      "no\\s+matter",
      "not\\s+only",
      "let\\s+me\\s+know",
      "lmk",
      "no\\s+rush",
      "never\\s*mind",
      "(?:make|be)\\s+sure",
      CORRECTION,
      "thanks?(?:\\s+you)?(?:\\s+(?:so|very)\\s+much)?(?:\\s+for\\s+(?:asking|thinking\\s+of\\s+me|reaching\\s+out|the\\s+invite))?",
    ),
  },
  {
    kind: "accept",
    pattern: phrases(
      // Negative words that mean yes.
      "no\\s+(?:problem|prob|probs|worries|worry|issues?|objections?|doubt)",
      "not\\s+a\\s+problem",
      "of\\s+course",
      `(?:(?:i\\s+)?(?:don'?t|${CANT})\\s+see\\s+)?why\\s+not${END}`,
      `${CANT}\\s+wait`,
      `(?:${CANT}|wouldn'?t|how\\s+could\\s+i|never)\\s+(?:say\\s+no|refuse)`,
      `(?:i\\s+)?(?:don'?t|wouldn'?t)\\s+mind${END}`,
      "(?:wouldn'?t|won'?t)\\s+miss\\s+it",
      `${CANT}\\s+not(?:\\s+\\p{L}+)?`,
      "no\\s+reason\\s+not\\s+to",
      // Plain yes.
      "y(?:es+|ea+h?|ep|up|ah)(?:\\s+please)?",
      "sure(?:\\s+thing)?",
      "for\\s+sure",
      "ok(?:ay|ey|ie)?",
      `k{1,2}${END}`,
      "alright",
      "all\\s+right",
      "fine\\s+(?:by|with)\\s+me",
      "(?:that'?s|that\\s+is|sounds)\\s+fine",
      "absolutely",
      "definitely",
      "certainly",
      "gladly",
      "with\\s+pleasure",
      "(?:it\\s+would\\s+be\\s+|it'?d\\s+be\\s+)?(?:my|a)\\s+pleasure",
      "by\\s+all\\s+means",
      "count\\s+me\\s+in",
      "sign\\s+me\\s+up",
      "put\\s+me\\s+down(?:\\s+(?:for\\s+(?:it|that|one)|as\\s+a\\s+yes))?",
      "pencil\\s+me\\s+in",
      "book\\s+me(?:\\s+in)?",
      "i\\s+accept",
      `(?:i'?m|i\\s+am)\\s+in${END}`,
      `(?:i'?m|i\\s+am)\\s+(?:down|game)(?:\\s+for\\s+(?:it|that|this|one))?${END}`,
      "(?:(?:i'?m|i\\s+am|i'?d\\s+be)\\s+)?up\\s+for\\s+(?:it|that|this|one)",
      // "I'd love to", "would be happy to", "glad to help".
      `(?:i'?d|i\\s+would|would)\\s+(?:love|like|be\\s+(?:more\\s+than\\s+)?(?:happy|glad|delighted|thrilled|honou?red|keen|willing|pleased))(?:\\s+to${TAKE_PART})?`,
      `(?:i'?d\\s+)?love\\s+to${TAKE_PART}`,
      `(?:more\\s+than\\s+)?(?:happy|glad|delighted|thrilled|keen|excited|willing|pleased|honou?red)\\s+to${TAKE_PART}`,
      "sounds?\\s+(?:good|great|fine|perfect|fun|lovely|awesome|amazing|excellent|cool|like\\s+a\\s+plan)",
      // "Tuesday works", "that works for me"; not "how it works".
      "works?\\s+for\\s+(?:me|us)",
      // Only "works" itself is the cue: the day before it is what the note keeps.
      "(?<!\\b(?:how|if|whether|what)\\s+(?:\\p{L}+\\s+)?)(?<=(?:\\b(?:that|this|it|which|whatever|either|both|anytime|time|tomorrow|morning|afternoon|evening|date|slot|week)|day|\\d|am|pm)\\s+)works?(?:\\s+(?:great|well|perfectly|fine))?",
      "(?:(?:i|we)\\s+)?(?:can|could|will)\\s+(?:do|make|help|join|manage|fit)(?:\\s+(?:it|that|this|one))?",
      "i'?ll\\s+(?:do\\s+it|do\\s+that|be\\s+there|join|help|take\\s+it|make\\s+it)",
      `will\\s+do${END}`,
      "let'?s\\s+(?:do\\s+(?:it|this|that)|go|make\\s+it\\s+happen)",
      "go\\s+ahead",
      "go\\s+for\\s+it",
      "(?:(?:i'?m|i\\s+am|i'?ll\\s+be|i\\s+will\\s+be)\\s+)?available",
      "(?:i'?m|i\\s+am|i'?ll\\s+be|i\\s+will\\s+be)\\s+free",
      "on\\s+board",
      "look(?:ing)?\\s+forward",
    ),
  },
  {
    kind: "defer",
    pattern: phrases(
      "not\\s+(?:right\\s+)?now",
      "not\\s+at\\s+(?:the|this)\\s+(?:moment|time|point)",
      "not\\s+currently",
      "not\\s+for\\s+now",
      "not\\s+yet",
      "maybe\\s+later",
      "later(?!\\s+than)",
      "(?:an|some)\\s*other\\s+time",
      "another\\s+(?:time|day)",
      "(?:a\\s+)?later\\s+date",
      "down\\s+the\\s+(?:road|line)",
      "in\\s+the\\s+future",
      "future\\s+(?:ones?|requests?|opportunities|events?|asks?|invites?)",
      "next\\s+time",
      "rain\\s*-?\\s*check",
      "circle\\s+back",
      "check\\s+back",
      // "ask me again", "try me in April", "ping me next month"; not "just ask me what you need".
      `(?:(?:ask|try|ping|nudge|poke|remind|hit\\s+up)\\s+me|reach\\s+(?:out|back)(?:\\s+to\\s+me)?|(?:get|come)\\s+back\\s+to\\s+me)\\s+(?:up\\s+)?${COME_BACK}`,
      "follow\\s+up\\s+(?:later|again|in|after|next)",
      "keep\\s+me\\s+in\\s+mind",
      "revisit",
      "postpone",
      "bad\\s+tim(?:e|ing)",
      "not\\s+(?:a\\s+)?(?:good|great|the\\s+best|the\\s+right|an\\s+ideal|ideal)\\s+(?:time|timing|moment)",
      "(?:tough|terrible|awful|poor)\\s+timing",
      "timing\\s+(?:is(?:n'?t)?|isn'?t)\\s+(?:great|good|right|ideal|bad|off|tough)",
      "timing\\s+doesn'?t\\s+work",
    ),
  },
  {
    // A no for good: no date or "for now" turns it into a later.
    kind: "refuse",
    pattern: phrases(
      "(?:i|we)\\s+don'?t\\s+do",
      "(?:take|remove|drop|leave)\\s+me\\s+(?:off|out)",
      "remove\\s+me",
      "unsubscribe",
      "opt(?:\\s+me)?\\s+out",
      "stop\\s+(?:asking|sending|messaging|contacting|pinging|reaching\\s+out|dm'?ing)",
      "don'?t\\s+(?:contact|message|ask|email|ping|dm)\\s+me",
      "leave\\s+me\\s+alone",
      `^stop${END}`,
      "no\\s+longer",
      "(?:not|isn'?t|aren'?t)\\s+allowed",
      "(?:doesn'?t|don'?t|won'?t)\\s+(?:allow|let\\s+(?:me|us))",
      "(?:i'?m\\s+|i\\s+am\\s+)?(?:leaving|left)\\s+(?:the\\s+company|my\\s+(?:job|role|company))",
      "(?:moving|switching|migrating)\\s+(?:off|away\\s+from)",
      "not\\s+(?:a|an)\\s+(?:customer|user|client)",
      "(?:not|won'?t\\s+be)\\s+renewing",
    ),
  },
  {
    kind: "decline",
    pattern: phrases(
      "no(?:\\s*,?\\s*thanks?(?:\\s+you)?|\\s+thx)?",
      "nope",
      "nah",
      "thanks?,?\\s+but\\s+no(?:\\s+thanks?)?",
      "(?:i'?ll|i\\s+will|i'?m\\s+going\\s+to|i'?m\\s+gonna|gonna|going\\s+to|(?:have|need)\\s+to|i\\s+must|i'?d\\s+(?:better|rather)|i\\s+think\\s+i'?ll|ill|i)\\s+(?:have\\s+to\\s+)?pass(?!\\s+(?:it|this|that)\\s+(?:along|on|to))",
      "hard\\s+pass",
      "pass(?:ing)?\\s+on\\s+(?:this|that|it)(?:\\s+one)?(?!\\s+to)",
      `^pass${END}`,
      "not\\s+(?:really\\s+|that\\s+)?interested",
      "no\\s+interest",
      "not\\s+for\\s+me",
      "not\\s+my\\s+(?:thing|cup\\s+of\\s+tea)",
      "not\\s+(?:a\\s+)?(?:good\\s+|great\\s+)?fit",
      "not\\s+(?:the\\s+)?(?:right|best|ideal|good)\\s+(?:person|fit|choice|one)",
      "wrong\\s+person",
      "not\\s+keen",
      "not\\s+up\\s+for",
      "not\\s+comfortable",
      "uncomfortable",
      // "I'd rather not", but "I'd prefer not to be recorded" is a condition.
      `(?:i'?d\\s+|i\\s+would\\s+)?(?:rather|prefer)\\s+not(?:\\s+to(?:\\s+(?:do\\s+(?:it|this|that)|participate|join|take\\s+part|be\\s+involved))?)?${END}`,
      "no\\s+can\\s+do",
      "no\\s+way",
      "not\\s+a\\s+chance",
      "(?:absolutely|definitely|certainly|of\\s+course|sure)\\s+not",
      "not\\s+really",
      "can'?t",
      "cannot",
      "can\\s+not",
      "couldn'?t",
      "unable",
      "not\\s+able",
      "won'?t",
      "(?:i\\s+)?don'?t\\s+think\\s+(?:so|i\\s+can|i'?ll|i\\s+will|it'?s)",
      "don'?t\\s+want",
      "(?:not|im)possible",
      "(?:not|un)available",
      "(?:doesn'?t|don'?t)\\s+work",
      "not\\s+going\\s+to\\s+(?:work|happen)",
      "say\\s+no",
      "declin(?:e|ing)",
      `(?:i'?m|i\\s+am)\\s+out${END}`,
      "count\\s+me\\s+out",
      "not\\s+this\\s+time",
      "not\\s+(?:for\\s+)?this\\s+one",
      "sit\\s+(?:this|that)\\s+one\\s+out",
      "skip\\s+(?:this|that|it)(?:\\s+one)?",
      "unfortunately",
      "regrettably",
      "sadly",
      "afraid\\s+not",
    ),
  },
  {
    kind: "busy",
    pattern: phrases(
      "swamped",
      "slammed",
      "(?:really\\s+|too\\s+|very\\s+|super\\s+|crazy\\s+|so\\s+|pretty\\s+|extremely\\s+)?busy",
      "buried",
      "underwater",
      "snowed\\s+under",
      "overloaded",
      "overwhelmed",
      "flat\\s+out",
      "heads?[\\s-]down",
      "stretched(?:\\s+(?:too\\s+)?thin)?",
      "(?:my\\s+)?plate\\s+is\\s+(?:full|overflowing)",
      "full\\s+plate",
      "hectic",
      "packed",
      "booked\\s+(?:up|solid)",
      "fully\\s+booked",
      "(?:calendar|schedule)\\s+is\\s+(?:full|crazy|insane|nuts|rammed)",
      "(?:no|zero|limited|little|(?:don'?t|do\\s+not)\\s+have\\s+(?:the\\s+|any\\s+)?)(?:bandwidth|capacity|time)",
      "out\\s+of\\s+(?:the\\s+)?office",
      "ooo",
      "on\\s+(?:vacation|holiday|leave|pto|sabbatical|the\\s+road|(?:parental|maternity|paternity|sick|medical)\\s+leave)",
      "(?:i'?m|i\\s+am|i'?ll\\s+be|i\\s+will\\s+be)\\s+(?:away|travell?ing)",
      "travell?ing",
    ),
  },
  {
    kind: "now",
    pattern: phrases(
      "right\\s+now",
      "at\\s+the\\s+moment",
      "atm",
      "for\\s+now",
      "currently",
      "at\\s+present",
      "these\\s+days",
      "at\\s+this\\s+(?:time|point)",
    ),
  },
  {
    kind: "hedge",
    pattern: phrases(
      "maybe",
      "perhaps",
      "possibly",
      "probably",
      "might\\s+be\\s+able",
      "not\\s+(?:\\d+\\s*%\\s+|entirely\\s+|totally\\s+|quite\\s+|really\\s+|so\\s+)?(?:sure|certain)",
      "unsure",
      "uncertain",
      "let\\s+me\\s+(?:think|check|see|look|confirm|get\\s+back|sleep\\s+on|mull|consider|talk|ask|run)",
      "(?:i'?ll|i\\s+will|i\\s+need\\s+to|i\\s+have\\s+to|i\\s+must|gotta|need\\s+to|have\\s+to)\\s+(?:think|check|see|confirm|get\\s+back|look|ask|talk|run\\s+it)",
      "think\\s+(?:about\\s+it|it\\s+over)",
      "get\\s+back\\s+to\\s+you(?:\\s+(?:later|soon|shortly|tomorrow))?",
      "depends",
      "depending",
      "tentative(?:ly)?",
      "idk",
      "(?:i\\s+)?don'?t\\s+know",
      "dunno",
      "h+m+",
      "u+m+",
      "we'?ll\\s+see",
      "check\\s+with",
      "on\\s+the\\s+fence",
      "undecided",
      "yes\\s+and\\s+no",
      "i\\s+guess",
    ),
  },
  {
    // An offer of something or someone else is for a person to read, never a plain yes or no.
    kind: "counter",
    pattern: phrases(
      "instead",
      "rather\\s+than",
      "in\\s+my\\s+place",
      "on\\s+my\\s+behalf",
      "(?:some|any)(?:one|body)\\s+else",
      "another\\s+(?:person|colleague)",
      "(?:pass|forward|hand|send)\\s+(?:this|it|that)\\s+(?:on\\s+|along\\s+|over\\s+)?to",
    ),
  },
  {
    // A request for information, even without a question mark.
    kind: "ask",
    pattern: phrases(
      "(?:tell|send|share|give)\\s+me\\s+(?:a\\s+(?:bit|little)\\s+)?more",
      "more\\s+(?:info|information|details|context)",
      "(?:know|learn|hear)\\s+more",
      "(?:any|some)\\s+(?:details|info|information|context)",
      "(?:a\\s+)?(?:quick\\s+|couple\\s+of\\s+|few\\s+)?questions?",
      "(?:curious|wondering)\\s+(?:about|what|who|how|when|where|why|if|whether)",
      "i\\s+wonder",
      "can\\s+you\\s+(?:clarify|explain|elaborate)",
      "(?:need|want)\\s+to\\s+know",
      "what'?s\\s+involved",
    ),
  },
];

function findCues(text: string): Cue[] {
  const found: (Cue & { rank: number })[] = [];
  CUES.forEach(({ kind, pattern }, rank) => {
    for (const match of allMatches(text, pattern)) {
      found.push({ kind, rank, start: match.index, end: match.index + match[0].length });
    }
  });
  const kept: Cue[] = [];
  for (const cue of found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.rank - b.rank)) {
    if (!kept.some((other) => overlaps(other, cue)))
      kept.push({ kind: cue.kind, start: cue.start, end: cue.end });
  }
  return kept.sort((a, b) => a.start - b.start).map((cue) => partial(text, negated(text, cue)));
}

const INABILITY = /^(?:can'?t|cannot|can\s+not|couldn'?t|won'?t|unable|not\s+able)/iu;
/** What may follow "can't" and still refuse the whole ask: "can't make it", "won't be able to join". */
const WHOLE_ASK =
  /^(?:\s+(?:to|be\s+able\s+to|do|make|join|help|commit|participate|attend|take\s+part|be\s+there|be\s+involved))*(?:\s+(?:it|this|that|one|this\s+one|that\s+one|the\s+(?:call|panel|webinar|session|event|reference|interview)))?/iu;
const ONLY_TIMING =
  /^(?:\s+(?:this|that|time|right|now|for|at|the|moment|sorry|unfortunately|though|anymore|these|days|currently|i'?m|afraid|either|really|then))*\s*(?:[.!?,;:)]|\s[-–—]|$)/iu;

function partial(text: string, cue: Cue): Cue {
  if (cue.kind !== "decline" || !INABILITY.test(text.slice(cue.start, cue.end))) return cue;
  const rest = text.slice(cue.end).replace(WHOLE_ASK, "");
  return ONLY_TIMING.test(rest) ? cue : { ...cue, partial: true };
}

const NEGATION_BEFORE = /(?:\bnot|n't|\bnever|\bhardly|\bno\s+longer)(?:\s+[\p{L}']+){0,2}\s*$/iu;

/** "not happy to", "isn't available" say no; "not quite sure" is a hedge. */
function negated(text: string, cue: Cue): Cue {
  if (cue.kind !== "accept") return cue;
  const before =
    text
      .slice(0, cue.start)
      .split(/[.!?;,\n]|\b(?:but|however|though|although)\b/i)
      .at(-1) ?? "";
  if (!NEGATION_BEFORE.test(before)) return cue;
  return { ...cue, kind: /^(?:sure|certain)/i.test(text.slice(cue.start, cue.end)) ? "hedge" : "decline" };
}

// ---------------------------------------------------------------------------------------------
// Clauses and the stance they take

interface Clause extends Span {
  /** Counts the "but", "though", "unfortunately"… before it: a later segment may overrule earlier ones. */
  segment: number;
  questionMark: boolean;
}

interface ReadClause extends Clause {
  /** Asks something: its yes and no words are part of the question ("is it ok if I bring Sam?"). */
  question: boolean;
  /** "if it's remote": a condition, not an answer. */
  conditional: boolean;
}

// Punctuation, dashes and "and" end a clause; "but", "though"… and a turn such as "unfortunately" or
// "scratch that" also start a new segment.
const CLAUSE_BREAK = new RegExp(
  `(?:[.!?;:,\\n()"]+|\\s[-–—]+\\s|[–—])|(?<contrast>\\b(?:but|however|though|although|except)\\b)|\\band\\b|(?<turn>(?=\\b(?:unfortunately|sadly|regrettably|actually|that\\s+said|${CORRECTION})\\b))`,
  "giu",
);
const LEAD_IN =
  /^(?:(?:so|oh|and|also|just|btw|sorry|hi|hey|quick\s+question|one\s+question|question)\b[\s,]*)+/iu;
const WH_QUESTION =
  /^(?:what|who|whom|whose|which|when|where|how|why)(?:'s|'re)?\b(?!\s+not\b)(?!\s+(?:exciting|fun|cool|great|nice|lovely|kind|wonderful|awesome|amazing)\b)(?!\s+an?\s)/iu;
const INVERTED_QUESTION =
  /^(?:is|are|was|were|will|would|do|does|did|can|could|should|shall|may|might|have|has|am|must)(?:n't)?\s+(?:i|you|we|they|it|this|that|these|those|there|he|she|the|my|your|our|a|an|someone|anyone|anybody|somebody|everyone)\b/iu;
const CONDITION =
  /^(?:if|in\s+case|assuming|provided|as\s+long\s+as|so\s+long\s+as|unless|whether|only\s+if|even\s+if)\b/iu;

function splitClauses(text: string): Clause[] {
  const clauses: Clause[] = [];
  let from = 0;
  let contrast = false;
  let segment = 0;
  const close = (to: number, separator: string) => {
    const raw = text.slice(from, to);
    const start = from + (raw.length - raw.trimStart().length);
    const end = from + raw.trimEnd().length;
    if (end <= start) return;
    if (contrast && clauses.length > 0) segment += 1;
    clauses.push({ start, end, segment, questionMark: separator.includes("?") });
    contrast = false;
  };
  for (const match of allMatches(text, CLAUSE_BREAK)) {
    close(match.index, match[0]);
    from = match.index + match[0].length;
    if (match.groups?.contrast || match.groups?.turn !== undefined) contrast = true;
  }
  close(text.length, "");
  return clauses;
}

/** Words that may surround a date offered as a question ("maybe after the holidays?"). */
const DATE_QUESTION_WORDS = /^(?:maybe|perhaps|or|sometime|around|in|after|until|from|the)$/i;

function readClauses(
  text: string,
  clauses: readonly Clause[],
  cues: readonly Cue[],
  dates: readonly Span[],
): ReadClause[] {
  return clauses.map((clause) => {
    const body = text.slice(clause.start, clause.end).replace(LEAD_IN, "");
    const inside = cues.filter((cue) => within(cue, clause));
    const answers = inside.some((cue) => cue.kind !== "neutral" && cue.kind !== "ask" && cue.kind !== "now");
    // "After the holidays?" offers a date; it asks nothing of the program team.
    const onlyDates = wordsIn(text, clause).every(
      (word) =>
        dates.some((date) => overlaps(date, word)) ||
        DATE_QUESTION_WORDS.test(text.slice(word.start, word.end)),
    );
    return {
      ...clause,
      question:
        WH_QUESTION.test(body) ||
        INVERTED_QUESTION.test(body) ||
        inside.some((cue) => cue.kind === "ask") ||
        (clause.questionMark && !answers && !onlyDates),
      conditional: CONDITION.test(body),
    };
  });
}

const STANCE_ORDER: readonly CueKind[] = ["refuse", "decline", "busy", "hedge", "accept"];

/** The last segment that says yes, no, busy or maybe decides; within it, the most cautious reading. */
function findStance(
  answering: readonly Clause[],
  cues: readonly Cue[],
): { kind: CueKind; segment: number; partial: boolean } | null {
  const last = answering.at(-1)?.segment ?? -1;
  for (let segment = last; segment >= 0; segment -= 1) {
    const inSegment = cues.filter((cue) =>
      answering.some((clause) => clause.segment === segment && within(cue, clause)),
    );
    const kind = STANCE_ORDER.find((candidate) => inSegment.some((cue) => cue.kind === candidate));
    if (kind) {
      const partial = inSegment.every((cue) => cue.kind !== "decline" || cue.partial === true);
      return { kind, segment, partial };
    }
  }
  return null;
}

const segmentAt = (clauses: readonly Clause[], span: Span): number =>
  clauses.find((clause) => overlaps(clause, span))?.segment ?? 0;

// ---------------------------------------------------------------------------------------------
// The note kept with a yes: what they said besides yes and pleasantries ("not before March")

const FILLER_WORDS: ReadonlySet<string> = new Set(
  `i me my we us our you your it its this that these those there here the a an to of for with on in at by
  anything whatever say
  from about as am is are be been being was were m s re ve d ll do does did doing can could will would
  so very really just totally truly super quite too also all well more much
  help helping out join joining chat chatting talk talking speak speaking jump hop participate take part
  involved contribute support assist share call panel webinar session reference interview event one
  thanks thank thx ty cheers appreciate appreciated great awesome cool nice perfect excellent wonderful
  fantastic lovely amazing brilliant fun exciting sounds sound good glad happy love like delighted pleased
  honored honoured thrilled excited keen hi hey hello dear team folks everyone
  asking asked thinking thought reaching reached look looking forward hear hearing back
  let know lmk send details info invite invitation calendar logistics please pls plz again always
  anytime oh ah haha lol yay woohoo yes yeah yep yup sure ok okay`
    .split(/\s+/)
    .filter(Boolean),
);
const INTERJECTIONS: ReadonlySet<string> = new Set(
  `yes yeah yep yup sure ok okay and so but then also just well oh ah hi hey hello thanks thank you great
  awesome cool perfect`.split(/\s+/),
);
const GREETING = /^(?:hi|hey|hello|dear|morning|good\s+morning)\b/iu;

/** A word: letters and digits. */
const WORD = /[\p{L}\p{N}]+/gu;

const wordsIn = (text: string, span: Span): Span[] =>
  allMatches(text.slice(span.start, span.end), WORD).map((match) => ({
    start: span.start + match.index,
    end: span.start + match.index + match[0].length,
  }));

function acceptNote(
  text: string,
  clauses: readonly ReadClause[],
  cues: readonly Cue[],
  segment: number,
): string | null {
  const lower = (word: Span) => text.slice(word.start, word.end).toLowerCase();
  const inCue = (word: Span, kinds: readonly CueKind[]) =>
    cues.some((cue) => kinds.includes(cue.kind) && overlaps(cue, word));
  const kept = clauses.filter((clause) => {
    if (clause.segment < segment) return false;
    const words = wordsIn(text, clause).filter((word) => !inCue(word, ["accept", "neutral"]));
    if (GREETING.test(text.slice(clause.start, clause.end)) && words.length <= 3) return false;
    return words.some((word) => !FILLER_WORDS.has(lower(word)) && !INTERJECTIONS.has(lower(word)));
  });
  const first = kept[0];
  const last = kept.at(-1);
  if (!first || !last) return null;

  // Start after the yes and any interjection: "happy to, but not before March" keeps "not before March".
  const start =
    wordsIn(text, first).find((word) => !inCue(word, ["accept"]) && !INTERJECTIONS.has(lower(word)))?.start ??
    first.start;
  const note = text.slice(start, last.end).replace(/[\s.,!;:]+$/u, "");
  return last.questionMark ? `${note}?` : note;
}

// ---------------------------------------------------------------------------------------------
// Dates: when to come back, in the champion's own calendar

interface Period {
  start: string;
  end: string;
  /** "this month" and its kin: in a deferral they mean "once it is over". */
  current?: boolean;
}

interface FoundDate extends Span {
  date: string;
  /** Says when to come back on its own ("next month", "after the 10th"), not just a slot ("Tuesday"). */
  deferral: boolean;
}

/** Today in the champion's zone: the UTC date at `now` shifted by the zone's offset. */
function localToday({ now, timezone }: ReplyContext): string {
  const offset = timezone ? (utcOffsetHours(timezone, now) ?? 0) : 0;
  return toIsoDate(new Date(now.getTime() + offset * 3_600_000));
}

function latestAfter(dates: readonly FoundDate[], today: string): string | null {
  const future = dates.map((found) => found.date).filter((date) => date > today);
  return future.sort().at(-1) ?? null;
}

const isoDay = (year: number, month: number, day: number): string =>
  toIsoDate(new Date(Date.UTC(year, month - 1, day)));
const yearOf = (date: string): number => Number(date.slice(0, 4));
const monthOf = (date: string): number => Number(date.slice(5, 7));
const lastDay = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
/** 1 = Monday … 7 = Sunday */
const weekday = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
const point = (date: string): Period => ({ start: date, end: date });
const monthPeriod = (year: number, month: number): Period => ({
  start: isoDay(year, month, 1),
  end: isoDay(year, month, lastDay(year, month)),
});

function addMonths(date: string, months: number): string {
  const total = yearOf(date) * 12 + monthOf(date) - 1 + months;
  const [year, month] = [Math.floor(total / 12), (total % 12) + 1];
  return isoDay(year, month, Math.min(Number(date.slice(8, 10)), lastDay(year, month)));
}

type Unit = "week" | "month" | "quarter" | "year";

function periodOf(today: string, unit: Unit, offset: number): Period {
  const year = yearOf(today);
  const month = monthOf(today);
  switch (unit) {
    case "week": {
      const monday = addDays(today, 1 - weekday(today) + 7 * offset);
      return { start: monday, end: addDays(monday, 6) };
    }
    case "month": {
      const start = addMonths(isoDay(year, month, 1), offset);
      return monthPeriod(yearOf(start), monthOf(start));
    }
    case "quarter": {
      const start = addMonths(isoDay(year, Math.floor((month - 1) / 3) * 3 + 1, 1), 3 * offset);
      return { start, end: addDays(addMonths(start, 3), -1) };
    }
    case "year":
      return { start: isoDay(year + offset, 1, 1), end: isoDay(year + offset, 12, 31) };
  }
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const NUMBER =
  "\\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:a\\s+)?couple(?:\\s+of)?|(?:a\\s+)?few|several";
const NUMBER_VALUES: Readonly<Record<string, number>> = { ...NUMBER_WORDS, couple: 2, few: 3, several: 3 };
const numberValue = (word: string | undefined): number => {
  const key = (word ?? "").toLowerCase().replace(/^a\s+|\s+of$/g, "");
  return NUMBER_VALUES[key] ?? Number(key);
};
const inTime = (today: string, count: number, unit: string): Period => {
  const kind = unit.toLowerCase().replace(/s$/, "");
  if (kind === "day") return point(addDays(today, count));
  if (kind === "week") return point(addDays(today, 7 * count));
  return point(addMonths(today, count));
};

/** The first Monday after New Year's Day: back at work after the holidays. */
function backFromHolidays(year: number): string {
  const second = isoDay(year, 1, 2);
  return addDays(second, (8 - weekday(second)) % 7);
}

const QUARTER_ORDINALS: Record<string, number> = {
  first: 1,
  "1st": 1,
  second: 2,
  "2nd": 2,
  third: 3,
  "3rd": 3,
  fourth: 4,
  "4th": 4,
};

const SEASONS: Record<string, number> = { spring: 3, summer: 6, fall: 9, autumn: 9, winter: 12 };
const seasonPeriod = (year: number, season: string): Period => {
  const month = SEASONS[season.toLowerCase()] ?? 3;
  return { start: isoDay(year, month, 1), end: addDays(addMonths(isoDay(year, month, 1), 3), -1) };
};

/** `year` picks the occurrence of a named period that carries no year of its own. */
type Resolve = (today: string, match: RegExpExecArray, year: number) => Period | null;

const DATE_PHRASES: readonly {
  pattern: RegExp;
  /** A named period without a year: "April", "Q1", "the holidays". */
  yearly?: boolean;
  resolve: Resolve;
  /** Whether the words before the match make it a date at all. */
  accepts?: (before: string, match: RegExpExecArray) => boolean;
  /** A single day ("the 8th") says when to come back only after "until", "after"… */
  slot?: boolean;
}[] = [
  {
    pattern:
      /\b(?:(this|the\s+current|current)|(next|the\s+next|the\s+following|the\s+new(?!\s+year)))\s+(week|month|quarter|year)\b/giu,
    resolve: (today, m) => {
      const period = periodOf(today, (m[3] ?? "").toLowerCase() as Unit, m[1] ? 0 : 1);
      return m[1] ? { ...period, current: true } : period;
    },
  },
  {
    pattern:
      /\b(?:the\s+)?(end|beginning|start)\s+of\s+(?:the\s+|this\s+)?(next\s+)?(week|month|quarter|year)\b/giu,
    resolve: (today, m) => {
      const period = periodOf(today, (m[3] ?? "").toLowerCase() as Unit, m[2] ? 1 : 0);
      return point((m[1] ?? "").toLowerCase() === "end" ? period.end : period.start);
    },
  },
  {
    pattern: /\b(?:early|beginning\s+of|start\s+of)\s+next\s+year\b/giu,
    resolve: (today) => point(periodOf(today, "year", 1).start),
  },
  { pattern: /\b(?:the\s+)?week\s+after\s+next\b/giu, resolve: (today) => periodOf(today, "week", 2) },
  { pattern: /\b(?:eoy|year[\s-]end)\b/giu, resolve: (today) => point(periodOf(today, "year", 0).end) },
  { pattern: /\b(?:eoq|quarter[\s-]end)\b/giu, resolve: (today) => point(periodOf(today, "quarter", 0).end) },
  { pattern: /\b(?:eom|month[\s-]end)\b/giu, resolve: (today) => point(periodOf(today, "month", 0).end) },
  {
    // "in two weeks", "a couple of months from now", "a week or two" (the longer of the two).
    pattern: new RegExp(
      `\\b(${NUMBER})\\s+(?:more\\s+)?(days?|weeks?|months?)(?:\\s+or\\s+(${NUMBER}|so))?\\b`,
      "giu",
    ),
    resolve: (today, m) =>
      inTime(today, Math.max(numberValue(m[1]), m[3] && m[3] !== "so" ? numberValue(m[3]) : 0), m[2] ?? ""),
  },
  {
    pattern: new RegExp(`\\b(${NUMBER})\\s+or\\s+(${NUMBER})\\s+(days?|weeks?|months?)\\b`, "giu"),
    resolve: (today, m) => inTime(today, Math.max(numberValue(m[1]), numberValue(m[2])), m[3] ?? ""),
  },
  { pattern: /\b(?:a\s+)?fortnight\b/giu, resolve: (today) => point(addDays(today, 14)) },
  {
    // "mid-December", "the end of January", "April", "March 2027"; "may" only as a month after a cue.
    pattern: new RegExp(
      `\\b(?:(early|mid|late|(?:the\\s+)?(?:beginning|start|middle|end)\\s+of)[\\s-]+)?(?:(?:next|this|coming)\\s+)?(?<!\\d(?:st|nd|rd|th)?\\s+(?:of\\s+)?)(${MONTH_WORDS})\\b\\.?(?:\\s+(\\d{4}))?(?!\\s*\\d)`,
      "giu",
    ),
    yearly: true,
    // "I may be late" is no month.
    accepts: (before, m) =>
      (m[2] ?? "").toLowerCase() !== "may" || Boolean(m[1]) || MAY_NEEDS_CUE.test(before),
    resolve: (_, m, year) => {
      const name = (m[2] ?? "").toLowerCase();
      const month = MONTHS.indexOf(name.slice(0, 3)) + 1;
      const on = m[3] ? Number(m[3]) : year;
      const part = (m[1] ?? "").toLowerCase().replace(/^the\s+/, "");
      if (part === "early" || /^(?:beginning|start)/.test(part)) return point(isoDay(on, month, 1));
      if (part === "mid" || part.startsWith("middle")) return point(isoDay(on, month, 15));
      if (part === "late") return point(isoDay(on, month, 20));
      if (part.startsWith("end")) return point(isoDay(on, month, lastDay(on, month)));
      return monthPeriod(on, month);
    },
  },
  {
    // "until the 8th": the next 8th to come (chrono leaves a bare ordinal alone).
    pattern: new RegExp(
      `\\b(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)\\b(?!\\s+(?:of\\s+)?(?:${MONTH_WORDS}))`,
      "giu",
    ),
    slot: true,
    resolve: (today, m) => {
      const day = Number(m[1]);
      for (let ahead = 0; ahead <= 2; ahead += 1) {
        const month = addMonths(isoDay(yearOf(today), monthOf(today), 1), ahead);
        if (day >= 1 && day <= lastDay(yearOf(month), monthOf(month))) {
          const date = isoDay(yearOf(month), monthOf(month), day);
          if (date > today) return point(date);
        }
      }
      return null;
    },
  },
  {
    pattern:
      /\b(?:q([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter)(?:\s+(?:of\s+)?(\d{4})|\s*'(\d{2}))?\b/giu,
    yearly: true,
    resolve: (_, m, year) => {
      const quarter = m[1] ? Number(m[1]) : (QUARTER_ORDINALS[(m[2] ?? "").toLowerCase()] ?? 1);
      const on = m[3] ? Number(m[3]) : m[4] ? 2000 + Number(m[4]) : year;
      const start = isoDay(on, quarter * 3 - 2, 1);
      return { start, end: addDays(addMonths(start, 3), -1) };
    },
  },
  {
    // The holidays run from Christmas Eve to the weekend before the first working Monday of January.
    pattern:
      /\b(?:the\s+)?(?:holidays|holiday\s+season|festive\s+season|christmas(?:\s+break)?|xmas|winter\s+break|end[\s-]of[\s-]year\s+break)\b/giu,
    yearly: true,
    resolve: (_, __, year) => ({ start: isoDay(year - 1, 12, 24), end: addDays(backFromHolidays(year), -1) }),
  },
  {
    pattern: /\b(?:the\s+)?new\s+year(?:'s)?\b/giu,
    yearly: true,
    resolve: (_, __, year) => point(isoDay(year, 1, 1)),
  },
  {
    pattern:
      /(?<=\b(?:the|this|next|in|after|until|till|over|during|by|from|before|early|late)\s+)(spring|summer|fall|autumn|winter)\b/giu,
    yearly: true,
    resolve: (_, m, year) => seasonPeriod(year, m[1] ?? ""),
  },
];

const AFTER_BEFORE = /\b(?:after|past|beyond|once|following|post)\s+(?:the\s+|this\s+|my\s+|our\s+)?$/iu;
const THROUGH_BEFORE = /\b(?:through|thru|throughout|all\s+of|(?:rest|remainder)\s+of)\s+(?:the\s+)?$/iu;
const AFTER_AFTER =
  /^\s*(?:is|are|has|have)?\s*(?:over|done|finished|wrapped(?:\s+up)?|passed|ends|wraps(?:\s+up)?)\b/iu;
const LATER_THIS = /\blater\s+$/iu;
/** "until March", "from January": the date is where the rest ends, even for someone away. */
const BOUNDARY_BEFORE = /\b(?:until|till|til|before|from|starting|as\s+of|by)\s+(?:the\s+)?$/iu;
/** Words before a date that make it a time to come back, not a slot. */
const DEFERRAL_CUE =
  /\b(?:after|past|beyond|once|following|until|till|til|through|thru|before|from|starting|as\s+of|in|around)\s+(?:the\s+|this\s+|next\s+)?$/iu;
const MAY_NEEDS_CUE =
  /\b(?:in|after|until|till|til|from|before|by|since|through|of|early|mid|late|end|beginning|start|middle|around|for|next|this)[\s-]+$/iu;
const PAST =
  /\b(?:already|did|was|were|had|went|spoke|talked|ago|previously|last\s+(?:week|month|quarter|year|time)(?!\s+of))\b/iu;
const WEEKDAY_ABBREVIATION = /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)$/i;

function findDates(
  text: string,
  today: string,
  clauses: readonly Clause[],
  cues: readonly Cue[],
): FoundDate[] {
  // "out next week", "can't do December": a time they are away, so they come back once it is over.
  const away = (span: Span) => {
    const clause = clauses.find((candidate) => overlaps(candidate, span));
    return cues.some(
      (cue) => (cue.kind === "busy" || cue.kind === "decline") && clause !== undefined && within(cue, clause),
    );
  };
  const candidates: DateHit[] = [];
  for (const { pattern, yearly, resolve, accepts, slot } of DATE_PHRASES) {
    for (const match of allMatches(text, pattern)) {
      const span = { start: match.index, end: match.index + match[0].length };
      const before = text.slice(Math.max(0, span.start - 30), span.start);
      if (accepts && !accepts(before, match)) continue;
      const reading = { text, span, away: away(span) };
      const period = yearly
        ? nextOccurrence((year) => resolve(today, match, year), reading, today)
        : resolve(today, match, yearOf(today));
      if (period) candidates.push({ ...reading, period, deferral: !slot || DEFERRAL_CUE.test(before) });
    }
  }
  // Of overlapping phrases the longest is meant: "end of next month", not "next month". Chrono reads
  // what ours do not (calendar dates, weekdays).
  const hits: DateHit[] = [];
  for (const hit of candidates.sort((a, b) => b.span.end - b.span.start - (a.span.end - a.span.start))) {
    if (!hits.some((other) => overlaps(other.span, hit.span))) hits.push(hit);
  }
  for (const hit of chronoDates(text, today)) {
    if (!hits.some((other) => overlaps(other.span, hit.span)))
      hits.push({ ...hit, text, away: away(hit.span) });
  }
  return hits
    .filter(
      ({ span }) =>
        !PAST.test(clauseText(text, clauses, span)) && !LATER_THIS.test(text.slice(0, span.start)),
    )
    .map((hit) => ({ ...hit.span, date: comeBack(hit, hit.period), deferral: hit.deferral }));
}

interface DateReading {
  text: string;
  span: Span;
  /** Said of a time they are unavailable ("on leave next week"). */
  away: boolean;
}

interface DateHit extends DateReading {
  period: Period;
  deferral: boolean;
}

/** A named period without a year ("April", "Q1", "the holidays") is its next occurrence still to come. */
function nextOccurrence(
  at: (year: number) => Period | null,
  reading: DateReading,
  today: string,
): Period | null {
  let period: Period | null = null;
  for (let year = yearOf(today) - 1; year <= yearOf(today) + 1; year += 1) {
    period = at(year);
    if (period && comeBack(reading, period) > today) return period;
  }
  return period;
}

/**
 * The day a period means as "come back then": its start ("try me in April", "until mid-December"), or
 * the day after it when they say it must be over first ("after Q1", "not this quarter", "away next week").
 */
function comeBack({ text, span, away }: DateReading, period: Period): string {
  const before = text.slice(Math.max(0, span.start - 30), span.start);
  const after = text.slice(span.end, span.end + 30);
  if (AFTER_BEFORE.test(before) || THROUGH_BEFORE.test(before) || AFTER_AFTER.test(after)) {
    return addDays(period.end, 1);
  }
  const during = period.current || (away && period.end > period.start);
  return during && !BOUNDARY_BEFORE.test(before) ? addDays(period.end, 1) : period.start;
}

function clauseText(text: string, clauses: readonly Clause[], span: Span): string {
  const clause = clauses.find((candidate) => overlaps(candidate, span));
  return clause ? text.slice(clause.start, clause.end) : "";
}

/** Calendar dates and weekdays, by chrono. */
function chronoDates(text: string, today: string): { span: Span; period: Period; deferral: boolean }[] {
  // Its reference is local noon on the champion's date and we read back calendar components only,
  // so the result never depends on the host's time zone.
  const reference = new Date(yearOf(today), monthOf(today) - 1, Number(today.slice(8, 10)), 12);
  const found: { span: Span; period: Period; deferral: boolean }[] = [];
  for (const result of datesIn(text, reference, { forwardDate: true })) {
    const span = { start: result.index, end: result.index + result.text.length };
    const { start } = result;
    if (!start.isCertain("day") && !start.isCertain("weekday")) continue;
    const prefix = text.slice(Math.max(0, span.start - 30), span.start);
    const cued = DEFERRAL_CUE.test(prefix);
    if (WEEKDAY_ABBREVIATION.test(result.text.trim()) && !cued) continue;
    let date = isoDay(start.get("year") ?? yearOf(today), start.get("month") ?? 1, start.get("day") ?? 1);
    // A bare weekday that is today ("try me Monday", said on a Monday) means next week's.
    if (!start.isCertain("day") && date === today) date = addDays(date, 7);
    found.push({ span, period: point(date), deferral: cued });
  }
  return found;
}
