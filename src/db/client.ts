import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { type PgDatabase, type PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type postgres from "postgres";
import { AppError } from "../core/errors";
import { rowsOf } from "./bulk-sql";
import { type LockHolder, lockDataDir, lockHolder } from "./data-dir-lock";
import { MIGRATIONS_FOLDER, newestMigration } from "./migration-files";
import { SessionTurns, SOCKET_FILE, shareDatabase, takingTurns } from "./pglite-share";
import { PGLITE_FILES, startFromTemplate } from "./pglite-template";
import * as schema from "./schema";

// Each engine's driver (PGlite and its WebAssembly, or postgres.js) and drizzle's migrator are
// loaded when that engine is opened, not by importing this module: start-up loads one of them.

export { MIGRATIONS_FOLDER };

export type Schema = typeof schema;
/** The drizzle database both engines provide; repositories are written against this alone. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Engine = "pglite" | "postgres";

/**
 * How the job queue (pg-boss) reaches the same database: on the server, its own pool from the URL;
 * on the embedded engine, the one PGlite connection (it allows no other), as raw SQL.
 */
export type JobTransport =
  | { engine: "postgres"; url: string }
  | { engine: "pglite"; executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };

export interface DatabaseHandle {
  readonly db: Database;
  readonly engine: Engine;
  readonly jobs: JobTransport;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent, the embedded PGlite engine is used. */
  url?: string | undefined;
  /** Where PGlite keeps its files; `memory://` for a throw-away instance. */
  dataDir?: string;
  /** Who opens it, named to a second process that finds the embedded database in use. */
  purpose?: string;
  /** Called for every SQL statement the app and its job queue send (embedded engine; the bench counts). */
  onStatement?: (text: string) => void;
  /** An embedded database's files to start from (`dumpDataDir`): the tests' one migrated copy. */
  loadDataDir?: Blob;
  /**
   * Serve the embedded database to other refdesk processes on a local socket while this one runs
   * (the app does; a CLI command started meanwhile connects there instead of opening the files).
   */
  share?: boolean;
}

// Any constant works; it only has to be the same in every process that migrates this database.
const MIGRATION_LOCK_KEY = 0x72_65_66_64;

/** Opens the configured engine and applies pending migrations, so callers always see the current schema. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.url ? openPostgres(options.url) : openPglite(options);
}

async function openPglite({
  dataDir = "./.data",
  purpose = `refdesk ${process.argv.slice(2).join(" ")}`.trim(),
  onStatement,
  loadDataDir,
  share = false,
}: DatabaseOptions): Promise<DatabaseHandle> {
  const inMemory = dataDir.startsWith("memory://");
  const location = inMemory ? dataDir : join(dataDir, PGLITE_FILES);
  const serving = inMemory || share ? null : (lockHolder(dataDir) ?? sharedHere.get(resolve(dataDir)));
  if (serving?.socketDir) return openShared(serving.socketDir, dataDir, serving);
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const lock = inMemory ? null : lockDataDir(dataDir, purpose);
  const [{ PGlite }, { drizzle }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
  ]);
  let opened: PGlite;
  try {
    if (!inMemory) {
      // A new folder starts as a copy of the database the build made (migrated, the job queue's
      // schema in place) rather than from PGlite's initdb: seconds less on a first start.
      const copied = loadDataDir === undefined && startFromTemplate(location);
      if (!copied) mkdirSync(location, { recursive: true });
    }
    opened = await PGlite.create(location, loadDataDir ? { loadDataDir } : {});
  } catch (error) {
    lock?.release();
    throw new AppError(
      "database_unavailable",
      `Could not open the embedded database in ${location}: ${(error as Error).message}.`,
    );
  }
  const turns = lock && share ? new SessionTurns() : null;
  const client = turns ? takingTurns(opened, turns) : opened;
  const pglite = drizzle(client, {
    schema,
    ...(onStatement ? { logger: { logQuery: (text: string) => onStatement(text) } } : {}),
  });
  const db = pglite as unknown as Database;
  if (await migrationsPending(db)) {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(pglite, { migrationsFolder: MIGRATIONS_FOLDER });
  }
  const jobs: JobTransport = {
    engine: "pglite",
    async executeSql(text, values) {
      onStatement?.(text);
      if (values && values.length > 0) return client.query(text, values);
      // pg-boss sends its migrations and locked steps as several statements in one string.
      const results = await client.exec(text);
      return results.at(-1) ?? { rows: [] };
    },
  };
  const shared = lock && turns ? await shareDatabase(opened, turns, dataDir) : null;
  if (lock && shared) {
    lock.advertise(shared.socketDir);
    sharedHere.set(resolve(dataDir), {
      pid: process.pid,
      command: purpose,
      since: "",
      socketDir: shared.socketDir,
    });
  }
  const close = async () => {
    if (shared) sharedHere.delete(resolve(dataDir));
    await shared?.stop();
    await opened.close();
    lock?.release();
  };
  return { db, engine: "pglite", jobs, close };
}

/** Folders this process serves: a second handle on one (in tests) connects as another process would. */
const sharedHere = new Map<string, LockHolder>();

/** The embedded database as another refdesk process serves it, reached on its socket. */
async function openShared(socketDir: string, dataDir: string, holder: LockHolder): Promise<DatabaseHandle> {
  const url = `postgres://refdesk@localhost/postgres?host=${encodeURIComponent(socketDir)}`;
  const { default: postgres } = await import("postgres");
  // One connection: the server gives each its turn on PGlite's one session.
  const client = postgres({
    path: join(socketDir, SOCKET_FILE),
    max: 1,
    onnotice: () => {},
    connect_timeout: 10,
  });
  try {
    await client`select 1`;
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => {});
    throw new AppError(
      "database_in_use",
      `The embedded database in ${dataDir} is held by ${holder.command} (pid ${holder.pid}), whose socket did not answer: ${(error as Error).message}. Try again once it has started, or stop it (kill -TERM ${holder.pid}).`,
    );
  }
  return serverHandle(client, url);
}

/** A handle on a server (or a served PGlite) through postgres.js; the job queue gets its own pool from `url`. */
async function serverHandle(client: postgres.Sql, url: string): Promise<DatabaseHandle> {
  const { drizzle } = await import("drizzle-orm/postgres-js");
  return {
    db: drizzle(client, { schema }) as unknown as Database,
    engine: "postgres",
    jobs: { engine: "postgres", url },
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const { default: postgres } = await import("postgres");
  const client = postgres(url, { max: 10, onnotice: () => {}, connect_timeout: 10 });
  const handle = await serverHandle(client, url);
  try {
    // Asked on the app's own pool: the migration's own connection and lock only when there is one to run.
    if (await migrationsPending(handle.db)) await migrateServer(url);
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => {});
    throw new AppError(
      "database_unavailable",
      `Could not open the database at ${redactUrl(url)}: ${(error as Error).message}`,
    );
  }
  return handle;
}

// One connection, so the session-level advisory lock covers the whole migration: two instances
// starting together must not both run the same migration (the second finds nothing left to do).
async function migrateServer(url: string): Promise<void> {
  const [{ default: postgres }, { drizzle }, { migrate }] = await Promise.all([
    import("postgres"),
    import("drizzle-orm/postgres-js"),
    import("drizzle-orm/postgres-js/migrator"),
  ]);
  const connection = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await connection`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migrate(drizzle(connection), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await connection.end({ timeout: 5 });
  }
}

/**
 * Whether drizzle's migrator has anything to apply: a committed migration newer than the last one
 * it recorded (its own test, on its default schema and table). Asked first because the migrator,
 * even with nothing to do, creates that schema and table if missing, reads and hashes every file
 * and opens a transaction, on every start.
 */
async function migrationsPending(db: Database): Promise<boolean> {
  const [recorded] = rowsOf<{ exists: boolean }>(
    await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as "exists"`),
  );
  if (recorded?.exists !== true) return true;
  const [newest] = rowsOf<{ pending: boolean }>(
    await db.execute(
      sql`select coalesce(max(created_at), 0) < ${newestMigration()} as "pending" from drizzle.__drizzle_migrations`,
    ),
  );
  return newest?.pending === true;
}

/** Connection strings carry passwords; never print one. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

// postgres.js connection codes, and SQLSTATE classes 08 (connection exception) and 57P0x (the
// server shutting down or starting up): the database is away, not the query wrong.
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "57P01",
  "57P02",
  "57P03",
]);

/** Whether an error (or what it wraps) says the database could not be reached. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || code.startsWith("08"))) return true;
    // node-postgres (under the job queue) says so in words only.
    if (/^Connection terminated/.test(String((current as { message?: unknown }).message))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Runs `work` in a transaction: `db` itself when it is one already (the workflow's, which commits a
 * change with the steps it queues), else a new one. Never a savepoint: two statements a call, and
 * nothing here wants part of a transaction undone without the rest.
 */
export function atomically<T>(db: Database, work: (tx: Database) => Promise<T>): Promise<T> {
  // A transaction is a Database too (drizzle's PgTransaction extends PgDatabase).
  return isTransaction(db) ? work(db) : db.transaction((tx) => work(tx as unknown as Database));
}

const isTransaction = (db: Database): boolean => db instanceof PgTransaction;
