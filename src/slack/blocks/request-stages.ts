import type { RequestStatus } from "../../core/lifecycle";

/** Where a request stands, as leads read it in App Home and the report, never the raw status. */
export const STAGE_WORDS: Readonly<Record<RequestStatus, string>> = {
  request: "Looking for a champion",
  proposed: "Waiting for approval",
  approved: "Approved, inviting",
  rejected: "Rejected",
  invited: "Waiting for the champion",
  accepted: "Accepted, to schedule",
  declined: "Declined, re-matching",
  expired: "Expired, re-matching",
  scheduled: "Scheduled",
  completed: "Done",
  cancelled: "Cancelled",
};
