import type { ServerResponse } from "node:http";
import type { CustomRoute, Logger, LogLevel } from "@slack/bolt";
import { type RetryOptions, WebClient } from "@slack/web-api";
import { sql } from "drizzle-orm";
import { describeError, isAppError } from "../core/errors";
import { type Database, isDatabaseUnavailable } from "../db/client";
import { createEmailOutbox, EMAIL_JOB } from "../email/email-outbox";
import { answerLinks } from "../email/links";
import type { Mailer } from "../email/mailer";
import type { Brand } from "../email/messages";
import type { SlackSettings } from "../env";
import type { JobQueue } from "../jobs/queue";
import type { Matcher } from "../services/matcher";
import type { Understanding } from "../services/understanding";
import { answerRoutes } from "../web/answer-routes";
import { createWorkflow, type Workflow } from "../workflow/request-workflow";
import { STEP_CONCURRENCY, STEP_JOB, stepSchema } from "../workflow/steps";
import { ackFirst } from "./ack-first";
import { type ActivitySteps, createActivitySteps } from "./activity-steps";
import { authorize } from "./authorize";
import { App } from "./bolt";
import { digestPoster } from "./digest";
import { FOLLOW_UP_JOBS, type FollowUpSettings, queuedFollowUps, workFollowUps } from "./follow-ups";
import { type SlackGateway, webGateway } from "./gateway";
import { createImpact } from "./impact";
import { trackInFlight } from "./in-flight";
import { multiWorkspace } from "./installations";
import { registerListeners } from "./listeners";
import { createOutbox, isTransient, OUTBOX_JOB } from "./outbox";
import type { BotIdentity } from "./preflight";
import { guardedReceiver } from "./receiver";
import { createRecognizer, type RecognitionReply } from "./recognizer";
import { workspaceGateway } from "./workspaces";

export interface SlackAppDeps {
  settings: SlackSettings;
  /** Who the token belongs to, checked at start (src/slack/preflight.ts): Bolt need not ask again. */
  identity?: BotIdentity;
  db: Database;
  matcher: Matcher;
  understanding: Understanding;
  /** How a request recognized in a channel is offered to its author. */
  recognitionReply: RecognitionReply;
  /** When nudges, expiry, reminders and the deal question fall due. */
  followUps: FollowUpSettings;
  /** The durable job queue every step and message goes through (started by the caller). */
  jobs: JobQueue;
  clock: () => Date;
  logLevel: "debug" | "info" | "warn" | "error";
  /** Where the app's log lines go (Bolt's console logger by default); tests keep them to assert on. */
  logger?: Logger;
  /** Retries of a failed Web API call inside the client (default: two, within about a second). */
  retryConfig?: RetryOptions;
  /** Channel ID for public shout-outs (champions who agreed to public thanks); unset: DMs only. */
  shoutoutChannel?: string;
  /** How long one Web API call may take before it fails (and its message waits in the outbox). */
  slackTimeoutMs?: number;
  /** Invitations by email with an answer page, for champions Slack cannot reach; absent: off. */
  email?: EmailChannel;
}

export interface EmailChannel {
  mailer: Mailer;
  /** Signs answer links (LINK_SECRET). */
  linkSecret: string;
  /** Where champions reach the answer page. */
  publicUrl: string;
  brand: Brand;
  /** The first wait before a failed send is tried again (30 s by default). */
  retryBaseMs?: number;
}

/** Every job queue the app sends to inside a transaction: created before the first one. */
export const APP_QUEUES = [STEP_JOB, OUTBOX_JOB, EMAIL_JOB, ...Object.values(FOLLOW_UP_JOBS)];

const DATABASE_AWAY =
  "The reference desk's database is temporarily unavailable, so nothing was changed. Please try again in a minute.";
const SORRY = "Sorry, something went wrong on our side. It has been logged; please try again in a minute.";

/**
 * @slack/web-api retries for about 30 minutes by default and sleeps through a rate limit, holding a
 * listener (and every call queued behind it) all that time. The app retries briefly in the client
 * instead, and longer from the durable outbox, which honours Retry-After without blocking anyone.
 */
const QUICK_RETRIES: RetryOptions = { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 800 };

/** Slack's own limit for answering a request is three seconds; no call of ours waits past ten. */
export const SLACK_TIMEOUT_MS = 10_000;

export interface SlackRuntime {
  app: App;
  /** The request's lifecycle, for work that starts outside Slack. */
  workflow: Workflow;
  steps: ActivitySteps;
  postDigest: () => Promise<void>;
  /** Takes this process's share of the queued steps, messages and (unless told not to) follow-ups. */
  work: (options?: { followUps?: boolean }) => Promise<void>;
}

/** Builds the Bolt app for the configured mode with every listener and the one error handler. */
export function createSlackApp(deps: SlackAppDeps): SlackRuntime {
  const { settings } = deps;
  const timeoutMs = deps.slackTimeoutMs ?? SLACK_TIMEOUT_MS;
  const clientOptions = {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    retryConfig: deps.retryConfig ?? QUICK_RETRIES,
    rejectRateLimitedCalls: true,
    timeout: timeoutMs,
    // Bolt's own calls (respond() to a response_url) use this fetch too: they get the same timeout.
    fetch: timedFetch(timeoutMs),
  };
  if (settings.oauth && !deps.identity)
    throw new Error("installing in other workspaces needs the company workspace's identity (auth.test)");
  // More workspaces than the company's: Bolt asks for each request's token instead of holding one.
  const workspaces =
    settings.oauth && deps.identity
      ? multiWorkspace({
          settings: settings.oauth,
          db: deps.db,
          home: { token: settings.botToken, identity: deps.identity },
          clientOptions,
        })
      : undefined;
  const common = {
    ...(workspaces ? { authorize: workspaces.authorize } : { token: settings.botToken }),
    logLevel: deps.logLevel as LogLevel,
    ...(deps.logger ? { logger: deps.logger } : {}),
    clientOptions,
    extendedErrorHandler: true,
    // State lives in the database; Bolt's per-conversation store would only cost every request time.
    convoStore: false as const,
    ...(deps.identity && !workspaces
      ? { botId: deps.identity.botId, botUserId: deps.identity.botUserId, tokenVerificationEnabled: false }
      : {}),
  };
  const links = deps.email && answerLinks(deps.email.linkSecret);
  const routes: CustomRoute[] = [
    { path: "/healthz", method: ["GET"], handler: (_req, res) => health(deps.db, res) },
    ...(deps.email && links
      ? answerRoutes({
          db: deps.db,
          // Bound late: the workflow is built once the app's client exists.
          answerByLink: (linkId, input) => workflow.answerByLink(linkId, input),
          links,
          brand: deps.email.brand,
          clock: deps.clock,
          onError: (error) => app.logger.error(`answer page: ${describeError(error)}`),
        })
      : []),
    ...(workspaces?.routes ?? []),
  ];
  const app =
    settings.mode === "socket"
      ? // Socket Mode opens its connection with its own client: give it the same API URL. Its HTTP
        // server runs only for the answer page and the install routes.
        new App({
          ...common,
          socketMode: true,
          appToken: settings.appToken,
          installerOptions: { clientOptions, port: settings.port },
          ...(deps.email || workspaces ? { customRoutes: routes } : {}),
        })
      : new App({
          ...common,
          receiver: guardedReceiver({
            signingSecret: settings.signingSecret,
            port: settings.port,
            logLevel: deps.logLevel as LogLevel,
            ...(deps.logger ? { logger: deps.logger } : {}),
            customRoutes: routes,
          }),
        });

  trackInFlight(app);
  const gateway = workspaces
    ? workspaceGateway({
        home: webGateway(new WebClient(settings.botToken, clientOptions)),
        homeTeamId: deps.identity?.teamId ?? "",
        db: deps.db,
        store: workspaces.store,
        clientOptions,
      })
    : webGateway(app.client);
  const leads = new Set(settings.leads);
  const outbox = createOutbox({
    queue: deps.jobs,
    gateway,
    db: deps.db,
    clock: deps.clock,
    log: app.logger,
    onDelivered: (receipt, posted) => workflow.delivered(receipt, posted),
    onGivenUp: (receipt, reason) => workflow.undelivered(receipt, reason),
  });
  const email =
    deps.email && links
      ? createEmailOutbox({
          queue: deps.jobs,
          db: deps.db,
          mailer: deps.email.mailer,
          links,
          brand: deps.email.brand,
          publicUrl: deps.email.publicUrl,
          clock: deps.clock,
          log: app.logger,
          onSent: (invitationId) => workflow.emailed(invitationId),
          onGivenUp: (invitationId, reason) => workflow.emailUndelivered(invitationId, reason),
          ...(deps.email.retryBaseMs ? { retryBaseMs: deps.email.retryBaseMs } : {}),
        })
      : undefined;
  const impact = createImpact({
    db: deps.db,
    jobs: deps.jobs,
    outbox,
    shoutoutChannel: deps.shoutoutChannel,
    ...(email ? { email } : {}),
  });
  const workflow = createWorkflow({
    db: deps.db,
    jobs: deps.jobs,
    matcher: deps.matcher,
    gateway,
    understanding: deps.understanding,
    followUps: queuedFollowUps(deps.jobs, deps.followUps),
    outbox,
    clock: deps.clock,
    advocacyChannel: settings.advocacyChannel,
    leads,
    thank: impact.thank,
    log: app.logger,
    ...(email ? { email } : {}),
  });
  const recognizer = createRecognizer({
    db: deps.db,
    understanding: deps.understanding,
    matcher: deps.matcher,
    gateway,
    outbox,
    clock: deps.clock,
    reply: deps.recognitionReply,
  });
  const postDigest = digestPoster({
    db: deps.db,
    gateway,
    outbox,
    channel: settings.advocacyChannel,
    clock: deps.clock,
    defaultCapacity: deps.matcher.defaultCapacity,
    log: app.logger,
  });
  const steps = createActivitySteps({
    db: deps.db,
    gateway,
    outbox,
    jobs: deps.jobs,
    workflow,
    leads,
    clock: deps.clock,
    ...(email ? { email } : {}),
  });
  app.use(ackFirst());
  app.use(authorize(leads, gateway, workspaces ? deps.identity?.teamId : undefined));
  registerListeners(app, {
    db: deps.db,
    workflow,
    leads,
    matcher: deps.matcher,
    gateway,
    understanding: deps.understanding,
    recognizer,
    postDigest,
    steps,
    clock: deps.clock,
  });
  // Bolt's extended handler: the error with the request body, so the user can be told.
  const handleError = async ({ error, logger, body }: { error: Error; logger: Logger; body: unknown }) => {
    const cause = (error as { original?: unknown }).original ?? error;
    // A workspace that never installed the app: nobody there to answer, and nothing ran.
    if (isAppError(cause, "slack_not_installed")) return logger.warn(describeError(cause));
    const unavailable = isDatabaseUnavailable(cause);
    // Bad input is the sender's problem, not an incident; an outage is one, but not a bug.
    if (isAppError(cause, "input_invalid")) logger.warn(describeError(cause));
    else if (unavailable) logger.warn(`database_unavailable: ${describeError(cause)}`);
    else if (isTransient(error)) logger.warn(`slack_unavailable: ${describeError(cause)}`);
    else logger.error(describeError(cause));
    const words = unavailable ? DATABASE_AWAY : isAppError(cause) ? cause.message : SORRY;
    await apologise(gateway, body, words).catch((failure: unknown) => {
      logger.error(`could not tell the user about the error: ${describeError(failure)}`);
    });
  };
  app.error(handleError);
  return {
    app,
    workflow,
    steps,
    postDigest,
    async work({ followUps = true } = {}) {
      await outbox.work();
      await email?.work();
      await deps.jobs.work(STEP_JOB, async (data) => workflow.run(stepSchema.parse(data)), {
        concurrency: STEP_CONCURRENCY,
      });
      if (followUps) await workFollowUps(deps.jobs, workflow, steps);
    },
  };
}

/** Whether the app can reach its database: for a load balancer or supervisor. */
function health(db: Database, res: ServerResponse): void {
  db.execute(sql`select 1`).then(
    () => res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}'),
    () => res.writeHead(503, { "content-type": "application/json" }).end('{"status":"database unavailable"}'),
  );
}

/**
 * fetch that gives up after `timeoutMs`. The Web API client passes its own signal, a timeout of the
 * same length (its `timeout` option): that one is kept rather than joined to a second, which cost
 * every Slack call two timers and an `AbortSignal.any`. Bolt's respond() passes none and gets one.
 */
function timedFetch(timeoutMs: number): typeof fetch {
  return (input, init = {}) =>
    fetch(input, init.signal ? init : { ...init, signal: AbortSignal.timeout(timeoutMs) });
}

/** Tells whoever triggered the failing request, privately, in the channel they were in or by DM. */
async function apologise(gateway: SlackGateway, body: unknown, text: string): Promise<void> {
  const payload = body as {
    user?: { id?: string };
    user_id?: string;
    channel?: { id?: string };
    channel_id?: string;
  };
  const userId = payload.user?.id ?? payload.user_id;
  if (!userId) return;
  const channelId = payload.channel?.id ?? payload.channel_id;
  if (channelId) await gateway.ephemeral(channelId, userId, text);
  else await gateway.post(userId, { text });
}
