import type { KnownBlock } from "@slack/types";
import { activityLabel } from "../../core/activities";
import { formatDay } from "../../core/dates";
import { firstNameOf } from "../../core/invitation-pitch";
import type { ActivityContext } from "../../db/activity-steps-repository";
import { escapeMrkdwn, LIMITS, mrkdwn, plain, truncate } from "./limits";

// The messages around an accepted activity: a reminder the day before, "did it happen?" and a
// rating afterwards, and weeks later the deal it supported. Each question carries its answers as
// buttons whose action_id names the activity.

export const ACTIVITY_STEP_ACTIONS = {
  happened: (activityId: number) => `activity.happened:${activityId}`,
  rate: (activityId: number) => `activity.rate:${activityId}`,
  deal: (activityId: number) => `activity.deal:${activityId}`,
} as const;

type Message = { text: string; blocks: KnownBlock[] };

const name = (context: ActivityContext) => escapeMrkdwn(truncate(context.championName, 200));

function question(
  text: string,
  actionId: string,
  answers: readonly [label: string, value: string][],
): Message {
  return {
    text,
    blocks: [
      { type: "section", text: mrkdwn(text) },
      {
        type: "actions",
        block_id: actionId,
        elements: answers.map(([label, value]) => ({
          type: "button" as const,
          action_id: `${actionId}:${value}`,
          text: plain(label, LIMITS.buttonText),
          value,
        })),
      },
    ],
  };
}

/** The champion's reminder in words; `safe` makes their name safe where it is shown. */
export function championReminderText(context: ActivityContext, safe: (text: string) => string): string {
  const first = safe(truncate(firstNameOf(context.championName), 100));
  return `Hi ${first}, a reminder that your ${activityLabel(context.activity)} is tomorrow, ${formatDay(context.date)}. Thank you for doing this!`;
}

export function championReminder(context: ActivityContext): Message {
  const text = championReminderText(context, escapeMrkdwn);
  return { text, blocks: [{ type: "section", text: mrkdwn(text) }] };
}

export function repReminder(context: ActivityContext): Message {
  const text = `Reminder: ${name(context)}'s ${activityLabel(context.activity)} for your request is tomorrow, ${formatDay(context.date)}.`;
  return { text, blocks: [{ type: "section", text: mrkdwn(text) }] };
}

export function happenedQuestion(context: ActivityContext): Message {
  return question(
    `Did the ${activityLabel(context.activity)} with ${name(context)} on ${formatDay(context.date)} happen?`,
    ACTIVITY_STEP_ACTIONS.happened(context.activityId),
    [
      ["It happened", "yes"],
      ["It didn't happen", "no"],
    ],
  );
}

export function ratingQuestion(context: ActivityContext): Message {
  return question(
    `How was the ${activityLabel(context.activity)}? A quick rating (5 = loved it) helps us ask you for the right things.`,
    ACTIVITY_STEP_ACTIONS.rate(context.activityId),
    [
      ["1", "1"],
      ["2", "2"],
      ["3", "3"],
      ["4", "4"],
      ["5", "5"],
    ],
  );
}

export function dealQuestion(context: ActivityContext): Message {
  return question(
    `How did the deal go that ${name(context)}'s ${activityLabel(context.activity)} supported?`,
    ACTIVITY_STEP_ACTIONS.deal(context.activityId),
    [
      ["Won", "won"],
      ["Lost", "lost"],
      ["Still open", "open"],
    ],
  );
}

/** The question once answered: its buttons gone, the answer in words. */
export function answered(text: string): Message {
  return { text, blocks: [{ type: "section", text: mrkdwn(escapeMrkdwn(text)) }] };
}
