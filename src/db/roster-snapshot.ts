import { and, asc, between, eq, gt, gte, isNotNull, ne, sql } from "drizzle-orm";
import { type HistoryEntry, LOAD_WINDOW_DAYS } from "../core/burnout";
import { addDays, toIsoDate } from "../core/dates";
import type { ActivityType, HistoryOutcome } from "../core/domain";
import { type Answer, type AnswerEntry, isAnswer } from "../core/learning";
import { type ChampionRecord, type EventSlot, type PreparedRoster, prepareRoster } from "../core/matching";
import type { Database } from "./client";
import { upcomingEventSlots } from "./events-repository";
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

/**
 * Champions read per round of queries. The roster is read a page at a time, with that page's
 * history, answers and asks, so the driver's rows for the whole roster are never in memory at once.
 * Small pages also die young: at 100k champions, pages of 5,000 left the heap 15–40% larger after
 * loading (their rows outlived the young generation) and were no faster to read.
 */
export const ROSTER_PAGE_SIZE = 1000;

export interface LoadSnapshotOptions {
  pageSize?: number;
}

const EMPTY: readonly never[] = Object.freeze([]);

/**
 * One copy of each repeated value. The driver hands over a fresh string for every cell (an array
 * cell's items are slices of its text, which they keep alive), and a roster repeats its titles,
 * companies, zones, lists and dates over and over: the snapshot keeps the first copy of each and
 * shares it, down to whole history and answer entries.
 */
function interner() {
  /** A map from key to the one value kept for it. */
  const table = <T>() => {
    const values = new Map<string, T>();
    return (key: string, make: () => T): T => {
      const known = values.get(key);
      if (known !== undefined) return known;
      const value = make();
      values.set(key, value);
      return value;
    };
  };
  const texts = table<string>();
  const lists = table<readonly string[]>();
  const histories = table<HistoryEntry>();
  const answers = table<AnswerEntry>();
  const text = <T extends string | null>(value: T): T =>
    value === null ? value : (texts(value, () => value) as T);
  return {
    text,
    /** A list of texts, frozen: the same list is one array wherever it appears. */
    list: <T extends string>(items: readonly T[]): readonly T[] =>
      items.length === 0
        ? EMPTY
        : (lists(items.join("\u0000"), () => Object.freeze(items.map(text))) as readonly T[]),
    history: (activityType: ActivityType, date: string, outcome: HistoryEntry["outcome"]): HistoryEntry =>
      histories(`${activityType} ${date} ${outcome}`, () => ({ activityType, date: text(date), outcome })),
    answer: (activityType: ActivityType, answer: AnswerEntry["answer"], date: string): AnswerEntry =>
      answers(`${activityType} ${date} ${answer}`, () => ({ activityType, answer, date: text(date) })),
  };
}

/** Groups query rows by champion: one pass, one list each, sized to fit once complete. */
class Grouped<T> {
  private readonly lists = new Map<number, T[]>();
  push(key: number, item: T): void {
    const list = this.lists.get(key);
    if (list) list.push(item);
    else this.lists.set(key, [item]);
  }
  /** A list grown by push keeps spare room: the snapshot holds an exact copy instead. */
  of(key: number): readonly T[] {
    return this.lists.get(key)?.slice() ?? EMPTY;
  }
}

export async function loadSnapshot(
  db: Database,
  revision: number,
  now: Date,
  { pageSize = ROSTER_PAGE_SIZE }: LoadSnapshotOptions = {},
): Promise<RosterSnapshot> {
  const today = toIsoDate(now);
  const since = addDays(today, -LOAD_WINDOW_DAYS);
  const intern = interner();
  const records: ChampionRecord[] = [];
  const products = new Set<string>();
  for (let after = 0; ; ) {
    const page = await db
      .select({
        id: champions.id,
        name: champions.name,
        email: champions.email,
        slackUserId: champions.slackUserId,
        company: champions.company,
        title: champions.title,
        industry: champions.industry,
        companySize: champions.companySize,
        region: champions.region,
        timezone: champions.timezone,
        products: champions.products,
        motivations: champions.motivations,
        activities: champions.activities,
        maxAsksPerQuarter: champions.maxAsksPerQuarter,
        status: champions.status,
        restUntil: champions.restUntil,
      })
      .from(champions)
      .where(gt(champions.id, after))
      .orderBy(asc(champions.id))
      .limit(pageSize);
    const last = page.at(-1);
    if (!last) break;
    const activity = await loadActivity(db, { from: after + 1, to: last.id, since, today, intern });
    for (const row of page) {
      const record: ChampionRecord = {
        id: row.id,
        name: row.name,
        email: row.email,
        slackUserId: row.slackUserId,
        company: intern.text(row.company),
        title: intern.text(row.title),
        industry: intern.text(row.industry),
        companySize: intern.text(row.companySize),
        region: intern.text(row.region),
        timezone: intern.text(row.timezone),
        products: intern.list(row.products),
        motivations: intern.list(row.motivations),
        activities: intern.list(row.activities),
        maxAsksPerQuarter: row.maxAsksPerQuarter,
        status: intern.text(row.status),
        restUntil: intern.text(row.restUntil),
        history: activity.history.of(row.id),
        asks: activity.asks.of(row.id),
        ignored: activity.ignored.of(row.id),
        answers: activity.answers.of(row.id),
        openInvitations: activity.open.get(row.id) ?? 0,
      };
      records.push(record);
      for (const product of record.products) products.add(product);
    }
    after = last.id;
  }
  const events = await upcomingEventSlots(db, today);
  return { revision, today, roster: prepareRoster(records, now), events, products: [...products].sort() };
}

/** The history, answers, asks and open invitations of the champions with IDs `from`…`to`, by champion. */
async function loadActivity(
  db: Database,
  {
    from,
    to,
    since,
    today,
    intern,
  }: { from: number; to: number; since: string; today: string; intern: ReturnType<typeof interner> },
) {
  const sinceTime = new Date(`${since}T00:00:00Z`);
  const [historyRows, answerRows, openRows, askRows] = await Promise.all([
    db
      .select({
        championId: activities.championId,
        activityType: activities.activityType,
        date: activities.activityDate,
        outcome: activities.outcome,
        invitationId: activities.invitationId,
      })
      .from(activities)
      .where(and(between(activities.championId, from, to), gte(activities.activityDate, since)))
      .orderBy(asc(activities.id)),
    // Answers older than the load window weigh under 2% (they fade on the same scale) and are skipped.
    db
      .select({
        championId: invitations.championId,
        activityType: invitations.activityType,
        answer: invitations.answer,
        answeredAt: invitations.answeredAt,
      })
      .from(invitations)
      .where(
        and(
          between(invitations.championId, from, to),
          isNotNull(invitations.answer),
          gte(invitations.answeredAt, sinceTime),
        ),
      )
      .orderBy(asc(invitations.id)),
    db
      .select({ championId: invitations.championId, open: sql<number>`count(*)::int` })
      .from(invitations)
      .where(and(between(invitations.championId, from, to), eq(invitations.status, "invited")))
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
        and(
          between(invitations.championId, from, to),
          gte(invitations.sentAt, sinceTime),
          ne(invitations.status, "undelivered"),
        ),
      )
      .orderBy(asc(invitations.id)),
  ]);

  const history = new Grouped<HistoryEntry>();
  const answers = new Grouped<AnswerEntry>();
  const asks = new Grouped<string>();
  const ignored = new Grouped<string>();
  for (const { championId, activityType, sentAt, status, closedAt } of askRows) {
    asks.push(championId, intern.text(toIsoDate(sentAt)));
    if (status !== "expired") continue;
    const date = intern.text(toIsoDate(closedAt ?? sentAt));
    ignored.push(championId, date);
    // Silence teaches too: a soft no for that kind of ask.
    answers.push(championId, intern.answer(activityType, "ignored", date));
  }
  for (const { championId, activityType, date, outcome, invitationId } of historyRows) {
    history.push(championId, intern.history(activityType, date, outcome));
    // An imported ask has no invitation: its day is when it happened (or was declined).
    if (invitationId === null && date <= today) asks.push(championId, intern.text(date));
    const answer = invitationId === null ? IMPORTED_ANSWER[outcome] : undefined;
    if (answer) answers.push(championId, intern.answer(activityType, answer, date));
  }
  for (const { championId, activityType, answer, answeredAt } of answerRows) {
    if (answer && answeredAt && isAnswer(answer)) {
      answers.push(championId, intern.answer(activityType, answer, toIsoDate(answeredAt)));
    }
  }
  return {
    history,
    answers,
    asks,
    ignored,
    open: new Map(openRows.map((row) => [row.championId, row.open])),
  };
}
