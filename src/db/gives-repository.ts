import { eq } from "drizzle-orm";
import type { ActivityType, Motivation } from "../core/domain";
import type { GiveKind, ThanksTrigger } from "../core/impact";
import { audit } from "./audit";
import { atomically, type Database } from "./client";
import { activities, champions, gives, programEvents, referenceRequests } from "./schema";

// What the program gives back. A thank-you from the impact loop is recorded once per activity and
// reason (the unique index on activity and trigger), so a repeated or concurrent run gives nothing twice.

export interface NewThanks {
  championId: number;
  activityId: number;
  kind: GiveKind;
  description: string;
  givenBy: string;
  trigger: ThanksTrigger;
}

/** Records a thank-you with its audit row; false when this activity was already thanked for this reason. */
export async function recordThanks(db: Database, thanks: NewThanks): Promise<boolean> {
  return atomically(db, async (tx) => {
    const [give] = await tx
      .insert(gives)
      .values(thanks)
      .onConflictDoNothing({ target: [gives.activityId, gives.trigger] })
      .returning({ id: gives.id });
    if (!give) return false;
    await audit(tx, {
      actor: thanks.givenBy,
      entityType: "activity",
      entityId: thanks.activityId,
      action: "activity.thanked",
      data: { giveId: give.id, championId: thanks.championId, kind: thanks.kind, trigger: thanks.trigger },
    });
    return true;
  });
}

/** Everything a thank-you is built from: the activity, its champion and what the request was about. */
export interface ThanksSubject {
  activityId: number;
  activity: ActivityType;
  held: boolean | null;
  dealResult: string | null;
  requestId: number | null;
  eventName: string | null;
  prospectIndustry: string | null;
  champion: {
    id: number;
    name: string;
    slackUserId: string | null;
    motivations: readonly Motivation[];
    publicThanks: boolean;
  };
}

export async function thanksSubject(db: Database, activityId: number): Promise<ThanksSubject | null> {
  const [row] = await db
    .select({
      activity: activities,
      champion: {
        id: champions.id,
        name: champions.name,
        slackUserId: champions.slackUserId,
        motivations: champions.motivations,
        publicThanks: champions.publicThanks,
      },
      eventName: programEvents.name,
      prospectIndustry: referenceRequests.industry,
    })
    .from(activities)
    .innerJoin(champions, eq(champions.id, activities.championId))
    .leftJoin(programEvents, eq(programEvents.id, activities.eventId))
    .leftJoin(referenceRequests, eq(referenceRequests.id, activities.requestId))
    .where(eq(activities.id, activityId));
  if (!row) return null;
  return {
    activityId: row.activity.id,
    activity: row.activity.activityType,
    held: row.activity.held,
    dealResult: row.activity.dealResult,
    requestId: row.activity.requestId,
    eventName: row.eventName,
    prospectIndustry: row.prospectIndustry,
    champion: row.champion,
  };
}
