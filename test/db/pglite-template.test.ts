import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client";
import { bakeTemplate, currentTemplate, PGLITE_FILES, startFromTemplate } from "../../src/db/pglite-template";

// A new DATA_DIR starts as a copy of the database the build made, rather than from PGlite's
// initdb; a database with nothing left to migrate is opened without running the migrator.

let scratch: string;
/** A migrated embedded database's DATA_DIR, made once for the file. */
let migrated: string;
beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "refdesk-template-test-"));
  migrated = join(scratch, "migrated");
  await (await openDatabase({ dataDir: migrated })).close();
}, 60_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A templates folder holding a current template whose PGlite files are a copy of `from`. */
async function templatesFrom(from: string): Promise<string> {
  const folder = mkdtempSync(join(scratch, "templates-"));
  await bakeTemplate(
    async (dataDir) => cpSync(from, join(dataDir, PGLITE_FILES), { recursive: true }),
    folder,
  );
  return folder;
}

/** A stand-in for PGlite's files, enough to tell copies apart. */
function fakeFiles(marker: string): string {
  const files = mkdtempSync(join(scratch, "files-"));
  writeFileSync(join(files, "PG_VERSION"), marker);
  return files;
}

describe("the embedded database's template", () => {
  it("is copied into a new data folder, absent or empty, and only then", async () => {
    const folder = await templatesFrom(fakeFiles("template"));
    const absent = join(scratch, "absent", PGLITE_FILES);
    mkdirSync(join(scratch, "absent"));
    expect(startFromTemplate(absent, folder)).toBe(true);
    expect(readFileSync(join(absent, "PG_VERSION"), "utf8")).toBe("template");

    const empty = mkdtempSync(join(scratch, "empty-"));
    expect(startFromTemplate(empty, folder)).toBe(true);
    expect(readFileSync(join(empty, "PG_VERSION"), "utf8")).toBe("template");

    const existing = fakeFiles("their own");
    expect(startFromTemplate(existing, folder)).toBe(false);
    expect(readFileSync(join(existing, "PG_VERSION"), "utf8")).toBe("their own");
    // Nothing half-copied is left beside them.
    for (const parent of [scratch, join(scratch, "absent")])
      expect(readdirSync(parent).filter((name) => name.includes(".copying-"))).toEqual([]);
  });

  it("is not used when none was made from these migrations and this PGlite; a new one replaces it", async () => {
    const folder = mkdtempSync(join(scratch, "templates-"));
    cpSync(fakeFiles("old"), join(folder, "0.0.1-1", PGLITE_FILES), { recursive: true });
    expect(currentTemplate(folder)).toBeNull();
    const location = join(mkdtempSync(join(scratch, "new-")), PGLITE_FILES);
    expect(startFromTemplate(location, folder)).toBe(false);
    expect(existsSync(location)).toBe(false);

    await bakeTemplate(
      async (dataDir) => cpSync(fakeFiles("new"), join(dataDir, PGLITE_FILES), { recursive: true }),
      folder,
    );
    expect(readdirSync(folder)).toHaveLength(1);
    expect(readFileSync(join(currentTemplate(folder) ?? "", "PG_VERSION"), "utf8")).toBe("new");
  });

  it("leaves nothing in place when making it fails", async () => {
    const folder = mkdtempSync(join(scratch, "templates-"));
    await expect(
      bakeTemplate(async () => {
        throw new Error("initdb failed");
      }, folder),
    ).rejects.toThrow("initdb failed");
    expect(readdirSync(folder)).toEqual([]);
  });

  it("starts a DATA_DIR that opens migrated, with no migration to run", async () => {
    const folder = await templatesFrom(join(migrated, PGLITE_FILES));
    const dataDir = mkdtempSync(join(scratch, "data-"));
    expect(startFromTemplate(join(dataDir, PGLITE_FILES), folder)).toBe(true);
    const statements: string[] = [];
    const database = await openDatabase({ dataDir, onStatement: (text) => statements.push(text) });
    try {
      // Two reads tell that nothing is pending; drizzle's migrator never runs.
      expect(statements).toHaveLength(2);
      expect(statements.join("\n")).not.toMatch(/create (schema|table)/i);
      await database.db.execute(sql`select count(*) from champions`);
    } finally {
      await database.close();
    }
  });
});
