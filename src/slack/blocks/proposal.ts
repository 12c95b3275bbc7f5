import type { ActionsBlock, Button, KnownBlock, PlainTextOption, StaticSelect } from "@slack/types";
import { activityLabel } from "../../core/activities";
import { formatDay, isIsoDate } from "../../core/dates";
import type { ActivityType, RequestFields } from "../../core/domain";
import { firstNameOf } from "../../core/invitation-pitch";
import { capitalize } from "../../core/text";
import { industryLabel } from "../../core/vocabulary/industries";
import {
  type CandidateView,
  endedWithoutYes,
  type InvitationView,
  invitationOnApprove,
  type RequestView,
} from "../../services/request-view";
import { escapeMrkdwn, LIMITS, mention, mrkdwn, option, plain, truncate, truncateMrkdwn } from "./limits";
import { regionLabel } from "./request-modal";

// The advocacy leads' message for one request, in their channel. It is re-rendered from the read model
// at every step, so the same function draws the live proposal (with buttons) and its history (without).

export const PROPOSAL_ACTIONS = {
  approve: (candidateId: number) => `proposal.approve:${candidateId}`,
  compose: (candidateId: number) => `proposal.compose:${candidateId}`,
  swap: (candidateId: number) => `proposal.swap:${candidateId}`,
  reject: (proposalId: number) => `proposal.reject:${proposalId}`,
  schedule: (activityId: number) => `activity.schedule:${activityId}`,
  complete: (activityId: number) => `activity.complete:${activityId}`,
  record: (invitationId: number) => `invitation.record:${invitationId}`,
} as const;

const MAX_CANDIDATES = 3;
/** One request field or reason line; the section as a whole is cut again at 3,000. */
const MAX_LINE = 500;

const esc = (text: string, max = MAX_LINE): string => escapeMrkdwn(truncate(text, max));

/** "panel — Fintech Leaders Panel, 12 Mar 2026" (or just "reference call"). */
export function askLabel(activity: ActivityType, event: { name: string; date: string } | null): string {
  const label = activityLabel(activity);
  return event ? `${label} — ${truncate(event.name, 200)}, ${formatDay(event.date)}` : label;
}

const SIZE_WORDS = { smb: "SMB", mid: "mid-market", enterprise: "enterprise" } as const;

/** The request as mrkdwn lines (fields it does not name are left out). */
export function requestLines(fields: RequestFields): string[] {
  const lines: string[] = [];
  const add = (label: string, value: string | null) => {
    if (value) lines.push(`*${label}:* ${value}`);
  };
  add("Prospect", fields.prospect_company && esc(fields.prospect_company));
  add("Industry", fields.industry && esc(industryLabel(fields.industry)));
  add("Size", fields.company_size && SIZE_WORDS[fields.company_size]);
  add("Region", fields.region && regionLabel(fields.region));
  add("Products", fields.products.length > 0 ? esc(fields.products.join(", ")) : null);
  add("Persona", fields.persona && esc(fields.persona));
  add("Activities", fields.activities.length > 0 ? fields.activities.map(activityLabel).join(", ") : null);
  add("Needed by", fields.deadline && isIsoDate(fields.deadline) ? formatDay(fields.deadline) : null);
  return lines;
}

const FLAG_WORDS: Record<string, string> = {
  near_capacity: "near capacity",
  no_slack_id: "no Slack ID — a lead will reach out",
  recently_declined: "recently declined an ask",
};
const flagWords = (flag: string): string => FLAG_WORDS[flag] ?? flag.replaceAll("_", " ");

const EXCLUSION_WORDS: Record<string, string> = {
  inactive: "inactive",
  paused: "paused",
  resting: "resting",
  prospect_company: "work at the prospect",
  open_invitation: "already hold an open invitation",
  opted_out: "opted out of these activities",
  over_capacity: "at capacity",
  cap_reached: "asked as often as their cap allows this quarter",
  unresponsive: "resting after two unanswered invitations",
  no_activity_before_deadline: "can't do it before the deadline",
};

/** "3 at capacity, 1 paused" — or null when nobody was kept out. */
export function exclusionWords(excluded: Partial<Record<string, number>> = {}): string | null {
  const parts = Object.entries(excluded)
    .filter((entry): entry is [string, number] => typeof entry[1] === "number" && entry[1] > 0)
    .map(([reason, count]) => `${count} ${EXCLUSION_WORDS[reason] ?? reason.replaceAll("_", " ")}`);
  return parts.length > 0 ? parts.join(", ") : null;
}

/** The champion as leads see them; `invitation` names who was invited even after the proposal moved on. */
const championOf = (view: RequestView): string =>
  view.invitation ? esc(view.invitation.championName, 200) : "the champion";

const by = (view: RequestView): string => (view.lastDecisionBy ? ` by ${mention(view.lastDecisionBy)}` : "");

function answerWords(invitation: InvitationView): string {
  if (invitation.status === "expired") return "didn't answer in time";
  if (invitation.status === "undelivered") return "couldn't be reached on Slack";
  return invitation.answer === "later" ? "said not now" : "declined";
}

/** What happened last, in one line, for the leads. */
export function leadStatusLine(view: RequestView): string {
  const who = championOf(view);
  const invitation = view.invitation;
  const activity = view.activity;
  switch (view.status) {
    case "request":
      return ":hourglass_flowing_sand: Looking for a champion…";
    case "proposed":
      if (!view.proposal?.candidates.length)
        return ":mag: Nobody fits right now — reject the request, or ask the rep what else would help.";
      return invitation && endedWithoutYes(invitation)
        ? `:arrows_counterclockwise: ${who} ${answerWords(invitation)} — next candidate proposed. Waiting for a lead to approve.`
        : ":eyes: Proposed — waiting for a lead to approve.";
    case "approved":
      return `:white_check_mark: Approved${by(view)} — sending the invitation.`;
    case "rejected":
      return `:no_entry_sign: Rejected${by(view)}.`;
    case "invited": {
      const manual =
        invitation && !invitation.championSlackId ? " (no Slack ID — a lead will reach out)" : "";
      const ask = invitation ? ` to a ${askLabel(invitation.activity, invitation.event)}` : "";
      return `:envelope: Approved${by(view)}; ${who} invited${ask}${manual}.`;
    }
    case "accepted":
      return `:tada: ${who} accepted${invitation ? ` the ${askLabel(invitation.activity, invitation.event)}` : ""}.`;
    case "declined":
      return `:wave: ${who} ${invitation ? answerWords(invitation) : "declined"} — proposing the next candidate.`;
    case "expired":
      return invitation?.status === "undelivered"
        ? `:warning: The invitation to ${who} couldn't be delivered on Slack — proposing the next candidate.`
        : `:hourglass: The invitation to ${who} expired — proposing the next candidate.`;
    case "scheduled":
      return activity
        ? `:calendar: ${capitalize(activityLabel(activity.activity))} with ${who} scheduled for ${formatDay(activity.date)}.`
        : `:calendar: Scheduled with ${who}.`;
    case "completed":
      return `:checkered_flag: Completed — ${activity ? outcomeWords(activity) : "outcome recorded"}.`;
    case "cancelled":
      return `:heavy_multiplication_x: Cancelled${by(view)}.`;
  }
}

export function outcomeWords(activity: NonNullable<RequestView["activity"]>): string {
  const parts = [activity.held === false ? "did not take place" : "held"];
  if (activity.championRating !== null) parts.push(`champion rated it ${activity.championRating}/5`);
  if (activity.dealResult) parts.push(`deal ${esc(activity.dealResult, 20)}`);
  return parts.join(", ");
}

function candidateSection(candidate: CandidateView, index: number): string {
  const role = [candidate.title, candidate.company].filter((part) => part.trim() !== "").join(", ");
  const lines = [
    `*${index + 1}. ${esc(candidate.championName, 300)}*${role ? ` — ${esc(role)}` : ""}`,
    `*Activity:* ${escapeMrkdwn(askLabel(candidate.activity, candidate.event))}`,
    // No score: the order already ranks them, and load against capacity is what a lead weighs.
    `Load ${candidate.load.toFixed(1)} of ${candidate.capacity}`,
  ];
  if (candidate.flags.length > 0) {
    lines.push(`:warning: ${candidate.flags.map((flag) => esc(flagWords(flag), 100)).join(" · ")}`);
  }
  return lines.join("\n");
}

/** Whole bullet lines while they fit, then "…and N more" rather than a line cut mid-word. */
function bulletList(items: readonly string[], max: number): string {
  const lines: string[] = [];
  let length = 0;
  for (const [index, item] of items.entries()) {
    const line = `• ${esc(item)}`;
    const rest = items.length - index - 1;
    const reserve = rest > 0 ? 30 : 0; // room for the "and N more" line
    if (length + line.length + 1 + reserve > max) {
      lines.push(`_…and ${items.length - index} more_`);
      break;
    }
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join("\n");
}

const activityOption = (type: ActivityType): PlainTextOption => option(capitalize(activityLabel(type)), type);

function candidateActions(candidate: CandidateView): ActionsBlock {
  const approve: Button = {
    type: "button",
    action_id: PROPOSAL_ACTIONS.approve(candidate.id),
    text: plain(`Approve ${firstNameOf(candidate.championName) || "champion"}`, LIMITS.buttonText),
    value: String(candidate.id),
    style: "primary",
  };
  const compose: Button = {
    type: "button",
    action_id: PROPOSAL_ACTIONS.compose(candidate.id),
    text: plain("Edit invitation…", LIMITS.buttonText),
    value: String(candidate.id),
  };
  const alternatives = [...new Set(candidate.alternatives)].slice(0, LIMITS.selectOptions);
  const swap: StaticSelect[] =
    alternatives.length > 0
      ? [
          {
            type: "static_select",
            action_id: PROPOSAL_ACTIONS.swap(candidate.id),
            placeholder: plain("Swap activity", LIMITS.placeholder),
            options: alternatives.map(activityOption),
          },
        ]
      : [];
  return {
    type: "actions",
    block_id: `proposal.candidate:${candidate.id}`,
    elements: [approve, compose, ...swap],
  };
}

function rejectActions(proposalId: number): ActionsBlock {
  return {
    type: "actions",
    block_id: `proposal.decision:${proposalId}`,
    elements: [
      {
        type: "button",
        action_id: PROPOSAL_ACTIONS.reject(proposalId),
        text: plain("Reject", LIMITS.buttonText),
        value: String(proposalId),
        style: "danger",
        confirm: {
          title: plain("Reject this request?", LIMITS.confirmTitle),
          text: plain("The rep will hear that the program can't help with this one.", LIMITS.confirmText),
          confirm: plain("Reject", LIMITS.confirmButton),
          deny: plain("Keep it", LIMITS.confirmButton),
          style: "danger",
        },
      },
    ],
  };
}

export interface ProposalMessageOptions {
  /** How many champions each hard rule kept out (matching's `excluded`). */
  excluded?: Partial<Record<string, number>>;
}

export function proposalMessage(
  view: RequestView,
  options: ProposalMessageOptions = {},
): { text: string; blocks: KnownBlock[] } {
  const prospect = view.fields.prospect_company;
  const title = `Reference request #${view.id}${prospect ? ` — ${prospect}` : ""}`;
  const blocks: KnownBlock[] = [
    { type: "header", text: plain(title, LIMITS.headerText) },
    {
      type: "section",
      text: mrkdwn([...requestLines(view.fields), `Requested by ${mention(view.requestedBy)}`].join("\n")),
    },
  ];
  if (view.notes.trim() !== "") {
    blocks.push({ type: "section", text: mrkdwn(`*Notes:* ${escapeMrkdwn(view.notes)}`) });
  }
  blocks.push({ type: "section", text: mrkdwn(leadStatusLine(view)) }, { type: "divider" });

  const live = view.status === "proposed";
  const candidates = (view.proposal?.candidates ?? []).slice(0, MAX_CANDIDATES);
  const exclusions = exclusionWords(options.excluded);
  if (candidates.length === 0) {
    const why = exclusions ? ` Not eligible: ${exclusions}.` : "";
    blocks.push({ type: "section", text: mrkdwn(`*Nobody fits right now.*${why}`) });
  }
  candidates.forEach((candidate, index) => {
    blocks.push({ type: "section", text: mrkdwn(candidateSection(candidate, index)) });
    if (candidate.reasons.length > 0) {
      blocks.push({ type: "section", text: mrkdwn(bulletList(candidate.reasons, LIMITS.sectionText)) });
    }
    if (live) {
      // What Approve sends, word for word, so a lead reads it before a customer does.
      const words = `On *Approve*, ${esc(candidate.championName, 200)} receives: “${escapeMrkdwn(invitationOnApprove(view, candidate))}”`;
      blocks.push({ type: "context", elements: [mrkdwn(words, LIMITS.contextText)] });
      blocks.push(candidateActions(candidate));
    }
  });
  if (candidates.length > 0 && exclusions) {
    blocks.push({ type: "context", elements: [mrkdwn(`Not eligible: ${exclusions}`, LIMITS.contextText)] });
  }
  if (live && view.proposal) blocks.push(rejectActions(view.proposal.id));

  // The notification says where it stands and what is next, as the thread's status line does.
  const status = leadStatusLine(view).replace(/^:[a-z0-9_+-]+: /, "");
  const names = live ? candidates.map((candidate) => esc(candidate.championName, 200)).join(", ") : "";
  const text = `${escapeMrkdwn(title)}: ${status}${names ? ` Candidates: ${names}.` : ""}`;
  return { text: truncateMrkdwn(text, LIMITS.fallbackText), blocks };
}

/** Thread controls once the champion said yes: when it happens, then how it went. */
export function leadActivityControls(view: RequestView): KnownBlock[] {
  const activity = view.activity;
  if (!activity || (view.status !== "accepted" && view.status !== "scheduled")) return [];
  const scheduled = view.status === "scheduled" && isIsoDate(activity.date);
  const who = championOf(view);
  const line = scheduled
    ? `${capitalize(activityLabel(activity.activity))} with ${who} is scheduled for ${formatDay(activity.date)}. Move it, or record how it went.`
    : `${who} said yes to a ${activityLabel(activity.activity)}. Once a date is agreed, mark it here.`;
  return [
    { type: "section", text: mrkdwn(line) },
    {
      type: "actions",
      block_id: `activity.controls:${activity.id}`,
      elements: [
        {
          type: "datepicker",
          action_id: PROPOSAL_ACTIONS.schedule(activity.id),
          placeholder: plain("Mark scheduled on…", LIMITS.placeholder),
          ...(scheduled ? { initial_date: activity.date } : {}),
        },
        {
          type: "button",
          action_id: PROPOSAL_ACTIONS.complete(activity.id),
          text: plain("Record outcome", LIMITS.buttonText),
          value: String(activity.id),
        },
      ],
    },
  ];
}

const MANUAL_ANSWERS = [
  option("Accepted", "accepted"),
  option("Not now", "later"),
  option("Declined", "declined"),
];

/** For a champion the bot cannot DM: a lead reaches out, then records the answer here. */
export function manualAnswerControls(invitation: InvitationView): KnownBlock[] {
  if (invitation.status !== "invited") return [];
  const who = esc(invitation.championName, 300);
  const blocks: KnownBlock[] = [
    {
      type: "section",
      block_id: `invitation.manual:${invitation.id}`,
      text: mrkdwn(`${who} has no Slack ID, so a lead needs to reach out. Record their answer here:`),
      accessory: {
        type: "static_select",
        action_id: PROPOSAL_ACTIONS.record(invitation.id),
        placeholder: plain("Their answer", LIMITS.placeholder),
        options: MANUAL_ANSWERS,
      },
    },
  ];
  if (invitation.message.trim() !== "") {
    blocks.push({
      type: "context",
      elements: [mrkdwn(`Suggested message: ${escapeMrkdwn(invitation.message)}`, LIMITS.contextText)],
    });
  }
  return blocks;
}

/**
 * The proposal for a lead's DM when the leads' channel refused it for good (the app is not in the
 * channel, or it is archived): what to fix first, then the proposal, whose buttons work here too.
 */
export function proposalByDirectMessage(
  view: RequestView,
  channel: string,
  reason: string | null,
): { text: string; blocks: KnownBlock[] } {
  const why = reason ? ` (\`${escapeMrkdwn(truncate(reason, 100))}\`)` : "";
  const warning = `:warning: I couldn't post request #${view.id} to <#${channel}>${why}. Add me to that channel (\`/invite\` me there, or fix ADVOCACY_CHANNEL) so proposals reach it; meanwhile you can act on this one here.`;
  const proposal = proposalMessage(view);
  return {
    text: `${warning}\n${proposal.text}`,
    blocks: [{ type: "section", text: mrkdwn(warning) }, ...proposal.blocks],
  };
}
