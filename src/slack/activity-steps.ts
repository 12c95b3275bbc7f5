import { activityLabel } from "../core/activities";
import { activityCalendar } from "../core/calendar";
import { formatDay } from "../core/dates";
import { industryLabel } from "../core/vocabulary/industries";
import {
  type ActivityContext,
  type ActivityStep,
  activityContext,
  claimActivityStep,
  rateActivity,
  recordDeal,
} from "../db/activity-steps-repository";
import type { Database } from "../db/client";
import { loadRequestView } from "../db/requests-repository";
import type { EmailOutbox } from "../email/email-outbox";
import type { JobQueue } from "../jobs/queue";
import type { Actor, Workflow } from "../workflow/request-workflow";
import {
  answered,
  championReminder,
  championReminderText,
  dealQuestion,
  happenedQuestion,
  ratingQuestion,
  repReminder,
} from "./blocks/activity-steps";
import { dealValueModal } from "./blocks/deal-modal";
import { escapeMrkdwn, truncate } from "./blocks/limits";
import type { SlackGateway } from "./gateway";
import type { Outbox } from "./outbox";

// The follow-through after a champion says yes: timed messages (run by the job queue) and the
// answers to them. The seeds: going silent after someone helped is what burns them out.

export interface ActivityStepsDeps {
  db: Database;
  gateway: SlackGateway;
  /** The timed messages and confirmations: retried durably when Slack is briefly away. */
  outbox: Outbox;
  jobs: JobQueue;
  workflow: Workflow;
  leads: ReadonlySet<string>;
  clock: () => Date;
  /** Reminders by email for champions without Slack who may be emailed. */
  email?: Pick<EmailOutbox, "note" | "askRating">;
}

/** Where a clicked question lives, so its buttons can be replaced by the answer. */
export interface Clicked extends Actor {
  messageTs?: string;
}

export function createActivitySteps(deps: ActivityStepsDeps) {
  const { db, gateway, outbox } = deps;

  const mayAnswerForRequest = (actor: Actor, context: ActivityContext) =>
    actor.userId === context.repId || deps.leads.has(actor.userId);

  async function replace(actor: Clicked, text: string): Promise<void> {
    if (actor.channelId && actor.messageTs)
      await gateway.update(actor.channelId, actor.messageTs, answered(text));
  }

  /** A timed step claimed and its messages queued together: never claimed but unsent. */
  async function claimed(
    activityId: number,
    step: ActivityStep,
    plannedFor: string,
    send: (context: ActivityContext, within: Database) => Promise<void>,
  ): Promise<void> {
    await deps.jobs.transaction(db, async (tx) => {
      const context = await claimActivityStep(tx, activityId, step, deps.clock(), plannedFor);
      if (context) await send(context, tx);
    });
  }

  async function tell(actor: Actor, text: string): Promise<void> {
    await gateway.ephemeral(actor.channelId ?? actor.userId, actor.userId, text);
  }

  return {
    /** The day before: the champion and the rep. */
    async remind(activityId: number, plannedFor: string): Promise<void> {
      await claimed(activityId, "reminded", plannedFor, async (context, within) => {
        if (context.championSlackId)
          await outbox.deliver(context.championSlackId, championReminder(context), { within });
        else
          await deps.email?.note(
            context.championId,
            {
              subject: `Reminder: your ${activityLabel(context.activity)} is tomorrow`,
              text: championReminderText(context, (text) => text),
            },
            { within },
          );
        await outbox.deliver(context.repId, repReminder(context), { within });
      });
    },

    /** The day after: did it happen (the rep), how was it (the champion). */
    async followUp(activityId: number, plannedFor: string): Promise<void> {
      await claimed(activityId, "followed_up", plannedFor, async (context, within) => {
        await outbox.deliver(context.repId, happenedQuestion(context), { within });
        if (context.championSlackId)
          await outbox.deliver(context.championSlackId, ratingQuestion(context), { within });
        else if (context.invitationId) await deps.email?.askRating(context.invitationId, { within });
      });
    },

    /**
     * Once scheduled: a calendar file for the rep and the champion (their DM, or their email). A
     * date changed since this was planned leaves it to the newer job.
     */
    async sendCalendar(activityId: number, plannedFor: string): Promise<void> {
      const context = await activityContext(db, activityId);
      if (context?.outcome !== "scheduled" || context.date !== plannedFor) return;
      const request = await loadRequestView(db, context.requestId);
      const input = {
        activityId,
        date: context.date,
        activity: context.activity,
        eventName: request?.invitation?.event?.name ?? null,
        championName: context.championName,
        prospectCompany: request?.fields.prospect_company ?? null,
        prospectIndustry: request?.fields.industry
          ? industryLabel(request.fields.industry).toLowerCase()
          : null,
        persona: request?.fields.persona ?? null,
        now: deps.clock(),
      };
      const when = formatDay(context.date);
      const filename = `${context.activity.replaceAll("_", "-")}-${context.date}.ics`;
      const label = activityLabel(context.activity);
      await deps.jobs.transaction(db, async (within) => {
        await outbox.deliver(
          context.repId,
          {
            text: `For your calendar: ${escapeMrkdwn(truncate(context.championName, 200))}'s ${label} on ${when}.`,
          },
          {
            file: { filename, title: `${label} on ${when}`, content: activityCalendar(input, "rep") },
            within,
          },
        );
        const forChampion = activityCalendar(input, "champion");
        if (context.championSlackId)
          await outbox.deliver(
            context.championSlackId,
            { text: `For your calendar: your ${label} on ${when}. Thank you!` },
            { file: { filename, title: `${label} on ${when}`, content: forChampion }, within },
          );
        else
          await deps.email?.note(
            context.championId,
            {
              subject: `Your ${label} on ${when}`,
              text: `Here's your ${label} on ${when} for your calendar. The time and the link come from our team before the day. Thank you for doing this!`,
              calendar: { filename, content: forChampion },
            },
            { within },
          );
      });
    },

    /** Weeks later: how the deal went. */
    async askDeal(activityId: number, plannedFor: string): Promise<void> {
      await claimed(activityId, "deal_asked", plannedFor, async (context, within) => {
        await outbox.deliver(context.repId, dealQuestion(context), { within });
      });
    },

    async happened(actor: Clicked, activityId: number, held: boolean): Promise<void> {
      await deps.workflow.complete(actor, activityId, {
        held,
        championRating: null,
        dealResult: null,
        dealValue: null,
        notes: "",
      });
      const context = await activityContext(db, activityId);
      if (context?.held === held)
        await replace(
          actor,
          held ? "Thanks: recorded that it happened." : "Thanks: recorded that it didn't happen.",
        );
    },

    async rate(actor: Clicked, activityId: number, rating: number): Promise<void> {
      if (!(await rateActivity(db, { activityId, slackUserId: actor.userId, rating }))) {
        return tell(actor, "Only the champion who did this activity can rate it.");
      }
      await replace(actor, `Thank you! You rated it ${rating} out of 5.`);
    },

    /** Won opens a form for the value; lost and still open are recorded at once. */
    async deal(actor: Clicked, activityId: number, result: "won" | "lost" | "open", triggerId?: string) {
      const context = await activityContext(db, activityId);
      if (!context) return tell(actor, "I couldn't find that activity any more.");
      if (!mayAnswerForRequest(actor, context)) {
        return tell(actor, "Only the rep who asked, or an advocacy lead, can record the deal.");
      }
      if (result === "won" && triggerId) {
        await gateway.openView(triggerId, dealValueModal(activityId));
        return;
      }
      await deps.jobs.transaction(db, async (tx) => {
        await recordDeal(tx, { activityId, by: actor.userId, result, value: null });
        if (result === "won") await deps.workflow.thankLater(tx, activityId);
      });
      await replace(
        actor,
        result === "open" ? "Noted: still open. Thanks!" : "Noted: lost. Thanks for letting us know.",
      );
    },

    async dealWon(actor: Actor, activityId: number, value: string | null): Promise<void> {
      const context = await activityContext(db, activityId);
      if (!context) return tell(actor, "I couldn't find that activity any more.");
      if (!mayAnswerForRequest(actor, context)) {
        return tell(actor, "Only the rep who asked, or an advocacy lead, can record the deal.");
      }
      // The win, its confirmation and the champion's thanks commit together.
      await deps.jobs.transaction(db, async (tx) => {
        await recordDeal(tx, { activityId, by: actor.userId, result: "won", value });
        await outbox.deliver(
          actor.userId,
          {
            text: `Recorded: won. ${context.championName}'s ${activityLabel(context.activity)} helped; we'll tell them.`,
          },
          { within: tx },
        );
        await deps.workflow.thankLater(tx, activityId);
      });
    },
  };
}

export type ActivitySteps = ReturnType<typeof createActivitySteps>;
