import type { Region, RequestFields } from "./domain";
import type { PreparedRoster } from "./matching";
import { plural } from "./report-words";
import { industryLabel, normalizeIndustry } from "./vocabulary/industries";
import { classifyRole } from "./vocabulary/roles";

// The bench ahead of demand: where the last quarter's requests outran the champions who still have
// asks left this quarter. A segment is what a request asked for (industry × region × role, or one
// product); a champion is on its bench when they match every part of it. Leads read it as
// "recruit here", before a rep's request finds nobody.

export interface BenchSegment {
  industry: string | null;
  region: Region | null;
  /** A role's short label, as the role vocabulary names it ("CFO", "VP Engineering"). */
  role: string | null;
  product: string | null;
}

export interface BenchGap {
  segment: BenchSegment;
  /** Requests for the segment in the window. */
  requests: number;
  /** Champions on the segment's bench who can still be asked this quarter. */
  championsWithRoom: number;
  /** Asks those champions have left this quarter, together. */
  asksLeft: number;
}

/** Requests in a segment before it can count as demand rather than a one-off. */
const MIN_REQUESTS = 2;

function segmentsOf(fields: RequestFields): BenchSegment[] {
  const industry = fields.industry ? (normalizeIndustry(fields.industry) ?? null) : null;
  const role = fields.persona ? (classifyRole(fields.persona)?.label ?? null) : null;
  const people: BenchSegment[] =
    industry || role ? [{ industry, region: fields.region, role, product: null }] : [];
  const products = [...new Set(fields.products)].map((product) => ({
    industry: null,
    region: null,
    role: null,
    product,
  }));
  return [...people, ...products];
}

const keyOf = (segment: BenchSegment): string =>
  [segment.industry, segment.region, segment.role, segment.product?.toLowerCase()].join("|");

/**
 * Segments whose requests in the window outnumber the asks their bench has left this quarter,
 * the widest shortfall first. `requests` are the window's (the caller picks it, a quarter by
 * default); `roster` is prepared for today, so its asks count the cap's own window.
 */
export function benchGaps(
  requests: readonly RequestFields[],
  roster: PreparedRoster,
  defaultCapacity: number,
  limit = 5,
): BenchGap[] {
  const demand = new Map<string, { segment: BenchSegment; requests: number }>();
  for (const fields of requests) {
    for (const segment of segmentsOf(fields)) {
      const key = keyOf(segment);
      const seen = demand.get(key);
      if (seen) seen.requests++;
      else demand.set(key, { segment, requests: 1 });
    }
  }
  const today = roster.today;
  const room = roster.champions.flatMap((champion) => {
    const resting =
      champion.status !== "active" ||
      (champion.restUntil !== null && champion.restUntil > today) ||
      (champion.unresponsiveUntil !== null && champion.unresponsiveUntil > today);
    const left = resting ? 0 : (champion.maxAsksPerQuarter ?? defaultCapacity) - champion.asked;
    return left > 0 ? [{ champion, left }] : [];
  });
  const gaps: BenchGap[] = [];
  for (const { segment, requests: count } of demand.values()) {
    if (count < MIN_REQUESTS) continue;
    const bench = room.filter(
      ({ champion }) =>
        (!segment.industry || champion.industryKey === segment.industry) &&
        (!segment.region || champion.effectiveRegion === segment.region) &&
        (!segment.role || champion.role?.label === segment.role) &&
        (!segment.product ||
          champion.products.some((product) => product.toLowerCase() === segment.product?.toLowerCase())),
    );
    const asksLeft = bench.reduce((sum, { left }) => sum + left, 0);
    if (asksLeft < count) gaps.push({ segment, requests: count, championsWithRoom: bench.length, asksLeft });
  }
  return gaps
    .sort((a, b) => b.requests - b.asksLeft - (a.requests - a.asksLeft) || b.requests - a.requests)
    .slice(0, limit);
}

/** "EMEA fintech CFOs", "healthcare customers in North America", "Payments API customers". */
export function segmentWords(segment: BenchSegment, regionLabel: (region: Region) => string): string {
  if (segment.product) return `${segment.product} customers`;
  const industry = segment.industry ? industryLabel(segment.industry).toLowerCase() : null;
  const who = segment.role ? `${segment.role}s` : "customers";
  const where = segment.region ? regionLabel(segment.region) : null;
  const described = [industry, who].filter(Boolean).join(" ");
  return where ? `${described} in ${where}` : described;
}

/** "EMEA fintech CFOs: 9 requests, 2 champions with room (3 asks left): recruit." */
export function gapWords(gap: BenchGap, regionLabel: (region: Region) => string): string {
  const room =
    gap.championsWithRoom === 0
      ? "no champion with room"
      : `${plural(gap.championsWithRoom, "champion")} with room (${plural(gap.asksLeft, "ask")} left)`;
  return `${segmentWords(gap.segment, regionLabel)}: ${plural(gap.requests, "request")}, ${room}: recruit.`;
}
