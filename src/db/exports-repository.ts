import { asc, eq } from "drizzle-orm";
import type { ActivityLogEntry } from "../roster/activity-log-csv";
import type { ChampionInput } from "../roster/champions-csv";
import type { Database } from "./client";
import { listChampions } from "./roster-repository";
import { createRosterSnapshotSource } from "./roster-snapshot";
import { activities, champions } from "./schema";

/** Every activity with its champion's email, oldest first (ties in the order they were recorded). */
export async function listActivityLog(db: Database): Promise<ActivityLogEntry[]> {
  return db
    .select({
      championEmail: champions.email,
      activityType: activities.activityType,
      date: activities.activityDate,
      outcome: activities.outcome,
      requestId: activities.requestId,
      held: activities.held,
      rating: activities.championRating,
      dealResult: activities.dealResult,
      dealValue: activities.dealValue,
    })
    .from(activities)
    .innerJoin(champions, eq(champions.id, activities.championId))
    .orderBy(asc(activities.activityDate), asc(activities.id));
}

/** The roster (by email) with each champion's load and capacity from the snapshot matching uses. */
export async function listChampionsWithLoad(
  db: Database,
  options: { now: Date; defaultCapacity: number },
): Promise<{ champion: ChampionInput; load: number; capacity: number }[]> {
  const [roster, snapshot] = await Promise.all([
    listChampions(db),
    createRosterSnapshotSource(db, () => options.now).current(),
  ]);
  const loadOf = new Map(snapshot.roster.champions.map((champion) => [champion.email, champion.load]));
  return roster.map((champion) => ({
    champion,
    load: loadOf.get(champion.email) ?? 0,
    capacity: champion.maxAsksPerQuarter ?? options.defaultCapacity,
  }));
}
