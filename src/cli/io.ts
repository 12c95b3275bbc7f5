import { readFile, writeFile } from "node:fs/promises";
import { AppError } from "../core/errors";
import type { CliIo } from "./program";

/** The CLI's real terminal and files; a missing or unreadable file is bad input, not a crash. */
export const nodeIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) =>
    readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
      throw new AppError(
        "input_invalid",
        `cannot read ${path}: ${error.code === "ENOENT" ? "no such file" : error.message}`,
      );
    }),
  writeFile: (path, data) =>
    writeFile(path, data, typeof data === "string" ? "utf8" : null).catch((error: NodeJS.ErrnoException) => {
      throw new AppError("input_invalid", `cannot write ${path}: ${error.message}`);
    }),
};
