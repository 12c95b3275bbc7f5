import { isAppError } from "./core/errors";
import { openDatabase, redactUrl } from "./db/client";
import { createRosterSnapshotSource } from "./db/roster-snapshot";
import { loadConfig, loadDotEnvFile, requireSlackSettings } from "./env";
import { createMatcher, deterministicParser } from "./services/matcher";
import { createSlackApp } from "./slack/app";

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
  const app = createSlackApp({ settings, db: database.db, matcher, clock, logLevel: config.LOG_LEVEL });
  await app.start();
  const where = config.DATABASE_URL
    ? redactUrl(config.DATABASE_URL)
    : `embedded PGlite in ${config.DATA_DIR}`;
  console.log(
    `refdesk is running in ${settings.mode === "socket" ? "Socket Mode" : `HTTP mode on port ${settings.port}`} (database: ${where}).`,
  );
  if (settings.leads.length === 0) console.warn("ADVOCACY_LEADS is empty: nobody can approve proposals yet.");
  const stop = async () => {
    await app.stop();
    await database.close();
    process.exit(0);
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(isAppError(error) ? error.message : error);
  process.exitCode = 1;
});
