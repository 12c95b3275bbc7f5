import { z } from "zod";
import { THANKS_TRIGGERS } from "../core/impact";
import type { Database } from "../db/client";
import type { JobQueue } from "../jobs/queue";

// The steps a request's state changes call for, as durable jobs. Each is queued in the transaction
// of the change that calls for it, so the change and its step commit together or not at all; a
// worker runs it, with retries. Messages to people are not steps of their own: they go through the
// outbox, queued the same way.

export const STEP_JOB = "request_step";

const id = z.number().int().positive();

export const stepSchema = z.discriminatedUnion("kind", [
  /** Rank champions not yet asked and show the leads; `afterVersion` makes a repeat a no-op. */
  z.object({ kind: z.literal("propose"), requestId: id, afterVersion: z.number().int().min(0) }),
  /** Write the invitation (the lead's words, or a draft) and send it to the champion. */
  z.object({ kind: z.literal("invite"), requestId: id, invitationId: id }),
  /**
   * Re-render the leads' message, the rep's status and (when named) the invitation's DM; only the
   * rep's, when the leads' message has just been posted with its final content.
   */
  z.object({
    kind: z.literal("refresh"),
    requestId: id,
    invitationId: id.optional(),
    repOnly: z.boolean().optional(),
  }),
  /** Thank the champion once an activity happened or its deal was won. */
  z.object({ kind: z.literal("thank"), activityId: id, trigger: z.enum(THANKS_TRIGGERS) }),
]);
export type Step = z.infer<typeof stepSchema>;

/** Steps at once in one process: a slow draft or Slack call holds only its own. */
export const STEP_CONCURRENCY = 4;

/** Queues `step` in the transaction `tx`; the same propose step queued twice runs once. */
export async function queueStep(jobs: JobQueue, tx: Database, step: Step): Promise<void> {
  const key = step.kind === "propose" ? `propose:${step.requestId}:${step.afterVersion}` : undefined;
  await jobs.send(STEP_JOB, step, { within: tx, ...(key ? { key } : {}) });
}
