import { activityLabel } from "./activities";
import { formatDay } from "./dates";
import type { ActivityType, Motivation } from "./domain";
import { industryLabel } from "./vocabulary/industries";

// The invitation a champion reads. The seeds: people help for their own reasons, so the ask is framed
// around what *this* champion gets from it (their strongest motivation), never around our deal.

export interface PitchInput {
  firstName: string;
  /** Strongest first. */
  motivations: readonly Motivation[];
  activity: ActivityType;
  event: { name: string; date: string } | null;
  /** An industry key ("healthcare") or free text. */
  prospectIndustry: string | null;
  persona: string | null;
  /** ISO date the rep needs it by. */
  deadline: string | null;
  /**
   * The prospect's company: never written into an invitation (nor sent to a model), only used to
   * keep it out ("CFO of Acme Health" is described as "a CFO").
   */
  prospect?: string | null;
}

const HONORIFICS = new Set(["dr", "mr", "mrs", "ms", "mx", "prof", "sir", "dame"]);

/** "Dr. Dana O'Neil" → "Dana", "Okafor, Chidi" → "Chidi"; a single name is returned as is. */
export function firstNameOf(fullName: string): string {
  // A name as a roster or a Slack profile spells it, less what no one is greeted by: emoji and
  // Slack's :emoji: codes, honorifics, initials ("J. Robert Smith" is Robert).
  const trimmed = fullName.replace(/:[a-z0-9_+-]+:/gi, " ").trim();
  const [last, first] = trimmed.split(",").map((part) => part.trim());
  const ordered = first && last ? first : trimmed;
  const words = ordered.split(/\s+/).filter((word) => /\p{L}/u.test(word));
  const titled = words.length > 0 && HONORIFICS.has(words[0]?.toLowerCase().replace(/\.$/, "") ?? "");
  const named = words.filter((word) => !HONORIFICS.has(word.toLowerCase().replace(/\.$/, "")));
  // "Mr Smith" gives a family name only: better no name than the wrong one.
  if (titled && named.length === 1) return "";
  const given = named.find((word, index) => !/^\p{L}\.?$/u.test(word) || index === named.length - 1);
  return (given ?? "").replace(/[^\p{L}\p{M}'’-]/gu, "");
}

const EMAIL = /\S+@\S+\.\S+/g;

/** Free text that reaches a champion: no email addresses, no stray whitespace. */
const clean = (text: string): string => text.replace(EMAIL, "").replace(/\s+/g, " ").trim();

/** Only the role: "CFO at Acme" must not name the prospect to a third party. */
const roleOnly = (persona: string): string => clean(persona.split(/\s+(?:at|from|@)\s+|[,(]/i)[0] ?? "");

/**
 * The persona without the prospect's name: "CFO of Acme Health" → "CFO", "Acme Health's CFO" →
 * "CFO". The champion hears who they would talk to, never which company.
 */
export function personaWithout(persona: string, prospect: string | null | undefined): string {
  const name = prospect?.trim() ?? "";
  if (name.length < 2) return persona;
  const at = persona.toLowerCase().indexOf(name.toLowerCase());
  if (at < 0) return persona;
  const before = persona
    .slice(0, at)
    .replace(/(?:\s+(?:of|at|for|from|with|in)|\s*[-–,@(])\s*$/i, "")
    .trim();
  const after = persona
    .slice(at + name.length)
    .replace(/^(?:['’]s)?[\s,)]*/, "")
    .trim();
  return before || after;
}

const withArticle = (phrase: string): string => `${/^[aeiou]/i.test(phrase) ? "an" : "a"} ${phrase}`;

/** The role the champion would meet, as the invitation may say it: no company, the prospect's least of all. */
export const prospectRole = (input: Pick<PitchInput, "persona" | "prospect">): string =>
  input.persona ? roleOnly(personaWithout(input.persona, input.prospect)) : "";

/** "a healthcare CFO", "a CFO", "a peer in healthcare", or "a peer" when the request names neither. */
function audience(input: PitchInput): string {
  const industry = input.prospectIndustry;
  const sector = industry ? clean(industryLabel(industry)).toLowerCase() : "";
  const role = prospectRole(input);
  if (sector && role) return withArticle(`${sector} ${role}`);
  if (role) return withArticle(role);
  if (sector) return `a peer in ${sector}`;
  return "a peer";
}

const SPEAKING: readonly ActivityType[] = ["panel", "webinar", "conference_talk"];

/** "a 30-minute reference call", "a speaking slot at Fintech Leaders Panel on 12 Mar 2026". */
function theAsk(activity: ActivityType, event: PitchInput["event"]): string {
  if (event) {
    const where = `${clean(event.name) || "our event"} on ${formatDay(event.date)}`;
    if (SPEAKING.includes(activity)) return `a speaking slot at ${where}`;
    if (activity === "peer_event" || activity === "advisory_board") return `a seat at ${where}`;
    return `${withArticle(activityLabel(activity))} at ${where}`;
  }
  if (activity === "reference_call") return "a 30-minute reference call";
  if (activity === "advisory_board") return "a seat on our customer advisory board";
  return withArticle(activityLabel(activity));
}

/** The time box a duty-driven champion wants to see: start, middle, end. */
const TIME_BOX: Partial<Record<ActivityType, string>> = {
  reference_call: "30 minutes, one call, done",
  review: "about 15 minutes, one review, done",
  press_quote: "a couple of sentences, one email exchange, done",
  product_feedback: "45 minutes, one session, done",
};

function motivationLine(input: PitchInput): string {
  const speaking = SPEAKING.includes(input.activity) || input.activity === "press_quote";
  switch (input.motivations[0]) {
    case "spotlight":
      return speaking
        ? "It's your stage: you'd be introduced by name as the expert, and we'll credit you publicly when we share it."
        : "Your story is the one people want to hear, and we'll credit you by name when we share what came of it.";
    case "camaraderie":
      return input.event || input.activity === "peer_event" || input.activity === "panel"
        ? "You'd be there with other customers who've been through the same journey, and we'll celebrate the result together."
        : `You'd be helping another team get where yours got, and we'll share the win with you and your team.`;
    case "duty": {
      const box = TIME_BOX[input.activity] ?? "one date, a short brief beforehand, and done";
      const end = input.event?.date ?? input.deadline;
      return `It's self-contained: ${box}${end ? `, all wrapped up by ${formatDay(end)}` : ""}.`;
    }
    case "altruism":
      return "They're facing the problem you've already solved, and hearing how you did it could save them months. Afterwards we'll tell you what your help made possible.";
    case "voice":
      return input.activity === "advisory_board" || input.activity === "product_feedback"
        ? "You'd have real influence: what you tell us goes straight to our product team and senior leaders, and shapes the roadmap."
        : "We'd also love your view on what we build next: it goes straight to our product team and senior leaders.";
    case "mastery":
      return "It's a chance to swap notes with expert peers and see how others are solving the same problems.";
    default:
      return "No pressure either way: a quick yes, no or not now is all we need.";
  }
}

/** A short invitation (3 sentences) in plain text; deterministic for the same input. */
export function invitationPitch(input: PitchInput): string {
  const name = clean(input.firstName);
  const who = audience(input);
  // The duty line names the end date itself; events carry their own date.
  const by =
    input.deadline && !input.event && input.motivations[0] !== "duty"
      ? ` by ${formatDay(input.deadline)}`
      : "";
  const withWhom = input.event ? `, with ${who} we're talking to in the room` : ` with ${who}${by}`;
  const opening = `Hi${name ? ` ${name}` : ""}, would you be up for ${theAsk(input.activity, input.event)}${withWhom}?`;
  const close =
    input.motivations.length === 0
      ? "Thank you for considering it."
      : "Just reply here and we'll take care of the rest.";
  return [opening, motivationLine(input), close].join(" ");
}
