import { z } from "zod";
import { type FollowUpPolicy, followUpPlan } from "../core/follow-up";
import type { JobQueue } from "../jobs/queue";
import type { Desk, FollowUpScheduler } from "./desk";

// An invitation's timed steps as durable jobs: planned when it is sent, run by whichever instance
// is free when they fall due. The desk's steps are conditional writes, so a late or repeated job
// (the champion answered meanwhile, or a crash before completion) changes nothing.

export const FOLLOW_UP_JOBS = { nudge: "invitation_nudge", expire: "invitation_expire" } as const;

const invitationJob = z.object({ invitationId: z.number().int().positive() });

export function queuedFollowUps(queue: JobQueue, policy: FollowUpPolicy): FollowUpScheduler {
  return {
    async invitationSent(invitationId, sentAt, timezone) {
      const plan = followUpPlan(sentAt, timezone, policy);
      const data = { invitationId };
      await queue.schedule(FOLLOW_UP_JOBS.nudge, data, { at: plan.nudgeAt, key: String(invitationId) });
      await queue.schedule(FOLLOW_UP_JOBS.expire, data, { at: plan.expireAt, key: String(invitationId) });
    },
  };
}

/** This process takes its share of due follow-ups. */
export async function workFollowUps(queue: JobQueue, desk: Desk): Promise<void> {
  await queue.work(FOLLOW_UP_JOBS.nudge, async (data) => desk.nudge(invitationJob.parse(data).invitationId));
  await queue.work(FOLLOW_UP_JOBS.expire, async (data) =>
    desk.expire(invitationJob.parse(data).invitationId),
  );
}
