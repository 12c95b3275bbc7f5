// The request lifecycle from the spec. Transitions are data so that the database layer can turn each
// into one conditional write (`UPDATE … WHERE status IN (allowed sources)`).

export const REQUEST_STATUSES = [
  "request",
  "proposed",
  "approved",
  "rejected",
  "invited",
  "accepted",
  "declined",
  "expired",
  "scheduled",
  "completed",
  "cancelled",
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

const TERMINAL: readonly RequestStatus[] = ["rejected", "completed", "cancelled"];

/** For each target status, the statuses a request may move to it from. */
export const TRANSITIONS: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  request: [],
  // A decline or expiry moves on to the next candidate: a new proposal.
  proposed: ["request", "declined", "expired", "proposed"],
  approved: ["proposed"],
  rejected: ["proposed"],
  invited: ["approved"],
  accepted: ["invited"],
  declined: ["invited"],
  expired: ["invited"],
  scheduled: ["accepted"],
  completed: ["scheduled", "accepted"],
  cancelled: REQUEST_STATUSES.filter((status) => !TERMINAL.includes(status)),
};

export const canTransition = (from: RequestStatus, to: RequestStatus): boolean =>
  TRANSITIONS[to].includes(from);

export const isTerminal = (status: RequestStatus): boolean => TERMINAL.includes(status);
