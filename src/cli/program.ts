import { Command, CommanderError } from "commander";
import packageJson from "../../package.json" with { type: "json" };
import { isAppError } from "../core/errors";
import type { DatabaseHandle } from "../db/client";
import { createRosterSnapshotSource } from "../db/roster-snapshot";
import { createMatcher, deterministicParser, type Matcher } from "../services/matcher";
import { demoCommand } from "./commands/demo";
import { digestCommand } from "./commands/digest";
import { eventsCommand } from "./commands/events";
import { exportCommand } from "./commands/export";
import { matchCommand } from "./commands/match";
import { parseCommand } from "./commands/parse";
import { reportCommand } from "./commands/report";
import { rosterCommand } from "./commands/roster";
import { simulateCommand } from "./commands/simulate";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** A progress line, redrawn in place; absent when nobody watches (not a terminal). */
  progress?: (line: string) => void;
  /** Colours for a terminal; absent in a pipe, a log or with NO_COLOR, where text stays plain. */
  style?: (format: "red" | "bold", text: string) => string;
  readFile: (path: string) => Promise<string>;
  writeFile: (path: string, data: string | Uint8Array) => Promise<void>;
}

/** What commands are given: they open the database only when they need it. */
export interface CliContext {
  io: CliIo;
  clock: () => Date;
  defaultCapacity: number;
  openDatabase: () => Promise<DatabaseHandle>;
}

/** Runs a command that needs the database and always closes it. */
export async function withDatabase<T>(
  context: CliContext,
  work: (handle: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const handle = await context.openDatabase();
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

/** Writes a command's output to `out`, or to standard output when no file is given. */
export async function writeOutput(context: CliContext, text: string, out: string | undefined): Promise<void> {
  if (!out) return context.io.stdout(text);
  await context.io.writeFile(out, text);
  context.io.stderr(`Wrote ${out}.\n`);
}

/** Runs work against a matcher built on the database (the deterministic parser: the CLI never calls an LLM). */
export function openMatcher<T>(context: CliContext, work: (matcher: Matcher) => Promise<T>): Promise<T> {
  return withDatabase(context, ({ db }) =>
    work(
      createMatcher({
        snapshots: createRosterSnapshotSource(db, context.clock),
        parser: deterministicParser,
        clock: context.clock,
        defaultCapacity: context.defaultCapacity,
      }),
    ),
  );
}

export function buildProgram(context: CliContext): Command {
  const program = new Command("refdesk")
    .version(packageJson.version, "-V, --version", "print refdesk's version")
    .description("Customer-reference program: roster, request parsing and champion matching.")
    .exitOverride()
    .configureOutput({ writeOut: context.io.stdout, writeErr: context.io.stderr })
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText(
      "after",
      "\nEvery command reads DATABASE_URL (embedded PGlite under DATA_DIR, default ./.data, when unset).",
    );
  // Subcommands made with .command() inherit exitOverride and the output streams.
  for (const register of [
    rosterCommand,
    parseCommand,
    matchCommand,
    eventsCommand,
    demoCommand,
    reportCommand,
    exportCommand,
    digestCommand,
    simulateCommand,
  ]) {
    register(program, context);
  }
  return program;
}

/** `text` in `format` on a terminal that takes colour, else as it is. */
export const styled = (context: CliContext, format: "red" | "bold", text: string): string =>
  context.io.style ? context.io.style(format, text) : text;

/** Runs the CLI and returns its exit code; never calls process.exit, so tests can drive it in-process. */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  const program = buildProgram(context);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (isAppError(error)) {
      context.io.stderr(`${styled(context, "red", "refdesk:")} ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
