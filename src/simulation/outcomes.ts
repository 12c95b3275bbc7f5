import { ACTIVITIES } from "../core/activities";
import { type Calibration, calibration } from "../core/calibration";
import { daysBetween } from "../core/dates";
import { CAP_WINDOW_DAYS } from "../core/matching";
import type { YearLog } from "./run";

// The figures a year is judged on, and the targets for them.

export interface Outcomes {
  requests: number;
  asks: number;
  fillRate: number;
  /** Share of asks that went to the busiest tenth of the roster. */
  busiestTenthShare: number;
  /** Champions asked more often in some 91 days than their cap. */
  overCap: number;
  burnouts: number;
  /** Asks to someone who had left two invitations unanswered in the 90 days before. */
  asksAfterTwoIgnored: number;
  /** Of requests that named a prospect and no activity, the share asked for content (review, quote…). */
  prospectContentShare: number;
  /** Champions never asked in the year, of those still active at its end. */
  neverAsked: number;
  calibration: Calibration | null;
}

/** Most asks any 91-day window holds, over windows ending on a day asked in the year. */
function busiestQuarter(dates: readonly string[], start: string): number {
  let most = 0;
  for (const [index, end] of dates.entries()) {
    if (end < start) continue;
    let count = 0;
    for (let back = index; back >= 0 && daysBetween(dates[back] ?? end, end) < CAP_WINDOW_DAYS; back--)
      count++;
    most = Math.max(most, count);
  }
  return most;
}

export function outcomesOf(log: YearLog): Outcomes {
  const perChampion = new Map<number, number>();
  for (const ask of log.asks) perChampion.set(ask.championId, (perChampion.get(ask.championId) ?? 0) + 1);
  const busiest = [...perChampion.values()].sort((a, b) => b - a).slice(0, Math.ceil(log.rosterSize / 10));
  const busiestSum = busiest.reduce((sum, count) => sum + count, 0);
  const prospectRequests = new Map<number, boolean>();
  for (const ask of log.asks) {
    if (!ask.forProspect) continue;
    const content = !ACTIVITIES[ask.activity].meetsProspect;
    prospectRequests.set(ask.request, (prospectRequests.get(ask.request) ?? false) || content);
  }
  const contentRequests = [...prospectRequests.values()].filter(Boolean).length;
  const predictions = log.asks.flatMap((ask) =>
    ask.predictedYes === null ? [] : [{ predicted: ask.predictedYes, accepted: ask.response === "accepted" }],
  );
  let overCap = 0;
  for (const { dates, cap } of log.askDates.values()) if (busiestQuarter(dates, log.start) > cap) overCap++;
  return {
    requests: log.requests,
    asks: log.asks.length,
    fillRate: log.requests === 0 ? 0 : log.filled / log.requests,
    busiestTenthShare: log.asks.length === 0 ? 0 : busiestSum / log.asks.length,
    overCap,
    burnouts: log.burnouts.length,
    asksAfterTwoIgnored: log.asks.filter((ask) => ask.afterTwoIgnored).length,
    prospectContentShare: prospectRequests.size === 0 ? 0 : contentRequests / prospectRequests.size,
    neverAsked: log.rosterSize - perChampion.size,
    calibration: predictions.length === 0 ? null : calibration(predictions),
  };
}

const percentOf = (share: number): string => `${(share * 100).toFixed(1)}%`;
const count = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(1));

/** One figure of a year, how it reads, and the target for it when it has one. */
export interface Figure {
  label: string;
  show: (outcomes: Outcomes) => string;
  target?: { words: string; met: (outcomes: Outcomes) => boolean };
}

/** The figures printed, in order; targets apply to the mean over the seeds. */
export const FIGURES: readonly Figure[] = [
  {
    label: "fill rate",
    show: (o) => percentOf(o.fillRate),
    target: { words: "≥ 92%", met: (o) => o.fillRate >= 0.92 },
  },
  {
    label: "busiest 10% share of asks",
    show: (o) => percentOf(o.busiestTenthShare),
    target: { words: "≤ 25%", met: (o) => o.busiestTenthShare <= 0.25 },
  },
  {
    label: "champions asked over their cap",
    show: (o) => count(o.overCap),
    target: { words: "0", met: (o) => o.overCap === 0 },
  },
  {
    label: "burnouts",
    show: (o) => count(o.burnouts),
    target: { words: "≤ 1", met: (o) => o.burnouts <= 1 },
  },
  {
    label: "asks after two ignored in 90 days",
    show: (o) => count(o.asksAfterTwoIgnored),
    target: { words: "≤ 5", met: (o) => o.asksAfterTwoIgnored <= 5 },
  },
  {
    label: "prospect requests given content",
    show: (o) => percentOf(o.prospectContentShare),
    target: { words: "≤ 10%", met: (o) => o.prospectContentShare <= 0.1 },
  },
  {
    label: "yes predicted / actual",
    show: (o) =>
      o.calibration ? `${o.calibration.meanPredicted.toFixed(2)} / ${o.calibration.actual.toFixed(2)}` : "—",
    target: {
      words: "within 0.05",
      met: (o) =>
        o.calibration !== null && Math.abs(o.calibration.meanPredicted - o.calibration.actual) <= 0.05,
    },
  },
  { label: "asks", show: (o) => count(Math.round(o.asks)) },
  { label: "champions never asked", show: (o) => count(o.neverAsked) },
];

/** The targets a year's outcomes miss, by label (none: every target held). */
export const missedTargets = (outcomes: Outcomes): string[] =>
  FIGURES.filter((figure) => figure.target && !figure.target.met(outcomes)).map((figure) => figure.label);
