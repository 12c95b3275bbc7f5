// One app under test for bench/ack.ts, in its own process, built by it:
// `node dist/bench/ack-target.mjs bare|anchor|refdesk <slack api url>`. `bare` only acks;
// `anchor` is the fair comparison, a minimal Bolt app that acks and opens the very form refdesk
// opens for the bench's request (built once, before the load); `refdesk` is the app. Prints
// "ready <port>" once it listens; asked "cpu" over IPC, answers the CPU time it has used.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, LogLevel } from "@slack/bolt";
import { toIsoDate } from "../src/core/dates";
import { openDatabase } from "../src/db/client";
import { importChampions } from "../src/db/roster-repository";
import { createRosterSnapshotSource } from "../src/db/roster-snapshot";
import { generateDemoProgram } from "../src/demo/generate";
import { createJobQueue } from "../src/jobs/queue";
import { championsToCsv, parseChampionsCsv } from "../src/roster/champions-csv";
import { createMatcher, deterministicParser } from "../src/services/matcher";
import { deterministicUnderstanding } from "../src/services/understanding";
import { APP_QUEUES, createSlackApp } from "../src/slack/app";
import { requestModal } from "../src/slack/blocks/request-modal";
import { encodeRequestMetadata } from "../src/slack/payloads";
import { SIGNING_SECRET } from "../test/support/slack-app";
import { cpuMicros } from "./cpu";
import { BENCH_REQUEST } from "./request";

const [kind, apiUrl = ""] = process.argv.slice(2);

async function bareApp(): Promise<App> {
  const app = new App({
    token: "xoxb-bench",
    signingSecret: SIGNING_SECRET,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: apiUrl, retryConfig: { retries: 0 } },
  });
  app.command("/reference", async ({ ack }) => {
    await ack();
  });
  return app;
}

/** The demo roster refdesk serves, and the matcher over it. */
async function program() {
  const database = await openDatabase({ dataDir: "memory://" });
  const now = new Date();
  const demo = generateDemoProgram({ champions: 1000, today: toIsoDate(now), seed: 3 });
  await importChampions(database.db, parseChampionsCsv(championsToCsv(demo.champions)), "bench");
  const snapshots = createRosterSnapshotSource(database.db, () => now);
  await snapshots.current();
  const matcher = createMatcher({
    snapshots,
    parser: deterministicParser,
    clock: () => now,
    defaultCapacity: 4,
  });
  return { database, now, matcher };
}

async function anchorApp(): Promise<App> {
  const { matcher } = await program();
  const view = requestModal({
    fields: (await matcher.parse(BENCH_REQUEST)).request,
    notes: "",
    products: await matcher.products(),
    privateMetadata: encodeRequestMetadata({
      source: "slash_command",
      channelId: "C0SALES",
      messageTs: null,
      rawText: BENCH_REQUEST,
    }),
  });
  const app = new App({
    token: "xoxb-bench",
    signingSecret: SIGNING_SECRET,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: apiUrl, retryConfig: { retries: 0 } },
  });
  app.command("/reference", async ({ ack, client, command }) => {
    await ack();
    await client.views.open({ trigger_id: command.trigger_id, view });
  });
  return app;
}

async function refdesk(): Promise<App> {
  const { database, now, matcher } = await program();
  // Started as in production; /reference itself queues nothing.
  const jobs = createJobQueue(database.jobs, { onError: (error) => console.error(error) });
  await jobs.start(APP_QUEUES);
  const { app } = createSlackApp({
    settings: {
      mode: "http",
      botToken: "xoxb-bench",
      signingSecret: SIGNING_SECRET,
      port: 0,
      apiUrl,
      advocacyChannel: "C0LEADS",
      leads: ["U0LEAD"],
    },
    db: database.db,
    matcher,
    understanding: deterministicUnderstanding,
    recognitionReply: "ephemeral",
    followUps: { nudgeAfterHours: 48, expireAfterHours: 48, dealAskAfterDays: 30 },
    jobs,
    clock: () => now,
    logLevel: "error",
    retryConfig: { retries: 0 },
  });
  return app;
}

const app = kind === "bare" ? await bareApp() : kind === "anchor" ? await anchorApp() : await refdesk();
const server = (await app.start(0)) as Server;
// A clean exit on the bench's SIGTERM, so `NODE_OPTIONS=--cpu-prof npm run bench:ack` writes profiles.
process.on("SIGTERM", () => process.exit(0));
process.on("message", (message) => {
  if (message === "cpu") process.send?.(cpuMicros());
});
console.log(`ready ${(server.address() as AddressInfo).port}`);
