import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { createJobQueue, type JobQueue, jobIdFor } from "../../src/jobs/queue";
import { testEngine, useTestDatabase } from "../support/database";

// The real pg-boss on the real engines: on the server each queue has its own pool (as two app
// instances would); on the embedded engine they share its one connection.

const database = useTestDatabase();
const started: JobQueue[] = [];

async function queue(pollingIntervalSeconds = 0.5): Promise<JobQueue> {
  const created = createJobQueue(database.handle.jobs, {
    pollingIntervalSeconds,
    onError: (error) => {
      throw error;
    },
  });
  await created.start();
  started.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((q) => q.stop()));
});

const past = () => new Date(Date.now() - 60_000);

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out waiting for jobs");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The states of a queue's jobs, as pg-boss holds them. */
async function states(name: string): Promise<string[]> {
  const result = await database.db.execute(
    sql`select state from refdesk_jobs.job where name = ${name} order by start_after`,
  );
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { state: string }[];
  return rows.map((row) => row.state);
}

/** Waits until none of the queue's jobs due by now is waiting, running or set to retry. */
const doneWith = (name: string) =>
  until(async () => {
    const result = await database.db.execute(
      sql`select count(*)::int as open from refdesk_jobs.job
          where name = ${name} and state in ('created', 'retry', 'active') and start_after <= now()`,
    );
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
      open: number;
    }[];
    return rows[0]?.open === 0;
  });

describe(`the job queue on ${testEngine}`, () => {
  it("makes a stable UUID per key", () => {
    expect(jobIdFor("nudge:1")).toBe(jobIdFor("nudge:1"));
    expect(jobIdFor("nudge:1")).not.toBe(jobIdFor("nudge:2"));
    expect(jobIdFor("nudge:1")).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it("schedules a key once, and runs it once", async () => {
    const jobs = await queue();
    expect(await jobs.send("once_test", { n: 1 }, { at: past(), key: "a" })).toBe(true);
    expect(await jobs.send("once_test", { n: 2 }, { at: past(), key: "a" })).toBe(false);
    const seen: number[] = [];
    await jobs.work<{ n: number }>("once_test", async ({ n }) => {
      seen.push(n);
    });
    await doneWith("once_test");
    expect(await states("once_test")).toEqual(["completed"]);
    expect(seen).toEqual([1]);
  });

  it("runs each due job once with two workers on one database", async () => {
    const [first, second] = [await queue(), await queue()];
    const keys = Array.from({ length: 12 }, (_, i) => `k${i}`);
    for (const key of keys) await first.send("shared_test", { key }, { at: past(), key });
    const handled: { key: string; worker: string }[] = [];
    const handler = (worker: string) => async (data: { key: string }) => {
      handled.push({ key: data.key, worker });
    };
    await first.work("shared_test", handler("first"));
    await second.work("shared_test", handler("second"));
    await doneWith("shared_test");
    expect(await states("shared_test")).toEqual(keys.map(() => "completed"));
    expect(handled.map((h) => h.key).sort()).toEqual([...keys].sort());
  });

  it("keeps jobs across a restart, and leaves future ones alone", async () => {
    const before = await queue();
    await before.send("restart_test", { what: "due" }, { at: past(), key: "due" });
    await before.send(
      "restart_test",
      { what: "later" },
      { at: new Date(Date.now() + 3_600_000), key: "later" },
    );
    await before.stop();
    started.splice(started.indexOf(before), 1);

    const after = await queue();
    const seen: string[] = [];
    await after.work<{ what: string }>("restart_test", async ({ what }) => {
      seen.push(what);
    });
    await doneWith("restart_test");
    expect(await states("restart_test")).toEqual(["completed", "created"]);
    expect(seen).toEqual(["due"]);
  });

  it("declares a cron schedule once, however many instances declare it", async () => {
    const [first, second] = [await queue(), await queue()];
    await first.every("cron_test", "0 9 * * 1", "Europe/London");
    await second.every("cron_test", "0 9 * * 1", "Europe/London");
    const result = await database.db.execute(
      sql`select name, cron, timezone from refdesk_jobs.schedule where name = 'cron_test'`,
    );
    const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
    expect(rows).toEqual([{ name: "cron_test", cron: "0 9 * * 1", timezone: "Europe/London" }]);
  });

  it("runs a job sent while its only worker is busy as soon as the worker is free, not at its next poll", async () => {
    // A poll a minute apart: only a wake-up can run the second job within the wait below.
    const jobs = await queue(60);
    const seen: string[] = [];
    await jobs.work<{ step: string }>("busy_test", async ({ step }) => {
      seen.push(step);
      if (step === "first") await jobs.send("busy_test", { step: "second" });
    });
    await jobs.send("busy_test", { step: "first" });
    await until(() => seen.length === 2, 5_000);
    expect(seen).toEqual(["first", "second"]);
    await doneWith("busy_test");
    expect(await states("busy_test")).toEqual(["completed", "completed"]);
  });

  it("hands a job whose handler throws back to pg-boss's retries", async () => {
    const jobs = await queue();
    await jobs.work("failing_test", async () => {
      throw new Error("not yet");
    });
    await jobs.send("failing_test", {});
    await until(async () => (await states("failing_test"))[0] === "retry");
  });
});
