import { and, eq, gt, gte, inArray, isNotNull, isNull, min, ne, or, sql } from "drizzle-orm";
import { type BenchGap, benchGaps } from "../core/bench";
import { toIsoDate } from "../core/dates";
import { emptyRequest } from "../core/domain";
import {
  computeProgramMetrics,
  type DealRecord,
  type MetricsInput,
  type ProgramMetrics,
  windowStart,
} from "../core/metrics";
import type { Database } from "./client";
import { createRosterSnapshotSource, type RosterSnapshot } from "./roster-snapshot";
import {
  activities,
  decisions,
  gives,
  invitations,
  proposalCandidates,
  proposals,
  referenceRequests,
} from "./schema";

export interface ReportOptions {
  now: Date;
  windowDays: number;
  /** Capacity of champions without their own cap, as matching uses it. */
  defaultCapacity: number;
  /** The roster as matching sees it, when the caller has read it already (read here otherwise). */
  snapshot?: Promise<RosterSnapshot>;
}

/** The roster snapshot as of `now`: the caller's, or read once for this report. */
const snapshotFor = (db: Database, options: Pick<ReportOptions, "now" | "snapshot">) =>
  options.snapshot ?? createRosterSnapshotSource(db, () => options.now).current();

/** Reads the program metrics and computes them. */
export async function loadProgramMetrics(db: Database, options: ReportOptions): Promise<ProgramMetrics> {
  return computeProgramMetrics(await loadMetricsInput(db, options));
}

/**
 * Reads what the program metrics need, in one query per kind of fact (none per request or
 * champion). Reads only rows that can fall in the window; the core decides.
 */
export async function loadMetricsInput(db: Database, options: ReportOptions): Promise<MetricsInput> {
  const start = windowStart(options.now, options.windowDays);
  const startDay = toIsoDate(start);
  // Load exactly as matching sees it: the same snapshot, the same decay.
  const snapshot = snapshotFor(db, options);

  // Every step of a request comes after the request was opened, so steps before the window are not needed.
  const firstProposal = db
    .select({ requestId: proposals.requestId, at: min(proposals.createdAt).as("proposed_at") })
    .from(proposals)
    .where(
      and(
        gt(proposals.createdAt, start),
        sql`exists (select 1 from ${proposalCandidates} where ${proposalCandidates.proposalId} = ${proposals.id})`,
      ),
    )
    .groupBy(proposals.requestId)
    .as("first_proposal");
  const firstApproval = db
    .select({ requestId: proposals.requestId, at: min(decisions.createdAt).as("approved_at") })
    .from(decisions)
    .innerJoin(proposals, eq(proposals.id, decisions.proposalId))
    .where(and(eq(decisions.kind, "approve"), gt(decisions.createdAt, start)))
    .groupBy(proposals.requestId)
    .as("first_approval");
  const firstAcceptance = db
    .select({ requestId: invitations.requestId, at: min(invitations.answeredAt).as("accepted_at") })
    .from(invitations)
    .where(and(eq(invitations.answer, "accepted"), gt(invitations.answeredAt, start)))
    .groupBy(invitations.requestId)
    .as("first_acceptance");

  const [roster, requests, invitationRows, historyAsks, giveRows, dealRows] = await Promise.all([
    snapshot,
    db
      .select({
        status: referenceRequests.status,
        createdAt: referenceRequests.createdAt,
        proposedAt: firstProposal.at,
        approvedAt: firstApproval.at,
        acceptedAt: firstAcceptance.at,
      })
      .from(referenceRequests)
      .leftJoin(firstProposal, eq(firstProposal.requestId, referenceRequests.id))
      .leftJoin(firstApproval, eq(firstApproval.requestId, referenceRequests.id))
      .leftJoin(firstAcceptance, eq(firstAcceptance.requestId, referenceRequests.id))
      .where(gt(referenceRequests.createdAt, start)),
    db
      .select({
        championId: invitations.championId,
        activityType: invitations.activityType,
        sentAt: invitations.sentAt,
        answer: invitations.answer,
        answeredAt: invitations.answeredAt,
        predictedYes: proposalCandidates.predictedYes,
        closedAt:
          sql<Date | null>`coalesce(${invitations.answeredAt}, case when ${invitations.status} = 'expired' then ${invitations.expiresAt} end)`.mapWith(
            (value: Date | string | null) => (value === null ? null : new Date(value)),
          ),
      })
      .from(invitations)
      .leftJoin(proposalCandidates, eq(proposalCandidates.id, invitations.candidateId))
      // One Slack never delivered asked nobody anything.
      .where(
        and(
          ne(invitations.status, "undelivered"),
          or(gt(invitations.sentAt, start), gt(invitations.answeredAt, start)),
        ),
      ),
    // Asks made through the app are their invitations; the rest of the history is imported.
    db
      .select({ championId: activities.championId, date: activities.activityDate })
      .from(activities)
      .where(and(isNull(activities.invitationId), gte(activities.activityDate, startDay))),
    db
      .select({ championId: gives.championId, givenAt: gives.givenAt })
      .from(gives)
      .where(gt(gives.givenAt, start)),
    db
      .select({ date: activities.activityDate, result: activities.dealResult, value: activities.dealValue })
      .from(activities)
      .where(
        and(
          isNotNull(activities.requestId),
          inArray(activities.dealResult, ["open", "won", "lost"]),
          gte(activities.activityDate, startDay),
        ),
      ),
  ]);

  return {
    now: options.now,
    windowDays: options.windowDays,
    requests,
    invitations: invitationRows.map((row) => ({
      ...row,
      answer: row.answer as "accepted" | "declined" | "later" | null,
    })),
    historyAsks,
    gives: giveRows,
    champions: roster.roster.champions.map((champion) => ({
      id: champion.id,
      name: champion.name,
      status: champion.status,
      motivations: champion.motivations,
      load: champion.load,
      capacity: champion.maxAsksPerQuarter ?? options.defaultCapacity,
    })),
    deals: dealRows.map(
      (row): DealRecord => ({
        date: row.date,
        result: row.result as DealRecord["result"],
        value: Number(row.value ?? 0),
      }),
    ),
  };
}

/** How far back requests count as demand for the bench: a quarter, the cap's own window. */
export const BENCH_WINDOW_DAYS = 91;

/** Where the last quarter's requests outran the champions with asks left (`benchGaps`). */
export async function loadBenchGaps(
  db: Database,
  options: Omit<ReportOptions, "windowDays">,
): Promise<BenchGap[]> {
  const [snapshot, rows] = await Promise.all([
    snapshotFor(db, options),
    db
      .select({
        industry: referenceRequests.industry,
        region: referenceRequests.region,
        persona: referenceRequests.persona,
        products: referenceRequests.products,
      })
      .from(referenceRequests)
      .where(gte(referenceRequests.createdAt, windowStart(options.now, BENCH_WINDOW_DAYS))),
  ]);
  const requests = rows.map((row) => ({ ...emptyRequest(), ...row }));
  return benchGaps(requests, snapshot.roster, options.defaultCapacity);
}
