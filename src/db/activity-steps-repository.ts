import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { toIsoDate } from "../core/dates";
import { audit } from "./audit";
import { atomically, type Database } from "./client";
import { activities, answerLinks, champions, referenceRequests } from "./schema";

// The timed steps around an accepted activity. Each step is claimed by one conditional write on
// its marker column, so a job that runs twice, or on two instances, acts once.

export type ActivityStep = "reminded" | "followed_up" | "deal_asked";

const MARKERS = { reminded: "remindedAt", followed_up: "followedUpAt", deal_asked: "dealAskedAt" } as const;

/** Who and what a step is about. */
export interface ActivityContext {
  activityId: number;
  requestId: number;
  activity: (typeof activities.$inferSelect)["activityType"];
  date: string;
  outcome: (typeof activities.$inferSelect)["outcome"];
  held: boolean | null;
  dealResult: string | null;
  championId: number;
  /** The invitation the activity came from (null for imported history). */
  invitationId: number | null;
  championName: string;
  championSlackId: string | null;
  timezone: string | null;
  repId: string;
}

export async function activityContext(db: Database, activityId: number): Promise<ActivityContext | null> {
  const [row] = await db
    .select({
      activityId: activities.id,
      requestId: referenceRequests.id,
      activity: activities.activityType,
      date: activities.activityDate,
      outcome: activities.outcome,
      held: activities.held,
      dealResult: activities.dealResult,
      championId: champions.id,
      invitationId: activities.invitationId,
      championName: champions.name,
      championSlackId: champions.slackUserId,
      timezone: champions.timezone,
      repId: referenceRequests.requestedBy,
    })
    .from(activities)
    .innerJoin(champions, eq(champions.id, activities.championId))
    .innerJoin(referenceRequests, eq(referenceRequests.id, activities.requestId))
    .where(eq(activities.id, activityId));
  return row ?? null;
}

/**
 * Claims `step`, planned for the activity on `plannedFor`, when it is still due: the reminder and the follow-up while the
 * activity is scheduled, the deal question unless it did not happen or the deal is settled.
 */
export async function claimActivityStep(
  db: Database,
  activityId: number,
  step: ActivityStep,
  now: Date,
  plannedFor: string,
): Promise<ActivityContext | null> {
  const context = await activityContext(db, activityId);
  // Planned for a date the activity no longer has: it was rescheduled, and newer steps exist.
  if (!context || context.date !== plannedFor) return null;
  // The deal question does not wait for "did it happen?": only a known no-show rules it out. A
  // reminder that would arrive on the day or after it is no reminder.
  const due =
    step === "deal_asked"
      ? context.held !== false && (context.dealResult === null || context.dealResult === "open")
      : context.outcome === "scheduled" && (step !== "reminded" || context.date > toIsoDate(now));
  if (!due) return null;
  const marker = MARKERS[step];
  return atomically(db, async (tx) => {
    const claimed = await tx
      .update(activities)
      .set({ [marker]: now })
      .where(and(eq(activities.id, activityId), isNull(activities[marker])))
      .returning({ id: activities.id });
    if (claimed.length === 0) return null;
    await audit(tx, {
      actor: "refdesk",
      entityType: "activity",
      entityId: activityId,
      action: `activity.${step}`,
    });
    return context;
  });
}

/** The champion's quick rating (1–5) of their own activity; refused for anyone else. */
export async function rateActivity(
  db: Database,
  input:
    | { activityId: number; slackUserId: string; rating: number }
    | { linkId: number; rating: number; now: Date },
): Promise<boolean> {
  const activityId = "linkId" in input ? await activityOfLink(db, input.linkId, input.now) : input.activityId;
  const context = activityId ? await activityContext(db, activityId) : null;
  if (!context || ("slackUserId" in input && context.championSlackId !== input.slackUserId)) return false;
  const actor = "slackUserId" in input ? input.slackUserId : `answer-link:${input.linkId}`;
  await atomically(db, async (tx) => {
    await tx
      .update(activities)
      .set({ championRating: input.rating })
      .where(eq(activities.id, context.activityId));
    await audit(tx, {
      actor,
      entityType: "activity",
      entityId: context.activityId,
      action: "activity.rated",
      data: { rating: input.rating },
    });
  });
  return true;
}

/** The deal the activity supported: won (with its value), lost or still open. */
export async function recordDeal(
  db: Database,
  input: { activityId: number; by: string; result: "won" | "lost" | "open"; value: string | null },
): Promise<void> {
  await atomically(db, async (tx) => {
    await tx
      .update(activities)
      .set({ dealResult: input.result, dealValue: input.value })
      .where(eq(activities.id, input.activityId));
    await audit(tx, {
      actor: input.by,
      entityType: "activity",
      entityId: input.activityId,
      action: "activity.deal",
      data: { result: input.result },
    });
  });
}

/** The activity an unexpired answer link's invitation led to: what a champion by email rates. */
export async function activityOfLink(db: Database, linkId: number, now: Date): Promise<number | null> {
  const [row] = await db
    .select({ activityId: activities.id })
    .from(answerLinks)
    .innerJoin(activities, eq(activities.invitationId, answerLinks.invitationId))
    .where(and(eq(answerLinks.id, linkId), gt(answerLinks.expiresAt, now)))
    .orderBy(desc(activities.id))
    .limit(1);
  return row?.activityId ?? null;
}
