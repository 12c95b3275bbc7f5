// `npx tsx scripts/digest-example.ts [out.png]`: the README's digest picture (docs/digest-example.png),
// from the demo roster and a week of requests driven through the app's own steps, in a throwaway
// in-memory database.

import { writeFile } from "node:fs/promises";
import { nodeIo } from "../src/cli/io";
import { runCli } from "../src/cli/program";
import { emptyRequest, type RequestFields } from "../src/core/domain";
import { openDatabase } from "../src/db/client";
import { loadProgramMetrics } from "../src/db/report-repository";
import {
  answerInvitation,
  approveCandidate,
  createRequest,
  loadRequestView,
  markCompleted,
  markScheduled,
  recordProposal,
} from "../src/db/requests-repository";
import { createRosterSnapshotSource } from "../src/db/roster-snapshot";
import { renderDigestChart } from "../src/digest/chart";
import { DIGEST_WINDOW_DAYS } from "../src/digest/digest";
import { createMatcher, deterministicParser } from "../src/services/matcher";

const out = process.argv[2] ?? "docs/digest-example.png";
const DEFAULT_CAPACITY = 4;
const LEAD = "U0LEAD0001";
const now = () => new Date();

// How far each of the week's requests got.
const STAGES = [
  ...Array<"request">(2).fill("request"),
  ...Array<"proposed">(4).fill("proposed"),
  ...Array<"invited">(3).fill("invited"),
  ...Array<"accepted">(2).fill("accepted"),
  ...Array<"scheduled">(2).fill("scheduled"),
  ...Array<"completed">(2).fill("completed"),
] as const;
const INDUSTRIES = ["fintech", "banking", "healthcare", "retail", "software", "insurance", "logistics"];

const handle = await openDatabase({ url: undefined, dataDir: "memory://digest-example" });
const { db } = handle;
try {
  const io = { ...nodeIo(false), stdout: () => {} };
  const seeded = await runCli(["demo"], {
    io,
    clock: now,
    defaultCapacity: DEFAULT_CAPACITY,
    openDatabase: async () => ({ ...handle, close: async () => {} }),
  });
  if (seeded !== 0) throw new Error("the demo roster did not load");

  const matcher = createMatcher({
    snapshots: createRosterSnapshotSource(db, now),
    parser: deterministicParser,
    clock: now,
    defaultCapacity: DEFAULT_CAPACITY,
  });
  for (const [index, stage] of STAGES.entries()) {
    const fields: RequestFields = {
      ...emptyRequest(),
      industry: INDUSTRIES[index % INDUSTRIES.length] ?? null,
      activities: ["reference_call"],
    };
    const requestId = await createRequest(db, {
      source: "cli",
      requestedBy: `U0REP0000${index % 3}`,
      rawText: `${fields.industry} reference call`,
      fields,
      notes: "",
    });
    if (stage === "request") continue;
    await recordProposal(db, requestId, (await matcher.propose(fields, 3)).candidates, "refdesk");
    if (stage === "proposed") continue;
    const candidate = (await loadRequestView(db, requestId))?.proposal?.candidates[0];
    const approved = await approveCandidate(db, { candidateId: candidate?.id ?? 0, lead: LEAD });
    if (!approved.ok) throw new Error(`request ${requestId} could not be approved`);
    if (stage === "invited") continue;
    await answerInvitation(db, {
      invitationId: approved.value.invitationId,
      answer: "accepted",
      by: { lead: LEAD },
      now: now(),
    });
    if (stage === "accepted") continue;
    const activityId = (await loadRequestView(db, requestId))?.activity?.id ?? 0;
    await markScheduled(db, { activityId, date: new Date().toISOString().slice(0, 10), lead: LEAD });
    if (stage === "scheduled") continue;
    await markCompleted(db, {
      activityId,
      lead: LEAD,
      outcome: { held: true, championRating: 5, dealResult: "open", dealValue: "40000", notes: "" },
    });
  }

  const metrics = await loadProgramMetrics(db, {
    now: now(),
    windowDays: DIGEST_WINDOW_DAYS,
    defaultCapacity: DEFAULT_CAPACITY,
  });
  await writeFile(out, await renderDigestChart(metrics));
  console.log(`Wrote ${out}: ${JSON.stringify(metrics.requests.byStatus)}`);
} finally {
  await handle.close();
}
