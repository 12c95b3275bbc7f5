import type { KnownBlock } from "@slack/types";
import { activityLabel } from "../../core/activities";
import { formatDay } from "../../core/dates";
import { firstNameOf } from "../../core/invitation-pitch";
import type { RequestStatus } from "../../core/lifecycle";
import { capitalize } from "../../core/text";
import { industryLabel } from "../../core/vocabulary/industries";
import { endedWithoutYes, type RequestView } from "../../services/request-view";
import { escapeMrkdwn, LIMITS, mention, mrkdwn, plain, truncate, truncateMrkdwn } from "./limits";
import { askLabel, outcomeWords, requestLines } from "./proposal";
import { regionLabel } from "./request-modal";

// The rep's own view of their request, re-rendered at each step. Champions are customers who have not
// agreed to anything until they accept: before that the rep learns what kind of person was asked,
// never who (no name, company, title or contact), so a "no" stays private.

const AFTER_ACCEPTANCE: readonly RequestStatus[] = ["accepted", "scheduled", "completed", "cancelled"];

/** Whether the champion said yes, so the rep may learn who they are. */
export const championRevealed = (view: RequestView): boolean =>
  view.invitation?.status === "accepted" && AFTER_ACCEPTANCE.includes(view.status);

/** "a fintech CFO in EMEA", from what the rep asked for: it says nothing about who the champion is. */
function anonymous(view: RequestView): string {
  const { industry, persona, region } = view.fields;
  const sector = industry ? `${industryLabel(industry).toLowerCase()} ` : "";
  const role = persona ? truncate(persona.trim(), 80) : "customer";
  const where = region ? ` in ${regionLabel(region)}` : "";
  const phrase = `${sector}${role}${where}`;
  return escapeMrkdwn(`${/^[aeiou]/i.test(phrase) ? "an" : "a"} ${phrase}`);
}

function headline(view: RequestView): string {
  const invitation = view.invitation;
  const ask = invitation ? escapeMrkdwn(askLabel(invitation.activity, invitation.event)) : null;
  switch (view.status) {
    case "request":
      return "We've got your request and are looking for the right champion.";
    case "proposed":
      if (!view.proposal || view.proposal.candidates.length === 0) {
        return "Nobody on the roster fits this right now. The advocacy team knows and will follow up with you.";
      }
      return invitation && endedWithoutYes(invitation)
        ? "The champion we asked can't do it this time, so we've lined up someone else. An advocacy lead is reviewing it."
        : "We've found a match. An advocacy lead is reviewing it.";
    case "approved":
      return `An advocacy lead approved a match; we're inviting ${anonymous(view)} now.`;
    case "rejected":
      return `The advocacy team can't take this one on right now.${view.lastDecisionBy ? ` ${mention(view.lastDecisionBy)} will follow up with you.` : ""}`;
    case "invited":
      return `${capitalize(anonymous(view))} has been invited${ask ? ` to a ${ask}` : ""}. We'll tell you here as soon as they answer.`;
    case "declined":
    case "expired":
      return "The champion we asked can't do it this time. We're lining up the next one.";
    case "accepted":
    case "scheduled":
    case "completed":
      return revealedHeadline(view);
    case "cancelled":
      return "This request was cancelled.";
  }
}

/** After a yes: who, and what the rep does next. */
function revealedHeadline(view: RequestView): string {
  const invitation = view.invitation;
  if (!invitation || !championRevealed(view))
    return "Your champion said yes. An advocacy lead will make the intro.";
  const name = escapeMrkdwn(truncate(invitation.championName, 200));
  const who = invitation.championSlackId ? `${name} (${mention(invitation.championSlackId)})` : name;
  const first = escapeMrkdwn(truncate(firstNameOf(invitation.championName), 100));
  const ask = escapeMrkdwn(askLabel(invitation.activity, invitation.event));
  const activity = view.activity;
  // This message sits in the rep's DM with the app, where the champion is not: point at a DM with them.
  const dm = invitation.championSlackId
    ? `send ${mention(invitation.championSlackId)} a direct message`
    : null;
  if (view.status === "scheduled" && activity) {
    const brief = dm ? ` Before then, ${dm} with what ${first} should know about the prospect.` : "";
    return `Your ${activityLabel(activity.activity)} with ${who} is scheduled for ${formatDay(activity.date)}.${brief}`;
  }
  if (view.status === "completed") {
    const how = activity ? ` (${outcomeWords(activity)})` : "";
    return `Done${how}. Please thank ${first}, and tell us how the deal goes so we can close the loop with them.`;
  }
  const next = dm ? `Next: ${dm} to agree the details.` : "Next: an advocacy lead will introduce you.";
  return `${who} said yes to a ${ask}! ${next}`;
}

const STEPS = ["Requested", "Matched", "Approved", "Invited", "Accepted", "Scheduled", "Done"] as const;
const STEP_OF: Partial<Record<RequestStatus, number>> = {
  request: 0,
  proposed: 1,
  declined: 1,
  expired: 1,
  approved: 2,
  invited: 3,
  accepted: 4,
  scheduled: 5,
  completed: 6,
};

/** "✓ Requested › *Matched* › Approved …", or "Closed" for a rejected or cancelled request. */
function progress(status: RequestStatus): string {
  const current = STEP_OF[status];
  if (current === undefined) return "Closed";
  return STEPS.map((step, index) => {
    if (index < current || status === "completed") return `✓ ${step}`;
    return index === current ? `*${step}*` : step;
  }).join("  ›  ");
}

export function repStatusMessage(view: RequestView): { text: string; blocks: KnownBlock[] } {
  const prospect = view.fields.prospect_company;
  const line = headline(view);
  const blocks: KnownBlock[] = [
    {
      type: "header",
      text: plain(`Your reference request${prospect ? ` for ${prospect}` : ""}`, LIMITS.headerText),
    },
    { type: "section", text: mrkdwn(line) },
    { type: "context", elements: [mrkdwn(progress(view.status), LIMITS.contextText)] },
  ];
  const lines = requestLines(view.fields);
  if (view.notes.trim() !== "") lines.push(`*Notes:* ${escapeMrkdwn(view.notes)}`);
  if (lines.length > 0) blocks.push({ type: "section", text: mrkdwn(lines.join("\n")) });
  return { text: truncateMrkdwn(line, LIMITS.fallbackText), blocks };
}
