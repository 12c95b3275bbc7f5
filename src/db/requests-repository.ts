import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { ACTIVITIES } from "../core/activities";
import { addDays, toIsoDate } from "../core/dates";
import type { ActivityType, RequestFields } from "../core/domain";
import { AppError } from "../core/errors";
import { type RequestStatus, TRANSITIONS } from "../core/lifecycle";
import type { Candidate } from "../core/matching";
import { storableText } from "../core/text";
import type { RequestView } from "../services/request-view";
import { audit, audited } from "./audit";
import { rowsOf, textArray } from "./bulk-sql";
import { atomically, type Database } from "./client";
import { useAnswerLink } from "./email-repository";
import {
  activities,
  champions,
  decisions,
  invitations,
  processedEvents,
  programEvents,
  proposalCandidates,
  proposals,
  referenceRequests,
} from "./schema";

// Every lifecycle step is one transaction whose write is conditional on the current status, so a
// double click, two leads at once or a replayed payload changes nothing the second time.

type Tx = Database;

/** A step that did not happen, and why (handlers turn these into polite answers). */
export type Refusal =
  | "not_found"
  | "stale"
  | "not_invitee"
  | "already_answered"
  | "not_allowed"
  | "answers_for_themselves";
export type StepResult<T> = { ok: true; value: T } | { ok: false; reason: Refusal; status?: RequestStatus };

const refuse = <T>(reason: Refusal, status?: RequestStatus): StepResult<T> => ({
  ok: false,
  reason,
  ...(status ? { status } : {}),
});

/** Days a "not now" rests a champion when they give no date. */
export const NOT_NOW_REST_DAYS = 30;

export interface NewRequest {
  /** Where it came from; "demo": the demo's past requests (`refdesk demo`). */
  source: "slash_command" | "shortcut" | "message" | "cli" | "demo";
  requestedBy: string;
  channelId?: string | null;
  messageTs?: string | null;
  rawText: string;
  fields: RequestFields;
  notes: string;
  /** When the rep asked: now unless given (the demo's requests are dated in the past). */
  openedAt?: Date;
}

/** A stored request's fields, as the parser and the form give them. */
export const requestFieldsOf = (request: typeof referenceRequests.$inferSelect): RequestFields => ({
  prospect_company: request.prospectCompany,
  industry: request.industry,
  company_size: request.companySize,
  region: request.region,
  products: request.products,
  persona: request.persona,
  activities: request.activities,
  deadline: request.deadline,
});

/**
 * Moves a request to `to` if its current status allows it, and logs the move: one statement, whose
 * row lock makes check and write one step. Returns the status it moved from, or null.
 */
async function transition(
  tx: Tx,
  requestId: number,
  to: RequestStatus,
  actor: string,
): Promise<RequestStatus | null> {
  const [moved] = await audited<{ from: RequestStatus }>(
    tx,
    sql`update ${referenceRequests} set status = ${to}::request_status, updated_at = now()
      from (select id, status from ${referenceRequests} where id = ${requestId} for update) as current
      where ${referenceRequests.id} = current.id and current.status::text = any(${textArray(TRANSITIONS[to])})
      returning current.status::text as "from"`,
    {
      actor,
      entityType: "request",
      entityId: sql`${String(requestId)}`,
      action: `request.${to}`,
      from: sql`"from"`,
      to,
    },
  );
  return moved?.from ?? null;
}

/** A request with nothing the database cannot hold: every text a person typed, without control characters. */
export function storableRequest(input: NewRequest): NewRequest {
  const text = (value: string | null) => (value === null ? null : storableText(value));
  const { fields } = input;
  return {
    ...input,
    rawText: storableText(input.rawText),
    notes: storableText(input.notes),
    fields: {
      ...fields,
      prospect_company: text(fields.prospect_company),
      industry: text(fields.industry),
      persona: text(fields.persona),
      products: fields.products.map(storableText),
    },
  };
}

export async function createRequest(db: Database, input: NewRequest): Promise<number> {
  const { fields } = input;
  const insert = db
    .insert(referenceRequests)
    .values({
      source: input.source,
      requestedBy: input.requestedBy,
      channelId: input.channelId ?? null,
      messageTs: input.messageTs ?? null,
      rawText: input.rawText,
      prospectCompany: fields.prospect_company,
      industry: fields.industry,
      companySize: fields.company_size,
      region: fields.region,
      products: fields.products,
      persona: fields.persona,
      activities: fields.activities,
      deadline: fields.deadline,
      notes: input.notes,
      ...(input.openedAt ? { createdAt: input.openedAt } : {}),
    })
    .returning({ id: referenceRequests.id });
  const [row] = await audited<{ id: number }>(db, insert.getSQL(), {
    actor: input.requestedBy,
    entityType: "request",
    entityId: sql`id::text`,
    action: "request.created",
    to: "request",
    data: { source: input.source },
  });
  if (!row) throw new Error("insert returned no row");
  return row.id;
}

/** Whether any request came from `source` (the demo loads its requests once). */
export async function hasRequestsFrom(db: Database, source: NewRequest["source"]): Promise<boolean> {
  const [row] = await db
    .select({ id: referenceRequests.id })
    .from(referenceRequests)
    .where(eq(referenceRequests.source, source))
    .limit(1);
  return row !== undefined;
}

/**
 * Stores a ranked proposal as the request's next version. With candidates the request becomes
 * `proposed`; with none it stays where it is (nobody fits right now). Returns null when the request
 * can no longer be proposed for (rejected, cancelled, already further along). `at`: when it was
 * proposed, now unless given. `follows`: the version this one follows, for a step that may run
 * twice at once (a job run again while its first run was cut off): the second fails with
 * `already_done`, rolling back with it, rather than adding a version after the first's.
 */
export async function recordProposal(
  db: Database,
  requestId: number,
  candidates: readonly Candidate[],
  actor: string,
  { at, follows }: { at?: Date; follows?: number } = {},
): Promise<{ proposalId: number; version: number; candidateIds: number[] } | null> {
  const createdAt = at ? sql`${at.toISOString()}::timestamptz` : sql`now()`;
  const row =
    follows === undefined
      ? sql`select ${requestId}, ${createdAt}, coalesce(max(version), 0) + 1 from ${proposals} where request_id = ${requestId}`
      : sql`select ${requestId}, ${createdAt}, ${follows + 1}::int`;
  return atomically(db, async (tx) => {
    if (candidates.length > 0 && !(await transition(tx, requestId, "proposed", actor))) return null;
    // The next version, with its audit row.
    const [proposal] = await audited<{ id: number; version: number }>(
      tx,
      sql`insert into ${proposals} (request_id, created_at, version) ${row}
        on conflict (request_id, version) do nothing
        returning id, version`,
      {
        actor,
        entityType: "proposal",
        entityId: sql`id::text`,
        action: "proposal.created",
        data: sql`jsonb_build_object('requestId', ${requestId}::int, 'version', version, 'candidates', ${candidates.length}::int)`,
      },
    );
    if (!proposal)
      throw new AppError(
        "already_done",
        `request ${requestId} already has proposal version ${(follows ?? 0) + 1}`,
      );
    const inserted =
      candidates.length === 0
        ? []
        : await tx
            .insert(proposalCandidates)
            .values(
              candidates.map((candidate, index) => ({
                proposalId: proposal.id,
                championId: candidate.championId,
                rank: index + 1,
                activityType: candidate.activity,
                eventId: candidate.event?.id ?? null,
                score: candidate.score,
                predictedYes: candidate.yes,
                load: candidate.load,
                capacity: candidate.capacity,
                flags: candidate.flags,
                reasons: candidate.reasons,
                alternatives: candidate.alternatives,
              })),
            )
            .returning({ id: proposalCandidates.id, rank: proposalCandidates.rank });
    const idOfRank = new Map(inserted.map((row) => [row.rank, row.id]));
    return {
      proposalId: proposal.id,
      version: proposal.version,
      candidateIds: candidates.map((_, index) => idOfRank.get(index + 1) ?? 0),
    };
  });
}

// Where a message landed is recorded once: a retried delivery whose first copy went through
// reports false, and its caller removes the copy instead of pointing the request at it.

export async function setLeadThread(
  db: Database,
  requestId: number,
  channelId: string,
  ts: string,
): Promise<boolean> {
  // The request's thread and its proposals' message, in one statement.
  const recorded = rowsOf<{ id: number }>(
    await db.execute(sql`
      with thread as (
        update ${referenceRequests} set lead_channel_id = ${channelId}, lead_thread_ts = ${ts}
        where id = ${requestId} and lead_thread_ts is null
        returning id
      ), proposal as (
        update ${proposals} set channel_id = ${channelId}, message_ts = ${ts}
        where request_id in (select id from thread)
      )
      select id from thread`),
  );
  return recorded.length > 0;
}

/**
 * Records where the rep's status message landed, once; returns the request's status and latest
 * proposal version as they are now (to tell whether the message, rendered earlier, is behind), or
 * null when it was already recorded.
 */
export async function setRepMessage(
  db: Database,
  requestId: number,
  channelId: string,
  ts: string,
): Promise<{ status: RequestStatus; version: number } | null> {
  const [recorded] = await db
    .update(referenceRequests)
    .set({ repChannelId: channelId, repMessageTs: ts })
    .where(and(eq(referenceRequests.id, requestId), isNull(referenceRequests.repMessageTs)))
    .returning({
      status: referenceRequests.status,
      version: sql<number>`(select coalesce(max(${proposals.version}), 0)::int from ${proposals} where ${proposals.requestId} = ${referenceRequests.id})`,
    });
  return recorded ?? null;
}

/** The words the champion is sent, kept before the DM goes out so a delayed delivery loses none. */
export async function setInvitationPitch(db: Database, invitationId: number, message: string) {
  await db.update(invitations).set({ message }).where(eq(invitations.id, invitationId));
}

export async function setInvitationMessage(
  db: Database,
  invitationId: number,
  channelId: string,
  ts: string,
  deliveredAt: Date,
): Promise<boolean> {
  const recorded = await db
    .update(invitations)
    // Sent is when the champion could first read it: after a wait for Slack, not at approval.
    .set({ channelId, messageTs: ts, sentAt: deliveredAt })
    .where(and(eq(invitations.id, invitationId), isNull(invitations.messageTs)))
    .returning({ id: invitations.id });
  return recorded.length > 0;
}

/** The request's latest proposal version (0 before its first): what a queued proposal follows. */
export async function latestProposalVersion(db: Database, requestId: number): Promise<number> {
  const [latest] = await db
    .select({ version: sql<number>`coalesce(max(${proposals.version}), 0)::int` })
    .from(proposals)
    .where(eq(proposals.requestId, requestId));
  return latest?.version ?? 0;
}

/** Champions already invited on this request, whatever they answered: never asked twice. */
export async function askedChampionIds(db: Database, requestId: number): Promise<Set<number>> {
  const rows = await db
    .select({ championId: invitations.championId })
    .from(invitations)
    .where(eq(invitations.requestId, requestId));
  return new Set(rows.map((row) => row.championId));
}

export interface ApprovedInvitation {
  requestId: number;
  invitationId: number;
}

/**
 * A lead approves one candidate of the latest proposal: approval, decision and invitation in one
 * transaction. The partial unique index on open invitations is the last line of defence. `at`:
 * when the lead approved, now unless given.
 */
export async function approveCandidate(
  db: Database,
  input: { candidateId: number; lead: string; at?: Date },
): Promise<StepResult<ApprovedInvitation>> {
  return atomically(db, async (tx) => {
    const [candidate] = await tx
      .select({
        id: proposalCandidates.id,
        championId: proposalCandidates.championId,
        activityType: proposalCandidates.activityType,
        eventId: proposalCandidates.eventId,
        proposalId: proposals.id,
        version: proposals.version,
        requestId: proposals.requestId,
      })
      .from(proposalCandidates)
      .innerJoin(proposals, eq(proposals.id, proposalCandidates.proposalId))
      .where(eq(proposalCandidates.id, input.candidateId));
    if (!candidate) return refuse("not_found");
    if (!(await isLatestProposal(tx, candidate.requestId, candidate.version))) return refuse("stale");
    const from = await transition(tx, candidate.requestId, "approved", input.lead);
    if (!from) return refuse("stale", await statusOf(tx, candidate.requestId));
    await tx.insert(decisions).values({
      proposalId: candidate.proposalId,
      candidateId: candidate.id,
      kind: "approve",
      decidedBy: input.lead,
      ...(input.at ? { createdAt: input.at } : {}),
    });
    const [invitation] = await tx
      .insert(invitations)
      .values({
        requestId: candidate.requestId,
        candidateId: candidate.id,
        championId: candidate.championId,
        activityType: candidate.activityType,
        eventId: candidate.eventId,
        // Until a delivery records when the champion could first read it.
        ...(input.at ? { sentAt: input.at } : {}),
      })
      .returning({ id: invitations.id });
    if (!invitation) throw new Error("insert returned no row");
    await transition(tx, candidate.requestId, "invited", input.lead);
    await audit(tx, {
      actor: input.lead,
      entityType: "invitation",
      entityId: invitation.id,
      action: "invitation.created",
      to: "invited",
      data: {
        requestId: candidate.requestId,
        championId: candidate.championId,
        activity: candidate.activityType,
      },
    });
    return { ok: true, value: { requestId: candidate.requestId, invitationId: invitation.id } };
  });
}

async function isLatestProposal(tx: Tx, requestId: number, version: number): Promise<boolean> {
  const [latest] = await tx
    .select({ version: sql<number>`max(${proposals.version})::int` })
    .from(proposals)
    .where(eq(proposals.requestId, requestId));
  return latest?.version === version;
}

async function statusOf(tx: Tx, requestId: number): Promise<RequestStatus | undefined> {
  const [row] = await tx
    .select({ status: referenceRequests.status })
    .from(referenceRequests)
    .where(eq(referenceRequests.id, requestId));
  return row?.status;
}

export async function rejectProposal(
  db: Database,
  input: { proposalId: number; lead: string; note?: string },
): Promise<StepResult<{ requestId: number }>> {
  return atomically(db, async (tx) => {
    const [proposal] = await tx.select().from(proposals).where(eq(proposals.id, input.proposalId));
    if (!proposal) return refuse("not_found");
    if (!(await isLatestProposal(tx, proposal.requestId, proposal.version))) return refuse("stale");
    if (!(await transition(tx, proposal.requestId, "rejected", input.lead))) {
      return refuse("stale", await statusOf(tx, proposal.requestId));
    }
    await tx
      .insert(decisions)
      .values({ proposalId: proposal.id, kind: "reject", decidedBy: input.lead, note: input.note ?? "" });
    return { ok: true, value: { requestId: proposal.requestId } };
  });
}

/** A lead swaps a candidate's activity for another they are willing to do, before approving. */
export async function swapActivity(
  db: Database,
  input: { candidateId: number; activity: ActivityType; lead: string },
): Promise<StepResult<{ requestId: number }>> {
  return atomically(db, async (tx) => {
    const [candidate] = await tx
      .select({
        id: proposalCandidates.id,
        activityType: proposalCandidates.activityType,
        alternatives: proposalCandidates.alternatives,
        proposalId: proposals.id,
        requestId: proposals.requestId,
        version: proposals.version,
        status: referenceRequests.status,
      })
      .from(proposalCandidates)
      .innerJoin(proposals, eq(proposals.id, proposalCandidates.proposalId))
      .innerJoin(referenceRequests, eq(referenceRequests.id, proposals.requestId))
      .where(eq(proposalCandidates.id, input.candidateId))
      .for("update", { of: referenceRequests });
    if (!candidate) return refuse("not_found");
    if (
      candidate.status !== "proposed" ||
      !(await isLatestProposal(tx, candidate.requestId, candidate.version))
    ) {
      return refuse("stale", candidate.status);
    }
    if (!candidate.alternatives.includes(input.activity)) return refuse("not_allowed");
    // The old activity becomes an alternative, so a lead can swap back.
    await tx
      .update(proposalCandidates)
      .set({
        activityType: input.activity,
        eventId: null,
        // The yes-probability was for the activity proposed; this one was not predicted.
        predictedYes: null,
        alternatives: [...candidate.alternatives.filter((a) => a !== input.activity), candidate.activityType],
      })
      .where(eq(proposalCandidates.id, candidate.id));
    await tx.insert(decisions).values({
      proposalId: candidate.proposalId,
      candidateId: candidate.id,
      kind: "swap",
      decidedBy: input.lead,
      note: `${candidate.activityType} → ${input.activity}`,
    });
    await audit(tx, {
      actor: input.lead,
      entityType: "proposal_candidate",
      entityId: candidate.id,
      action: "candidate.activity_swapped",
      data: { from: candidate.activityType, to: input.activity },
    });
    return { ok: true, value: { requestId: candidate.requestId } };
  });
}

export type Answer = "accepted" | "declined" | "later";

/**
 * Records a champion's answer. Only the invited champion's Slack user may answer (or a lead on
 * their behalf, for champions without Slack); only the first answer counts.
 */
export async function answerInvitation(
  db: Database,
  input: {
    invitationId: number;
    answer: Answer;
    /** The champion on Slack, a lead for them, or the champion through their emailed answer link. */
    by: { slackUserId: string } | { lead: string } | { link: number };
    text?: string;
    restUntil?: string;
    now: Date;
  },
): Promise<StepResult<{ requestId: number; championId: number }>> {
  return atomically(db, async (tx) => {
    const [invitation] = await tx
      .select({
        id: invitations.id,
        requestId: invitations.requestId,
        championId: invitations.championId,
        activityType: invitations.activityType,
        eventId: invitations.eventId,
        status: invitations.status,
        championSlackId: champions.slackUserId,
        deadline: referenceRequests.deadline,
        eventDate: programEvents.eventDate,
      })
      .from(invitations)
      .innerJoin(champions, eq(champions.id, invitations.championId))
      .innerJoin(referenceRequests, eq(referenceRequests.id, invitations.requestId))
      .leftJoin(programEvents, eq(programEvents.id, invitations.eventId))
      .where(eq(invitations.id, input.invitationId));
    if (!invitation) return refuse("not_found");
    const by = input.by;
    const actor = "slackUserId" in by ? by.slackUserId : "lead" in by ? by.lead : `answer-link:${by.link}`;
    if ("slackUserId" in by && invitation.championSlackId !== by.slackUserId) return refuse("not_invitee");
    // A lead records answers only for champions the app cannot ask itself.
    if ("lead" in by && invitation.championSlackId) return refuse("answers_for_themselves");
    // A link answers its own invitation, once, while it is valid.
    if ("link" in by && !(await useAnswerLink(tx, by.link, invitation.id, input.now)))
      return refuse("already_answered");

    const status = input.answer === "accepted" ? "accepted" : "declined";
    const answered = await tx
      .update(invitations)
      .set({ status, answer: input.answer, answerText: input.text ?? null, answeredAt: input.now })
      .where(and(eq(invitations.id, invitation.id), eq(invitations.status, "invited")))
      .returning({ id: invitations.id });
    if (answered.length === 0) return refuse("already_answered");
    await audit(tx, {
      actor,
      entityType: "invitation",
      entityId: invitation.id,
      action: `invitation.${input.answer}`,
      from: "invited",
      to: status,
    });
    await transition(tx, invitation.requestId, status, actor);

    const today = toIsoDate(input.now);
    // The ask itself is load, whatever the answer: accepted work is scheduled, a no still costs a little.
    await tx.insert(activities).values({
      championId: invitation.championId,
      activityType: invitation.activityType,
      activityDate:
        status === "accepted"
          ? (invitation.eventDate ??
            invitation.deadline ??
            addDays(today, ACTIVITIES[invitation.activityType].leadDays))
          : today,
      outcome: status === "accepted" ? "scheduled" : "declined",
      requestId: invitation.requestId,
      invitationId: invitation.id,
      eventId: invitation.eventId,
    });
    if (input.answer === "later") {
      const restUntil = input.restUntil ?? addDays(today, NOT_NOW_REST_DAYS);
      await tx
        .update(champions)
        .set({ restUntil, updatedAt: sql`now()` })
        .where(eq(champions.id, invitation.championId));
      await audit(tx, {
        actor,
        entityType: "champion",
        entityId: invitation.championId,
        action: "champion.resting",
        data: { restUntil },
      });
    }
    return { ok: true, value: { requestId: invitation.requestId, championId: invitation.championId } };
  });
}

/** A lead marks the accepted activity as scheduled on a date. */
export async function markScheduled(
  db: Database,
  input: { activityId: number; date: string; lead: string },
): Promise<StepResult<{ requestId: number }>> {
  return atomically(db, async (tx) => {
    const [activity] = await tx.select().from(activities).where(eq(activities.id, input.activityId));
    if (!activity?.requestId) return refuse("not_found");
    const from = await transition(tx, activity.requestId, "scheduled", input.lead);
    // Rescheduling an already scheduled activity only moves its date.
    if (!from && (await statusOf(tx, activity.requestId)) !== "scheduled") {
      return refuse("stale", await statusOf(tx, activity.requestId));
    }
    await tx
      .update(activities)
      .set({ activityDate: input.date, updatedAt: sql`now()` })
      .where(and(eq(activities.id, activity.id), eq(activities.outcome, "scheduled")));
    return { ok: true, value: { requestId: activity.requestId } };
  });
}

export interface Outcome {
  held: boolean;
  championRating: number | null;
  dealResult: "won" | "lost" | "open" | null;
  dealValue: string | null;
  notes: string;
}

/** A lead records how it went; the request is completed (once). */
export async function markCompleted(
  db: Database,
  input: { activityId: number; lead: string; outcome: Outcome },
): Promise<StepResult<{ requestId: number }>> {
  return atomically(db, async (tx) => {
    const [activity] = await tx.select().from(activities).where(eq(activities.id, input.activityId));
    if (!activity?.requestId) return refuse("not_found");
    if (!(await transition(tx, activity.requestId, "completed", input.lead))) {
      return refuse("stale", await statusOf(tx, activity.requestId));
    }
    const { outcome } = input;
    // What this outcome leaves blank keeps what is known (the champion may have rated it already).
    await tx
      .update(activities)
      .set({
        outcome: outcome.held ? "completed" : "no_show",
        held: outcome.held,
        ...(outcome.championRating !== null ? { championRating: outcome.championRating } : {}),
        ...(outcome.dealResult !== null ? { dealResult: outcome.dealResult } : {}),
        ...(outcome.dealValue !== null ? { dealValue: outcome.dealValue } : {}),
        ...(outcome.notes !== "" ? { notes: outcome.notes } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(activities.id, activity.id));
    await audit(tx, {
      actor: input.lead,
      entityType: "activity",
      entityId: activity.id,
      action: "activity.completed",
      data: { held: outcome.held, rating: outcome.championRating, deal: outcome.dealResult },
    });
    return { ok: true, value: { requestId: activity.requestId } };
  });
}

/** Everything a surface shows about one request, in a handful of queries. */
export async function loadRequestView(db: Database, requestId: number): Promise<RequestView | null> {
  const [request] = await db.select().from(referenceRequests).where(eq(referenceRequests.id, requestId));
  if (!request) return null;
  const [proposal] = await db
    .select()
    .from(proposals)
    .where(eq(proposals.requestId, requestId))
    .orderBy(desc(proposals.version))
    .limit(1);
  const candidateRows = proposal
    ? await db
        .select({
          candidate: proposalCandidates,
          champion: {
            name: champions.name,
            slackUserId: champions.slackUserId,
            title: champions.title,
            company: champions.company,
            motivations: champions.motivations,
          },
          event: { id: programEvents.id, name: programEvents.name, date: programEvents.eventDate },
        })
        .from(proposalCandidates)
        .innerJoin(champions, eq(champions.id, proposalCandidates.championId))
        .leftJoin(programEvents, eq(programEvents.id, proposalCandidates.eventId))
        .where(eq(proposalCandidates.proposalId, proposal.id))
        .orderBy(proposalCandidates.rank)
    : [];
  // Before its first proposal nothing was decided or invited; an activity exists once accepted.
  const moved = request.status !== "request";
  const scheduled = (["accepted", "scheduled", "completed", "cancelled"] as RequestStatus[]).includes(
    request.status,
  );
  const [invitation] = !moved
    ? []
    : await db
        .select({
          invitation: invitations,
          champion: { name: champions.name, slackUserId: champions.slackUserId },
          event: { id: programEvents.id, name: programEvents.name, date: programEvents.eventDate },
        })
        .from(invitations)
        .innerJoin(champions, eq(champions.id, invitations.championId))
        .leftJoin(programEvents, eq(programEvents.id, invitations.eventId))
        .where(eq(invitations.requestId, requestId))
        .orderBy(desc(invitations.id))
        .limit(1);
  const [activity] = !scheduled
    ? []
    : await db
        .select()
        .from(activities)
        .where(
          and(
            eq(activities.requestId, requestId),
            inArray(activities.outcome, ["scheduled", "completed", "no_show"]),
          ),
        )
        .orderBy(desc(activities.id))
        .limit(1);
  const [decision] =
    proposal && moved
      ? await db
          .select({ decidedBy: decisions.decidedBy })
          .from(decisions)
          .innerJoin(proposals, eq(proposals.id, decisions.proposalId))
          .where(eq(proposals.requestId, requestId))
          .orderBy(desc(decisions.id))
          .limit(1)
      : [];

  return {
    id: request.id,
    status: request.status,
    requestedBy: request.requestedBy,
    fields: requestFieldsOf(request),
    notes: request.notes,
    proposal: proposal
      ? {
          id: proposal.id,
          version: proposal.version,
          candidates: candidateRows.map(({ candidate, champion, event }) => ({
            id: candidate.id,
            rank: candidate.rank,
            championId: candidate.championId,
            championName: champion.name,
            championSlackId: champion.slackUserId,
            title: champion.title,
            company: champion.company,
            motivations: champion.motivations,
            activity: candidate.activityType,
            event: event?.id ? { id: event.id, name: event.name, date: event.date } : null,
            score: candidate.score,
            load: candidate.load,
            capacity: candidate.capacity,
            flags: candidate.flags,
            reasons: candidate.reasons,
            alternatives: candidate.alternatives,
          })),
        }
      : null,
    invitation: invitation
      ? {
          id: invitation.invitation.id,
          candidateId: invitation.invitation.candidateId,
          championId: invitation.invitation.championId,
          championName: invitation.champion.name,
          championSlackId: invitation.champion.slackUserId,
          activity: invitation.invitation.activityType,
          event: invitation.event?.id
            ? { id: invitation.event.id, name: invitation.event.name, date: invitation.event.date }
            : null,
          status: invitation.invitation.status,
          answer: (invitation.invitation.answer as "accepted" | "declined" | "later" | null) ?? null,
          answerText: invitation.invitation.answerText,
          message: invitation.invitation.message,
        }
      : null,
    activity: activity
      ? {
          id: activity.id,
          activity: activity.activityType,
          date: activity.activityDate,
          outcome: activity.outcome,
          held: activity.held,
          championRating: activity.championRating,
          dealResult: activity.dealResult,
        }
      : null,
    lastDecisionBy: decision?.decidedBy ?? null,
  };
}

/**
 * The request as it stands once `candidates` were recorded as its proposal: rendered from what was
 * just written, with one read for what the ranking does not carry (Slack ID, title, company and
 * motivations of the champions shown), rather than loading the whole request again.
 */
export async function viewAfterProposal(
  db: Database,
  before: RequestView,
  recorded: { proposalId: number; version: number; candidateIds: readonly number[] },
  candidates: readonly Candidate[],
): Promise<RequestView> {
  const profiles =
    candidates.length === 0
      ? []
      : await db
          .select({
            id: champions.id,
            slackUserId: champions.slackUserId,
            title: champions.title,
            company: champions.company,
            motivations: champions.motivations,
          })
          .from(champions)
          .where(
            inArray(
              champions.id,
              candidates.map((candidate) => candidate.championId),
            ),
          );
  const profileOf = new Map(profiles.map((profile) => [profile.id, profile]));
  return {
    ...before,
    status: candidates.length > 0 ? "proposed" : before.status,
    proposal: {
      id: recorded.proposalId,
      version: recorded.version,
      candidates: candidates.map((candidate, index) => {
        const profile = profileOf.get(candidate.championId);
        return {
          id: recorded.candidateIds[index] ?? 0,
          rank: index + 1,
          championId: candidate.championId,
          championName: candidate.name,
          championSlackId: profile?.slackUserId ?? null,
          title: profile?.title ?? "",
          company: profile?.company ?? "",
          motivations: profile?.motivations ?? [],
          activity: candidate.activity,
          event: candidate.event,
          score: candidate.score,
          load: candidate.load,
          capacity: candidate.capacity,
          flags: candidate.flags,
          reasons: candidate.reasons,
          alternatives: candidate.alternatives,
        };
      }),
    },
  };
}

/** Where a request's messages live, to update them after each step. */
export async function requestMessages(db: Database, requestId: number) {
  const [row] = await db
    .select({
      leadChannelId: referenceRequests.leadChannelId,
      leadThreadTs: referenceRequests.leadThreadTs,
      repChannelId: referenceRequests.repChannelId,
      repMessageTs: referenceRequests.repMessageTs,
    })
    .from(referenceRequests)
    .where(eq(referenceRequests.id, requestId));
  return row ?? null;
}

/** Where an invitation's DM is, to replace its buttons once answered. */
export async function invitationDm(db: Database, invitationId: number) {
  const [row] = await db
    .select({ channelId: invitations.channelId, messageTs: invitations.messageTs })
    .from(invitations)
    .where(eq(invitations.id, invitationId));
  return row?.channelId && row.messageTs ? { channelId: row.channelId, messageTs: row.messageTs } : null;
}

export async function requestOfActivity(db: Database, activityId: number): Promise<number | null> {
  const [row] = await db
    .select({ requestId: activities.requestId })
    .from(activities)
    .where(eq(activities.id, activityId));
  return row?.requestId ?? null;
}

export async function requestOfCandidate(db: Database, candidateId: number): Promise<number | null> {
  const [row] = await db
    .select({ requestId: proposals.requestId })
    .from(proposalCandidates)
    .innerJoin(proposals, eq(proposals.id, proposalCandidates.proposalId))
    .where(eq(proposalCandidates.id, candidateId));
  return row?.requestId ?? null;
}

/** True the first time an Events API delivery is seen, in any process; false for its retries. */
export async function claimEvent(db: Database, eventId: string): Promise<boolean> {
  const claimed = await db
    .insert(processedEvents)
    .values({ eventId })
    .onConflictDoNothing()
    .returning({ eventId: processedEvents.eventId });
  return claimed.length > 0;
}

/** The live invitation (awaiting an answer, or accepted) of the champion with this Slack ID. */
export async function liveInvitationOf(db: Database, slackUserId: string) {
  const [row] = await db
    .select({
      invitationId: invitations.id,
      requestId: invitations.requestId,
      status: invitations.status,
      activity: invitations.activityType,
      championName: champions.name,
      timezone: champions.timezone,
    })
    .from(invitations)
    .innerJoin(champions, eq(champions.id, invitations.championId))
    .where(and(eq(champions.slackUserId, slackUserId), inArray(invitations.status, ["invited", "accepted"])))
    .orderBy(desc(invitations.id))
    .limit(1);
  return row ?? null;
}

/** What an invitation draft and a reply's dates need to know about a champion beyond the read model. */
export async function championContext(db: Database, championId: number) {
  const [row] = await db
    .select({
      notes: champions.notes,
      timezone: champions.timezone,
      emailOk: champions.emailOk,
      sharedChannelId: champions.sharedChannelId,
    })
    .from(champions)
    .where(eq(champions.id, championId));
  return row ?? null;
}

/**
 * The one nudge for an invitation still awaiting its answer: true for the caller that claims it,
 * false when it was answered, closed or already nudged.
 */
export async function claimNudge(db: Database, invitationId: number, now: Date): Promise<boolean> {
  return atomically(db, async (tx) => {
    const claimed = await tx
      .update(invitations)
      .set({ nudgedAt: now })
      .where(
        and(
          eq(invitations.id, invitationId),
          eq(invitations.status, "invited"),
          isNull(invitations.nudgedAt),
        ),
      )
      .returning({ id: invitations.id });
    if (claimed.length === 0) return false;
    await audit(tx, {
      actor: "refdesk",
      entityType: "invitation",
      entityId: invitationId,
      action: "invitation.nudged",
    });
    return true;
  });
}

/**
 * Closes an invitation nobody answered, so the request can move on: it ran out of time
 * ("expired"), or Slack never delivered it ("undelivered", with Slack's reason). Refused once it
 * was answered or closed.
 */
export async function closeUnansweredInvitation(
  db: Database,
  invitationId: number,
  now: Date,
  closing: { status: "expired" } | { status: "undelivered"; reason: string | null },
): Promise<StepResult<{ requestId: number }>> {
  return atomically(db, async (tx) => {
    const [closed] = await tx
      .update(invitations)
      .set({ status: closing.status, expiresAt: now })
      .where(and(eq(invitations.id, invitationId), eq(invitations.status, "invited")))
      .returning({ requestId: invitations.requestId });
    if (!closed) return refuse("stale");
    await audit(tx, {
      actor: "refdesk",
      entityType: "invitation",
      entityId: invitationId,
      action: `invitation.${closing.status}`,
      from: "invited",
      to: closing.status,
      ...("reason" in closing ? { data: { reason: closing.reason } } : {}),
    });
    // For the request either way the ask ran out without an answer.
    await transition(tx, closed.requestId, "expired", "refdesk");
    return { ok: true, value: { requestId: closed.requestId } };
  });
}
