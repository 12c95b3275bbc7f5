import { and, eq, gte, isNotNull, ne, sql } from "drizzle-orm";
import { LOAD_WINDOW_DAYS } from "../core/burnout";
import { addDays, toIsoDate } from "../core/dates";
import type { HistoryOutcome } from "../core/domain";
import { type Answer, type AnswerEntry, isAnswer } from "../core/learning";
import { type ChampionRecord, type EventSlot, type PreparedRoster, prepareRoster } from "../core/matching";
import type { Database } from "./client";
import { upcomingEventSlots } from "./events-repository";
import { toChampionProfile } from "./roster-repository";
import { activities, champions, invitations, revisions } from "./schema";

/** Everything matching reads, prepared once and shared until the database says it changed. */
export interface RosterSnapshot {
  revision: number;
  /** The day the snapshot was read for: history windows and event dates are relative to it. */
  today: string;
  roster: PreparedRoster;
  events: EventSlot[];
  /** The roster's own product vocabulary, for the request parser. */
  products: string[];
}

export interface RosterSnapshotSource {
  /**
   * The snapshot as of now. With `maxAgeMs`, a snapshot whose revision was confirmed that recently
   * is served without asking the database: for reads where a few seconds' lag is harmless.
   */
  current(options?: { maxAgeMs?: number }): Promise<RosterSnapshot>;
}

export interface RosterSnapshotOptions {
  /** Milliseconds on a clock that only moves forward (for the freshness window, not the calendar). */
  monotonic?: () => number;
}

/**
 * Serves the roster snapshot from memory while the `roster` revision is unchanged (one single-row
 * read per request), reloading when any process has written champions, history, invitations or
 * events since. Concurrent callers share one reload.
 */
export function createRosterSnapshotSource(
  db: Database,
  clock: () => Date,
  options: RosterSnapshotOptions = {},
): RosterSnapshotSource {
  const monotonic = options.monotonic ?? (() => performance.now());
  let cached: RosterSnapshot | null = null;
  let confirmedAt = Number.NEGATIVE_INFINITY;
  let reloading: Promise<RosterSnapshot> | null = null;

  const reload = (revision: number, now: Date): Promise<RosterSnapshot> => {
    reloading ??= loadSnapshot(db, revision, now).finally(() => {
      reloading = null;
    });
    return reloading;
  };

  return {
    async current({ maxAgeMs = 0 } = {}) {
      const now = clock();
      const fresh = cached?.today === toIsoDate(now) ? cached : null;
      if (fresh && monotonic() - confirmedAt < maxAgeMs) return fresh;
      const checkedAt = monotonic();
      const [row] = await db
        .select({ revision: revisions.revision })
        .from(revisions)
        .where(eq(revisions.name, "roster"));
      const revision = row?.revision ?? 0;
      const snapshot = fresh?.revision === revision ? fresh : await reload(revision, now);
      cached = snapshot;
      confirmedAt = checkedAt;
      return snapshot;
    },
  };
}

/** What an imported past ask says about the answer given; the app's own asks answer through invitations. */
const IMPORTED_ANSWER: Partial<Record<HistoryOutcome | "scheduled", Answer>> = {
  completed: "accepted",
  declined: "declined",
};

/** Appends to the list kept under `key`: one pass groups query rows by champion. */
function push<T>(map: Map<number, T[]>, key: number, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

export async function loadSnapshot(db: Database, revision: number, now: Date): Promise<RosterSnapshot> {
  const today = toIsoDate(now);
  const since = addDays(today, -LOAD_WINDOW_DAYS);
  const [championRows, historyRows, answerRows, openRows, askRows, events] = await Promise.all([
    db.select().from(champions),
    db
      .select({
        championId: activities.championId,
        activityType: activities.activityType,
        date: activities.activityDate,
        outcome: activities.outcome,
        invitationId: activities.invitationId,
      })
      .from(activities)
      .where(gte(activities.activityDate, since)),
    // Answers older than the load window weigh under 2% (they fade on the same scale) and are skipped.
    db
      .select({
        championId: invitations.championId,
        activityType: invitations.activityType,
        answer: invitations.answer,
        answeredAt: invitations.answeredAt,
      })
      .from(invitations)
      .where(and(isNotNull(invitations.answer), gte(invitations.answeredAt, new Date(`${since}T00:00:00Z`)))),
    db
      .select({ championId: invitations.championId, open: sql<number>`count(*)::int` })
      .from(invitations)
      .where(eq(invitations.status, "invited"))
      .groupBy(invitations.championId),
    // Every invitation that reached them is an ask, whatever the answer; one Slack never delivered is not.
    db
      .select({
        championId: invitations.championId,
        activityType: invitations.activityType,
        sentAt: invitations.sentAt,
        status: invitations.status,
        closedAt: invitations.expiresAt,
      })
      .from(invitations)
      .where(
        and(gte(invitations.sentAt, new Date(`${since}T00:00:00Z`)), ne(invitations.status, "undelivered")),
      ),
    upcomingEventSlots(db, today),
  ]);

  const history = new Map<number, ChampionRecord["history"][number][]>();
  const answers = new Map<number, AnswerEntry[]>();
  const asks = new Map<number, string[]>();
  const ignored = new Map<number, string[]>();
  for (const { championId, activityType, sentAt, status, closedAt } of askRows) {
    push(asks, championId, toIsoDate(sentAt));
    if (status !== "expired") continue;
    const date = toIsoDate(closedAt ?? sentAt);
    push(ignored, championId, date);
    // Silence teaches too: a soft no for that kind of ask.
    push(answers, championId, { activityType, answer: "ignored", date });
  }
  for (const { championId, activityType, date, outcome, invitationId } of historyRows) {
    push(history, championId, { activityType, date, outcome });
    // An imported ask has no invitation: its day is when it happened (or was declined).
    if (invitationId === null && date <= today) push(asks, championId, date);
    const answer = invitationId === null ? IMPORTED_ANSWER[outcome] : undefined;
    if (answer) push(answers, championId, { activityType, answer, date });
  }
  for (const { championId, activityType, answer, answeredAt } of answerRows) {
    if (answer && answeredAt && isAnswer(answer)) {
      push(answers, championId, { activityType, answer, date: toIsoDate(answeredAt) });
    }
  }
  const open = new Map(openRows.map((row) => [row.championId, row.open]));
  const records: ChampionRecord[] = championRows.map((row) => ({
    id: row.id,
    ...toChampionProfile(row),
    history: history.get(row.id) ?? [],
    asks: asks.get(row.id) ?? [],
    ignored: ignored.get(row.id) ?? [],
    answers: answers.get(row.id) ?? [],
    openInvitations: open.get(row.id) ?? 0,
  }));
  const products = [...new Set(championRows.flatMap((row) => row.products))].sort();
  return { revision, today, roster: prepareRoster(records, now), events, products };
}
