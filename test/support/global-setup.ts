import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/db/client";
import { loadConfig } from "../../src/env";
import { createServerDatabase } from "./database";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated embedded database's files, which each test file's database starts from. */
    pgliteTemplate: string;
    /** A migrated database on the server, which each test file's database is copied from. */
    serverTemplate: string;
  }
}

// Creating and migrating a database costs about 2 s on the embedded engine (initdb runs in WASM);
// starting from a copy of one made here costs about 0.4 s. Done once per run, not once per file.
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (loadConfig().DATABASE_URL) {
    const template = await createServerDatabase();
    if (!template) throw new Error("DATABASE_URL is set but no database could be created on it");
    const migrated = await openDatabase({ url: template.url });
    await migrated.close();
    project.provide("serverTemplate", new URL(template.url).pathname.slice(1));
    return template.drop;
  }
  const folder = mkdtempSync(join(tmpdir(), "refdesk-template-"));
  const database = await openDatabase({ dataDir: "memory://" });
  // drizzle's handle on the PGlite client it was built with.
  const files = await (database.db as unknown as { $client: PGliteDump }).$client.dumpDataDir("none");
  await database.close();
  const path = join(folder, "pglite.tar");
  writeFileSync(path, Buffer.from(await files.arrayBuffer()));
  project.provide("pgliteTemplate", path);
  return async () => rmSync(folder, { recursive: true, force: true });
}

type PGliteDump = { dumpDataDir(compression: "none"): Promise<Blob> };
