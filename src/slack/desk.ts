import { activityLabel } from "../core/activities";
import type { RequestFields } from "../core/domain";
import { firstNameOf, invitationPitch } from "../core/invitation-pitch";
import type { Database } from "../db/client";
import {
  type Answer,
  answerInvitation,
  approveCandidate,
  askedChampionIds,
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
  type StepResult,
  setInvitationMessage,
  setLeadThread,
  setRepMessage,
  swapActivity,
} from "../db/requests-repository";
import type { Matcher } from "../services/matcher";
import type { RequestView } from "../services/request-view";
import { invitationAnsweredMessage, invitationMessage } from "./blocks/invitation";
import { truncate } from "./blocks/limits";
import { leadActivityControls, manualAnswerControls, proposalMessage } from "./blocks/proposal";
import { repStatusMessage } from "./blocks/rep-status";
import type { SlackGateway } from "./gateway";

// The reference desk: each user action as one flow — a conditional database step, then the
// messages that show its result. The lead message (root of the request's thread) and the rep's
// status message are always re-rendered from the database, so they show the current state.

export interface DeskDeps {
  db: Database;
  matcher: Matcher;
  gateway: SlackGateway;
  clock: () => Date;
  advocacyChannel: string;
  leads: ReadonlySet<string>;
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

export function createDesk(deps: DeskDeps) {
  const { db, gateway } = deps;

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
      await gateway.post(where.leadChannelId, { text }, where.leadThreadTs);
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
    } else {
      const posted = await gateway.post(deps.advocacyChannel, message);
      await setLeadThread(db, requestId, posted.channel, posted.ts);
    }
    await refresh(requestId);
  }

  async function invite(requestId: number, invitationId: number): Promise<void> {
    const current = await view(requestId);
    const invitation = current.invitation;
    if (!invitation || invitation.id !== invitationId) return;
    const candidate = current.proposal?.candidates.find((c) => c.id === invitation.candidateId);
    const pitch = invitationPitch({
      firstName: firstNameOf(invitation.championName),
      motivations: candidate?.motivations ?? [],
      activity: invitation.activity,
      event: invitation.event,
      prospectIndustry: current.fields.industry,
      persona: current.fields.persona,
      deadline: current.fields.deadline,
    });
    if (!invitation.championSlackId) {
      // No Slack ID: the lead reaches out and records the answer by hand.
      const where = await requestMessages(db, requestId);
      if (where?.leadChannelId && where.leadThreadTs) {
        await gateway.post(
          where.leadChannelId,
          {
            text: `${invitation.championName} has no Slack ID: please reach out to them and record their answer here.`,
            blocks: manualAnswerControls(invitation),
          },
          where.leadThreadTs,
        );
      }
      return;
    }
    const message = invitationMessage({
      invitationId,
      pitch,
      activity: invitation.activity,
      event: invitation.event,
      deadline: current.fields.deadline,
    });
    const posted = await gateway.post(invitation.championSlackId, message);
    await setInvitationMessage(db, invitationId, posted.channel, posted.ts, pitch);
    await narrate(
      requestId,
      `Invitation sent to ${invitation.championName} (${activityLabel(invitation.activity)}).`,
    );
  }

  return {
    isLead,

    /** A rep's request: stored, acknowledged to the rep at once, then matched and shown to the leads. */
    async submitRequest(input: NewRequest): Promise<number> {
      const requestId = await createRequest(db, input);
      const received = await gateway.post(input.requestedBy, repStatusMessage(await view(requestId)));
      await setRepMessage(db, requestId, received.channel, received.ts);
      await propose(requestId, input.fields);
      return requestId;
    },

    async approve(actor: Actor, candidateId: number): Promise<void> {
      if (!isLead(actor.userId)) return tell(actor, "Only advocacy leads can approve a proposal.");
      const result = await approveCandidate(db, { candidateId, lead: actor.userId });
      if (!result.ok) return refused(actor, result);
      await narrate(result.value.requestId, `Approved by <@${actor.userId}>.`);
      await invite(result.value.requestId, result.value.invitationId);
      await refresh(result.value.requestId);
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

    /** The invited champion answers (or a lead, for a champion without Slack). */
    async answer(
      actor: Actor,
      invitationId: number,
      answer: Answer,
      options: { byLead?: boolean; text?: string } = {},
    ) {
      if (options.byLead && !isLead(actor.userId))
        return tell(actor, "Only advocacy leads can record an answer.");
      const result = await answerInvitation(db, {
        invitationId,
        answer,
        by: options.byLead ? { lead: actor.userId } : { slackUserId: actor.userId },
        ...(options.text ? { text: options.text } : {}),
        now: deps.clock(),
      });
      if (!result.ok) return refused(actor, result);
      const { requestId } = result.value;
      const current = await view(requestId);
      const invitation = current.invitation;
      if (invitation?.championSlackId && !options.byLead) {
        const dm = await invitationDm(db, invitationId);
        if (dm) await gateway.update(dm.channelId, dm.messageTs, invitationAnsweredMessage(invitation));
      }
      const name = invitation?.championName ?? "The champion";
      const words = { accepted: "accepted", declined: "declined", later: "said not now" }[answer];
      await narrate(
        requestId,
        `${name} ${words}${options.byLead ? ` (recorded by <@${actor.userId}>)` : ""}.`,
      );
      if (answer === "accepted") {
        const where = await requestMessages(db, requestId);
        if (where?.leadChannelId && where.leadThreadTs) {
          await gateway.post(
            where.leadChannelId,
            { text: "Mark it scheduled, then record how it went.", blocks: leadActivityControls(current) },
            where.leadThreadTs,
          );
        }
        await refresh(requestId);
        return;
      }
      await propose(requestId, current.fields);
    },

    /**
     * A champion writes to the app in their own words: passed on, verbatim, to the request's thread
     * for the leads. (Understanding the words themselves comes with the LLM work.)
     */
    async forwardReply(userId: string, text: string): Promise<void> {
      const live = await liveInvitationOf(db, userId);
      if (!live) return;
      await narrate(live.requestId, `${live.championName} wrote: “${truncate(text.trim(), 2500)}”`);
      await gateway.post(userId, {
        text: "Thank you, I've passed that on to the program team. They'll get back to you here.",
      });
    },

    async schedule(actor: Actor, activityId: number, date: string): Promise<void> {
      if (!isLead(actor.userId)) return tell(actor, "Only advocacy leads can schedule an activity.");
      const result = await markScheduled(db, { activityId, date, lead: actor.userId });
      if (!result.ok) return refused(actor, result);
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

    async complete(actor: Actor, activityId: number, outcome: Outcome): Promise<void> {
      if (!isLead(actor.userId)) return tell(actor, "Only advocacy leads can record an outcome.");
      const result = await markCompleted(db, { activityId, lead: actor.userId, outcome });
      if (!result.ok) return refused(actor, result);
      await narrate(
        result.value.requestId,
        `Outcome recorded by <@${actor.userId}>: ${outcome.held ? "it happened" : "it did not happen"}.`,
      );
      await refresh(result.value.requestId);
    },
  };
}

export type Desk = ReturnType<typeof createDesk>;
