import { activityLabel } from "../core/activities";
import {
  type ActivityContext,
  activityContext,
  claimActivityStep,
  rateActivity,
  recordDeal,
} from "../db/activity-steps-repository";
import type { Database } from "../db/client";
import {
  answered,
  championReminder,
  dealQuestion,
  happenedQuestion,
  ratingQuestion,
  repReminder,
} from "./blocks/activity-steps";
import { dealValueModal } from "./blocks/deal-modal";
import type { Actor, Desk } from "./desk";
import type { SlackGateway } from "./gateway";
import type { Outbox } from "./outbox";

// The follow-through after a champion says yes: timed messages (run by the job queue) and the
// answers to them. The seeds: going silent after someone helped is what burns them out.

export interface ActivityStepsDeps {
  db: Database;
  gateway: SlackGateway;
  /** The timed messages and confirmations: retried durably when Slack is briefly away. */
  outbox: Outbox;
  desk: Desk;
  clock: () => Date;
  /** Thanks the champion when a deal their activity supported is won (the impact loop). */
  onDealWon: (activityId: number) => Promise<void>;
}

/** Where a clicked question lives, so its buttons can be replaced by the answer. */
export interface Clicked extends Actor {
  messageTs?: string;
}

export function createActivitySteps(deps: ActivityStepsDeps) {
  const { db, gateway, outbox } = deps;

  const mayAnswerForRequest = (actor: Actor, context: ActivityContext) =>
    actor.userId === context.repId || deps.desk.isLead(actor.userId);

  async function replace(actor: Clicked, text: string): Promise<void> {
    if (actor.channelId && actor.messageTs)
      await gateway.update(actor.channelId, actor.messageTs, answered(text));
  }

  async function tell(actor: Actor, text: string): Promise<void> {
    await gateway.ephemeral(actor.channelId ?? actor.userId, actor.userId, text);
  }

  return {
    /** The day before: the champion and the rep. */
    async remind(activityId: number, plannedFor: string): Promise<void> {
      const context = await claimActivityStep(db, activityId, "reminded", deps.clock(), plannedFor);
      if (!context) return;
      if (context.championSlackId) await outbox.deliver(context.championSlackId, championReminder(context));
      await outbox.deliver(context.repId, repReminder(context));
    },

    /** The day after: did it happen (the rep), how was it (the champion). */
    async followUp(activityId: number, plannedFor: string): Promise<void> {
      const context = await claimActivityStep(db, activityId, "followed_up", deps.clock(), plannedFor);
      if (!context) return;
      await outbox.deliver(context.repId, happenedQuestion(context));
      if (context.championSlackId) await outbox.deliver(context.championSlackId, ratingQuestion(context));
    },

    /** Weeks later: how the deal went. */
    async askDeal(activityId: number, plannedFor: string): Promise<void> {
      const context = await claimActivityStep(db, activityId, "deal_asked", deps.clock(), plannedFor);
      if (!context) return;
      await outbox.deliver(context.repId, dealQuestion(context));
    },

    async happened(actor: Clicked, activityId: number, held: boolean): Promise<void> {
      await deps.desk.complete(actor, activityId, {
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
      await recordDeal(db, { activityId, by: actor.userId, result, value: null });
      await replace(
        actor,
        result === "open" ? "Noted: still open. Thanks!" : "Noted: lost. Thanks for letting us know.",
      );
      if (result === "won") await deps.onDealWon(activityId);
    },

    async dealWon(actor: Actor, activityId: number, value: string | null): Promise<void> {
      const context = await activityContext(db, activityId);
      if (!context) return tell(actor, "I couldn't find that activity any more.");
      if (!mayAnswerForRequest(actor, context)) {
        return tell(actor, "Only the rep who asked, or an advocacy lead, can record the deal.");
      }
      await recordDeal(db, { activityId, by: actor.userId, result: "won", value });
      await outbox.deliver(actor.userId, {
        text: `Recorded: won. ${context.championName}'s ${activityLabel(context.activity)} helped; we'll tell them.`,
      });
      await deps.onDealWon(activityId);
    },
  };
}

export type ActivitySteps = ReturnType<typeof createActivitySteps>;
