import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// The committed migrations (drizzle/), read without a database: where they are, and which is newest.

/** The committed migrations: found upward from this module, whether it runs from src/ or dist/. */
export const MIGRATIONS_FOLDER = findUpward("drizzle/meta/_journal.json", "drizzle");

function findUpward(marker: string, folder: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth++) {
    if (existsSync(join(dir, marker))) return join(dir, folder);
    dir = dirname(dir);
  }
  throw new Error(`${marker} not found above ${fileURLToPath(import.meta.url)}`);
}

/**
 * When the newest migration was generated (its journal entry's `when`, in ms). drizzle's migrator
 * records this as `created_at` and applies exactly the migrations newer than the last one recorded.
 */
export function newestMigration(): number {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as {
    entries: { when: number }[];
  };
  return Math.max(...journal.entries.map((entry) => entry.when));
}
