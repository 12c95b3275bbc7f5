import { ACTIVITIES, activityLabel } from "./activities";
import type { ActivityType, Motivation } from "./domain";
import { capitalize } from "./text";
import { industryLabel } from "./vocabulary/industries";

// The impact loop: after a champion helps, they are thanked the way their strongest motivation
// calls for (the seeds: heap praise on the ego-driven, share the team's success with the
// camaraderie-driven, show the altruist what their help made possible, tell the duty-driven it is
// done). Pure and deterministic, like the invitation pitch.
//
// Names arrive as the surface shows them (the Slack layer escapes them, and names the champion
// with a mention in public); the words added here carry no markup characters.
//
// The deal's value is deliberately not an input: it is the prospect's business with us, never the
// champion's nor a shout-out's. A number in a thank-you turns it into a commission statement.

/** What the program gives back to champions (the `gives` table's kinds). */
export const GIVE_KINDS = ["recognition", "thanks", "access", "early_feature", "gift", "learning"] as const;
export type GiveKind = (typeof GIVE_KINDS)[number];

/** What a thank-you is for: the activity happened, or a deal it supported was won. */
export const THANKS_TRIGGERS = ["completed", "deal_won"] as const;
export type ThanksTrigger = (typeof THANKS_TRIGGERS)[number];

export interface ThanksInput {
  firstName: string;
  /** How a public post names the champion: a Slack mention, or their full name. */
  publicName: string;
  /** Strongest first. */
  motivations: readonly Motivation[];
  activity: ActivityType;
  /** The program event it happened at, when there was one (ours to name in public). */
  eventName: string | null;
  trigger: ThanksTrigger;
  /** An industry key ("healthcare") or free text; only ever shown to the champion. */
  prospectIndustry: string | null;
  /** The champion agreed to be thanked in public. */
  publicConsent: boolean;
  shoutoutChannelConfigured: boolean;
}

export interface Thanks {
  kind: GiveKind;
  /** What the champion reads (or what a lead passes on, for a champion without Slack). */
  privateText: string;
  /** The shout-out for the configured channel; null unless the champion agreed and a channel is set. */
  publicText: string | null;
  /** One plain line for the record (the give's description, shown on the champion's Home). */
  summary: string;
}

/**
 * Whether an activity has earned this thank-you: it happened, or a deal it supported was won. Never
 * for something known not to have happened; a won deal counts while "did it happen?" is unanswered.
 */
export function isThanksDue(
  trigger: ThanksTrigger,
  activity: { held: boolean | null; dealResult: string | null },
) {
  return trigger === "completed"
    ? activity.held === true
    : activity.dealResult === "won" && activity.held !== false;
}

/** The motivations whose thanks is recognition in front of others. */
const PUBLIC_MOTIVATIONS: readonly Motivation[] = ["spotlight", "camaraderie"];

const squash = (text: string): string => text.replace(/\s+/g, " ").trim();

interface Words {
  name: string;
  publicName: string;
  /** "reference call", "panel at Fintech Leaders Panel". */
  what: string;
  /** The prospect as the champion knows them, never by company: "the fintech team you spoke with". */
  team: string;
  won: boolean;
}

function words(input: ThanksInput): Words {
  const event = input.eventName ? squash(input.eventName) : "";
  const sector = input.prospectIndustry ? squash(industryLabel(input.prospectIndustry)).toLowerCase() : "";
  return {
    name: squash(input.firstName),
    publicName: squash(input.publicName),
    what: event ? `${activityLabel(input.activity)} at ${event}` : activityLabel(input.activity),
    team: `the ${sector ? `${sector} ` : ""}team you spoke with`,
    won: input.trigger === "deal_won",
  };
}

/** "Thank you, Dana!" or "Thank you!" for a champion whose name is unknown. */
const hello = (name: string, opening: string, mark: "!" | "." | ":"): string =>
  `${opening}${name ? `, ${name}` : ""}${mark}`;

function spotlight(w: Words, shared: boolean, canOffer: boolean) {
  const opening = w.won
    ? `${hello(w.name, "Great news", ":")} ${w.team} has signed with us, and your ${w.what} was a big part of why.`
    : `${hello(w.name, "Thank you", "!")} Your ${w.what} went down really well.`;
  const credit = shared
    ? "We've given you a public shout-out for it."
    : `Everyone on the team knows it was you who made it happen.${canOffer ? " If you'd like a public shout-out next time, just reply here and say so." : ""}`;
  return {
    privateText: `${opening} ${credit}`,
    publicText: w.won
      ? `Shout-out to ${w.publicName}: their ${w.what} helped a new customer decide to join us. Thank you!`
      : `Shout-out to ${w.publicName} for sharing their story with a prospective customer (${w.what}). Thank you!`,
  };
}

function camaraderie(w: Words, shared: boolean, canOffer: boolean) {
  const opening = w.won
    ? `${hello(w.name, "Great news", ":")} ${w.team} has joined us, one more team in the community you're part of.`
    : `${hello(w.name, "Thank you", "!")} Your ${w.what} is a win for our whole customer community: customers like you helping the next team along is what makes it work.`;
  const together = shared
    ? "We've shared the win with your fellow champions."
    : `Thank you from all of us.${canOffer ? " If you'd like your fellow champions to hear about it next time, just reply here and say so." : ""}`;
  return {
    privateText: `${opening} ${together}`,
    publicText: w.won
      ? `Team win: ${w.publicName} helped a new customer join the community (${w.what}). Thank you from all of us!`
      : `Team win: ${w.publicName} helped a peer on their journey (${w.what}). Thank you from all of us!`,
  };
}

function altruism(w: Words): string {
  return w.won
    ? `${hello(w.name, "Good news", ":")} ${w.team} has decided to go ahead. Your experience made that possible, and they start on firmer ground because of it.`
    : `${hello(w.name, "Thank you", ".")} Because of your ${w.what}, ${w.team} now knows how you solved the problem they're facing, and that can save them months.`;
}

function voice(w: Words, activity: ActivityType): string {
  if (w.won)
    return `${hello(w.name, "Good news", ":")} your input tipped the balance. ${capitalize(w.team)} has decided to go ahead, and what you told them changed their decision.`;
  return ACTIVITIES[activity].prospectFacing
    ? `${hello(w.name, "Thank you", ".")} Your view changed the conversation: ${w.team} came away from your ${w.what} with answers only a customer could give.`
    : `${hello(w.name, "Thank you", ".")} What you told us in the ${w.what} is now with our product team, and we'll let you know what changes because of it.`;
}

function mastery(w: Words): string {
  const opening = w.won
    ? `${hello(w.name, "Good news", ":")} ${w.team} has decided to go ahead, helped by your ${w.what}.`
    : `${hello(w.name, "Thank you", "!")} Your ${w.what} was a real help.`;
  return `${opening} As a thank-you, you're welcome to a deep-dive with our product experts and early access to what we're building next: reply here and we'll set it up.`;
}

function duty(w: Words): string {
  const done = w.won
    ? `Done and counted: the deal your ${w.what} supported has closed.`
    : `Done and counted: your ${w.what} is complete and recorded.`;
  return `${done} ${hello(w.name, "Thank you", ".")}`;
}

function unstated(w: Words): string {
  return w.won
    ? `${hello(w.name, "Good news", ":")} ${w.team} has decided to go ahead. Thank you for your part in it.`
    : `${hello(w.name, "Thank you", ".")} Your ${w.what} made a real difference.`;
}

/** The gives a thank-you is: the other kinds (gifts, early features…) are given by hand. */
type ThanksKind = Extract<GiveKind, "recognition" | "thanks" | "learning">;

const GIVEN: Readonly<Record<ThanksKind, string>> = {
  recognition: "a public shout-out",
  thanks: "a thank-you note",
  learning: "an invitation to a deep-dive with our product experts",
};

/**
 * The thank-you for one champion after one activity, framed by their strongest motivation. Public
 * only for the motivations that want recognition in front of others, only with the champion's
 * consent and a channel to post in; the public words name neither the prospect nor its industry.
 */
export function thanksFor(input: ThanksInput): Thanks {
  const w = words(input);
  const strongest = input.motivations[0];
  const shared =
    strongest !== undefined &&
    PUBLIC_MOTIVATIONS.includes(strongest) &&
    input.publicConsent &&
    input.shoutoutChannelConfigured;
  // Consent is never assumed, but it can be offered: a reply reaches the leads, who keep the roster.
  const canOffer = input.shoutoutChannelConfigured && !input.publicConsent;
  const framed = (): { privateText: string; publicText: string | null; kind: ThanksKind } => {
    switch (strongest) {
      case "spotlight":
        return { ...spotlight(w, shared, canOffer), kind: "recognition" };
      case "camaraderie":
        return { ...camaraderie(w, shared, canOffer), kind: "recognition" };
      case "altruism":
        return { privateText: altruism(w), publicText: null, kind: "thanks" };
      case "voice":
        return { privateText: voice(w, input.activity), publicText: null, kind: "thanks" };
      case "mastery":
        return { privateText: mastery(w), publicText: null, kind: "learning" };
      case "duty":
        return { privateText: duty(w), publicText: null, kind: "thanks" };
      default:
        return { privateText: unstated(w), publicText: null, kind: "thanks" };
    }
  };
  const thanks = framed();
  // Recognition is what others see; a private note, however warm, is thanks.
  const kind = thanks.kind === "recognition" && !shared ? "thanks" : thanks.kind;
  const summary = `${GIVEN[kind]} for your ${activityLabel(input.activity)}${w.won ? ", when the deal it supported was won" : ""}`;
  return {
    kind,
    privateText: thanks.privateText,
    publicText: shared ? thanks.publicText : null,
    summary,
  };
}
