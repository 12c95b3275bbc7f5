import { asc, gte, inArray, sql } from "drizzle-orm";
import type { ActivityType, Region } from "../core/domain";
import type { EventSlot } from "../core/matching";
import { audit } from "./audit";
import { atomically, type Database } from "./client";
import { invitations, programEvents } from "./schema";

export interface NewProgramEvent {
  name: string;
  activityType: ActivityType;
  date: string;
  slots: number;
  industry: string | null;
  region: Region | null;
  topic: string;
}

export async function addProgramEvent(db: Database, event: NewProgramEvent, actor: string): Promise<number> {
  return atomically(db, async (tx) => {
    const [row] = await tx
      .insert(programEvents)
      .values({ ...event, eventDate: event.date })
      .returning({ id: programEvents.id });
    if (!row) throw new Error("insert returned no row");
    await audit(tx, {
      actor,
      entityType: "program_event",
      entityId: row.id,
      action: "program_event.created",
      data: { name: event.name, activityType: event.activityType, date: event.date, slots: event.slots },
    });
    return row.id;
  });
}

/** Events on or after `today`, each with its slots not yet taken by a live invitation. */
export async function upcomingEventSlots(db: Database, today: string): Promise<EventSlot[]> {
  const rows = await db
    .select({
      id: programEvents.id,
      name: programEvents.name,
      activityType: programEvents.activityType,
      date: programEvents.eventDate,
      industry: programEvents.industry,
      region: programEvents.region,
      slots: programEvents.slots,
      taken: sql<number>`(select count(*)::int from ${invitations} where ${invitations.eventId} = ${programEvents.id} and ${inArray(invitations.status, ["invited", "accepted"])})`,
    })
    .from(programEvents)
    .where(gte(programEvents.eventDate, today))
    .orderBy(asc(programEvents.eventDate), asc(programEvents.id));
  return rows.map(({ slots, taken, ...event }) => ({ ...event, openSlots: slots - taken }));
}
