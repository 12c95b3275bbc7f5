import type { RequestFields } from "../core/domain";
import { atomically, type Database } from "../db/client";
import {
  answerInvitation,
  approveCandidate,
  askedChampionIds,
  claimNudge,
  closeUnansweredInvitation,
  createRequest,
  hasRequestsFrom,
  loadRequestView,
  markCompleted,
  markScheduled,
  recordProposal,
  type StepResult,
} from "../db/requests-repository";
import { createRosterSnapshotSource } from "../db/roster-snapshot";
import { createMatcher, deterministicParser, type Matcher } from "../services/matcher";
import { DEMO_LEAD, type DemoRequest, type DemoStep, planDemoRequests } from "./requests";

// Takes the demo's past requests through the same lifecycle steps the app's workflow takes (the
// repository's conditional writes: propose, approve, answer, expire, schedule, complete), dated
// when each happened. From the command line, so without Slack: nothing is posted and nothing is
// planned (an invitation still waiting gets no nudge). All in one transaction, and once: a
// database that has the demo's requests gets none again.

export interface DemoRequestOptions {
  now: Date;
  /** Capacity of champions without their own cap, as matching uses it. */
  defaultCapacity: number;
}

/** Loads the demo's requests unless they are there already; returns how many were added. */
export async function loadDemoRequests(db: Database, options: DemoRequestOptions): Promise<number> {
  return atomically(db, async (tx) => {
    if (await hasRequestsFrom(tx, "demo")) return 0;
    const clock = () => options.now;
    // Proposals see the roster as the demo found it: read once, however large the roster (reread
    // after each step, it would reload every champion each time); the demo's own asks count in
    // the report, not in its own proposals.
    const roster = await createRosterSnapshotSource(tx, clock).current();
    const matcher = createMatcher({
      snapshots: { current: async () => roster },
      parser: deterministicParser,
      clock,
      defaultCapacity: options.defaultCapacity,
    });
    const requests = planDemoRequests(options.now);
    for (const request of requests) await play(tx, matcher, request);
    return requests.length;
  });
}

/** Stores the request as the rep wrote it, then takes its steps until one finds nobody to propose. */
async function play(tx: Database, matcher: Matcher, request: DemoRequest): Promise<void> {
  const parsed = await deterministicParser.parse(request.text, {
    now: request.openedAt,
    products: await matcher.products(),
  });
  const requestId = await createRequest(tx, {
    source: "demo",
    requestedBy: request.rep,
    rawText: request.text,
    fields: parsed.request,
    notes: "",
    openedAt: request.openedAt,
  });
  for (const step of request.steps) {
    if (!(await take(tx, matcher, requestId, parsed.request, step))) return;
  }
}

/** One step; false when it found nobody to propose (the request waits, as in the app). */
async function take(
  tx: Database,
  matcher: Matcher,
  requestId: number,
  fields: RequestFields,
  step: DemoStep,
): Promise<boolean> {
  if (step.kind === "propose") {
    const { candidates } = await matcher.propose(fields, 3, await askedChampionIds(tx, requestId));
    await recordProposal(tx, requestId, candidates, "refdesk", { at: step.at });
    return candidates.length > 0;
  }
  const current = await loadRequestView(tx, requestId);
  const invitation = current?.invitation;
  const activityId = current?.activity?.id ?? 0;
  switch (step.kind) {
    case "approve": {
      const best = current?.proposal?.candidates[0];
      expectDone(
        await approveCandidate(tx, { candidateId: best?.id ?? 0, lead: DEMO_LEAD, at: step.at }),
        step,
      );
      return true;
    }
    case "answer": {
      // The champion answers in Slack; for one without Slack, a lead records their answer.
      const by = invitation?.championSlackId
        ? { slackUserId: invitation.championSlackId }
        : { lead: DEMO_LEAD };
      const answer = { invitationId: invitation?.id ?? 0, answer: step.answer, by, now: step.at };
      expectDone(await answerInvitation(tx, answer), step);
      return true;
    }
    case "expire":
      await claimNudge(tx, invitation?.id ?? 0, step.nudgedAt);
      expectDone(
        await closeUnansweredInvitation(tx, invitation?.id ?? 0, step.at, { status: "expired" }),
        step,
      );
      return true;
    case "schedule":
      expectDone(await markScheduled(tx, { activityId, date: step.date, lead: DEMO_LEAD }), step);
      return true;
    case "complete":
      expectDone(await markCompleted(tx, { activityId, lead: DEMO_LEAD, outcome: step.outcome }), step);
      return true;
  }
}

/** A refused step means the plan and the lifecycle disagree: a bug, so the demo loads nothing. */
function expectDone(result: StepResult<unknown>, step: DemoStep): void {
  if (!result.ok) throw new Error(`demo request step ${step.kind} refused: ${result.reason}`);
}
