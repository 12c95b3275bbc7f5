import { formatDay, isIsoDate } from "./dates";
import type { ActivityType } from "./domain";
import { capitalize } from "./text";

export interface ActivityProfile {
  label: string;
  /** Effort in reference-call equivalents: a 30-minute call is 1, a conference talk 3. */
  effort: number;
  /** Days needed to set one up from scratch (an existing program event needs none). */
  leadDays: number;
  /** Whether the prospect meets or sees the champion: what a sales rep's request is for. */
  prospectFacing: boolean;
  /**
   * Whether it puts a named prospect in touch with the customer (a call, a visit, a panel or event
   * they attend): a review or a press quote is seen by prospects, but does nothing for this one.
   */
  meetsProspect: boolean;
  /** Whether it happens at a scheduled program event with slots (webinar, panel…). */
  eventBased: boolean;
}

export const ACTIVITIES: Readonly<Record<ActivityType, ActivityProfile>> = {
  reference_call: {
    label: "reference call",
    effort: 1,
    leadDays: 2,
    prospectFacing: true,
    meetsProspect: true,
    eventBased: false,
  },
  review: {
    label: "review",
    effort: 0.5,
    leadDays: 3,
    prospectFacing: true,
    meetsProspect: false,
    eventBased: false,
  },
  press_quote: {
    label: "press quote",
    effort: 0.5,
    leadDays: 3,
    prospectFacing: true,
    meetsProspect: false,
    eventBased: false,
  },
  product_feedback: {
    label: "product feedback session",
    effort: 1,
    leadDays: 5,
    prospectFacing: false,
    meetsProspect: false,
    eventBased: false,
  },
  peer_event: {
    label: "peer event",
    effort: 1,
    leadDays: 21,
    prospectFacing: true,
    meetsProspect: true,
    eventBased: true,
  },
  panel: {
    label: "panel",
    effort: 1.5,
    leadDays: 21,
    prospectFacing: true,
    meetsProspect: true,
    eventBased: true,
  },
  advisory_board: {
    label: "advisory board seat",
    effort: 1.5,
    leadDays: 30,
    prospectFacing: false,
    meetsProspect: false,
    eventBased: true,
  },
  webinar: {
    label: "webinar",
    effort: 2,
    leadDays: 21,
    prospectFacing: true,
    meetsProspect: true,
    eventBased: true,
  },
  site_visit: {
    label: "site visit",
    effort: 2,
    leadDays: 10,
    prospectFacing: true,
    meetsProspect: true,
    eventBased: false,
  },
  case_study: {
    label: "case study",
    effort: 3,
    leadDays: 30,
    prospectFacing: true,
    meetsProspect: false,
    eventBased: false,
  },
  conference_talk: {
    label: "conference talk",
    effort: 3,
    leadDays: 45,
    prospectFacing: true,
    meetsProspect: false,
    eventBased: true,
  },
};

export const activityLabel = (type: ActivityType): string => ACTIVITIES[type].label;

/**
 * What an invitation asks for and when, in plain words: "Panel (Fintech Leaders)" and "12 Mar 2026"
 * (the event's day) or "by 12 Mar 2026" (the request's deadline), or no when at all.
 */
export function askInWords(
  activity: ActivityType,
  event: { name: string; date: string } | null,
  deadline: string | null,
): { what: string; when: string | null } {
  const what = `${capitalize(activityLabel(activity))}${event ? ` (${event.name})` : ""}`;
  if (event && isIsoDate(event.date)) return { what, when: formatDay(event.date) };
  return { what, when: deadline && isIsoDate(deadline) ? `by ${formatDay(deadline)}` : null };
}
