import { createHmac } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Logger, LogLevel } from "@slack/bolt";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach } from "vitest";
import { rowsOf } from "../../src/db/bulk-sql";
import { type DatabaseHandle, isDatabaseUnavailable } from "../../src/db/client";
import { importChampions } from "../../src/db/roster-repository";
import { createRosterSnapshotSource } from "../../src/db/roster-snapshot";
import { EMAIL_JOB } from "../../src/email/email-outbox";
import { smtpMailer } from "../../src/email/mailer";
import type { SlackSettings } from "../../src/env";
import { createJobQueue, type JobQueue, type JobQueueOptions } from "../../src/jobs/queue";
import { parseChampionsCsv } from "../../src/roster/champions-csv";
import { createMatcher, deterministicParser } from "../../src/services/matcher";
import { deterministicUnderstanding, type Understanding } from "../../src/services/understanding";
import type { ActivitySteps } from "../../src/slack/activity-steps";
import { APP_QUEUES, createSlackApp } from "../../src/slack/app";
import type { FollowUpSettings } from "../../src/slack/follow-ups";
import { settleInFlight } from "../../src/slack/in-flight";
import { OUTBOX_JOB } from "../../src/slack/outbox";
import type { RecognitionReply } from "../../src/slack/recognizer";
import type { Workflow } from "../../src/workflow/request-workflow";
import { STEP_JOB } from "../../src/workflow/steps";
import { NOW } from "./builders";
import { freePort } from "./processes";
import { BOT_USER_ID, type RecordedCall, type SlackApiStandIn, startSlackApi } from "./slack-api";

// The real Bolt app in HTTP mode on a free port, talking to a local Slack Web API stand-in, driven
// by correctly signed requests as Slack would send them.

export const SIGNING_SECRET = "test-signing-secret";
export const LEADS_CHANNEL = "C0LEADS";
export const LEAD = "U0LEAD";
export const TEST_LINK_SECRET = "test-link-secret-at-least-32-characters-long";

export interface TestSlackApp {
  api: SlackApiStandIn;
  /** The request's lifecycle, for work that starts outside Slack (scheduled jobs). */
  workflow: Workflow;
  /** The follow-through around activities, for the same reason. */
  steps: ActivitySteps;
  /** The job queue every step and message goes through. */
  jobs: JobQueue;
  url: string;
  /** The app's HTTP server (answer pages live under it). */
  baseUrl: string;
  /** POSTs a signed body to /slack/events. */
  send(
    body: string,
    contentType: string,
    options?: { timestamp?: number; signature?: string },
  ): Promise<Response>;
  command(input: { command: string; text: string; userId: string; channelId?: string }): Promise<Response>;
  action(input: {
    userId: string;
    actionId: string;
    value?: string;
    selectedOption?: string;
    selectedDate?: string;
    channelId?: string;
    messageTs?: string;
    /** The button sits in an ephemeral message (only its response URL can change it). */
    ephemeral?: boolean;
    /** The workspace the click comes from (the company's by default). */
    teamId?: string;
  }): Promise<Response>;
  submitView(input: {
    userId: string;
    callbackId: string;
    values: Record<string, Record<string, unknown>>;
    privateMetadata: string;
  }): Promise<Response>;
  /** Delivers an Events API event; `retry` adds the header Slack puts on its redeliveries. */
  event(input: {
    eventId: string;
    event: Record<string, unknown>;
    retry?: number;
    /** The workspace the event comes from (the company's by default). */
    teamId?: string;
  }): Promise<Response>;
  /**
   * Waits until no request is still being handled and no queued step or message is due or running;
   * with `followUps`, no timed follow-up either (for an app whose follow-ups a test works itself).
   */
  settle(options?: { followUps?: boolean }): Promise<void>;
  /**
   * Resolves once the app has recorded `proposal` (a post it made, once answered) as its request's
   * thread: a lead sees a message only after Slack has answered the app, which records it at once.
   */
  threadRecorded(proposal: RecordedCall): Promise<void>;
  /**
   * Takes the error lines the app logged that match: a test that expects an error asserts on it
   * here; whatever no test took is printed when the app stops.
   */
  takeErrors(pattern: RegExp): string[];
  stop(): Promise<void>;
}

/** Bolt's logger, keeping the app's error lines (nothing below) for the test to take. */
export function keptErrors(lines: string[]): Logger {
  let level = LogLevel.ERROR;
  return {
    debug: () => {},
    info: () => {},
    warn: () => {},
    error: (...messages: unknown[]) => {
      lines.push(
        messages.map((message) => (message instanceof Error ? message.message : String(message))).join(" "),
      );
    },
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/** The headers of a request as Slack signs it (a given signature stands in for a forged one). */
export function signedHeaders(
  body: string,
  contentType: string,
  signing: { timestamp?: number; signature?: string } = {},
): Record<string, string> {
  const timestamp = signing.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    "content-type": contentType,
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": signing.signature ?? sign(body, timestamp),
  };
}

let triggers = 0;

/** Far enough out that no test meets a timed follow-up unless it asks for one. */
const NO_FOLLOW_UPS: FollowUpSettings = {
  nudgeAfterHours: 720,
  expireAfterHours: 720,
  dealAskAfterDays: 365,
};

export async function startTestSlackApp(
  handle: DatabaseHandle,
  options: {
    clock?: () => Date;
    understanding?: Understanding;
    recognitionReply?: RecognitionReply;
    /** When follow-ups fall due; a month out by default (most tests are not about them). */
    followUps?: FollowUpSettings;
    /** Where public shout-outs go; none by default. */
    shoutoutChannel?: string;
    /** A Web API call's timeout (the app's ten seconds by default). */
    slackTimeoutMs?: number;
    /** False: follow-ups are planned but wait for a worker the test starts (workFollowUps). */
    followUpWorkers?: boolean;
    /** How soon a lost job runs again (production's minutes by default). */
    jobTiming?: Pick<JobQueueOptions, "expireInSeconds" | "maintenanceIntervalSeconds" | "retryDelaySeconds">;
    /** Email invitations through this SMTP server; off by default. */
    smtpUrl?: string;
    /** Other workspaces may install the app (Slack's OAuth flow); the company's is T0001. */
    oauth?: boolean;
  } = {},
): Promise<TestSlackApp> {
  const db = handle.db;
  // The queue's own failures: a database away is expected in outage tests; anything else fails `stop`.
  const queueErrors: Error[] = [];
  const errorLines: string[] = [];
  const jobs = createJobQueue(handle.jobs, {
    ...options.jobTiming,
    pollingIntervalSeconds: 0.5,
    onError: (error) => {
      if (!isDatabaseUnavailable(error)) queueErrors.push(error);
    },
  });
  await jobs.start(APP_QUEUES);
  const api = await startSlackApi();
  const clock = options.clock ?? (() => NOW);
  const matcher = createMatcher({
    snapshots: createRosterSnapshotSource(db, clock),
    parser: deterministicParser,
    clock,
    defaultCapacity: 4,
  });
  const settings: SlackSettings = {
    mode: "http",
    botToken: "xoxb-test",
    signingSecret: SIGNING_SECRET,
    port: await freePort(),
    apiUrl: api.url,
    advocacyChannel: LEADS_CHANNEL,
    leads: [LEAD],
    ...(options.oauth
      ? {
          oauth: {
            clientId: "111.222",
            clientSecret: "client-secret",
            stateSecret: "state-secret-for-tests",
          },
        }
      : {}),
  };
  const { app, workflow, steps, work } = createSlackApp({
    settings,
    ...(options.oauth ? { identity: { botId: "BBOT0001", botUserId: BOT_USER_ID, teamId: "T0001" } } : {}),
    db,
    matcher,
    understanding: options.understanding ?? deterministicUnderstanding,
    recognitionReply: options.recognitionReply ?? "ephemeral",
    shoutoutChannel: options.shoutoutChannel,
    followUps: options.followUps ?? NO_FOLLOW_UPS,
    jobs,
    clock,
    logLevel: "error",
    logger: keptErrors(errorLines),
    retryConfig: { retries: 0 },
    ...(options.slackTimeoutMs ? { slackTimeoutMs: options.slackTimeoutMs } : {}),
    ...(options.smtpUrl
      ? {
          email: {
            mailer: await smtpMailer({
              url: options.smtpUrl,
              from: "Acme Customer Programs <advocacy@acme.example>",
              timeoutMs: 5000,
            }),
            linkSecret: TEST_LINK_SECRET,
            publicUrl: `http://127.0.0.1:${settings.port}`,
            brand: { companyName: "Acme", brandColor: "#4a154b" },
            retryBaseMs: 200,
          },
        }
      : {}),
  });
  const server = (await app.start(settings.port)) as Server;
  await work({ followUps: options.followUpWorkers ?? true });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;

  const send: TestSlackApp["send"] = (body, contentType, signing = {}) =>
    fetch(url, { method: "POST", headers: signedHeaders(body, contentType, signing), body });
  const sendPayload = (payload: object) =>
    send(
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      "application/x-www-form-urlencoded",
    );
  const team = { id: "T0001", domain: "acme" };

  /** Jobs due now that the app's workers have not finished: its background work still to do. */
  const worked = options.followUpWorkers === false ? [STEP_JOB, OUTBOX_JOB, EMAIL_JOB] : APP_QUEUES;
  const dueJobs = async (queues: readonly string[]): Promise<number> => {
    const result = await db.execute(
      sql`select count(*)::int as due from refdesk_jobs.job
          where state in ('created', 'retry', 'active') and start_after <= now()
          and name in (${sql.join(
            queues.map((name) => sql`${name}`),
            sql`, `,
          )})`,
    );
    return rowsOf<{ due: number }>(result)[0]?.due ?? 0;
  };

  return {
    api,
    workflow,
    steps,
    jobs,
    url,
    baseUrl: `http://127.0.0.1:${settings.port}`,
    send,
    command: ({ command, text, userId, channelId = "C0SALES" }) =>
      send(
        new URLSearchParams({
          token: "legacy",
          team_id: team.id,
          team_domain: team.domain,
          channel_id: channelId,
          channel_name: "sales",
          user_id: userId,
          user_name: userId.toLowerCase(),
          command,
          text,
          api_app_id: "A0001",
          response_url: `${api.url}response_url`,
          trigger_id: `trigger-${++triggers}`,
        }).toString(),
        "application/x-www-form-urlencoded",
      ),
    action: (input) =>
      sendPayload({
        type: "block_actions",
        team: input.teamId ? { id: input.teamId, domain: "elsewhere" } : team,
        user: { id: input.userId, team_id: input.teamId ?? team.id },
        api_app_id: "A0001",
        trigger_id: `trigger-${++triggers}`,
        response_url: `${api.url}response_url`,
        channel: { id: input.channelId ?? LEADS_CHANNEL },
        container: {
          type: "message",
          message_ts: input.messageTs ?? "1.000100",
          channel_id: input.channelId ?? LEADS_CHANNEL,
          is_ephemeral: input.ephemeral ?? false,
        },
        message: { ts: input.messageTs ?? "1.000100", text: "" },
        actions: [
          {
            type: input.selectedDate ? "datepicker" : input.selectedOption ? "static_select" : "button",
            action_id: input.actionId,
            block_id: "b",
            action_ts: "1.0",
            ...(input.value ? { value: input.value } : {}),
            ...(input.selectedOption
              ? { selected_option: { value: input.selectedOption, text: { type: "plain_text", text: "x" } } }
              : {}),
            ...(input.selectedDate ? { selected_date: input.selectedDate } : {}),
          },
        ],
      }),
    submitView: (input) =>
      sendPayload({
        type: "view_submission",
        team,
        user: { id: input.userId, team_id: team.id },
        api_app_id: "A0001",
        trigger_id: `trigger-${++triggers}`,
        view: {
          id: "V1",
          type: "modal",
          callback_id: input.callbackId,
          private_metadata: input.privateMetadata,
          state: { values: input.values },
          hash: "h",
        },
      }),
    event: ({ eventId, event, retry, teamId }) => {
      const body = JSON.stringify({
        token: "legacy",
        team_id: teamId ?? team.id,
        api_app_id: "A0001",
        type: "event_callback",
        event_id: eventId,
        event_time: Math.floor(Date.now() / 1000),
        event: { event_ts: "1.0", ts: "1.0", ...event },
      });
      return fetch(url, {
        method: "POST",
        headers: {
          ...signedHeaders(body, "application/json"),
          ...(retry ? { "x-slack-retry-num": String(retry), "x-slack-retry-reason": "http_timeout" } : {}),
        },
        body,
      });
    },
    async settle({ followUps = false } = {}) {
      const queues = followUps ? APP_QUEUES : worked;
      const deadline = Date.now() + 20_000;
      // Twice in a row: a listener's commit wakes a worker, and a job's successor is queued before
      // the job completes, so two quiet looks with nothing in between mean nothing is left to run.
      for (let quiet = 0; quiet < 2; ) {
        const drained = await settleInFlight(app, Math.max(0, deadline - Date.now()));
        quiet = drained && (await dueJobs(queues)) === 0 ? quiet + 1 : 0;
        if (Date.now() > deadline) throw new Error("the app's background work did not settle within 20 s");
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async threadRecorded(proposal) {
      // Held, or refused: Slack gave the app no message to record.
      if (proposal.answer?.ok !== true) return;
      const ts = proposal.answer.ts;
      if (typeof ts !== "string") throw new Error("the stand-in answered a post without its ts");
      const deadline = Date.now() + 10_000;
      for (;;) {
        const result = await db.execute(sql`select 1 from reference_requests where lead_thread_ts = ${ts}`);
        if (rowsOf(result).length > 0) return;
        if (Date.now() > deadline)
          throw new Error(`the proposal ${ts} was not recorded as a thread within 10 s`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    takeErrors(pattern) {
      const taken = errorLines.filter((line) => pattern.test(line));
      errorLines.splice(0, errorLines.length, ...errorLines.filter((line) => !pattern.test(line)));
      return taken;
    },
    async stop() {
      await app.stop();
      await jobs.stop(2000);
      await api.close();
      for (const line of errorLines) console.error(`[app error no test expected] ${line}`);
      if (queueErrors.length > 0) throw queueErrors[0];
    },
  };
}

/**
 * Registers hooks that give each test of the file the real app on `database`, with `roster`
 * (a champions.csv) imported first, and settle and stop it after the test. What it returns is the
 * running test's app.
 */
export function useSlackApp(database: { readonly handle: DatabaseHandle }, roster: string): TestSlackApp {
  let running: TestSlackApp | undefined;
  beforeEach(async () => {
    await importChampions(database.handle.db, parseChampionsCsv(roster), "test");
    running = await startTestSlackApp(database.handle);
  });
  afterEach(async () => {
    await running?.settle();
    await running?.stop();
    running = undefined;
  });
  return new Proxy({} as TestSlackApp, {
    get(_, key) {
      if (!running) throw new Error("the app runs only inside a test");
      return Reflect.get(running, key);
    },
  });
}

/** The state Slack would submit for a modal left as the app prefilled it. */
export function valuesAsPrefilled(view: { blocks: unknown[] }): Record<string, Record<string, unknown>> {
  const values: Record<string, Record<string, unknown>> = {};
  for (const block of view.blocks as {
    type: string;
    block_id?: string;
    element?: Record<string, unknown>;
  }[]) {
    if (block.type !== "input" || !block.block_id || !block.element) continue;
    const element = block.element;
    const actionId = String(element.action_id);
    const state: Record<string, unknown> = { type: element.type };
    if ("initial_value" in element) state.value = element.initial_value;
    if ("initial_option" in element) state.selected_option = element.initial_option;
    if ("initial_options" in element) state.selected_options = element.initial_options;
    if ("initial_date" in element) state.selected_date = element.initial_date;
    if ("initial_user" in element) state.selected_user = element.initial_user;
    values[block.block_id] = { [actionId]: state };
  }
  return values;
}

/** The form body Slack sends when `userId` submits the request form as the app prefilled it. */
export function requestFormSubmitted(
  view: { private_metadata: string; blocks: unknown[] },
  userId: string,
): string {
  return new URLSearchParams({
    payload: JSON.stringify({
      type: "view_submission",
      team: { id: "T0001", domain: "acme" },
      user: { id: userId, team_id: "T0001" },
      api_app_id: "A0001",
      view: {
        id: "V1",
        type: "modal",
        callback_id: "request.submit",
        private_metadata: view.private_metadata,
        state: { values: valuesAsPrefilled(view) },
        hash: "h",
      },
    }),
  }).toString();
}

/** Every action_id in a recorded call's blocks, in order. */
export const actionIds = (call: Pick<RecordedCall, "args">): string[] =>
  JSON.stringify(call.args.blocks ?? [])
    .match(/"action_id":"([^"]+)"/g)
    ?.map((match) => match.slice(13, -1)) ?? [];

/** A waitFor predicate: the call's blocks carry an action_id starting with `prefix`. */
export const hasAction = (prefix: string) => (args: Record<string, unknown>) =>
  actionIds({ args }).some((id) => id.startsWith(prefix));

/** A rep asks with /reference and submits the prefilled form as is; resolves with the leads' proposal. */
export async function requestThroughForm(
  slack: TestSlackApp,
  text: string,
  rep: string,
): Promise<RecordedCall> {
  await slack.command({ command: "/reference", text, userId: rep });
  const opened = await slack.api.waitFor("views.open", (args) =>
    JSON.stringify(args.view).includes('"callback_id":"request.submit"'),
  );
  const view = opened.args.view as { private_metadata: string; blocks: unknown[] };
  await slack.submitView({
    userId: rep,
    callbackId: "request.submit",
    values: valuesAsPrefilled(view),
    privateMetadata: view.private_metadata,
  });
  const proposal = await slack.api.waitFor(
    "chat.postMessage",
    (args) => args.channel === LEADS_CHANNEL && hasAction("proposal.approve:")(args),
  );
  await slack.threadRecorded(proposal);
  return proposal;
}

/** The lead approves the proposal's first candidate (however the invitation then goes out). */
export async function approveFirstCandidate(slack: TestSlackApp, proposal: RecordedCall): Promise<void> {
  const [approve] = actionIds(proposal).filter((id) => id.startsWith("proposal.approve:"));
  await slack.action({ userId: LEAD, actionId: approve ?? "" });
}

/** The lead approves the proposal's first candidate; resolves with the invitation DM'd to `champion`. */
export async function approveFirst(slack: TestSlackApp, proposal: RecordedCall, champion: string) {
  await approveFirstCandidate(slack, proposal);
  return slack.api.waitFor("chat.postMessage", (args) => args.channel === champion);
}

/** Resolves with the first line in the leads' channel (or thread) whose text matches. */
export const leadsLine = (slack: TestSlackApp, pattern: RegExp) =>
  slack.api.waitFor(
    "chat.postMessage",
    (args) => args.channel === LEADS_CHANNEL && pattern.test(String(args.text)),
  );
