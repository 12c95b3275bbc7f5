import { activityLabel } from "../core/activities";
import { formatDay } from "../core/dates";
import { isAppError } from "../core/errors";
import { invitationPitch } from "../core/invitation-pitch";
import { storableText } from "../core/text";
import type { Database } from "../db/client";
import {
  answerLinkPage,
  emailedInvitation,
  markInvitationEmailed,
  sendInvitationByEmail,
  sentByEmail,
  stopEmailInvitations,
} from "../db/email-repository";
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
  latestProposalVersion,
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
  storableRequest,
  swapActivity,
  viewAfterProposal,
} from "../db/requests-repository";
import type { EmailOutbox } from "../email/email-outbox";
import type { AnswerChoice } from "../email/messages";
import type { JobQueue } from "../jobs/queue";
import type { Matcher } from "../services/matcher";
import {
  type CandidateView,
  invitationOnApprove,
  pitchInput,
  type RequestView,
} from "../services/request-view";
import type { Draft, Understanding } from "../services/understanding";
import {
  answerLine,
  clarifyMessage,
  invitationAnsweredMessage,
  invitationMessage,
  nudgeMessage,
  sharedChannelInvitation,
} from "../slack/blocks/invitation";
import { composeModal } from "../slack/blocks/invitation-compose";
import { escapeMrkdwn, mention, truncate } from "../slack/blocks/limits";
import {
  askLabel,
  leadActivityControls,
  manualAnswerControls,
  proposalByDirectMessage,
  proposalMessage,
} from "../slack/blocks/proposal";
import { repStatusMessage } from "../slack/blocks/rep-status";
import type { SlackGateway, SlackMessage } from "../slack/gateway";
import { isTransient, type Outbox, type Posted, type Receipt, slackErrorReason } from "../slack/outbox";
import { createSelfService } from "../slack/self-service";
import { queueStep, type Step } from "./steps";

// How a request moves. Each operation is one transaction: a conditional change of state (refused
// when the request has moved on) and the steps and messages that change calls for, queued in the
// same transaction. Workers then run the steps (`run`) and deliver the messages (the outbox), with
// retries, in whichever process is free; nothing promised waits in memory. Who may do what is
// checked before this module is called (src/slack/authorize.ts); what only the database can tell
// (the invited champion, the rep who asked) is checked here.
//
//   rep asks ──▶ request ──(propose)──▶ proposed ──approve──▶ invited ──(invite: DM)──▶ accepted ──▶ scheduled ──▶ completed (thank)
//                                          │ reject               │ decline / later / expire / undelivered
//                                          ▼                      └──────────(propose the next champion)──▶ proposed
//                                       rejected

export interface WorkflowDeps {
  db: Database;
  jobs: JobQueue;
  matcher: Matcher;
  gateway: SlackGateway;
  understanding: Understanding;
  followUps: FollowUpScheduler;
  outbox: Outbox;
  clock: () => Date;
  advocacyChannel: string;
  leads: ReadonlySet<string>;
  /** Thanks the champion once an activity happened or its deal was won (the impact loop). */
  thank: (activityId: number, trigger: "completed" | "deal_won") => Promise<unknown>;
  log: { warn(message: string): void };
  /** Invitations by email for champions Slack cannot reach; absent when email is not configured. */
  email?: EmailOutbox;
}

/** What the answer page shows after a champion used their link. */
export type LinkAnswerResult =
  | { kind: "answered" }
  | { kind: "passed_on" }
  | { kind: "unclear" }
  | { kind: "refused"; reason: Refusal };

/** Who answers an invitation: the champion on Slack, a lead for them, or the champion by their link. */
type Answerer = { slackUserId: string } | { lead: string } | { link: number };

/** Plans what happens after an invitation goes out, or an activity is scheduled; durable jobs. */
export interface FollowUpScheduler {
  /** A nudge, then expiry, counted from delivery on the champion's clock. */
  invitationSent(
    invitationId: number,
    sentAt: Date,
    timezone: string | null,
    within: Database,
  ): Promise<void>;
  /** Reminders before the date, then "did it happen?" and later "how did the deal go?". */
  activityScheduled(activityId: number, date: string, within: Database): Promise<void>;
}

/** Who did what, where: enough to answer them privately when a step is refused. */
export interface Actor {
  userId: string;
  channelId?: string;
  threadTs?: string;
}

const REFUSALS: Readonly<Record<Refusal, string>> = {
  not_found: "I couldn't find that request any more. `/advocacy report` lists what is open.",
  stale: "This has already been handled, so nothing changed. The request's thread shows where it stands.",
  not_invitee: "This invitation was sent to someone else, so only they can answer it.",
  already_answered: "You've already answered this invitation. Thank you!",
  not_allowed: "That activity isn't one this champion is willing to do on this request.",
  answers_for_themselves:
    "This champion is on Slack, so their invitation waits for their own answer in their DM; nothing was recorded.",
};

const CANDIDATES_SHOWN = 3;
/** The answer an answer-page choice, or a reply read as one, records. */
const ANSWER_OF = { accept: "accepted", later: "later", decline: "declined" } as const;
const QUOTE_LIMIT = 2500;

const CLOSED_NOTE = {
  subject: "No action needed: our invitation has closed",
  text: "Just so you know: the invitation we sent you recently has closed, so there's nothing you need to do. Thank you for considering it, and “not now” is always a fine answer.",
};

const NOTHING_OPEN =
  "Hi! I look after the customer-reference program. Nothing is waiting for your answer right now; when there is, you'll find it here. Say “help” to see how to pause, cap or shape how we ask you.";

/** Words a person wrote, quoted where others read them: shortened, and never live formatting. */
const quote = (text: string) => `“${escapeMrkdwn(truncate(text.trim(), QUOTE_LIMIT))}”`;
const nameOf = (name: string | undefined, fallback: string) =>
  name ? escapeMrkdwn(truncate(name, 200)) : fallback;

export function createWorkflow(deps: WorkflowDeps) {
  const { db, gateway, jobs, outbox } = deps;
  const selfService = createSelfService({
    db,
    gateway,
    outbox,
    clock: deps.clock,
    defaultCapacity: deps.matcher.defaultCapacity,
  });
  const step = (tx: Database, next: Step) => queueStep(jobs, tx, next);

  async function tell(actor: Actor, text: string): Promise<void> {
    await gateway.ephemeral(actor.channelId ?? actor.userId, actor.userId, text, actor.threadTs);
  }

  async function view(on: Database, requestId: number): Promise<RequestView> {
    const loaded = await loadRequestView(on, requestId);
    if (!loaded) throw new Error(`request ${requestId} vanished`);
    return loaded;
  }

  /** A line (and controls) in the request's thread, queued with the change it tells of. */
  async function narrate(tx: Database, requestId: number, message: SlackMessage): Promise<boolean> {
    const where = await requestMessages(tx, requestId);
    if (!where?.leadChannelId || !where.leadThreadTs) return false;
    await outbox.deliver(where.leadChannelId, message, { threadTs: where.leadThreadTs, within: tx });
    return true;
  }

  /** The champions' side after a request lost its champion: propose the next one. */
  async function proposeNext(tx: Database, requestId: number): Promise<void> {
    await step(tx, { kind: "propose", requestId, afterVersion: await latestProposalVersion(tx, requestId) });
  }

  async function draftFor(current: RequestView, candidate: CandidateView, notes: string): Promise<Draft> {
    return deps.understanding.draftInvitation({
      pitch: pitchInput(current, candidate, candidate.championName),
      championTitle: candidate.title,
      championNotes: notes,
    });
  }

  // ── Steps, run by a worker ──────────────────────────────────────────────────────────────────

  /**
   * Ranks champions not yet asked on this request and shows the result to the leads. The first
   * proposal starts the leads' thread and the rep's status message, each rendered once from what
   * was just written; a later one is a line in the thread and a refresh of both messages.
   */
  async function propose(requestId: number, afterVersion: number): Promise<void> {
    const current = await view(db, requestId);
    if ((current.proposal?.version ?? 0) !== afterVersion) return;
    const first = current.proposal === null;
    // Before its first proposal nobody on the request was invited.
    const asked = first ? new Set<number>() : await askedChampionIds(db, requestId);
    const proposal = await deps.matcher.propose(current.fields, CANDIDATES_SHOWN, asked);
    const proposing = jobs.transaction(db, async (tx) => {
      const recorded = await recordProposal(tx, requestId, proposal.candidates, "refdesk", {
        follows: afterVersion,
      });
      if (!recorded) return;
      if (!first) {
        const names = proposal.candidates.map((candidate) => nameOf(candidate.name, "")).join(", ");
        await narrate(tx, requestId, {
          text: names ? `New proposal: ${names}.` : "Nobody else fits right now.",
        });
        return step(tx, { kind: "refresh", requestId });
      }
      const proposed = await viewAfterProposal(tx, current, recorded, proposal.candidates);
      await outbox.deliver(deps.advocacyChannel, proposalMessage(proposed, { excluded: proposal.excluded }), {
        receipt: { kind: "lead_thread", requestId },
        within: tx,
      });
      await outbox.deliver(current.requestedBy, repStatusMessage(proposed), {
        receipt: { kind: "rep_message", requestId, status: proposed.status, version: recorded.version },
        within: tx,
      });
    });
    // The same step run twice at once (a job run again while its first run was cut off): one proposes.
    await proposing.catch((error: unknown) => {
      if (!isAppError(error, "already_done")) throw error;
    });
  }

  /**
   * The invitation editor for a candidate still waiting on a lead, or null after telling the lead
   * why not (gone, or already handled).
   */
  async function composing(actor: Actor, candidateId: number) {
    const requestId = await requestOfCandidate(db, candidateId);
    const current = requestId ? await loadRequestView(db, requestId) : null;
    const candidate = current?.proposal?.candidates.find((c) => c.id === candidateId);
    if (!current || !candidate) {
      await tell(actor, REFUSALS.not_found);
      return null;
    }
    if (current.status !== "proposed") {
      await tell(actor, REFUSALS.stale);
      return null;
    }
    const modal = (draft: string, source: Draft["source"], suggestion?: string) =>
      composeModal({
        candidateId,
        championName: candidate.championName,
        ask: askLabel(candidate.activity, candidate.event),
        draft,
        source,
        ...(suggestion ? { suggestion } : {}),
      });
    return { current, candidate, modal };
  }

  /** Sends the invitation: the lead's own words when they composed it, else the template. */
  async function invite(requestId: number, invitationId: number): Promise<void> {
    const current = await view(db, requestId);
    const invitation = current.invitation;
    if (invitation?.id !== invitationId || invitation.status !== "invited") return;
    if ((await invitationDm(db, invitationId)) || (await sentByEmail(db, invitationId))) return;
    // Their notes feed the draft, their time zone the follow-ups.
    const context = await championContext(db, invitation.championId);
    const byEmail = !invitation.championSlackId && deps.email !== undefined && context?.emailOk === true;
    if (!invitation.championSlackId && !byEmail) {
      // No channel the app can use: the lead reaches out and records the answer by hand.
      await jobs.transaction(db, async (tx) => {
        await narrate(tx, requestId, {
          text: `${nameOf(invitation.championName, "The champion")} has no Slack ID${deps.email ? " and may not be emailed" : ""}: please reach out to them and record their answer here.`,
          blocks: manualAnswerControls(invitation),
        });
      });
      return;
    }
    const candidate = current.proposal?.candidates.find((c) => c.id === invitation.candidateId);
    // What goes to a customer in the company's name is text a person could read first: the lead's
    // own (the editor shows them the model's draft, when there is one), else the fixed template.
    const pitch =
      invitation.message || invitationPitch(pitchInput(current, candidate, invitation.championName));
    const championSlackId = invitation.championSlackId;
    await jobs.transaction(db, async (tx) => {
      await setInvitationPitch(tx, invitationId, pitch);
      if (!championSlackId) return void (await sendByEmail(tx, invitationId, null));
      const message = invitationMessage({
        invitationId,
        pitch,
        activity: invitation.activity,
        event: invitation.event,
        deadline: current.fields.deadline,
      });
      await outbox.deliver(championSlackId, message, {
        receipt: { kind: "invitation", requestId, invitationId, timezone: context?.timezone ?? null },
        within: tx,
      });
    });
  }

  /** Queues the invitation's email (with its answer link); `slackReason` when Slack refused it first. */
  async function sendByEmail(tx: Database, invitationId: number, slackReason: string | null) {
    if (!deps.email) return false;
    await sendInvitationByEmail(tx, invitationId, slackReason);
    await deps.email.send("invitation", invitationId, { within: tx });
    return true;
  }

  /** An invitation that never reached the champion closes, the leads hear why, the next is proposed. */
  async function closeUndelivered(
    tx: Database,
    invitationId: number,
    reason: string,
    line: (name: string) => string,
  ) {
    const closed = await closeUnansweredInvitation(tx, invitationId, deps.clock(), {
      status: "undelivered",
      reason,
    });
    if (!closed.ok) return;
    const name = (await view(tx, closed.value.requestId)).invitation?.championName;
    await narrate(tx, closed.value.requestId, { text: line(nameOf(name, "the champion")) });
    await proposeNext(tx, closed.value.requestId);
  }

  /** Brings the request's messages up to date; a message Slack no longer has is left alone. */
  async function refresh(requestId: number, invitationId?: number, repOnly = false): Promise<void> {
    const current = await view(db, requestId);
    const where = await requestMessages(db, requestId);
    const dm = invitationId ? await invitationDm(db, invitationId) : null;
    const updates: [string | null | undefined, string | null | undefined, () => SlackMessage][] = [
      [repOnly ? null : where?.leadChannelId, where?.leadThreadTs, () => proposalMessage(current, {})],
      [where?.repChannelId, where?.repMessageTs, () => repStatusMessage(current)],
    ];
    const answered = current.invitation;
    if (dm && answered && answered.id === invitationId && answered.status !== "invited")
      updates.push([
        dm.channelId,
        dm.messageTs,
        () => invitationAnsweredMessage(answered, current.requestedBy),
      ]);
    for (const [channel, ts, render] of updates) {
      if (!channel || !ts) continue;
      try {
        await gateway.update(channel, ts, render());
      } catch (error) {
        if (isTransient(error)) throw error;
        deps.log.warn(
          `refresh of request ${requestId} skipped a message: ${slackErrorReason(error) ?? "unknown error"}`,
        );
      }
    }
  }

  /** Runs one queued step; a throw has the queue try it again later. */
  async function run(next: Step): Promise<void> {
    switch (next.kind) {
      case "propose":
        return propose(next.requestId, next.afterVersion);
      case "invite":
        return invite(next.requestId, next.invitationId);
      case "refresh":
        return refresh(next.requestId, next.invitationId, next.repOnly);
      case "thank":
        await deps.thank(next.activityId, next.trigger);
    }
  }

  // ── Operations: people's actions and timed events ───────────────────────────────────────────

  /**
   * Records an answer from the invited champion (on Slack or by their link) or from a lead for a
   * champion the app cannot ask, with the line for the leads and what follows. `text` is what the
   * champion wrote when they answered in their own words; it is kept, shown to the leads and confirmed.
   */
  async function recordAnswer(
    by: Answerer,
    invitationId: number,
    given: Answer,
    options: { text?: string; restUntil?: string; stopEmail?: boolean } = {},
  ) {
    return jobs.transaction(db, async (tx) => {
      const answered = await answerInvitation(tx, {
        invitationId,
        answer: given,
        by,
        ...(options.text ? { text: options.text } : {}),
        ...(options.restUntil ? { restUntil: options.restUntil } : {}),
        now: deps.clock(),
      });
      if (!answered.ok) return answered;
      if ("link" in by && options.stopEmail) await stopEmailInvitations(tx, invitationId);
      const { requestId } = answered.value;
      const current = await view(tx, requestId);
      const invitation = current.invitation;
      const ownWords = options.text && !("lead" in by) ? options.text : undefined;
      // A reply in words is answered where it was written, not only in the message far above it.
      if (ownWords && "slackUserId" in by && invitation)
        await outbox.deliver(
          by.slackUserId,
          { text: answerLine(invitation, current.requestedBy) },
          { within: tx },
        );
      const name = nameOf(invitation?.championName, "The champion");
      const words = { accepted: "accepted", declined: "declined", later: "said not now" }[given];
      const resting = options.restUntil ? ` (resting until ${formatDay(options.restUntil)})` : "";
      const how =
        "lead" in by
          ? ` (recorded by ${mention(by.lead)})`
          : "link" in by
            ? ` by email${options.stopEmail ? " (and asked not to be emailed again)" : ""}`
            : "";
      const quoted = ownWords ? `: ${quote(ownWords)}` : "";
      const text = `${name} ${words}${how}${resting}${quoted}`;
      if (given === "accepted") {
        await narrate(tx, requestId, {
          text: `${text}\nMark it scheduled, then record how it went.`,
          blocks: [
            { type: "section", text: { type: "mrkdwn", text: truncate(text, 2900) } },
            ...leadActivityControls(current),
          ],
        });
      } else {
        await narrate(tx, requestId, { text });
        await proposeNext(tx, requestId);
      }
      await step(tx, { kind: "refresh", requestId, invitationId });
      return answered;
    });
  }

  /** The invited champion answers on Slack (or a lead, for a champion the app cannot ask). */
  async function answer(
    actor: Actor,
    invitationId: number,
    given: Answer,
    options: { byLead?: boolean; text?: string; restUntil?: string } = {},
  ): Promise<void> {
    const by = options.byLead ? { lead: actor.userId } : { slackUserId: actor.userId };
    const result = await recordAnswer(by, invitationId, given, options);
    if (!result.ok) await tell(actor, REFUSALS[result.reason]);
  }

  /**
   * A champion's words for the leads, in the request's thread; thanked in their DM when on Slack.
   * Leads cannot post in the champion's DM with the app, so both sides hear the answer comes by DM.
   */
  async function passOn(requestId: number, name: string, text: string, slackUserId?: string): Promise<void> {
    await jobs.transaction(db, async (tx) => {
      const who = nameOf(name, "The champion");
      await narrate(tx, requestId, {
        text: slackUserId
          ? `${who} wrote: ${quote(text)} Reply to ${mention(slackUserId)} by direct message.`
          : `${who} wrote on their answer page (reply by email: their address is on the roster): ${quote(text)}`,
      });
      if (slackUserId)
        await outbox.deliver(
          slackUserId,
          {
            text: "Thank you, I've passed that on to the program team. One of them will send you a direct message.",
          },
          { within: tx },
        );
    });
  }

  /** A lead's decision on a proposal: the change, a line in the thread, the messages refreshed. */
  async function decide<T extends { requestId: number }>(
    actor: Actor,
    change: (tx: Database) => Promise<StepResult<T>>,
    line: string,
    more?: (tx: Database, value: T) => Promise<void>,
  ): Promise<StepResult<T> & { told?: boolean }> {
    const result = await jobs.transaction(db, async (tx) => {
      const changed = await change(tx);
      if (!changed.ok) return changed;
      const told = await narrate(tx, changed.value.requestId, { text: line });
      await more?.(tx, changed.value);
      await step(tx, { kind: "refresh", requestId: changed.value.requestId });
      return { ...changed, told };
    });
    if (!result.ok) await tell(actor, REFUSALS[result.reason]);
    return result;
  }

  /** Slack accepted a message whose place is needed later: record it, then what follows from it. */
  async function delivered(receipt: Receipt, posted: Posted): Promise<void> {
    const recorded = await jobs.transaction(db, async (tx) => {
      // Both were rendered, with the first proposal, as the request then stood.
      if (receipt.kind === "lead_thread")
        return setLeadThread(tx, receipt.requestId, posted.channel, posted.ts);
      if (receipt.kind === "rep_message") {
        const now = await setRepMessage(tx, receipt.requestId, posted.channel, posted.ts);
        if (!now) return false;
        // The request moved on before Slack took the message: bring it up to date.
        if (now.status !== receipt.status || now.version !== receipt.version)
          await step(tx, { kind: "refresh", requestId: receipt.requestId, repOnly: true });
        return true;
      }
      const now = deps.clock();
      if (!(await setInvitationMessage(tx, receipt.invitationId, posted.channel, posted.ts, now)))
        return false;
      // The nudge and expiry count from when the champion could first read it.
      await deps.followUps.invitationSent(receipt.invitationId, now, receipt.timezone, tx);
      const invitation = (await view(tx, receipt.requestId)).invitation;
      if (invitation?.id === receipt.invitationId) {
        const where = receipt.shared ? ` in <#${posted.channel}>` : "";
        await narrate(tx, receipt.requestId, {
          text: `Invitation sent to ${nameOf(invitation.championName, "the champion")}${where} (${activityLabel(invitation.activity)}).`,
        });
      }
      return true;
    });
    // A second copy (a retried delivery whose first went through) is recorded nowhere: remove it.
    if (!recorded) await gateway.delete(posted.channel, posted.ts);
  }

  /** The mail server accepted an invitation email: follow-ups start now, and the leads hear it went. */
  async function emailed(invitationId: number): Promise<void> {
    await jobs.transaction(db, async (tx) => {
      const now = deps.clock();
      if (!(await markInvitationEmailed(tx, invitationId, now))) return;
      const sent = await emailedInvitation(tx, invitationId);
      if (!sent) return;
      await deps.followUps.invitationSent(invitationId, now, sent.timezone, tx);
      await narrate(tx, sent.requestId, {
        text: `Invitation emailed to ${nameOf(sent.championName, "the champion")} (${activityLabel(sent.activity)}).`,
      });
    });
  }

  /**
   * A champion answers with their emailed link: one of the three answers, or their own words read
   * as a reply would be (a question goes to the leads and leaves the link usable).
   */
  async function answerByLink(
    linkId: number,
    input: { choice?: AnswerChoice; words?: string; stopEmail?: boolean },
  ): Promise<LinkAnswerResult> {
    const page = await answerLinkPage(db, linkId);
    if (!page) return { kind: "refused", reason: "not_found" };
    if (page.usedAt || page.status !== "invited") return { kind: "refused", reason: "already_answered" };
    const words = input.words?.trim() || undefined;
    let given: Answer | undefined = input.choice && ANSWER_OF[input.choice];
    let restUntil: string | undefined;
    if (!given) {
      if (!words) return { kind: "unclear" };
      const intent = await deps.understanding.interpretReply(words, {
        now: deps.clock(),
        timezone: page.timezone,
      });
      if (intent.kind === "question") {
        await passOn(page.requestId, page.championName, words);
        return { kind: "passed_on" };
      }
      if (intent.kind === "unclear") return { kind: "unclear" };
      given = ANSWER_OF[intent.kind];
      if (intent.kind === "later" && intent.until) restUntil = intent.until;
    }
    const result = await recordAnswer({ link: linkId }, page.invitationId, given, {
      ...(words ? { text: words } : {}),
      ...(restUntil ? { restUntil } : {}),
      ...(input.stopEmail ? { stopEmail: true } : {}),
    });
    return result.ok ? { kind: "answered" } : { kind: "refused", reason: result.reason };
  }

  return {
    run,
    delivered,
    emailed,
    answerByLink,
    answer,

    /** A champion's answer to one question of the preferences survey. */
    answerSurvey: selfService.answerSurvey,

    /**
     * A rep's request: stored with its first proposal step, together. The rep hears from that step,
     * once, with the proposal's outcome; the form closing is the acknowledgement meanwhile.
     */
    async submitRequest(typed: NewRequest): Promise<number> {
      // Stored as typed, but for what the database cannot hold (a NUL): the rep loses nothing else.
      const input = storableRequest(typed);
      return jobs.transaction(db, async (tx) => {
        const requestId = await createRequest(tx, input);
        await step(tx, { kind: "propose", requestId, afterVersion: 0 });
        return requestId;
      });
    },

    /** Approves a candidate and invites them, with the lead's composed message when there is one. */
    async approve(actor: Actor, candidateId: number, composed?: string): Promise<void> {
      const result = await decide(
        actor,
        (tx) => approveCandidate(tx, { candidateId, lead: actor.userId }),
        `Approved by ${mention(actor.userId)}.`,
        async (tx, { requestId, invitationId }) => {
          // Kept at once: what the lead wrote survives a delivery that has to wait.
          if (composed) await setInvitationPitch(tx, invitationId, composed);
          await step(tx, { kind: "invite", requestId, invitationId });
        },
      );
      // Approved from a lead's DM (the channel refused the proposal): no thread shows it, so say so.
      if (result.ok && !result.told) await tell(actor, "Approved: the invitation is on its way.");
    },

    /**
     * Opens the invitation for a lead to read and edit before approving: the template at once (the
     * trigger expires in three seconds), then the model's draft beside it when there is one.
     */
    async compose(actor: Actor, candidateId: number, triggerId: string): Promise<void> {
      const found = await composing(actor, candidateId);
      if (!found) return;
      const { current, candidate, modal } = found;
      // The very text Approve would send, as the proposal shows it (not an earlier round's invitation).
      const template = invitationOnApprove(current, candidate);
      const viewId = await gateway.openView(triggerId, modal(template, "template"));
      const draft = await draftFor(
        { ...current, invitation: null },
        candidate,
        (await championContext(db, candidate.championId))?.notes ?? "",
      );
      // Offered beside the box, not put in it: the lead may have started typing.
      if (draft.source === "model") await gateway.updateView(viewId, modal(template, "template", draft.text));
    },

    /** "Use this draft": the model's draft the form offered, now in the message box, by the lead's choice. */
    async useDraft(actor: Actor, candidateId: number, viewId: string, suggestion: string): Promise<void> {
      const found = await composing(actor, candidateId);
      if (found) await gateway.updateView(viewId, found.modal(suggestion, "model"));
    },

    async reject(actor: Actor, proposalId: number): Promise<void> {
      await decide(
        actor,
        (tx) => rejectProposal(tx, { proposalId, lead: actor.userId }),
        `Rejected by ${mention(actor.userId)}.`,
      );
    },

    async swap(actor: Actor, candidateId: number, activity: Parameters<typeof swapActivity>[1]["activity"]) {
      await decide(
        actor,
        (tx) => swapActivity(tx, { candidateId, activity, lead: actor.userId }),
        `${mention(actor.userId)} swapped the activity to ${activityLabel(activity)}.`,
      );
    },

    /** The one polite follow-up, where the invitation went (DM or email), while it still waits. */
    async nudge(invitationId: number): Promise<void> {
      await jobs.transaction(db, async (tx) => {
        if (!(await claimNudge(tx, invitationId, deps.clock()))) return;
        const dm = await invitationDm(tx, invitationId);
        if (dm)
          return outbox.deliver(dm.channelId, nudgeMessage(invitationId), {
            threadTs: dm.messageTs,
            within: tx,
          });
        if (deps.email && (await sentByEmail(tx, invitationId)))
          await deps.email.send("nudge", invitationId, { within: tx });
      });
    },

    /** Nobody answered: the invitation closes and the request moves on to the next champion. */
    async expire(invitationId: number): Promise<void> {
      await jobs.transaction(db, async (tx) => {
        const closed = await closeUnansweredInvitation(tx, invitationId, deps.clock(), { status: "expired" });
        if (!closed.ok) return;
        const { requestId } = closed.value;
        const invitation = (await view(tx, requestId)).invitation;
        await narrate(tx, requestId, {
          text: `${nameOf(invitation?.championName, "The champion")} didn't answer in time.`,
        });
        // On Slack the invitation's message now says it closed; by email, a short note says so.
        if (deps.email && invitation && (await sentByEmail(tx, invitationId)))
          await deps.email.note(invitation.championId, CLOSED_NOTE, { within: tx });
        await step(tx, { kind: "refresh", requestId, invitationId });
        await proposeNext(tx, requestId);
      });
    },

    /**
     * Slack never delivered a message the workflow waited on. An invitation the champion never saw
     * closes, the leads hear why in the thread, and the request moves on to the next champion, as
     * when one expires (its follow-ups were never planned). A proposal the leads' channel refused
     * goes to each lead's DM instead. A rep's status message has nobody else to tell: the outbox
     * has logged and audited it.
     */
    async undelivered(receipt: Receipt, reason: string | null): Promise<void> {
      await jobs.transaction(db, async (tx) => {
        if (receipt.kind === "lead_thread") {
          // Nobody would see the request: each lead gets it in a DM, with what to fix.
          const message = proposalByDirectMessage(
            await view(tx, receipt.requestId),
            deps.advocacyChannel,
            reason,
          );
          for (const lead of deps.leads) await outbox.deliver(lead, message, { within: tx });
          return;
        }
        if (receipt.kind !== "invitation") return;
        const slackSaid = reason ? ` (\`${escapeMrkdwn(reason)}\`)` : "";
        // Slack refused the DM (another organisation, a deactivated account…): the next channel is
        // a Slack Connect channel shared with their company, then email.
        const current = await view(tx, receipt.requestId);
        const invitation = current.invitation;
        const live = invitation?.id === receipt.invitationId && invitation.status === "invited";
        const context = live ? await championContext(tx, invitation.championId) : null;
        if (live && context && invitation.championSlackId) {
          const name = nameOf(invitation.championName, "the champion");
          if (!receipt.shared && context.sharedChannelId) {
            const message = sharedChannelInvitation(
              {
                invitationId: invitation.id,
                pitch: invitation.message,
                activity: invitation.activity,
                event: invitation.event,
                deadline: current.fields.deadline,
              },
              invitation.championSlackId,
            );
            await outbox.deliver(context.sharedChannelId, message, {
              receipt: { ...receipt, shared: true },
              within: tx,
            });
            await narrate(tx, receipt.requestId, {
              text: `Slack would not DM ${name}${slackSaid}, so the invitation is posted for them in <#${context.sharedChannelId}>.`,
            });
            return;
          }
          if (context.emailOk && (await sendByEmail(tx, receipt.invitationId, reason))) {
            await narrate(tx, receipt.requestId, {
              text: `Slack could not deliver the invitation to ${name}${slackSaid}, so it goes by email instead.`,
            });
            return;
          }
        }
        await closeUndelivered(
          tx,
          receipt.invitationId,
          reason ?? "unknown",
          (name) =>
            `:warning: The invitation to ${name} could not be delivered on Slack${slackSaid}, so the next candidate is proposed. If their Slack ID on the roster is out of date, \`/advocacy roster edit\` corrects it.`,
        );
      });
    },

    /** The invitation email could not be delivered: the leads hear why and the next is proposed. */
    async emailUndelivered(invitationId: number, reason: string): Promise<void> {
      await jobs.transaction(db, (tx) =>
        closeUndelivered(
          tx,
          invitationId,
          reason,
          (name) =>
            `:warning: The invitation email to ${name} could not be delivered (\`${escapeMrkdwn(truncate(reason, 200))}\`), so the next candidate is proposed. \`/advocacy roster edit\` corrects their address.`,
        ),
      );
    },

    /**
     * A champion writes to the app in their own words. While an invitation awaits their answer the
     * words are read as one (yes, no, not until a date), a question goes to the leads, and anything
     * unclear gets the three answers again; once answered, their words go to the leads as they are.
     */
    async reply(userId: string, typed: string): Promise<void> {
      const text = storableText(typed);
      const live = await liveInvitationOf(db, userId);
      // Their own settings come first; a pause also answers a waiting invitation "not now" until then.
      const invited = live?.status === "invited" ? live : null;
      const pending = invited && {
        activity: invited.activity,
        later: (until: string) => answer({ userId }, invited.invitationId, "later", { restUntil: until }),
        decline: (words: string) => answer({ userId }, invited.invitationId, "declined", { text: words }),
      };
      if (await selfService.handle(userId, text, pending)) return;
      if (!live) return outbox.deliver(userId, { text: NOTHING_OPEN });
      if (live.status !== "invited") return passOn(live.requestId, live.championName, text, userId);
      const intent = await deps.understanding.interpretReply(text, {
        now: deps.clock(),
        timezone: live.timezone,
      });
      const actor = { userId };
      if (intent.kind === "question") return passOn(live.requestId, live.championName, text, userId);
      if (intent.kind === "unclear") return outbox.deliver(userId, clarifyMessage(live.invitationId));
      await answer(actor, live.invitationId, ANSWER_OF[intent.kind], {
        text,
        ...(intent.kind === "later" && intent.until ? { restUntil: intent.until } : {}),
      });
    },

    async schedule(actor: Actor, activityId: number, date: string): Promise<void> {
      await decide(
        actor,
        (tx) => markScheduled(tx, { activityId, date, lead: actor.userId }),
        `Scheduled for ${formatDay(date)} by ${mention(actor.userId)}.`,
        (tx) => deps.followUps.activityScheduled(activityId, date, tx),
      );
    },

    /** What the outcome form shows for an activity (null after telling the lead it is gone). */
    async outcomeForm(actor: Actor, activityId: number) {
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
      if (!deps.leads.has(actor.userId) && actor.userId !== requester)
        return tell(actor, "Only advocacy leads, or the rep who asked, can record an outcome.");
      await decide(
        actor,
        (tx) => markCompleted(tx, { activityId, lead: actor.userId, outcome }),
        `Outcome recorded by ${mention(actor.userId)}: ${outcome.held ? "it happened" : "it did not happen"}.`,
        async (tx) => {
          // Already won as well: one thank-you for the win, not two messages at once.
          if (outcome.held)
            await step(tx, {
              kind: "thank",
              activityId,
              trigger: outcome.dealResult === "won" ? "deal_won" : "completed",
            });
        },
      );
    },

    /** Queues the thanks for a won deal with the change that records it. */
    thankLater: (tx: Database, activityId: number) =>
      step(tx, { kind: "thank", activityId, trigger: "deal_won" }),
  };
}

export type Workflow = ReturnType<typeof createWorkflow>;
