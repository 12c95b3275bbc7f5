import { App, type Logger, type LogLevel } from "@slack/bolt";
import type { RetryOptions } from "@slack/web-api";
import { sql } from "drizzle-orm";
import { isAppError } from "../core/errors";
import { type Database, isDatabaseUnavailable } from "../db/client";
import type { SlackSettings } from "../env";
import type { JobQueue } from "../jobs/queue";
import type { Matcher } from "../services/matcher";
import type { Understanding } from "../services/understanding";
import { ackFirst } from "./ack-first";
import { type ActivitySteps, createActivitySteps } from "./activity-steps";
import { createDesk, type Desk, type FollowUpScheduler } from "./desk";
import { digestPoster } from "./digest";
import { type SlackGateway, webGateway } from "./gateway";
import { createImpact } from "./impact";
import { trackInFlight } from "./in-flight";
import { registerListeners } from "./listeners";
import { createOutbox, directDelivery, type OnDelivered, type OnGivenUp } from "./outbox";
import { createRecognizer, type RecognitionReply } from "./recognizer";
import { threadedGateway } from "./web-api-thread";

export interface SlackAppDeps {
  settings: SlackSettings;
  db: Database;
  matcher: Matcher;
  understanding: Understanding;
  /** How a request recognized in a channel is offered to its author. */
  recognitionReply: RecognitionReply;
  /** Plans the nudge and expiry of each invitation (the durable job queue in production). */
  followUps: FollowUpScheduler;
  /** The durable job queue: with it, undelivered notes are retried from an outbox. */
  jobs?: JobQueue;
  clock: () => Date;
  logLevel: "debug" | "info" | "warn" | "error";
  /** Retries of a failed Web API call inside the client (default: two, within about a second). */
  retryConfig?: RetryOptions;
  /** Channel ID for public shout-outs (champions who agreed to public thanks); unset: DMs only. */
  shoutoutChannel?: string;
  /** Make Web API calls on a thread of their own (production), not on the event loop. */
  webApiThread?: boolean;
}

const DATABASE_AWAY =
  "The reference desk's database is temporarily unavailable, so nothing was changed. Please try again in a minute.";
const SORRY = "Sorry, something went wrong on our side. It has been logged; please try again in a minute.";

/**
 * @slack/web-api retries for about 30 minutes by default and sleeps through a rate limit, holding a
 * listener (and every call queued behind it) all that time. The app retries briefly in the client
 * instead, and longer from the durable outbox, which honours Retry-After without blocking anyone.
 */
const QUICK_RETRIES: RetryOptions = { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 800 };

export interface SlackRuntime {
  app: App;
  /** The flows, for work that starts outside Slack (scheduled jobs). */
  desk: Desk;
  steps: ActivitySteps;
  postDigest: () => Promise<void>;
  /** Takes this process's share of outbox retries (null without a job queue). */
  workOutbox: (() => Promise<void>) | null;
  /** Ends the Web API thread once its calls are done (after the app has stopped). */
  close: () => Promise<void>;
}

/** Builds the Bolt app for the configured mode with every listener and the one error handler. */
export function createSlackApp(deps: SlackAppDeps): SlackRuntime {
  const { settings } = deps;
  const clientOptions = {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    retryConfig: deps.retryConfig ?? QUICK_RETRIES,
    rejectRateLimitedCalls: true,
  };
  const common = {
    token: settings.botToken,
    logLevel: deps.logLevel as LogLevel,
    clientOptions,
    extendedErrorHandler: true,
    // State lives in the database; Bolt's per-conversation store would only cost every request time.
    convoStore: false as const,
  };
  const app =
    settings.mode === "socket"
      ? // Socket Mode opens its connection with its own client: give it the same API URL.
        new App({
          ...common,
          socketMode: true,
          appToken: settings.appToken,
          installerOptions: { clientOptions },
        })
      : new App({
          ...common,
          signingSecret: settings.signingSecret,
          port: settings.port,
          customRoutes: [
            {
              path: "/healthz",
              method: ["GET"],
              handler: (_req, res) => {
                deps.db.execute(sql`select 1`).then(
                  () => res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}'),
                  () =>
                    res
                      .writeHead(503, { "content-type": "application/json" })
                      .end('{"status":"database unavailable"}'),
                );
              },
            },
          ],
        });

  trackInFlight(app);
  const thread = deps.webApiThread
    ? threadedGateway(settings.botToken, { ...clientOptions, logLevel: deps.logLevel as LogLevel })
    : null;
  const gateway = thread ?? webGateway(app.client);
  // The desk records where its messages land; it is built below, on the outbox that tells it.
  const onDelivered: OnDelivered = (receipt, posted) => desk.delivered(receipt, posted);
  const onGivenUp: OnGivenUp = (receipt, reason) => desk.undelivered(receipt, reason);
  const outbox = deps.jobs
    ? createOutbox({
        queue: deps.jobs,
        gateway,
        db: deps.db,
        clock: deps.clock,
        log: app.logger,
        onDelivered,
        onGivenUp,
      })
    : null;
  const delivery = outbox ?? directDelivery(gateway, onDelivered);
  const impact = createImpact({
    db: deps.db,
    outbox: delivery,
    shoutoutChannel: deps.shoutoutChannel,
  });
  const desk = createDesk({
    db: deps.db,
    matcher: deps.matcher,
    gateway,
    understanding: deps.understanding,
    followUps: deps.followUps,
    outbox: delivery,
    clock: deps.clock,
    advocacyChannel: settings.advocacyChannel,
    leads: new Set(settings.leads),
    thank: impact.thank,
  });
  const recognizer = createRecognizer({
    db: deps.db,
    understanding: deps.understanding,
    matcher: deps.matcher,
    gateway,
    outbox: delivery,
    clock: deps.clock,
    reply: deps.recognitionReply,
  });
  const postDigest = digestPoster({
    db: deps.db,
    gateway,
    channel: settings.advocacyChannel,
    clock: deps.clock,
    defaultCapacity: deps.matcher.defaultCapacity,
  });
  const steps = createActivitySteps({
    db: deps.db,
    gateway,
    outbox: delivery,
    desk,
    clock: deps.clock,
    onDealWon: async (activityId) => {
      await impact.thank(activityId, "deal_won");
    },
  });
  app.use(ackFirst());
  registerListeners(app, {
    db: deps.db,
    desk,
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
    const unavailable = isDatabaseUnavailable(cause);
    // Bad input is the sender's problem, not an incident; an outage is one, but not a bug.
    if (isAppError(cause, "input_invalid")) logger.warn(describeError(cause));
    else if (unavailable) logger.warn(`database_unavailable: ${describeError(cause)}`);
    else logger.error(describeError(cause));
    const words = unavailable ? DATABASE_AWAY : isAppError(cause) ? cause.message : SORRY;
    await apologise(gateway, body, words).catch((failure: unknown) => {
      logger.error(`could not tell the user about the error: ${describeError(failure)}`);
    });
  };
  app.error(handleError);
  return {
    app,
    desk,
    steps,
    postDigest,
    workOutbox: outbox ? () => outbox.work() : null,
    close: async () => thread?.close(),
  };
}

/** One log line without query parameters (they can hold contact details) or tokens. */
export function describeError(error: unknown): string {
  if (isAppError(error)) return `${error.code}: ${error.message}`;
  const failure = error as { name?: string; message?: string; query?: string; cause?: { message?: string } };
  if (failure.query !== undefined)
    return `database query failed: ${failure.cause?.message ?? "unknown cause"}`;
  return `${failure.name ?? "Error"}: ${(failure.message ?? String(error)).replace(/xox[a-z]-[\w-]+/g, "xox…")}`;
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
