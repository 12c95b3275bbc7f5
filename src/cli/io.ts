import { readFile, writeFile } from "node:fs/promises";
import { styleText } from "node:util";
import { AppError } from "../core/errors";
import type { CliIo } from "./program";

/**
 * The CLI's real terminal and files; a missing or unreadable file is bad input, not a crash.
 * `color`: the terminal takes colour (standard output is one, and NO_COLOR is unset).
 */
export const nodeIo = (color: boolean): CliIo => ({
  ...(color ? { style: (format: "red" | "bold", text: string) => styleText(format, text) } : {}),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  // Only for a person at a terminal: a log or a pipe gets the summary line alone.
  ...(process.stderr.isTTY ? { progress: (line: string) => process.stderr.write(`\r\x1b[2K${line}`) } : {}),
  readFile: async (path) => {
    const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
      throw new AppError(
        "input_invalid",
        `cannot read ${path}: ${error.code === "ENOENT" ? "no such file" : error.message}`,
      );
    });
    return decodeUtf8(bytes, path);
  },
  writeFile: (path, data) =>
    writeFile(path, data, typeof data === "string" ? "utf8" : null).catch((error: NodeJS.ErrnoException) => {
      throw new AppError("input_invalid", `cannot write ${path}: ${error.message}`);
    }),
});

/**
 * The file's text, refused when it is not UTF-8 (a spreadsheet's "CSV" is often Windows-1252, and
 * read as UTF-8 it would import as mojibake and stay that way), naming the first line it trips on.
 */
export function decodeUtf8(bytes: Uint8Array, label: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const loose = new TextDecoder("utf-8").decode(bytes);
    const line = loose.slice(0, loose.indexOf("\uFFFD")).split("\n").length;
    throw new AppError(
      "input_invalid",
      `${label} is not UTF-8 text (line ${line} has a character it cannot read; Latin-1 or Windows-1252, perhaps). Save it as "CSV UTF-8" and import it again.`,
    );
  }
}
