import type { RequestStatus } from "../../src/core/lifecycle";
import { type ChampionLoad, computeProgramMetrics, type ProgramMetrics } from "../../src/core/metrics";
import { NOW } from "../support/builders";

// A week of the program, computed by the real metrics from plain data: 15 requests at various steps,
// 12 champions at various loads (one over capacity), and four answered invitations.

const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);

const STATUSES: readonly RequestStatus[] = [
  ...Array<RequestStatus>(2).fill("request"),
  ...Array<RequestStatus>(4).fill("proposed"),
  ...Array<RequestStatus>(3).fill("invited"),
  ...Array<RequestStatus>(2).fill("accepted"),
  ...Array<RequestStatus>(2).fill("scheduled"),
  ...Array<RequestStatus>(2).fill("completed"),
];

export function digestMetrics(): ProgramMetrics {
  const champions: ChampionLoad[] = Array.from({ length: 12 }, (_, index) => ({
    id: index + 1,
    name: `Champion ${index + 1}`,
    status: "active",
    motivations: [],
    load: index === 0 ? 5 : (index % 4) * 0.9,
    capacity: 4,
  }));
  return computeProgramMetrics({
    now: NOW,
    windowDays: 7,
    requests: STATUSES.map((status, index) => ({
      status,
      createdAt: hoursAgo(150 - index * 8),
      proposedAt: status === "request" ? null : hoursAgo(146 - index * 8),
      approvedAt: null,
      acceptedAt: null,
    })),
    invitations: [1, 2, 3, 4].map((championId) => ({
      championId,
      activityType: "reference_call",
      sentAt: hoursAgo(100),
      answer: championId === 4 ? "declined" : "accepted",
      answeredAt: hoursAgo(90),
      predictedYes: championId % 2 === 0 ? 0.7 : 0.5,
      closedAt: hoursAgo(90),
    })),
    historyAsks: [],
    gives: [{ championId: 2, givenAt: hoursAgo(20) }],
    champions,
    deals: [],
  });
}
