import { and, asc, count, desc, eq, gt, gte, inArray, sql } from "drizzle-orm";
import type { BenchGap } from "../core/bench";
import { toIsoDate } from "../core/dates";
import type { ActivityType, ChampionStatus, Motivation } from "../core/domain";
import { REQUEST_STATUSES, type RequestStatus } from "../core/lifecycle";
import type { EventSlot } from "../core/matching";
import { rosterHealth } from "../core/metrics";
import type { Database } from "./client";
import { upcomingEventSlots } from "./events-repository";
import { loadBenchGaps, loadMetricsInput } from "./report-repository";
import { createRosterSnapshotSource } from "./roster-snapshot";
import { activities, champions, gives, invitations, programEvents, referenceRequests } from "./schema";

// What the App Home shows each role, in a few queries per role (none per request or champion).
// A rep's requests name the champion only once they have said yes: the join that fetches the name
// carries the condition, so nothing about a champion leaves the database before that.

/** Asks and gives on the Home are counted over this many days, like the default report. */
export const HOME_WINDOW_DAYS = 90;

const CLOSED: readonly RequestStatus[] = ["rejected", "completed", "cancelled"];
const OPEN = REQUEST_STATUSES.filter((status) => !CLOSED.includes(status));
/** Request statuses in which an accepted invitation may be named to the rep (as in their status message). */
const AFTER_ACCEPTANCE: readonly RequestStatus[] = ["accepted", "scheduled", "completed", "cancelled"];

export interface OpenRequest {
  id: number;
  status: RequestStatus;
  prospectCompany: string | null;
  requestedBy: string;
  createdAt: Date;
}

export interface RosterChampion {
  id: number;
  name: string;
  status: ChampionStatus;
  load: number;
  capacity: number;
  /** load ÷ capacity */
  ratio: number;
  asks: number;
  gives: number;
  /** Why the metrics count them at risk; empty when they are not. */
  risks: string[];
  /** ISO date while they are resting, else null. */
  restingUntil: string | null;
}

export interface LeadHome {
  today: string;
  windowDays: number;
  /** Oldest first. */
  openRequests: OpenRequest[];
  roster: RosterChampion[];
  /** Upcoming program events that still have an open slot, soonest first. */
  events: EventSlot[];
  /** Where last quarter's demand outran the champions with room: where to recruit. */
  bench: BenchGap[];
}

export interface RepRequest {
  id: number;
  status: RequestStatus;
  prospectCompany: string | null;
  createdAt: Date;
  /** The activity of the latest invitation, once someone was invited. */
  activity: ActivityType | null;
  /** The date of the accepted activity (scheduled or held). */
  activityDate: string | null;
  /** Only after the champion accepted; never their email. */
  champion: { name: string; slackUserId: string | null } | null;
}

export interface RepHome {
  /** Most recent first, at most the limit asked for. */
  requests: RepRequest[];
  total: number;
}

export interface ChampionActivity {
  id: number;
  activity: ActivityType;
  date: string;
  eventName: string | null;
  held: boolean | null;
  dealResult: string | null;
}

export interface ChampionGive {
  kind: string;
  description: string;
  givenAt: Date;
}

export interface ChampionHome {
  name: string;
  status: ChampionStatus;
  restUntil: string | null;
  motivations: Motivation[];
  activities: ActivityType[];
  /** Their own cap, or null for the program default. */
  maxAsksPerQuarter: number | null;
  /** Soonest first. */
  upcoming: ChampionActivity[];
  /** Most recent first, at most the limit asked for. */
  completed: ChampionActivity[];
  achieved: { completed: number; dealsInfluenced: number; dealsWon: number };
  /** Most recent first, at most the limit asked for. */
  gives: ChampionGive[];
}

/** The program as the leads look after it: open requests, roster health, events with room. */
export async function loadLeadHome(
  db: Database,
  options: { now: Date; defaultCapacity: number },
): Promise<LeadHome> {
  const today = toIsoDate(options.now);
  // One read of the roster for both the load figures and the bench.
  const read = { ...options, snapshot: createRosterSnapshotSource(db, () => options.now).current() };
  const [openRequests, metricsInput, resting, events, bench] = await Promise.all([
    db
      .select({
        id: referenceRequests.id,
        status: referenceRequests.status,
        prospectCompany: referenceRequests.prospectCompany,
        requestedBy: referenceRequests.requestedBy,
        createdAt: referenceRequests.createdAt,
      })
      .from(referenceRequests)
      .where(inArray(referenceRequests.status, OPEN))
      .orderBy(asc(referenceRequests.createdAt), asc(referenceRequests.id)),
    // Load, capacity, asks, gives and risks exactly as the report counts them.
    loadMetricsInput(db, { ...read, windowDays: HOME_WINDOW_DAYS }),
    db
      .select({ id: champions.id, restUntil: champions.restUntil })
      .from(champions)
      .where(gt(champions.restUntil, today)),
    upcomingEventSlots(db, today),
    loadBenchGaps(db, read),
  ]);
  const restingUntil = new Map(resting.map((row) => [row.id, row.restUntil]));
  return {
    today,
    windowDays: HOME_WINDOW_DAYS,
    openRequests,
    roster: rosterHealth(metricsInput).map(({ champion, ratio, asks, gives: given, risks }) => ({
      id: champion.id,
      name: champion.name,
      status: champion.status,
      load: champion.load,
      capacity: champion.capacity,
      ratio,
      asks,
      gives: given,
      risks,
      restingUntil: restingUntil.get(champion.id) ?? null,
    })),
    events: events.filter((event) => event.openSlots > 0),
    bench,
  };
}

/** A rep's own requests and where each stands, most recent first. */
export async function loadRepHome(db: Database, slackUserId: string, limit: number): Promise<RepHome> {
  const theirs = eq(referenceRequests.requestedBy, slackUserId);
  const latestInvitation = db
    .selectDistinctOn([invitations.requestId], {
      requestId: invitations.requestId,
      championId: invitations.championId,
      status: invitations.status,
      activityType: invitations.activityType,
    })
    .from(invitations)
    .innerJoin(referenceRequests, eq(referenceRequests.id, invitations.requestId))
    .where(theirs)
    .orderBy(invitations.requestId, desc(invitations.id))
    .as("latest_invitation");
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: referenceRequests.id,
        status: referenceRequests.status,
        prospectCompany: referenceRequests.prospectCompany,
        createdAt: referenceRequests.createdAt,
        activity: latestInvitation.activityType,
        activityDate: sql<string | null>`(
          select ${activities.activityDate} from ${activities}
          where ${activities.requestId} = ${referenceRequests.id}
            and ${activities.outcome} in ('scheduled', 'completed', 'no_show')
          order by ${activities.id} desc limit 1)`,
        championName: champions.name,
        championSlackId: champions.slackUserId,
      })
      .from(referenceRequests)
      .leftJoin(latestInvitation, eq(latestInvitation.requestId, referenceRequests.id))
      // The champion is joined only when they accepted: before that there is nothing to leak.
      .leftJoin(
        champions,
        and(
          eq(champions.id, latestInvitation.championId),
          eq(latestInvitation.status, "accepted"),
          inArray(referenceRequests.status, AFTER_ACCEPTANCE),
        ),
      )
      .where(theirs)
      .orderBy(desc(referenceRequests.createdAt), desc(referenceRequests.id))
      .limit(limit),
    db.select({ total: count() }).from(referenceRequests).where(theirs),
  ]);
  return {
    total: total?.total ?? 0,
    requests: rows.map(({ championName, championSlackId, ...row }) => ({
      ...row,
      champion: championName ? { name: championName, slackUserId: championSlackId } : null,
    })),
  };
}

/** The champion with this Slack ID: what is coming up, what their help achieved, their preferences. */
export async function loadChampionHome(
  db: Database,
  slackUserId: string,
  options: { now: Date; limit: number },
): Promise<ChampionHome | null> {
  const [champion] = await db
    .select({
      id: champions.id,
      name: champions.name,
      status: champions.status,
      restUntil: champions.restUntil,
      motivations: champions.motivations,
      activities: champions.activities,
      maxAsksPerQuarter: champions.maxAsksPerQuarter,
    })
    .from(champions)
    .where(eq(champions.slackUserId, slackUserId));
  if (!champion) return null;
  const today = toIsoDate(options.now);
  const theirs = eq(activities.championId, champion.id);
  const activityColumns = {
    id: activities.id,
    activity: activities.activityType,
    date: activities.activityDate,
    eventName: programEvents.name,
    held: activities.held,
    dealResult: activities.dealResult,
  };
  const [upcoming, completed, [achieved], given] = await Promise.all([
    db
      .select(activityColumns)
      .from(activities)
      .leftJoin(programEvents, eq(programEvents.id, activities.eventId))
      .where(and(theirs, eq(activities.outcome, "scheduled"), gte(activities.activityDate, today)))
      .orderBy(asc(activities.activityDate), asc(activities.id))
      .limit(options.limit),
    db
      .select(activityColumns)
      .from(activities)
      .leftJoin(programEvents, eq(programEvents.id, activities.eventId))
      .where(and(theirs, eq(activities.outcome, "completed")))
      .orderBy(desc(activities.activityDate), desc(activities.id))
      .limit(options.limit),
    db
      .select({
        completed: count(),
        dealsInfluenced: sql<number>`count(*) filter (where ${activities.dealResult} in ('open', 'won'))::int`,
        dealsWon: sql<number>`count(*) filter (where ${activities.dealResult} = 'won')::int`,
      })
      .from(activities)
      .where(and(theirs, eq(activities.outcome, "completed"))),
    db
      .select({ kind: gives.kind, description: gives.description, givenAt: gives.givenAt })
      .from(gives)
      .where(eq(gives.championId, champion.id))
      .orderBy(desc(gives.givenAt), desc(gives.id))
      .limit(options.limit),
  ]);
  const { id: _id, ...preferences } = champion;
  return {
    ...preferences,
    upcoming,
    completed,
    achieved: achieved ?? { completed: 0, dealsInfluenced: 0, dealsWon: 0 },
    gives: given,
  };
}
