import { describeError, isAppError } from "./core/errors";
import { mightBeReferenceRequest } from "./core/parser/prefilter";
import { type DatabaseHandle, openDatabase, redactUrl } from "./db/client";
import { createRosterSnapshotSource } from "./db/roster-snapshot";
import { smtpMailer } from "./email/mailer";
import { emailSettings, loadConfig, loadDotEnvFile, requireSlackSettings } from "./env";
import { createJobQueue, type JobQueue } from "./jobs/queue";
import type { LlmLogger } from "./llm/client";
import { createUnderstandingFromConfig } from "./llm/factory";
import { createMatcher, deterministicParser } from "./services/matcher";
import { deterministicUnderstanding } from "./services/understanding";
import { APP_QUEUES, createSlackApp } from "./slack/app";
import { scheduleDigest } from "./slack/digest";
import { settleInFlight } from "./slack/in-flight";
import { type BotIdentity, checkSlackToken } from "./slack/preflight";

/** How long shutdown waits for acknowledged Slack work, then for running jobs, before it exits. */
const SHUTDOWN_WAIT_MS = 10_000;
/** Each phase of an SMTP conversation (connect, greeting, each reply) waits at most this long. */
const EMAIL_TIMEOUT_MS = 15_000;

// Composition root of the app: configuration, database (migrated on open), matching, Slack.
async function main(): Promise<void> {
  loadDotEnvFile();
  const config = loadConfig();
  const settings = requireSlackSettings(config);
  // Checked before anything starts: half an email set-up is one clear line, not a failure later.
  emailSettings(config);
  // The database opens while Slack is asked who the token is: neither waits for the other. Slack's
  // answer is still heard first: a rejected token is one line, not a stack trace a second later.
  const opening = openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    purpose: "refdesk app",
    share: true,
  });
  // Its failure is reported below, once Slack has answered.
  opening.catch(() => {});
  let identity: BotIdentity;
  try {
    identity = await checkSlackToken({
      token: settings.botToken,
      apiUrl: settings.apiUrl,
      waitSeconds: config.SLACK_STARTUP_WAIT_SECONDS,
      timeoutMs: config.SLACK_TIMEOUT_SECONDS * 1000,
      log: (line) => console.warn(line),
    });
  } catch (error) {
    await opening.then((database) => database.close()).catch(() => {});
    throw error;
  }
  const database = await opening;
  let jobs: JobQueue | undefined;
  try {
    jobs = createJobQueue(database.jobs, {
      onError: (error) => console.error(`job queue: ${describeError(error)}`),
    });
    await start(config, settings, identity, database, jobs);
  } catch (error) {
    await jobs?.stop(1000).catch(() => {});
    await database.close().catch(() => {});
    throw error;
  }
}

async function start(
  config: ReturnType<typeof loadConfig>,
  settings: ReturnType<typeof requireSlackSettings>,
  identity: BotIdentity,
  database: DatabaseHandle,
  jobs: JobQueue,
): Promise<void> {
  const clock = () => new Date();
  const snapshots = createRosterSnapshotSource(database.db, clock);
  const matcher = createMatcher({
    snapshots,
    parser: deterministicParser,
    clock,
    defaultCapacity: config.DEFAULT_MAX_ASKS_PER_QUARTER,
  });
  // The model improves on the rules when a key is set, never replaces them: every call falls back.
  const understanding = createUnderstandingFromConfig({
    config,
    db: database.db,
    fallback: deterministicUnderstanding,
    prefilter: mightBeReferenceRequest,
    logger: consoleLogger(config.LOG_LEVEL),
    clock,
  });
  // The roster is warmed now, so the first /reference opens its modal within Slack's three seconds,
  // while the job queue starts (on a server, each on its own connections).
  const ready = await Promise.allSettled([snapshots.current(), jobs.start(APP_QUEUES)]);
  for (const step of ready) if (step.status === "rejected") throw step.reason;
  const email = emailSettings(config);
  const { app, postDigest, work } = createSlackApp({
    settings,
    identity,
    db: database.db,
    matcher,
    understanding,
    recognitionReply: config.RECOGNITION_REPLY,
    shoutoutChannel: config.SHOUTOUT_CHANNEL,
    followUps: {
      nudgeAfterHours: config.INVITATION_NUDGE_AFTER_HOURS,
      expireAfterHours: config.INVITATION_EXPIRE_AFTER_HOURS,
      dealAskAfterDays: config.DEAL_ASK_AFTER_DAYS,
    },
    jobs,
    clock,
    logLevel: config.LOG_LEVEL,
    slackTimeoutMs: config.SLACK_TIMEOUT_SECONDS * 1000,
    ...(email
      ? {
          email: {
            mailer: await smtpMailer({ url: email.smtpUrl, from: email.from, timeoutMs: EMAIL_TIMEOUT_MS }),
            linkSecret: email.linkSecret,
            publicUrl: email.publicUrl,
            brand: { companyName: email.companyName, brandColor: email.brandColor },
          },
        }
      : {}),
  });
  await app.start();
  // Whatever was queued before a stop (or a crash) is still queued: the workers simply take it.
  await work();
  if (config.DIGEST_CRON !== "off") {
    await scheduleDigest(jobs, postDigest, { cron: config.DIGEST_CRON, timeZone: config.DIGEST_TIMEZONE });
  }
  // SIGTERM: stop taking Slack requests, finish the work already acknowledged and the running jobs
  // (each for a bounded time: a Slack call that hangs must not hold the process), close the
  // database, exit. Once: a second signal must neither kill the process halfway nor start again.
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.stop().catch((error: unknown) => console.error(`stopping Slack: ${describeError(error)}`));
    if (!(await settleInFlight(app, SHUTDOWN_WAIT_MS)))
      console.warn(
        `Slack work still running after ${SHUTDOWN_WAIT_MS / 1000} s; stopping anyway (it stays queued).`,
      );
    await jobs
      .stop(SHUTDOWN_WAIT_MS)
      .catch((error: unknown) => console.error(`stopping jobs: ${describeError(error)}`));
    await database
      .close()
      .catch((error: unknown) => console.error(`closing the database: ${describeError(error)}`));
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  // Announced once a signal stops it cleanly: a supervisor (or a test) may stop it as soon as it reads this.
  const where = config.DATABASE_URL
    ? redactUrl(config.DATABASE_URL)
    : `embedded PGlite in ${config.DATA_DIR}`;
  console.log(
    `refdesk is running in ${settings.mode === "socket" ? "Socket Mode" : `HTTP mode on port ${settings.port}`} (database: ${where}).`,
  );
  if (email)
    console.log(
      `Email invitations are on; answer pages at ${email.publicUrl}/answer/… (port ${settings.port}).`,
    );
  if (settings.leads.length === 0) console.warn("ADVOCACY_LEADS is empty: nobody can approve proposals yet.");
}

/** One JSON line per model call (metadata only: the client never passes people's words here). */
function consoleLogger(level: string): LlmLogger {
  const line = (severity: string, message: string, data: object) =>
    JSON.stringify({ at: new Date().toISOString(), level: severity, message, ...data });
  return {
    info: (message, data = {}) => {
      if (level === "debug" || level === "info") console.log(line("info", message, data));
    },
    warn: (message, data = {}) => {
      if (level !== "error") console.warn(line("warn", message, data));
    },
  };
}

// A promise nobody awaited must not end the process: it is logged, and the app carries on.
process.on("unhandledRejection", (reason: unknown) => {
  console.error(`unhandled rejection: ${describeError(reason)}`);
});

main().catch((error: unknown) => {
  console.error(isAppError(error) ? error.message : describeError(error));
  process.exit(1);
});
