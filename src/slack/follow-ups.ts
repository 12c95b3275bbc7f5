import { z } from "zod";
import { activityPlan, type FollowUpPolicy, followUpPlan } from "../core/follow-up";
import { activityContext } from "../db/activity-steps-repository";
import type { JobQueue } from "../jobs/queue";
import type { FollowUpScheduler, Workflow } from "../workflow/request-workflow";
import type { ActivitySteps } from "./activity-steps";

// The timed steps as durable jobs: planned when an invitation is sent or an activity scheduled,
// run by whichever instance is free when they fall due. Every step is a conditional write, so a
// late or repeated job (the champion answered meanwhile, a crash before completion) changes nothing.

export const FOLLOW_UP_JOBS = {
  nudge: "invitation_nudge",
  expire: "invitation_expire",
  remind: "activity_remind",
  followUp: "activity_follow_up",
  deal: "activity_deal",
  /** At once: the calendar file for the champion and the rep. */
  calendar: "activity_calendar",
} as const;

export interface FollowUpSettings extends FollowUpPolicy {
  /** Days after the activity's follow-up before the rep is asked how the deal went. */
  dealAskAfterDays: number;
}

const invitationJob = z.object({ invitationId: z.number().int().positive() });
const activityJob = z.object({ activityId: z.number().int().positive(), date: z.string() });

/** The follow-ups as jobs, queued in the transaction of the change that plans them. */
export function queuedFollowUps(queue: JobQueue, settings: FollowUpSettings): FollowUpScheduler {
  return {
    async invitationSent(invitationId, sentAt, timezone, within) {
      const plan = followUpPlan(sentAt, timezone, settings);
      const data = { invitationId };
      const key = String(invitationId);
      await queue.send(FOLLOW_UP_JOBS.nudge, data, { at: plan.nudgeAt, key, within });
      await queue.send(FOLLOW_UP_JOBS.expire, data, { at: plan.expireAt, key, within });
    },

    async activityScheduled(activityId, date, within) {
      const context = await activityContext(within, activityId);
      const plan = activityPlan(date, context?.timezone ?? null, settings.dealAskAfterDays);
      // Keyed by the date too: a rescheduled activity gets new steps, and the old ones stand down.
      const data = { activityId, date };
      const key = `${activityId}:${date}`;
      await queue.send(FOLLOW_UP_JOBS.remind, data, { at: plan.remindAt, key, within });
      await queue.send(FOLLOW_UP_JOBS.followUp, data, { at: plan.followUpAt, key, within });
      await queue.send(FOLLOW_UP_JOBS.deal, data, { at: plan.dealAskAt, key, within });
      await queue.send(FOLLOW_UP_JOBS.calendar, data, { key, within });
    },
  };
}

/** This process takes its share of due follow-ups. */
export async function workFollowUps(queue: JobQueue, workflow: Workflow, steps: ActivitySteps) {
  await queue.work(FOLLOW_UP_JOBS.nudge, async (data) =>
    workflow.nudge(invitationJob.parse(data).invitationId),
  );
  await queue.work(FOLLOW_UP_JOBS.expire, async (data) =>
    workflow.expire(invitationJob.parse(data).invitationId),
  );
  const onActivity =
    (step: (activityId: number, plannedFor: string) => Promise<void>) => async (data: unknown) => {
      const { activityId, date } = activityJob.parse(data);
      await step(activityId, date);
    };
  await queue.work(FOLLOW_UP_JOBS.remind, onActivity(steps.remind));
  await queue.work(FOLLOW_UP_JOBS.followUp, onActivity(steps.followUp));
  await queue.work(FOLLOW_UP_JOBS.deal, onActivity(steps.askDeal));
  await queue.work(FOLLOW_UP_JOBS.calendar, onActivity(steps.sendCalendar));
}

/** Plans nothing: for benchmarks and tests that are not about timing. */
export const noFollowUps: FollowUpScheduler = {
  invitationSent: async () => {},
  activityScheduled: async () => {},
};
