import { describeError, isAppError } from "../core/errors";
import { openDatabase } from "../db/client";
import { loadConfig, loadDotEnvFile } from "../env";
import { nodeIo } from "./io";
import { runCli } from "./program";

// Composition root of the CLI: real files, the real clock, the configured database.
async function main(): Promise<number> {
  loadDotEnvFile();
  const config = loadConfig();
  return runCli(process.argv.slice(2), {
    io: nodeIo(Boolean(process.stdout.isTTY) && !config.NO_COLOR),
    clock: () => new Date(),
    defaultCapacity: config.DEFAULT_MAX_ASKS_PER_QUARTER,
    openDatabase: () => openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR }),
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Never the stack or a failed query's parameters: they can hold a champion's contact details.
    process.stderr.write(`refdesk: ${isAppError(error) ? error.message : describeError(error)}\n`);
    process.exitCode = 1;
  },
);
