import { activityLabel } from "../core/activities";
import { isThanksDue, type ThanksTrigger, thanksFor } from "../core/impact";
import { firstNameOf } from "../core/invitation-pitch";
import type { Database } from "../db/client";
import { recordThanks, thanksSubject } from "../db/gives-repository";
import { requestMessages } from "../db/requests-repository";
import type { EmailOutbox } from "../email/email-outbox";
import type { JobQueue } from "../jobs/queue";
import { escapeMrkdwn, mention, truncate } from "./blocks/limits";
import type { Outbox } from "./outbox";

// The impact loop in Slack: once an activity happened, or the deal it supported was won, the
// champion is thanked the way their motivation calls for, in public only when they agreed to it.
// The give is recorded first (once per activity and reason), then the messages go out, so a
// repeated or concurrent call thanks nobody twice.

export interface ImpactDeps {
  db: Database;
  /** The give and its messages commit together. */
  jobs: JobQueue;
  /** Retries the thanks durably when Slack is briefly away. */
  outbox: Outbox;
  /** Where public shout-outs go; unset: thanks by DM only. */
  shoutoutChannel: string | undefined;
  /** Thanks by email for champions without Slack who may be emailed; absent: the leads pass it on. */
  email?: Pick<EmailOutbox, "note">;
}

const NAME_LIMIT = 200;

export function createImpact(deps: ImpactDeps) {
  const { outbox } = deps;

  return {
    /**
     * Thanks the champion of an activity for `trigger`: a DM (or, without a Slack ID, words for the
     * leads to pass on), a shout-out when allowed, and a give on their record. True when a thank-you
     * went out now; false when it was not due or had already been given.
     */
    async thank(activityId: number, trigger: ThanksTrigger): Promise<boolean> {
      return deps.jobs.transaction(deps.db, (tx) => thankWithin(tx, activityId, trigger));
    },
  };

  async function thankWithin(db: Database, activityId: number, trigger: ThanksTrigger): Promise<boolean> {
    const subject = await thanksSubject(db, activityId);
    if (!subject || !isThanksDue(trigger, subject)) return false;
    const { champion } = subject;
    const name = escapeMrkdwn(truncate(champion.name, NAME_LIMIT));
    // The same words for Slack (names escaped as mrkdwn) and for email (escaped as HTML there).
    const thanksIn = (safe: (text: string) => string) =>
      thanksFor({
        firstName: safe(truncate(firstNameOf(champion.name), NAME_LIMIT)),
        publicName: champion.slackUserId ? mention(champion.slackUserId) : name,
        motivations: champion.motivations,
        activity: subject.activity,
        eventName: subject.eventName ? safe(truncate(subject.eventName, NAME_LIMIT)) : null,
        trigger,
        prospectIndustry: subject.prospectIndustry
          ? safe(truncate(subject.prospectIndustry, NAME_LIMIT))
          : null,
        publicConsent: champion.publicThanks,
        shoutoutChannelConfigured: deps.shoutoutChannel !== undefined,
      });
    const thanks = thanksIn(escapeMrkdwn);
    const recorded = await recordThanks(db, {
      championId: champion.id,
      activityId,
      kind: thanks.kind,
      description: thanks.summary,
      givenBy: "refdesk",
      trigger,
    });
    if (!recorded) return false;

    const where = subject.requestId ? await requestMessages(db, subject.requestId) : null;
    const narrate = async (text: string) => {
      if (where?.leadChannelId && where.leadThreadTs)
        await outbox.deliver(where.leadChannelId, { text }, { threadTs: where.leadThreadTs, within: db });
    };
    if (champion.slackUserId)
      await outbox.deliver(champion.slackUserId, { text: thanks.privateText }, { within: db });
    const emailed =
      !champion.slackUserId &&
      (await deps.email?.note(
        champion.id,
        {
          subject:
            trigger === "deal_won"
              ? "Good news, thanks to you"
              : `Thank you for the ${activityLabel(subject.activity)}`,
          text: thanksIn((text) => text).privateText,
        },
        { within: db },
      ));
    if (thanks.publicText && deps.shoutoutChannel)
      await outbox.deliver(deps.shoutoutChannel, { text: thanks.publicText }, { within: db });

    const shoutout =
      thanks.publicText && deps.shoutoutChannel ? `, with a shout-out in <#${deps.shoutoutChannel}>` : "";
    const reason = trigger === "deal_won" ? "the won deal" : `the ${activityLabel(subject.activity)}`;
    await narrate(
      champion.slackUserId || emailed
        ? `Thanked ${name}${emailed ? " by email" : ""} for ${reason}${shoutout}.`
        : `${name} has no Slack ID: please thank them for ${reason} yourself${shoutout ? " (their shout-out is posted)" : ""}, for example: “${thanks.privateText}”`,
    );
    return true;
  }
}

export type Impact = ReturnType<typeof createImpact>;
