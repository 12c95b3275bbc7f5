import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { audit } from "./audit";
import type { Database } from "./client";
import { findChampion } from "./roster-repository";
import { answerLinks, champions, invitations, programEvents, referenceRequests } from "./schema";

// What the email channel keeps: the answer link of each emailed invitation, and the reads that
// render an email or the answer page. The champion's address is read only where a message is sent.

/** A new answer link for an invitation about to be emailed; its token is signed from the id. */
export async function createAnswerLink(db: Database, invitationId: number, expiresAt: Date): Promise<number> {
  const [row] = await db
    .insert(answerLinks)
    .values({ invitationId, expiresAt })
    .returning({ id: answerLinks.id });
  if (!row) throw new Error("answer link not created");
  return row.id;
}

/** Marks a link used for its invitation; false when it was used, expired or belongs elsewhere. */
export async function useAnswerLink(db: Database, linkId: number, invitationId: number, now: Date) {
  const used = await db
    .update(answerLinks)
    .set({ usedAt: now })
    .where(
      and(
        eq(answerLinks.id, linkId),
        eq(answerLinks.invitationId, invitationId),
        isNull(answerLinks.usedAt),
        gt(answerLinks.expiresAt, now),
      ),
    )
    .returning({ id: answerLinks.id });
  return used.length > 0;
}

/** Whether an invitation went (or goes) by email: one column, for the steps that branch on it. */
export async function sentByEmail(db: Database, invitationId: number): Promise<boolean> {
  const [row] = await db
    .select({ via: invitations.via })
    .from(invitations)
    .where(eq(invitations.id, invitationId));
  return row?.via === "email";
}

/** Records that an invitation goes by email (chosen when it is sent, or after Slack refused it). */
export async function sendInvitationByEmail(db: Database, invitationId: number, reason: string | null) {
  await db.update(invitations).set({ via: "email" }).where(eq(invitations.id, invitationId));
  await audit(db, {
    actor: "refdesk",
    entityType: "invitation",
    entityId: invitationId,
    action: "invitation.via_email",
    ...(reason ? { data: { slackReason: reason } } : {}),
  });
}

/** Everything an emailed invitation (or its nudge) says, with where it goes and the link it carries. */
export async function emailedInvitation(db: Database, invitationId: number) {
  const [row] = await db
    .select({
      invitationId: invitations.id,
      requestId: invitations.requestId,
      status: invitations.status,
      via: invitations.via,
      activity: invitations.activityType,
      pitch: invitations.message,
      to: champions.email,
      emailOk: champions.emailOk,
      championName: champions.name,
      timezone: champions.timezone,
      deadline: referenceRequests.deadline,
      eventName: programEvents.name,
      eventDate: programEvents.eventDate,
      linkId: answerLinks.id,
      linkExpiresAt: answerLinks.expiresAt,
    })
    .from(invitations)
    .innerJoin(champions, eq(champions.id, invitations.championId))
    .innerJoin(referenceRequests, eq(referenceRequests.id, invitations.requestId))
    .leftJoin(programEvents, eq(programEvents.id, invitations.eventId))
    .leftJoin(answerLinks, eq(answerLinks.invitationId, invitations.id))
    .where(eq(invitations.id, invitationId))
    .orderBy(desc(answerLinks.id))
    .limit(1);
  return row ?? null;
}

/** What the answer page shows for a link: its invitation as it stands, never the address. */
export async function answerLinkPage(db: Database, linkId: number) {
  const [row] = await db
    .select({
      linkId: answerLinks.id,
      usedAt: answerLinks.usedAt,
      expiresAt: answerLinks.expiresAt,
      invitationId: invitations.id,
      requestId: invitations.requestId,
      status: invitations.status,
      answer: invitations.answer,
      answerText: invitations.answerText,
      activity: invitations.activityType,
      pitch: invitations.message,
      championName: champions.name,
      timezone: champions.timezone,
      deadline: referenceRequests.deadline,
      eventName: programEvents.name,
      eventDate: programEvents.eventDate,
    })
    .from(answerLinks)
    .innerJoin(invitations, eq(invitations.id, answerLinks.invitationId))
    .innerJoin(champions, eq(champions.id, invitations.championId))
    .innerJoin(referenceRequests, eq(referenceRequests.id, invitations.requestId))
    .leftJoin(programEvents, eq(programEvents.id, invitations.eventId))
    .where(eq(answerLinks.id, linkId));
  return row ?? null;
}
export type AnswerLinkPage = NonNullable<Awaited<ReturnType<typeof answerLinkPage>>>;

/** The champion asked, on the answer page, not to be invited by email again. */
export async function stopEmailInvitations(db: Database, invitationId: number) {
  const [row] = await db
    .select({ championId: invitations.championId })
    .from(invitations)
    .where(eq(invitations.id, invitationId));
  if (!row) return;
  await db.update(champions).set({ emailOk: false }).where(eq(champions.id, row.championId));
  await audit(db, {
    actor: "champion",
    entityType: "champion",
    entityId: row.championId,
    action: "champion.email_off",
  });
}

/**
 * The mail server accepted the invitation: it counts as sent from now (its nudge and expiry count
 * from here). False when this was already recorded, or the invitation no longer waits.
 */
export async function markInvitationEmailed(db: Database, invitationId: number, now: Date) {
  const [link] = await db
    .select({ id: answerLinks.id })
    .from(answerLinks)
    .where(eq(answerLinks.invitationId, invitationId))
    .orderBy(desc(answerLinks.id))
    .limit(1);
  if (!link) return false;
  const marked = await db
    .update(answerLinks)
    .set({ emailedAt: now })
    .where(and(eq(answerLinks.id, link.id), isNull(answerLinks.emailedAt)))
    .returning({ id: answerLinks.id });
  if (marked.length === 0) return false;
  const sent = await db
    .update(invitations)
    .set({ sentAt: now })
    .where(and(eq(invitations.id, invitationId), eq(invitations.status, "invited")))
    .returning({ id: invitations.id });
  return sent.length > 0;
}

/** Where a champion's notes go, and whether they may be emailed at all. */
export async function championMailbox(db: Database, championId: number) {
  const [row] = await db
    .select({ email: champions.email, emailOk: champions.emailOk })
    .from(champions)
    .where(eq(champions.id, championId));
  return row ?? null;
}

/** The champion an unexpired link belongs to, as the roster describes them, and its invitation's activity. */
export async function championOfLink(db: Database, linkId: number, now: Date) {
  const [row] = await db
    .select({ email: champions.email, championId: champions.id, activity: invitations.activityType })
    .from(answerLinks)
    .innerJoin(invitations, eq(invitations.id, answerLinks.invitationId))
    .innerJoin(champions, eq(champions.id, invitations.championId))
    .where(and(eq(answerLinks.id, linkId), gt(answerLinks.expiresAt, now)));
  if (!row) return null;
  const champion = await findChampion(db, { email: row.email });
  return champion ? { champion, championId: row.championId, activity: row.activity } : null;
}

/** Where a rating question goes, with the link it carries and what it is about. */
export async function ratingLink(db: Database, linkId: number) {
  const [row] = await db
    .select({
      to: champions.email,
      emailOk: champions.emailOk,
      championName: champions.name,
      activity: invitations.activityType,
      expiresAt: answerLinks.expiresAt,
    })
    .from(answerLinks)
    .innerJoin(invitations, eq(invitations.id, answerLinks.invitationId))
    .innerJoin(champions, eq(champions.id, invitations.championId))
    .where(eq(answerLinks.id, linkId));
  return row ?? null;
}
