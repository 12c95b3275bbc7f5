import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  activities,
  auditLog,
  champions,
  decisions,
  invitations,
  proposals,
  referenceRequests,
} from "../../src/db/schema";
import { NOW } from "../support/builders";
import { cliOn, useTempDir } from "../support/cli";
import { testEngine, useTestDatabase } from "../support/database";

// `refdesk demo` loads a program with a past: requests taken through the lifecycle, so that the
// report and the weekly digest have numbers from the first minute.

const database = useTestDatabase();
const tmp = useTempDir("refdesk-demo-");
const refdesk = cliOn(database);

/** Rows per table the demo fills: a second run must leave each as it was (it audits its import only). */
async function rowCounts() {
  const tables = { champions, activities, referenceRequests, proposals, decisions, invitations };
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await database.db.select({ rows: count() }).from(table);
    counts[name] = row?.rows ?? 0;
  }
  return counts;
}

describe(`demo CLI on ${testEngine}`, () => {
  it("loads six weeks of past requests that report and the digest count, once", async () => {
    const loaded = await refdesk("demo");
    expect(loaded).toMatchObject({ code: 0, stderr: "" });
    expect(loaded.stdout).toMatch(/^Demo program loaded: 60 champions added .*, 18 past requests\.\n/);

    const report = JSON.parse((await refdesk("report", "--json")).stdout);
    expect(report.requests.total).toBe(18);
    for (const status of ["proposed", "invited", "accepted", "scheduled", "completed"])
      expect(report.requests.byStatus[status], status).toBeGreaterThan(0);
    expect(report.acceptance.answered).toBeGreaterThan(report.acceptance.accepted);
    expect(report.acceptance.accepted).toBeGreaterThan(0);
    expect(report.timeTo.approval.requests).toBeGreaterThan(0);
    expect(report.influencedPipeline.deals).toBeGreaterThan(0);

    const digest = await refdesk("digest", "--out", `${tmp.path}/week.png`);
    expect(digest.code).toBe(0);
    expect(digest.stdout).toContain("  Requests opened: 8\n");
    expect(digest.stdout).toMatch(/ {2}Acceptance rate: \d+% \([1-9]\d* of [1-9]\d*\)\n/);
    expect(digest.stdout).toMatch(/ {2}Asks to gives: [1-9]\d* asks/);

    const before = await rowCounts();
    const again = await refdesk("demo");
    expect(again.stdout).toMatch(
      /^The demo program \(seed 42, 60 champions\) is already loaded: nothing to add\./,
    );
    expect(await rowCounts()).toEqual(before);
  });

  it("takes each request through the lifecycle's own steps, dated in the past", async () => {
    await refdesk("demo");
    const requests = await database.db.select().from(referenceRequests);
    for (const request of requests) {
      expect(request.source).toBe("demo");
      expect(request.createdAt.getTime()).toBeLessThan(NOW.getTime());
      expect(request.createdAt.getTime()).toBeGreaterThan(NOW.getTime() - 42 * 86_400_000);
      // Every change of status is the audited, conditional transition the app makes.
      const audited = await database.db
        .select({ to: auditLog.toStatus })
        .from(auditLog)
        .where(and(eq(auditLog.entityType, "request"), eq(auditLog.entityId, String(request.id))));
      expect(audited.map((row) => row.to)).toContain(request.status);
    }
    // Every invitation was approved by a lead from a proposal, and sent before it was answered.
    for (const invitation of await database.db.select().from(invitations)) {
      expect(invitation.candidateId).not.toBeNull();
      if (invitation.answeredAt) expect(invitation.answeredAt > invitation.sentAt).toBe(true);
    }
    expect(await database.db.select().from(decisions)).toHaveLength(
      (await database.db.select().from(invitations)).length,
    );
  });
});
