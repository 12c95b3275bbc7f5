import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll } from "vitest";
import { nodeIo } from "../../src/cli/io";
import { type CliContext, runCli } from "../../src/cli/program";
import type { DatabaseHandle } from "../../src/db/client";
import { NOW } from "./builders";

// The CLI as a user runs it, on the test's database, with its output captured.

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The progress lines a terminal would have shown, in order. */
  progress: string[];
}

/** A `refdesk` that runs commands on `database` (which the test owns: commands never close it). */
export function cliOn(database: { readonly handle: DatabaseHandle }, terminal: { color?: boolean } = {}) {
  return async (...argv: string[]): Promise<CliRun> => {
    let stdout = "";
    let stderr = "";
    const progress: string[] = [];
    const context: CliContext = {
      io: {
        ...nodeIo(false),
        stdout: (text) => {
          stdout += text;
        },
        stderr: (text) => {
          stderr += text;
        },
        progress: (line) => {
          progress.push(line);
        },
        // A terminal's colours, written as visible marks: "[red]refdesk:[/]".
        ...(terminal.color ? { style: (format: string, text: string) => `[${format}]${text}[/]` } : {}),
      },
      clock: () => NOW,
      defaultCapacity: 4,
      openDatabase: async () => ({ ...database.handle, close: async () => {} }),
    };
    const code = await runCli(argv, context);
    return { code, stdout, stderr, progress };
  };
}

/** A fresh temporary folder for this test file's input and output files. */
export function useTempDir(prefix: string): { readonly path: string } {
  let path = "";
  beforeAll(async () => {
    path = await mkdtemp(join(tmpdir(), prefix));
  });
  return {
    get path() {
      return path;
    },
  };
}
