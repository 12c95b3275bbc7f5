import { isAppError } from "./core/errors";
import { mightBeReferenceRequest } from "./core/parser/prefilter";
import { openDatabase, redactUrl } from "./db/client";
import { createRosterSnapshotSource } from "./db/roster-snapshot";
import { loadConfig, loadDotEnvFile, requireSlackSettings } from "./env";
import { createJobQueue } from "./jobs/queue";
import type { LlmLogger } from "./llm/client";
import { createUnderstandingFromConfig } from "./llm/factory";
import { createMatcher, deterministicParser } from "./services/matcher";
import { deterministicUnderstanding } from "./services/understanding";
import { createSlackApp, describeError } from "./slack/app";
import { scheduleDigest } from "./slack/digest";
import { queuedFollowUps, workFollowUps } from "./slack/follow-ups";
import { settleInFlight } from "./slack/in-flight";

// Composition root of the app: configuration, database (migrated on open), matching, Slack.
async function main(): Promise<void> {
  loadDotEnvFile();
  const config = loadConfig();
  const settings = requireSlackSettings(config);
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const clock = () => new Date();
  const snapshots = createRosterSnapshotSource(database.db, clock);
  // Warm the roster now, so the first /reference opens its modal within Slack's three seconds.
  await snapshots.current();
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
  const jobs = createJobQueue(database.jobs, {
    onError: (error) => console.error(`job queue: ${describeError(error)}`),
  });
  await jobs.start();
  const followUpSettings = {
    nudgeAfterHours: config.INVITATION_NUDGE_AFTER_HOURS,
    expireAfterHours: config.INVITATION_EXPIRE_AFTER_HOURS,
    dealAskAfterDays: config.DEAL_ASK_AFTER_DAYS,
  };
  const { app, desk, steps, postDigest, workOutbox, close } = createSlackApp({
    settings,
    db: database.db,
    matcher,
    understanding,
    recognitionReply: config.RECOGNITION_REPLY,
    shoutoutChannel: config.SHOUTOUT_CHANNEL,
    followUps: queuedFollowUps(jobs, followUpSettings, database.db),
    jobs,
    clock,
    logLevel: config.LOG_LEVEL,
    webApiThread: true,
  });
  await app.start();
  await workFollowUps(jobs, desk, steps);
  await workOutbox?.();
  if (config.DIGEST_CRON !== "off") {
    await scheduleDigest(jobs, postDigest, { cron: config.DIGEST_CRON, timeZone: config.DIGEST_TIMEZONE });
  }
  const where = config.DATABASE_URL
    ? redactUrl(config.DATABASE_URL)
    : `embedded PGlite in ${config.DATA_DIR}`;
  console.log(
    `refdesk is running in ${settings.mode === "socket" ? "Socket Mode" : `HTTP mode on port ${settings.port}`} (database: ${where}).`,
  );
  if (settings.leads.length === 0) console.warn("ADVOCACY_LEADS is empty: nobody can approve proposals yet.");
  // SIGTERM: stop taking Slack requests, finish the work already acknowledged, let running jobs
  // finish, then close the database. Once: a second signal (Ctrl-C twice, SIGTERM then SIGINT)
  // must neither kill the process halfway nor start stopping everything again.
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.stop();
    if (!(await settleInFlight(app, 10_000)))
      console.warn("Slack work still running after 10 s; stopping anyway.");
    await jobs.stop();
    await close();
    await database.close();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
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

main().catch((error: unknown) => {
  console.error(isAppError(error) ? error.message : error);
  process.exitCode = 1;
});
