import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
} from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { MIGRATIONS_FOLDER, newestMigration } from "./migration-files";

// A new embedded database costs PGlite's initdb (seconds of WebAssembly), then every migration and
// the job queue's schema: most of a first start. `npm run build` makes one such database the way
// the app's first start makes it (scripts/bake-pglite-template.ts), again only when the migrations
// or PGlite change, and a new DATA_DIR starts as a copy of its files, which takes a fraction of
// that time. Without a template that fits, PGlite creates the database as it always did.

/** Where PGlite keeps its files inside DATA_DIR. */
export const PGLITE_FILES = "pglite";

/** Beside the build's other output: dist/ is made by `npm run build`, never committed. */
const TEMPLATES_FOLDER = join(dirname(MIGRATIONS_FOLDER), "dist", "pglite-template");

/**
 * A template is named by what it was made from, so a build never changes one another process may be
 * copying: another PGlite, or another set of migrations, is another name.
 */
function currentName(): string {
  return `${pgliteVersion()}-${newestMigration()}`;
}

/** The installed PGlite's version, from its package.json (which the package's exports do not name). */
function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite"); // …/pglite/dist/index.cjs
  const manifest = JSON.parse(readFileSync(join(dirname(entry), "..", "package.json"), "utf8"));
  return String(manifest.version);
}

/** The template's PGlite files, when one was made by the installed PGlite from the committed migrations. */
export function currentTemplate(folder = TEMPLATES_FOLDER): string | null {
  const files = join(folder, currentName(), PGLITE_FILES);
  return existsSync(files) ? files : null;
}

/**
 * Makes `location` (PGlite's folder in a DATA_DIR) a copy of the current template when it is new
 * (absent or empty) and a template fits; says whether it did. Copied aside and renamed, so a copy
 * cut short is never taken for a database.
 */
export function startFromTemplate(location: string, folder = TEMPLATES_FOLDER): boolean {
  if (existsSync(location) && readdirSync(location).length > 0) return false;
  const template = currentTemplate(folder);
  if (!template) return false;
  const copying = `${location}.copying-${process.pid}`;
  cpSync(template, copying, { recursive: true });
  if (existsSync(location)) rmdirSync(location);
  renameSync(copying, location);
  return true;
}

/**
 * Makes the current template: `create` makes the database in the DATA_DIR it is given, as the app's
 * first start would. Made aside and put in place whole; templates made from anything else go.
 */
export async function bakeTemplate(
  create: (dataDir: string) => Promise<void>,
  folder = TEMPLATES_FOLDER,
): Promise<void> {
  mkdirSync(folder, { recursive: true });
  const name = currentName();
  const baking = mkdtempSync(join(folder, ".baking-"));
  try {
    await create(baking);
    renameSync(baking, join(folder, name));
  } catch (error) {
    // Another build put the same template in place meanwhile: its copy stays.
    if (!existsSync(join(folder, name))) throw error;
  } finally {
    rmSync(baking, { recursive: true, force: true });
  }
  for (const entry of readdirSync(folder)) {
    if (entry !== name && !entry.startsWith(".baking-"))
      rmSync(join(folder, entry), { recursive: true, force: true });
  }
}
