import type { KnownBlock } from "@slack/types";
import { activityLabel } from "../../core/activities";
import { formatDay, isIsoDate } from "../../core/dates";
import type { ActivityType } from "../../core/domain";
import { firstNameOf } from "../../core/invitation-pitch";
import { capitalize } from "../../core/text";
import type { InvitationView } from "../../services/request-view";
import { escapeMrkdwn, LIMITS, mention, mrkdwn, plain, truncate, truncateMrkdwn } from "./limits";

// The champion's DM. The pitch (framed around them) comes first, then the concrete ask, then three
// answers. Free-text replies in the DM are read too, so the buttons are a shortcut, not a form.

export const INVITATION_ACTIONS = {
  accept: (invitationId: number) => `invitation.accept:${invitationId}`,
  later: (invitationId: number) => `invitation.later:${invitationId}`,
  decline: (invitationId: number) => `invitation.decline:${invitationId}`,
} as const;

export interface InvitationMessageInput {
  invitationId: number;
  pitch: string;
  activity: ActivityType;
  event: { name: string; date: string } | null;
  deadline: string | null;
}

/** "*What:* Panel — Fintech Leaders Panel\n*When:* 12 Mar 2026" */
function askText(activity: ActivityType, event: InvitationMessageInput["event"], deadline: string | null) {
  const what = capitalize(activityLabel(activity));
  const lines = [`*What:* ${what}${event ? ` — ${escapeMrkdwn(truncate(event.name, 300))}` : ""}`];
  if (event && isIsoDate(event.date)) lines.push(`*When:* ${formatDay(event.date)}`);
  else if (deadline && isIsoDate(deadline)) lines.push(`*When:* by ${formatDay(deadline)}`);
  return lines.join("\n");
}

function answerButtons(invitationId: number): KnownBlock {
  const value = String(invitationId);
  const button = (text: string, actionId: string, style?: "primary") => ({
    type: "button" as const,
    text: plain(text, LIMITS.buttonText),
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  });
  return {
    type: "actions",
    block_id: `invitation.answer:${invitationId}`,
    elements: [
      button("Happy to", INVITATION_ACTIONS.accept(invitationId), "primary"),
      button("Not now", INVITATION_ACTIONS.later(invitationId)),
      button("No thanks", INVITATION_ACTIONS.decline(invitationId)),
    ],
  };
}

export function invitationMessage(input: InvitationMessageInput): { text: string; blocks: KnownBlock[] } {
  return {
    text: truncateMrkdwn(escapeMrkdwn(input.pitch), LIMITS.fallbackText),
    blocks: [
      { type: "section", text: mrkdwn(escapeMrkdwn(input.pitch)) },
      { type: "section", text: mrkdwn(askText(input.activity, input.event, input.deadline)) },
      answerButtons(input.invitationId),
      {
        type: "context",
        elements: [
          mrkdwn(
            "You can also just reply here in your own words, like “happy to, but not before March”.",
            LIMITS.contextText,
          ),
        ],
      },
    ],
  };
}

/**
 * The invitation posted in a Slack Connect channel shared with the champion's company, addressed
 * to them: everyone there sees it, but only the invited champion's clicks are taken.
 */
export function sharedChannelInvitation(
  input: InvitationMessageInput,
  championSlackId: string,
): { text: string; blocks: KnownBlock[] } {
  const message = invitationMessage(input);
  const addressed = `<@${championSlackId}>, this one is for you:`;
  return {
    text: truncateMrkdwn(`${addressed} ${message.text}`, LIMITS.fallbackText),
    blocks: [{ type: "section", text: mrkdwn(addressed) }, ...message.blocks.slice(0, -1)],
  };
}

const CLARIFY =
  "Sorry, I couldn't tell whether that's a yes. Could you pick one of these? If you have a question, just ask it and I'll pass it on to the program team.";

const NUDGE =
  "Just a gentle nudge about the invitation above. A quick yes, no or not now is all we need, and “not now” is a perfectly good answer.";

/** The one follow-up, in the invitation's thread, with the three answers at hand. */
export function nudgeMessage(invitationId: number): { text: string; blocks: KnownBlock[] } {
  return { text: NUDGE, blocks: [{ type: "section", text: mrkdwn(NUDGE) }, answerButtons(invitationId)] };
}

/** The answer to a reply the app could not read: a short question and the three answers again. */
export function clarifyMessage(invitationId: number): { text: string; blocks: KnownBlock[] } {
  return { text: CLARIFY, blocks: [{ type: "section", text: mrkdwn(CLARIFY) }, answerButtons(invitationId)] };
}

/**
 * What the champion reads once they have answered (or the invitation has closed). `rep` is the Slack
 * ID of the rep who asked: after a yes they are told to DM the champion, since they cannot post here.
 */
export function answerLine(view: InvitationView, rep: string): string {
  const first = escapeMrkdwn(truncate(firstNameOf(view.championName), 100));
  const thanks = first ? `Thank you, ${first}!` : "Thank you!";
  if (view.status === "accepted") {
    return `:tada: ${thanks} Next: ${mention(rep)}, who asked for your help, will send you a direct message to agree the details. Afterwards we'll tell you what your help made possible.`;
  }
  if (view.status === "expired") return "This invitation has closed, no action needed. Thanks all the same!";
  if (view.status === "cancelled")
    return "The request behind this was cancelled, so no action is needed. Thank you for considering it.";
  if (view.answer === "later") return `${thanks} Understood, not now. We'll check back another time.`;
  if (view.status === "declined") return `${thanks} No problem at all; we won't ask about this one again.`;
  return "Waiting for your answer.";
}

/** The same DM once answered (or closed): the buttons are gone, so a second click cannot happen. */
export function invitationAnsweredMessage(
  view: InvitationView,
  rep: string,
): { text: string; blocks: KnownBlock[] } {
  const line = answerLine(view, rep);
  const blocks: KnownBlock[] = [];
  if (view.message.trim() !== "") blocks.push({ type: "section", text: mrkdwn(escapeMrkdwn(view.message)) });
  blocks.push(
    { type: "section", text: mrkdwn(askText(view.activity, view.event, null)) },
    { type: "section", text: mrkdwn(line) },
  );
  if (view.answerText && view.answerText.trim() !== "") {
    blocks.push({
      type: "context",
      elements: [
        mrkdwn(`You said: “${escapeMrkdwn(truncate(view.answerText.trim(), 1500))}”`, LIMITS.contextText),
      ],
    });
  }
  return { text: truncateMrkdwn(line, LIMITS.fallbackText), blocks };
}
