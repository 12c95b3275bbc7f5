import { readFile, writeFile } from "node:fs/promises";
import { AppError, isAppError } from "../core/errors";
import { openDatabase } from "../db/client";
import { loadConfig, loadDotEnvFile } from "../env";
import { runCli } from "./program";

// Composition root of the CLI: real files, the real clock, the configured database.
async function main(): Promise<number> {
  loadDotEnvFile();
  const config = loadConfig();
  return runCli(process.argv.slice(2), {
    io: {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      readFile: (path) =>
        readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
          throw new AppError("input_invalid", `cannot read ${path}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
        }),
      writeFile: (path, text) => writeFile(path, text, "utf8"),
    },
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
    process.stderr.write(`refdesk: ${isAppError(error) ? error.message : (error as Error).stack}\n`);
    process.exitCode = 1;
  },
);
