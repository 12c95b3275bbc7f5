import { gte } from "drizzle-orm";
import { toIsoDate } from "../core/dates";
import { windowStart } from "../core/metrics";
import type { OwnProgram } from "../simulation/own-world";
import type { Database } from "./client";
import { requestFieldsOf } from "./requests-repository";
import { createRosterSnapshotSource } from "./roster-snapshot";
import { referenceRequests } from "./schema";

/** How far back the program's requests are read as its current demand: a quarter. */
export const DEMAND_WINDOW_DAYS = 91;

/** The roster as matching sees it today, its upcoming events, and the last quarter's requests. */
export async function loadOwnProgram(db: Database, now: Date): Promise<OwnProgram> {
  const [snapshot, requests] = await Promise.all([
    createRosterSnapshotSource(db, () => now).current(),
    db
      .select()
      .from(referenceRequests)
      .where(gte(referenceRequests.createdAt, windowStart(now, DEMAND_WINDOW_DAYS))),
  ]);
  return {
    champions: snapshot.roster.champions,
    events: snapshot.events,
    demand: requests.map((request) => ({
      date: toIsoDate(request.createdAt),
      fields: requestFieldsOf(request),
    })),
    demandDays: DEMAND_WINDOW_DAYS,
  };
}
