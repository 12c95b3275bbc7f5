import { activityLabel } from "../core/activities";
import { formatDay } from "../core/dates";
import type { RequestFields } from "../core/domain";
import type { ThanksTrigger } from "../core/impact";
import { firstNameOf, invitationPitch, type PitchInput } from "../core/invitation-pitch";
import type { Database } from "../db/client";
import {
  type Answer,
  answerInvitation,
  approveCandidate,
  askedChampionIds,
  championContext,
  claimNudge,
  closeUnansweredInvitation,
  createRequest,
  invitationDm,
  liveInvitationOf,
  loadRequestView,
  markCompleted,
  markScheduled,
  type NewRequest,
  type Outcome,
  type Refusal,
  recordProposal,
  rejectProposal,
  requestMessages,
  requestOfActivity,
  requestOfCandidate,
  type StepResult,
  setInvitationMessage,
  setInvitationPitch,
  setLeadThread,
  setRepMessage,
  swapActivity,
} from "../db/requests-repository";
import type { Matcher } from "../services/matcher";
import type { CandidateView, RequestView } from "../services/request-view";
import type { Draft, Understanding } from "../services/understanding";
import {
  answerLine,
  clarifyMessage,
  invitationAnsweredMessage,
  invitationMessage,
  nudgeMessage,
} from "./blocks/invitation";
import { composeModal } from "./blocks/invitation-compose";
import { truncate } from "./blocks/limits";
import {
  askLabel,
  leadActivityControls,
  manualAnswerControls,
  proposalByDirectMessage,
  proposalMessage,
} from "./blocks/proposal";
import { repStatusMessage } from "./blocks/rep-status";
import type { SlackGateway } from "./gateway";
import type { Outbox, Posted, Receipt } from "./outbox";
import { createSelfService } from "./self-service";

// The reference desk: each user action as one flow — a conditional database step, then the
// messages that show its result. The lead message (root of the request's thread) and the rep's
// status message are always re-rendered from the database, so they show the current state.

export interface DeskDeps {
  db: Database;
  matcher: Matcher;
  gateway: SlackGateway;
  understanding: Understanding;
  followUps: FollowUpScheduler;
  /** Every message it posts: retried durably when Slack is briefly away; see `delivered`. */
  outbox: Outbox;
  clock: () => Date;
  advocacyChannel: string;
  leads: ReadonlySet<string>;
  /** Thanks the champion once an activity happened or its deal was won (the impact loop). */
  thank: (activityId: number, trigger: ThanksTrigger) => Promise<unknown>;
}

/** Plans what happens after an invitation goes out (a nudge, then expiry); durable in production. */
export interface FollowUpScheduler {
  invitationSent(invitationId: number, sentAt: Date, timezone: string | null): Promise<void>;
  /** Reminders before the date, then "did it happen?" and later "how did the deal go?". */
  activityScheduled(activityId: number, date: string): Promise<void>;
}

/** Who did what, where: enough to answer them privately when a step is refused. */
export interface Actor {
  userId: string;
  channelId?: string;
  threadTs?: string;
}

const REFUSALS: Readonly<Record<Refusal, string>> = {
  not_found: "I couldn't find that request any more.",
  stale: "This has already been handled, so nothing changed.",
  not_invitee: "This invitation was sent to someone else, so only they can answer it.",
  already_answered: "You've already answered this invitation. Thank you!",
  not_allowed: "That activity isn't one this champion is willing to do on this request.",
};

const CANDIDATES_SHOWN = 3;

const NOTHING_OPEN =
  "Hi! I look after the customer-reference program. Nothing is waiting for your answer right now; when there is, you'll find it here. Say “help” to see how to pause, cap or shape how we ask you.";

export function createDesk(deps: DeskDeps) {
  const { db, gateway } = deps;
  const selfService = createSelfService({
    db,
    gateway,
    outbox: deps.outbox,
    clock: deps.clock,
    defaultCapacity: deps.matcher.defaultCapacity,
  });

  const isLead = (userId: string) => deps.leads.has(userId);

  async function tell(actor: Actor, text: string): Promise<void> {
    await gateway.ephemeral(actor.channelId ?? actor.userId, actor.userId, text, actor.threadTs);
  }

  async function refused(actor: Actor, result: StepResult<unknown>): Promise<void> {
    if (!result.ok) await tell(actor, REFUSALS[result.reason]);
  }

  async function view(requestId: number): Promise<RequestView> {
    const loaded = await loadRequestView(db, requestId);
    if (!loaded) throw new Error(`request ${requestId} vanished`);
    return loaded;
  }

  /** Re-renders the lead message and the rep's status message from the database. */
  async function refresh(requestId: number): Promise<RequestView> {
    const current = await view(requestId);
    const where = await requestMessages(db, requestId);
    if (where?.leadChannelId && where.leadThreadTs) {
      await gateway.update(where.leadChannelId, where.leadThreadTs, proposalMessage(current, {}));
    }
    if (where?.repChannelId && where.repMessageTs) {
      await gateway.update(where.repChannelId, where.repMessageTs, repStatusMessage(current));
    }
    return current;
  }

  async function narrate(requestId: number, text: string): Promise<void> {
    const where = await requestMessages(db, requestId);
    if (where?.leadChannelId && where.leadThreadTs)
      await deps.outbox.deliver(where.leadChannelId, { text }, { threadTs: where.leadThreadTs });
  }

  /** Ranks champions not yet asked on this request and shows the result to the leads. */
  async function propose(requestId: number, fields: RequestFields): Promise<void> {
    const asked = await askedChampionIds(db, requestId);
    const proposal = await deps.matcher.propose(fields, CANDIDATES_SHOWN, asked);
    const recorded = await recordProposal(db, requestId, proposal.candidates, "refdesk");
    if (!recorded) return;
    const current = await view(requestId);
    const where = await requestMessages(db, requestId);
    const message = proposalMessage(current, { excluded: proposal.excluded });
    if (where?.leadThreadTs && where.leadChannelId) {
      await gateway.update(where.leadChannelId, where.leadThreadTs, message);
      await narrate(
        requestId,
        proposal.candidates.length > 0
          ? `New proposal (v${recorded.version}): ${proposal.candidates.map((c) => c.name).join(", ")}.`
          : "Nobody else fits right now.",
      );
      await refresh(requestId);
    } else {
      // The request's thread exists once Slack accepts this (see `delivered`); narration skips it until then.
      await deps.outbox.deliver(deps.advocacyChannel, message, {
        receipt: { kind: "lead_thread", requestId },
      });
    }
  }

  /** What the invitation draft is built from: the champion's motivations and role, never contact details. */
  function pitchInput(current: RequestView, candidate: CandidateView | undefined, name: string): PitchInput {
    const invitation = current.invitation;
    return {
      firstName: firstNameOf(name),
      motivations: candidate?.motivations ?? [],
      activity: invitation?.activity ?? candidate?.activity ?? "reference_call",
      event: invitation?.event ?? candidate?.event ?? null,
      prospectIndustry: current.fields.industry,
      persona: current.fields.persona,
      deadline: current.fields.deadline,
    };
  }

  async function draftFor(current: RequestView, candidate: CandidateView, notes: string): Promise<Draft> {
    return deps.understanding.draftInvitation({
      pitch: pitchInput(current, candidate, candidate.championName),
      championTitle: candidate.title,
      championNotes: notes,
    });
  }

  /** Sends the invitation: the lead's own words when they composed it, else a fresh draft. */
  async function invite(requestId: number, invitationId: number, composed?: string): Promise<void> {
    const current = await view(requestId);
    const invitation = current.invitation;
    if (!invitation || invitation.id !== invitationId) return;
    if (!invitation.championSlackId) {
      // No Slack ID: the lead reaches out and records the answer by hand.
      const where = await requestMessages(db, requestId);
      if (where?.leadChannelId && where.leadThreadTs) {
        await deps.outbox.deliver(
          where.leadChannelId,
          {
            text: `${invitation.championName} has no Slack ID: please reach out to them and record their answer here.`,
            blocks: manualAnswerControls(invitation),
          },
          { threadTs: where.leadThreadTs },
        );
      }
      return;
    }
    const candidate = current.proposal?.candidates.find((c) => c.id === invitation.candidateId);
    // Their notes feed the draft, their time zone the follow-ups.
    const context = await championContext(db, invitation.championId);
    const pitch =
      composed ??
      (candidate
        ? (await draftFor(current, candidate, context?.notes ?? "")).text
        : invitationPitch(pitchInput(current, candidate, invitation.championName)));
    const message = invitationMessage({
      invitationId,
      pitch,
      activity: invitation.activity,
      event: invitation.event,
      deadline: current.fields.deadline,
    });
    // Kept at once: what the lead wrote survives a delivery that has to wait.
    await setInvitationPitch(db, invitationId, pitch);
    await deps.outbox.deliver(invitation.championSlackId, message, {
      receipt: { kind: "invitation", requestId, invitationId, timezone: context?.timezone ?? null },
    });
  }

  /**
   * Slack accepted a message whose place is needed later, now or on a retry: record it, then what
   * follows from its delivery. The request's messages are rendered when queued and brought up to
   * date here (a refresh skipped them meanwhile). A second copy (a retried job whose first delivery
   * went through) is recorded nowhere and removed.
   */
  async function delivered(receipt: Receipt, posted: Posted): Promise<void> {
    const recorded =
      receipt.kind === "lead_thread"
        ? await setLeadThread(db, receipt.requestId, posted.channel, posted.ts)
        : receipt.kind === "rep_message"
          ? await setRepMessage(db, receipt.requestId, posted.channel, posted.ts)
          : await setInvitationMessage(db, receipt.invitationId, posted.channel, posted.ts, deps.clock());
    if (!recorded) return gateway.delete(posted.channel, posted.ts);
    if (receipt.kind === "lead_thread") {
      await refresh(receipt.requestId);
      return;
    }
    if (receipt.kind === "rep_message") {
      // Rendered when queued; only a delivery that comes after the proposal has news to show.
      if ((await requestMessages(db, receipt.requestId))?.leadThreadTs) await refresh(receipt.requestId);
      return;
    }
    // The nudge and expiry count from when the champion could first read it.
    await deps.followUps.invitationSent(receipt.invitationId, deps.clock(), receipt.timezone);
    const invitation = (await view(receipt.requestId)).invitation;
    if (invitation?.id === receipt.invitationId) {
      await narrate(
        receipt.requestId,
        `Invitation sent to ${invitation.championName} (${activityLabel(invitation.activity)}).`,
      );
    }
  }

  /**
   * The invited champion answers (or a lead, for a champion without Slack). `text` is what they
   * wrote when they answered in their own words; it is kept, shown to the leads and confirmed.
   */
  async function answer(
    actor: Actor,
    invitationId: number,
    given: Answer,
    options: { byLead?: boolean; text?: string; restUntil?: string } = {},
  ): Promise<void> {
    if (options.byLead && !isLead(actor.userId))
      return tell(actor, "Only advocacy leads can record an answer.");
    const result = await answerInvitation(db, {
      invitationId,
      answer: given,
      by: options.byLead ? { lead: actor.userId } : { slackUserId: actor.userId },
      ...(options.text ? { text: options.text } : {}),
      ...(options.restUntil ? { restUntil: options.restUntil } : {}),
      now: deps.clock(),
    });
    if (!result.ok) return refused(actor, result);
    const { requestId } = result.value;
    const current = await view(requestId);
    const invitation = current.invitation;
    if (invitation?.championSlackId && !options.byLead) {
      const dm = await invitationDm(db, invitationId);
      if (dm) await gateway.update(dm.channelId, dm.messageTs, invitationAnsweredMessage(invitation));
      // A reply in words is answered where it was written, not only in the message far above it.
      if (options.text && invitation)
        await deps.outbox.deliver(actor.userId, { text: answerLine(invitation) });
    }
    const name = invitation?.championName ?? "The champion";
    const words = { accepted: "accepted", declined: "declined", later: "said not now" }[given];
    const resting = options.restUntil ? ` (resting until ${formatDay(options.restUntil)})` : "";
    const quoted = options.text && !options.byLead ? `: “${truncate(options.text.trim(), 2500)}”` : "";
    const recorder = options.byLead ? ` (recorded by <@${actor.userId}>)` : "";
    await narrate(requestId, `${name} ${words}${resting}${recorder}${quoted}`);
    if (given === "accepted") {
      const where = await requestMessages(db, requestId);
      if (where?.leadChannelId && where.leadThreadTs) {
        await deps.outbox.deliver(
          where.leadChannelId,
          { text: "Mark it scheduled, then record how it went.", blocks: leadActivityControls(current) },
          { threadTs: where.leadThreadTs },
        );
      }
      await refresh(requestId);
      return;
    }
    await propose(requestId, current.fields);
  }

  /** Words for the leads, in the request's thread, and a word of thanks to the champion. */
  async function passOn(userId: string, requestId: number, name: string, text: string): Promise<void> {
    await narrate(requestId, `${name} wrote: “${truncate(text.trim(), 2500)}”`);
    await deps.outbox.deliver(userId, {
      text: "Thank you, I've passed that on to the program team. They'll get back to you here.",
    });
  }

  return {
    isLead,
    delivered,

    /** A champion's answer to one question of the preferences survey. */
    answerSurvey: selfService.answerSurvey,

    /** A rep's request: stored, acknowledged to the rep at once, then matched and shown to the leads. */
    async submitRequest(input: NewRequest): Promise<number> {
      const requestId = await createRequest(db, input);
      await deps.outbox.deliver(input.requestedBy, repStatusMessage(await view(requestId)), {
        receipt: { kind: "rep_message", requestId },
      });
      await propose(requestId, input.fields);
      return requestId;
    },

    /** Approves a candidate and invites them, with the lead's composed message when there is one. */
    async approve(actor: Actor, candidateId: number, composed?: string): Promise<void> {
      if (!isLead(actor.userId)) return tell(actor, "Only advocacy leads can approve a proposal.");
      const result = await approveCandidate(db, { candidateId, lead: actor.userId });
      if (!result.ok) return refused(actor, result);
      await narrate(result.value.requestId, `Approved by <@${actor.userId}>.`);
      await invite(result.value.requestId, result.value.invitationId, composed);
      await refresh(result.value.requestId);
      // Approved from a lead's DM (the channel refused the proposal): no thread shows it, so say so.
      if (!(await requestMessages(db, result.value.requestId))?.leadThreadTs)
        await tell(actor, "Approved: the invitation is on its way.");
    },

    /**
     * Opens the invitation for a lead to read and edit before approving: the template at once
     * (the trigger expires in three seconds), then the model's draft in its place when there is one.
     */
    async compose(actor: Actor, candidateId: number, triggerId: string): Promise<void> {
      if (!isLead(actor.userId)) return tell(actor, "Only advocacy leads can approve a proposal.");
      const requestId = await requestOfCandidate(db, candidateId);
      const current = requestId ? await loadRequestView(db, requestId) : null;
      const candidate = current?.proposal?.candidates.find((c) => c.id === candidateId);
      if (!current || !candidate) return tell(actor, REFUSALS.not_found);
      if (current.status !== "proposed") return tell(actor, REFUSALS.stale);
      const modal = (draft: Draft) =>
        composeModal({
          candidateId,
          championName: candidate.championName,
          ask: askLabel(candidate.activity, candidate.event),
          draft: draft.text,
          source: draft.source,
        });
      const template = invitationPitch(pitchInput(current, candidate, candidate.championName));
      const viewId = await gateway.openView(triggerId, modal({ text: template, source: "template" }));
      const draft = await draftFor(
        current,
        candidate,
        (await championContext(db, candidate.championId))?.notes ?? "",
      );
      if (draft.source === "model") await gateway.updateView(viewId, modal(draft));
    },

    async reject(actor: Actor, proposalId: number): Promise<void> {
      if (!isLead(actor.userId)) return tell(actor, "Only advocacy leads can reject a proposal.");
      const result = await rejectProposal(db, { proposalId, lead: actor.userId });
      if (!result.ok) return refused(actor, result);
      await narrate(result.value.requestId, `Rejected by <@${actor.userId}>.`);
      await refresh(result.value.requestId);
    },

    async swap(actor: Actor, candidateId: number, activity: Parameters<typeof swapActivity>[1]["activity"]) {
      if (!isLead(actor.userId)) return tell(actor, "Only advocacy leads can swap a proposal's activity.");
      const result = await swapActivity(db, { candidateId, activity, lead: actor.userId });
      if (!result.ok) return refused(actor, result);
      await narrate(
        result.value.requestId,
        `<@${actor.userId}> swapped the activity to ${activityLabel(activity)}.`,
      );
      await refresh(result.value.requestId);
    },

    answer,

    /** The one polite follow-up, in the champion's DM, while the invitation still waits. */
    async nudge(invitationId: number): Promise<void> {
      if (!(await claimNudge(db, invitationId, deps.clock()))) return;
      const dm = await invitationDm(db, invitationId);
      if (!dm) return;
      await deps.outbox.deliver(dm.channelId, nudgeMessage(invitationId), { threadTs: dm.messageTs });
    },

    /** Nobody answered: the invitation closes and the request moves on to the next champion. */
    async expire(invitationId: number): Promise<void> {
      const result = await closeUnansweredInvitation(db, invitationId, deps.clock(), { status: "expired" });
      if (!result.ok) return;
      const current = await view(result.value.requestId);
      const dm = await invitationDm(db, invitationId);
      if (dm && current.invitation) {
        await gateway.update(dm.channelId, dm.messageTs, invitationAnsweredMessage(current.invitation));
      }
      await narrate(
        result.value.requestId,
        `${current.invitation?.championName ?? "The champion"} didn't answer in time.`,
      );
      await propose(result.value.requestId, current.fields);
    },

    /**
     * Slack never delivered a message the desk waited on. An invitation the champion never saw
     * closes, the leads hear why in the thread, and the request moves on to the next champion, as
     * when one expires (its follow-ups were never planned). A proposal the leads' channel refused
     * goes to each lead's DM instead. A rep's status message has nobody else to tell: the outbox
     * has logged and audited it.
     */
    async undelivered(receipt: Receipt, reason: string | null): Promise<void> {
      if (receipt.kind === "lead_thread") {
        // Nobody would see the request: each lead gets it in a DM, with what to fix.
        const message = proposalByDirectMessage(await view(receipt.requestId), deps.advocacyChannel, reason);
        for (const lead of deps.leads) await deps.outbox.deliver(lead, message);
        return;
      }
      if (receipt.kind !== "invitation") return;
      const result = await closeUnansweredInvitation(db, receipt.invitationId, deps.clock(), {
        status: "undelivered",
        reason,
      });
      if (!result.ok) return;
      const current = await view(result.value.requestId);
      await narrate(
        result.value.requestId,
        `:warning: The invitation to ${current.invitation?.championName ?? "the champion"} could not be delivered on Slack${reason ? ` (\`${reason}\`)` : ""}, so the next candidate is proposed. If their Slack ID on the roster is out of date, \`/advocacy roster edit\` corrects it.`,
      );
      await propose(result.value.requestId, current.fields);
    },

    /**
     * A champion writes to the app in their own words. While an invitation awaits their answer the
     * words are read as one (yes, no, not until a date), a question goes to the leads, and anything
     * unclear gets the three answers again; once answered, their words go to the leads as they are.
     */
    async reply(userId: string, text: string): Promise<void> {
      const live = await liveInvitationOf(db, userId);
      // Their own settings come first; a pause also answers a waiting invitation "not now" until then.
      const invited = live?.status === "invited" ? live : null;
      const pending = invited && {
        activity: invited.activity,
        later: (until: string) => answer({ userId }, invited.invitationId, "later", { restUntil: until }),
        decline: (words: string) => answer({ userId }, invited.invitationId, "declined", { text: words }),
      };
      if (await selfService.handle(userId, text, pending)) return;
      if (!live) {
        await deps.outbox.deliver(userId, { text: NOTHING_OPEN });
        return;
      }
      if (live.status !== "invited") return passOn(userId, live.requestId, live.championName, text);
      const intent = await deps.understanding.interpretReply(text, {
        now: deps.clock(),
        timezone: live.timezone,
      });
      const actor = { userId };
      switch (intent.kind) {
        case "accept":
          return answer(actor, live.invitationId, "accepted", { text });
        case "decline":
          return answer(actor, live.invitationId, "declined", { text });
        case "later":
          return answer(actor, live.invitationId, "later", {
            text,
            ...(intent.until ? { restUntil: intent.until } : {}),
          });
        case "question":
          return passOn(userId, live.requestId, live.championName, text);
        case "unclear":
          await deps.outbox.deliver(userId, clarifyMessage(live.invitationId));
      }
    },

    async schedule(actor: Actor, activityId: number, date: string): Promise<void> {
      if (!isLead(actor.userId)) return tell(actor, "Only advocacy leads can schedule an activity.");
      const result = await markScheduled(db, { activityId, date, lead: actor.userId });
      if (!result.ok) return refused(actor, result);
      await deps.followUps.activityScheduled(activityId, date);
      await narrate(result.value.requestId, `Scheduled for ${date} by <@${actor.userId}>.`);
      await refresh(result.value.requestId);
    },

    /** What the outcome form shows for an activity, for a lead (null after telling anyone else no). */
    async outcomeForm(actor: Actor, activityId: number) {
      if (!isLead(actor.userId)) {
        await tell(actor, "Only advocacy leads can record an outcome.");
        return null;
      }
      const requestId = await requestOfActivity(db, activityId);
      const current = requestId ? await loadRequestView(db, requestId) : null;
      if (!current?.invitation || current.activity?.id !== activityId) {
        await tell(actor, REFUSALS.not_found);
        return null;
      }
      return {
        activityId,
        championName: current.invitation.championName,
        activity: current.activity.activity,
      };
    },

    /** A lead records how it went, or the rep who asked says whether it happened. */
    async complete(actor: Actor, activityId: number, outcome: Outcome): Promise<void> {
      const requestId = await requestOfActivity(db, activityId);
      const requester = requestId ? (await loadRequestView(db, requestId))?.requestedBy : undefined;
      if (!isLead(actor.userId) && actor.userId !== requester)
        return tell(actor, "Only advocacy leads, or the rep who asked, can record an outcome.");
      const result = await markCompleted(db, { activityId, lead: actor.userId, outcome });
      if (!result.ok) return refused(actor, result);
      await narrate(
        result.value.requestId,
        `Outcome recorded by <@${actor.userId}>: ${outcome.held ? "it happened" : "it did not happen"}.`,
      );
      await refresh(result.value.requestId);
      // Already won as well: one thank-you for the win, not two messages at once.
      if (outcome.held) await deps.thank(activityId, outcome.dealResult === "won" ? "deal_won" : "completed");
    },
  };
}

export type Desk = ReturnType<typeof createDesk>;
