import { isAppError } from "./core/errors";
import { openDatabase, redactUrl } from "./db/client";
import { loadConfig, loadDotEnvFile, requireSlackSettings } from "./env";
import { createSlackApp } from "./slack/app";

// Composition root of the app: configuration, database (migrated on open), Slack.
async function main(): Promise<void> {
  loadDotEnvFile();
  const config = loadConfig();
  const settings = requireSlackSettings(config);
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const where = config.DATABASE_URL
    ? redactUrl(config.DATABASE_URL)
    : `embedded PGlite in ${config.DATA_DIR}`;
  const app = createSlackApp({ settings, db: database.db, logLevel: config.LOG_LEVEL });
  await app.start();
  console.log(
    `refdesk is running in ${settings.mode === "socket" ? "Socket Mode" : `HTTP mode on port ${settings.port}`} (database: ${where}).`,
  );
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
