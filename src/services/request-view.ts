import type { ActivityType, Motivation, RequestFields } from "../core/domain";
import { firstNameOf, invitationPitch, type PitchInput } from "../core/invitation-pitch";
import type { RequestStatus } from "../core/lifecycle";

// The read model of one reference request, as every surface (advocacy thread, the rep's status
// message, the champion's invitation) renders it. Built from the database in one place.

export interface CandidateView {
  /** proposal_candidates.id: buttons carry it. */
  id: number;
  rank: number;
  championId: number;
  championName: string;
  championSlackId: string | null;
  title: string;
  company: string;
  motivations: Motivation[];
  activity: ActivityType;
  event: { id: number; name: string; date: string } | null;
  score: number;
  load: number;
  capacity: number;
  flags: string[];
  reasons: string[];
  /** What else the champion is willing to do on this request (for "swap activity"). */
  alternatives: ActivityType[];
}

export interface ProposalView {
  id: number;
  version: number;
  candidates: CandidateView[];
}

export type InvitationStatus = "invited" | "accepted" | "declined" | "expired" | "cancelled" | "undelivered";

/** The invitation ended without a yes (declined, ran out of time, or never delivered): someone else is next. */
export const endedWithoutYes = (invitation: { status: InvitationStatus }): boolean =>
  invitation.status === "declined" || invitation.status === "expired" || invitation.status === "undelivered";

export interface InvitationView {
  id: number;
  candidateId: number | null;
  championId: number;
  championName: string;
  championSlackId: string | null;
  activity: ActivityType;
  event: { id: number; name: string; date: string } | null;
  status: InvitationStatus;
  /** "later" when the champion said not now (recorded as a decline). */
  answer: "accepted" | "declined" | "later" | null;
  answerText: string | null;
  message: string;
}

export interface ActivityView {
  id: number;
  activity: ActivityType;
  date: string;
  outcome: "scheduled" | "completed" | "declined" | "no_show" | "cancelled";
  held: boolean | null;
  championRating: number | null;
  dealResult: string | null;
}

export interface RequestView {
  id: number;
  status: RequestStatus;
  /** Slack user ID of the rep who asked. */
  requestedBy: string;
  fields: RequestFields;
  notes: string;
  /** The latest proposal, or null before matching ran (or when nobody fitted). */
  proposal: ProposalView | null;
  /** The latest invitation for this request. */
  invitation: InvitationView | null;
  activity: ActivityView | null;
  /** Who approved, rejected or swapped last, for the status line. */
  lastDecisionBy: string | null;
}

/** What an invitation is written from: the champion's motivations and role, never contact details. */
export function pitchInput(
  current: RequestView,
  candidate: CandidateView | undefined,
  name: string,
): PitchInput {
  const invitation = current.invitation;
  return {
    firstName: firstNameOf(name),
    motivations: candidate?.motivations ?? [],
    activity: invitation?.activity ?? candidate?.activity ?? "reference_call",
    event: invitation?.event ?? candidate?.event ?? null,
    prospectIndustry: current.fields.industry,
    persona: current.fields.persona,
    deadline: current.fields.deadline,
    prospect: current.fields.prospect_company,
  };
}

/** What a candidate would receive on Approve (the template), before any invitation exists. */
export const invitationOnApprove = (current: RequestView, candidate: CandidateView): string =>
  invitationPitch(pitchInput({ ...current, invitation: null }, candidate, candidate.championName));
