import { type Calibration, calibration } from "./calibration";
import { toIsoDate } from "./dates";
import type { ActivityType, ChampionStatus, Motivation } from "./domain";
import { REQUEST_STATUSES, type RequestStatus } from "./lifecycle";

// Program metrics over a window ending now, from plain data: shared by the `report` CLI and
// `/advocacy report`. Everything counted is what happened since the window opened: requests opened,
// invitations sent or answered, gives given, and activities dated in it.

/** A request and when it first reached each step (null: not yet). */
export interface RequestTimeline {
  status: RequestStatus;
  createdAt: Date;
  /** The first proposal that named at least one champion. */
  proposedAt: Date | null;
  approvedAt: Date | null;
  acceptedAt: Date | null;
}

/** An ask made through the app; answered or not. */
export interface InvitationRecord {
  championId: number;
  activityType: ActivityType;
  sentAt: Date;
  answer: "accepted" | "declined" | "later" | null;
  answeredAt: Date | null;
  /** The yes-probability matching gave when proposing it (null when a lead swapped the activity). */
  predictedYes: number | null;
  /** When it was answered or expired unanswered; null while open. */
  closedAt: Date | null;
}

/** An ask recorded outside the app (imported history), known by its day. */
export interface HistoryAsk {
  championId: number;
  /** ISO date */
  date: string;
}

export interface GiveRecord {
  championId: number;
  givenAt: Date;
}

/** A champion with their load and capacity as matching sees them now. */
export interface ChampionLoad {
  id: number;
  name: string;
  status: ChampionStatus;
  /** Strongest first. */
  motivations: readonly Motivation[];
  load: number;
  capacity: number;
}

/** An activity linked to a request, with the deal it influenced. */
export interface DealRecord {
  /** ISO date of the activity */
  date: string;
  result: "open" | "won" | "lost";
  value: number;
}

export interface MetricsInput {
  now: Date;
  windowDays: number;
  requests: readonly RequestTimeline[];
  invitations: readonly InvitationRecord[];
  historyAsks: readonly HistoryAsk[];
  gives: readonly GiveRecord[];
  champions: readonly ChampionLoad[];
  deals: readonly DealRecord[];
}

export interface StepTiming {
  /** Requests opened in the window that reached the step. */
  requests: number;
  medianHours: number | null;
  p90Hours: number | null;
}

export interface AcceptanceRate {
  answered: number;
  accepted: number;
  /** accepted ÷ answered; null when nothing was answered. */
  rate: number | null;
}

/** Champions without a stated motivation are grouped under this key. */
export const UNSTATED = "unstated";
export type MotivationKey = Motivation | typeof UNSTATED;

export const LOAD_BUCKETS = ["<25%", "25–50%", "50–75%", "75–100%", "≥100%"] as const;
export type LoadBucket = (typeof LOAD_BUCKETS)[number];

/** Share of the roster, counted from the busiest, whose share of asks measures concentration. */
export const BUSIEST_SHARE = 0.1;

// A champion is at risk when their load reaches this share of their capacity, or when the program
// asked them this many times in the window and gave them nothing back.
export const AT_RISK_LOAD_RATIO = 0.8;
export const AT_RISK_ASKS_WITHOUT_GIVES = 3;

export interface ChampionAtRisk {
  championId: number;
  name: string;
  load: number;
  capacity: number;
  asks: number;
  gives: number;
  reasons: string[];
}

export interface ProgramMetrics {
  window: { days: number; from: string; to: string };
  requests: { total: number; byStatus: Record<RequestStatus, number> };
  timeTo: { proposal: StepTiming; approval: StepTiming; acceptance: StepTiming };
  acceptance: AcceptanceRate & {
    byActivity: (AcceptanceRate & { activityType: ActivityType })[];
    byMotivation: (AcceptanceRate & { motivation: MotivationKey })[];
  };
  load: { champions: number; buckets: { bucket: LoadBucket; champions: number }[] };
  concentration: { busiestChampions: number; asks: number; totalAsks: number; share: number | null };
  atRisk: ChampionAtRisk[];
  influencedPipeline: { deals: number; value: number };
  wonRevenue: { deals: number; value: number };
  asksToGives: { asks: number; gives: number; ratio: number | null };
  /** Invitations closed in the window: the yes-probability predicted beside the share accepted. */
  calibration: Calibration;
}

const HOUR_MS = 3_600_000;

/** The instant the window opens: `days` whole days before now. */
export const windowStart = (now: Date, days: number): Date => new Date(now.getTime() - days * 24 * HOUR_MS);

const round = (value: number, digits: number): number => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

/**
 * Nearest-rank percentile: the smallest value with at least p% of the values at or below it, i.e.
 * the ⌈p/100 · n⌉-th smallest. It is always an observed value; the median of an even count is the
 * lower middle one. Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

function stepTiming(requests: readonly RequestTimeline[], step: (r: RequestTimeline) => Date | null) {
  const hours: number[] = [];
  for (const request of requests) {
    const reached = step(request);
    if (reached) hours.push((reached.getTime() - request.createdAt.getTime()) / HOUR_MS);
  }
  const hoursAt = (p: number) => {
    const value = percentile(hours, p);
    return value === null ? null : round(value, 1);
  };
  return { requests: hours.length, medianHours: hoursAt(50), p90Hours: hoursAt(90) };
}

const rateOf = (accepted: number, answered: number): AcceptanceRate => ({
  answered,
  accepted,
  rate: answered > 0 ? round(accepted / answered, 3) : null,
});

/** Acceptance per key, most answered first (ties by key, so the order is stable). */
function acceptanceBy<K extends string>(answers: readonly { key: K; accepted: boolean }[]) {
  const tally = new Map<K, { answered: number; accepted: number }>();
  for (const { key, accepted } of answers) {
    const entry = tally.get(key) ?? { answered: 0, accepted: 0 };
    entry.answered += 1;
    if (accepted) entry.accepted += 1;
    tally.set(key, entry);
  }
  return [...tally]
    .map(([key, entry]) => ({ key, ...rateOf(entry.accepted, entry.answered) }))
    .sort((a, b) => b.answered - a.answered || a.key.localeCompare(b.key));
}

function loadBucket(ratio: number): LoadBucket {
  if (ratio < 0.25) return "<25%";
  if (ratio < 0.5) return "25–50%";
  if (ratio < 0.75) return "50–75%";
  if (ratio < 1) return "75–100%";
  return "≥100%";
}

function countEach<K>(keys: Iterable<K>): Map<K, number> {
  const counts = new Map<K, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

const sum = (values: Iterable<number>): number => {
  let total = 0;
  for (const value of values) total += value;
  return total;
};

const dealTotal = (deals: readonly DealRecord[]) => ({
  deals: deals.length,
  value: round(sum(deals.map((deal) => deal.value)), 2),
});

/** A champion's standing over the window: load against capacity, asks against gives, and any risks. */
export interface ChampionHealth {
  champion: ChampionLoad;
  /** load ÷ capacity */
  ratio: number;
  asks: number;
  gives: number;
  /** Why they are at risk; empty when they are not. */
  risks: string[];
}

function riskReasons(
  { champion, ratio, asks, gives }: Omit<ChampionHealth, "risks">,
  windowDays: number,
): string[] {
  const reasons: string[] = [];
  if (ratio >= AT_RISK_LOAD_RATIO) {
    reasons.push(
      `load ${champion.load.toFixed(1)} of ${champion.capacity} (${Math.round(ratio * 100)}% of capacity)`,
    );
  }
  if (asks >= AT_RISK_ASKS_WITHOUT_GIVES && gives === 0) {
    reasons.push(`asked ${asks} times in ${windowDays} days with nothing given back`);
  }
  return reasons;
}

type RosterInput = Pick<
  MetricsInput,
  "now" | "windowDays" | "invitations" | "historyAsks" | "gives" | "champions"
>;

/** Asks (invitations sent, history dated) and gives per champion, in the window. */
function tally(input: RosterInput) {
  const start = windowStart(input.now, input.windowDays);
  const startDay = toIsoDate(start);
  const since = (instant: Date) => instant.getTime() > start.getTime();
  return {
    asks: countEach([
      ...input.invitations.filter((invitation) => since(invitation.sentAt)).map((i) => i.championId),
      ...input.historyAsks.filter((ask) => ask.date >= startDay).map((ask) => ask.championId),
    ]),
    gives: countEach(input.gives.filter((give) => since(give.givenAt)).map((give) => give.championId)),
  };
}

// The roster here is everyone not inactive, plus anyone the program asked in the window.
function healthOf(input: RosterInput, asks: Map<number, number>, gives: Map<number, number>) {
  return input.champions
    .map((champion): ChampionHealth => {
      const entry = {
        champion,
        ratio: champion.load / champion.capacity,
        asks: asks.get(champion.id) ?? 0,
        gives: gives.get(champion.id) ?? 0,
      };
      return { ...entry, risks: riskReasons(entry, input.windowDays) };
    })
    .filter((entry) => entry.champion.status !== "inactive" || entry.asks > 0);
}

/** Each champion's health as the metrics count it (the App Home's roster reads this), in input order. */
export function rosterHealth(input: RosterInput): ChampionHealth[] {
  const { asks, gives } = tally(input);
  return healthOf(input, asks, gives);
}

export function computeProgramMetrics(input: MetricsInput): ProgramMetrics {
  const start = windowStart(input.now, input.windowDays);
  const startDay = toIsoDate(start);
  const since = (instant: Date) => instant.getTime() > start.getTime();

  const requests = input.requests.filter((request) => since(request.createdAt));
  const byStatus = Object.fromEntries(REQUEST_STATUSES.map((status) => [status, 0])) as Record<
    RequestStatus,
    number
  >;
  for (const request of requests) byStatus[request.status] += 1;

  const strongestMotivation = new Map<number, MotivationKey>(
    input.champions.map((champion) => [champion.id, champion.motivations[0] ?? UNSTATED]),
  );
  const answers = input.invitations.flatMap((invitation) =>
    invitation.answer && invitation.answeredAt && since(invitation.answeredAt)
      ? [{ ...invitation, accepted: invitation.answer === "accepted" }]
      : [],
  );

  const { asks, gives } = tally(input);
  const totalAsks = sum(asks.values());
  const totalGives = sum(gives.values());
  const roster = healthOf(input, asks, gives);
  const buckets = countEach(roster.map((entry) => loadBucket(entry.ratio)));

  // Ties at the cut-off have equal asks, so which of them counts as "busiest" does not change the share.
  const busiestChampions = Math.ceil(roster.length * BUSIEST_SHARE);
  const busiestAsks = sum(
    roster
      .map((entry) => entry.asks)
      .sort((a, b) => b - a)
      .slice(0, busiestChampions),
  );

  const atRisk = roster
    .filter((entry) => entry.risks.length > 0)
    .sort((a, b) => b.ratio - a.ratio || a.champion.name.localeCompare(b.champion.name))
    .map(({ champion, asks: asked, gives: given, risks: reasons }) => ({
      championId: champion.id,
      name: champion.name,
      load: round(champion.load, 2),
      capacity: champion.capacity,
      asks: asked,
      gives: given,
      reasons,
    }));

  const deals = input.deals.filter((deal) => deal.date >= startDay);

  return {
    window: { days: input.windowDays, from: start.toISOString(), to: input.now.toISOString() },
    requests: { total: requests.length, byStatus },
    timeTo: {
      proposal: stepTiming(requests, (request) => request.proposedAt),
      approval: stepTiming(requests, (request) => request.approvedAt),
      acceptance: stepTiming(requests, (request) => request.acceptedAt),
    },
    acceptance: {
      ...rateOf(answers.filter((answer) => answer.accepted).length, answers.length),
      byActivity: acceptanceBy(
        answers.map((answer) => ({ key: answer.activityType, accepted: answer.accepted })),
      ).map(({ key, ...rate }) => ({ activityType: key, ...rate })),
      byMotivation: acceptanceBy(
        answers.map((answer) => ({
          key: strongestMotivation.get(answer.championId) ?? UNSTATED,
          accepted: answer.accepted,
        })),
      ).map(({ key, ...rate }) => ({ motivation: key, ...rate })),
    },
    load: {
      champions: roster.length,
      buckets: LOAD_BUCKETS.map((bucket) => ({ bucket, champions: buckets.get(bucket) ?? 0 })),
    },
    concentration: {
      busiestChampions,
      asks: busiestAsks,
      totalAsks,
      share: totalAsks > 0 ? round(busiestAsks / totalAsks, 3) : null,
    },
    atRisk,
    influencedPipeline: dealTotal(deals.filter((deal) => deal.result === "open" || deal.result === "won")),
    wonRevenue: dealTotal(deals.filter((deal) => deal.result === "won")),
    asksToGives: {
      asks: totalAsks,
      gives: totalGives,
      ratio: totalGives > 0 ? round(totalAsks / totalGives, 2) : null,
    },
    calibration: calibration(
      input.invitations.flatMap((invitation) =>
        invitation.predictedYes !== null && invitation.closedAt && invitation.closedAt > start
          ? [{ predicted: invitation.predictedYes, accepted: invitation.answer === "accepted" }]
          : [],
      ),
    ),
  };
}
