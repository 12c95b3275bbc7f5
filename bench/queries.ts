// `npm run bench:queries`: the SQL statements one submitted request costs, from the form's
// submission to the proposal in the leads' channel and the rep's status, both recorded: the app's own statements and the job queue's, counted at the
// embedded engine. Prints the count and what it was before the durable workflow; never asserts.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { toIsoDate } from "../src/core/dates";
import { openDatabase } from "../src/db/client";
import { importChampions } from "../src/db/roster-repository";
import { createRosterSnapshotSource } from "../src/db/roster-snapshot";
import { referenceRequests } from "../src/db/schema";
import { generateDemoProgram } from "../src/demo/generate";
import { createJobQueue } from "../src/jobs/queue";
import { championsToCsv, parseChampionsCsv } from "../src/roster/champions-csv";
import { createMatcher, deterministicParser } from "../src/services/matcher";
import { deterministicUnderstanding } from "../src/services/understanding";
import { APP_QUEUES, createSlackApp } from "../src/slack/app";
import { startSlackApi } from "../test/support/slack-api";
import { hasAction, requestFormSubmitted, SIGNING_SECRET, signedHeaders } from "../test/support/slack-app";

/** Counted by the issue that asked for the durable workflow, on the code before it. */
const BEFORE = 39;
const REQUESTS = 5;

// `-- --list` prints the last request's statements, one line each.
const list = process.argv.includes("--list");
let statements = 0;
let texts: string[] = [];
const database = await openDatabase({
  dataDir: "memory://",
  onStatement: (text) => {
    statements++;
    if (list) texts.push(text.replace(/\s+/g, " ").slice(0, 160));
  },
});
const now = new Date();
const demo = generateDemoProgram({ champions: 1000, today: toIsoDate(now), seed: 3 });
await importChampions(database.db, parseChampionsCsv(championsToCsv(demo.champions)), "bench");
const snapshots = createRosterSnapshotSource(database.db, () => now);
await snapshots.current();
// Workers fetch when woken by a commit; no idle poll falls inside the measured window.
const jobs = createJobQueue(database.jobs, {
  pollingIntervalSeconds: 60,
  onError: (error) => console.error(error),
});
await jobs.start(APP_QUEUES);
const api = await startSlackApi();
const { app, work } = createSlackApp({
  settings: {
    mode: "http",
    botToken: "xoxb-bench",
    signingSecret: SIGNING_SECRET,
    port: 0,
    apiUrl: api.url,
    advocacyChannel: "C0LEADS",
    leads: ["U0LEAD"],
  },
  identity: { botId: "BBOT", botUserId: "UBOT", teamId: "T0001" },
  db: database.db,
  matcher: createMatcher({ snapshots, parser: deterministicParser, clock: () => now, defaultCapacity: 4 }),
  understanding: deterministicUnderstanding,
  recognitionReply: "off",
  followUps: { nudgeAfterHours: 48, expireAfterHours: 48, dealAskAfterDays: 30 },
  jobs,
  clock: () => now,
  logLevel: "error",
  retryConfig: { retries: 0 },
});
const server = (await app.start(0)) as Server;
await work();
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
const post = (body: string) =>
  fetch(url, { method: "POST", headers: signedHeaders(body, "application/x-www-form-urlencoded"), body });

const counts: number[] = [];
for (let i = 1; i <= REQUESTS; i++) {
  api.reset();
  await post(
    new URLSearchParams({
      command: "/reference",
      text: "need an EMEA fintech CFO to talk to Acme by Friday",
      user_id: "U0REP",
      channel_id: "C0SALES",
      team_id: "T0001",
      trigger_id: `trigger-${i}`,
    }).toString(),
  );
  const view = (await api.waitFor("views.open")).args.view as { private_metadata: string; blocks: unknown[] };
  statements = 0;
  texts = [];
  await post(requestFormSubmitted(view, "U0REP"));
  await api.waitFor(
    "chat.postMessage",
    (args) => args.channel === "C0LEADS" && hasAction("proposal.approve:")(args),
  );
  // The rep's status, posted with the proposal.
  await api.waitFor("chat.postMessage", (args) => args.channel === "U0REP");
  let seen = -1;
  while (seen !== api.calls.length) {
    seen = api.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  counts.push(statements);
  const due = await database.db.execute(
    sql`select count(*)::int as n from refdesk_jobs.job where state in ('created', 'retry', 'active') and start_after <= now()`,
  );
  const left = ((due as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0) as number;
  const [stored] = await database.db
    .select()
    .from(referenceRequests)
    .where(sql`${referenceRequests.id} = ${i}`);
  if (left > 0 || !stored?.leadThreadTs || !stored.repMessageTs) console.error(`request ${i} not settled`);
}

if (list) for (const [index, text] of texts.entries()) console.log(`${index + 1}. ${text}`);
counts.sort((a, b) => a - b);
const median = counts[Math.floor(counts.length / 2)] ?? 0;
console.log("SQL statements per submitted request (embedded engine, the job queue's included)");
console.log(`  before the durable workflow: ${BEFORE}`);
console.log(
  `  now: median ${median} over ${REQUESTS} requests (${counts.join(", ")}); ratio ${(median / BEFORE).toFixed(2)}×`,
);
await app.stop();
await jobs.stop(1000);
await api.close();
await database.close();
