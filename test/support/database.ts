import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { getTableName, isTable, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import postgres from "postgres";
import { afterAll, beforeAll, beforeEach, inject } from "vitest";
import { type Database, type DatabaseHandle, openDatabase } from "../../src/db/client";
import * as schema from "../../src/db/schema";
import { loadConfig } from "../../src/env";

// Database tests run on the embedded PGlite engine, or on the server named by DATABASE_URL (CI runs
// both). Each test file gets its own database; each test starts from empty tables.

const serverUrl = loadConfig().DATABASE_URL;

export const testEngine = serverUrl ? "postgres" : "pglite";

/**
 * A fresh database on the server: created from DATABASE_URL (as a copy of `template` when named),
 * dropped by the returned function.
 */
export async function createServerDatabase(
  template?: string,
): Promise<{ url: string; drop: () => Promise<void> } | null> {
  if (!serverUrl) return null;
  const name = `refdesk_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}${template ? ` template ${template}` : ""}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

const TABLES = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => isTable(value))
  .map((table) => getTableName(table))
  .filter((name) => name !== "revisions");

export async function truncateAll(db: Database): Promise<void> {
  await db.execute(
    sql.raw(`truncate table ${TABLES.map((t) => `"${t}"`).join(", ")} restart identity cascade`),
  );
  // The job queue's own tables, once a test has started it: jobs are keyed by IDs that restart.
  await db.execute(
    sql.raw(`do $$ begin
      if to_regclass('refdesk_jobs.job') is not null then delete from refdesk_jobs.job; end if;
      if to_regclass('refdesk_jobs.archive') is not null then delete from refdesk_jobs.archive; end if;
    end $$`),
  );
}

/** A migrated database of its own for one test file, copied from the run's template (global-setup.ts). */
async function openTestDatabase(): Promise<{ handle: DatabaseHandle; drop?: () => Promise<void> }> {
  const server = await createServerDatabase(inject("serverTemplate"));
  if (server) return { handle: await openDatabase({ url: server.url }), drop: server.drop };
  const loadDataDir = new Blob([readFileSync(inject("pgliteTemplate"))]);
  return { handle: await openDatabase({ dataDir: "memory://", loadDataDir }) };
}

/** Registers hooks giving this file a migrated database, emptied before each test. */
export function useTestDatabase(): { readonly db: Database; readonly handle: DatabaseHandle } {
  let handle: DatabaseHandle | undefined;
  let drop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ handle, drop } = await openTestDatabase());
  });
  beforeEach(async () => {
    if (handle) await truncateAll(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
    await drop?.();
  });

  return {
    get db() {
      if (!handle) throw new Error("database not open yet: use it inside a test");
      return handle.db;
    },
    get handle() {
      if (!handle) throw new Error("database not open yet: use it inside a test");
      return handle;
    },
  };
}
