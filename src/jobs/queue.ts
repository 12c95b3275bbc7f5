import { createHash } from "node:crypto";
import { type SQL, sql } from "drizzle-orm";
import PgBoss from "pg-boss";
import { rowsOf } from "../db/bulk-sql";
import type { Database, JobTransport } from "../db/client";
import { whileDatabaseAway } from "../db/retry";

// Durable work on pg-boss, in the app's own database: jobs survive restarts, and several instances
// on one database share them (pg-boss fetches with SKIP LOCKED, so each job runs in one place). A
// job sent `within` a transaction is a row of that transaction: the change that calls for a step
// and the step itself commit together or not at all. Handlers still make their step conditional
// in the database, so a job that runs twice (a crash between the work and its completion) changes
// nothing the second time.

export interface SendOptions {
  /** Not before this time (default: now). */
  at?: Date;
  /** Once per key: sending the same key again is a no-op, reported as false. */
  key?: string;
  /** The transaction the job belongs to; without one it is committed at once. */
  within?: Database;
}

export interface WorkOptions {
  /** Jobs of this name run at once in this process; one slow job never holds the others. */
  concurrency?: number;
}

export interface JobQueue {
  /** Starts pg-boss and creates `queues` (a queue must exist before a transaction sends to it). */
  start(queues?: readonly string[]): Promise<void>;
  send(name: string, data: object, options?: SendOptions): Promise<boolean>;
  /**
   * Runs `fn` in one transaction. Jobs it sends `within` that transaction run once it commits:
   * this process's workers are woken then, rather than at their next poll.
   */
  transaction<T>(db: Database, fn: (tx: Database) => Promise<T>): Promise<T>;
  /**
   * Runs `name` on a cron schedule (in `timeZone`). Every instance may declare it: the schedule is
   * one row, and pg-boss creates each occurrence's job once.
   */
  every(name: string, cron: string, timeZone: string): Promise<void>;
  /** Handles `name` jobs in this process; a throw retries the job later (with backoff). */
  work<T>(name: string, handler: (data: T) => Promise<void>, options?: WorkOptions): Promise<void>;
  /** Stops fetching, waits up to `timeoutMs` for running handlers (graceful shutdown). */
  stop(timeoutMs?: number): Promise<void>;
}

export interface JobQueueOptions {
  /** How often an idle worker looks for due jobs (jobs sent here wake it at once). */
  pollingIntervalSeconds?: number;
  /**
   * A job still active this long is taken for lost (its process died, or the answer to its fetch
   * was cut off with the database) and runs again. Longer than any job takes.
   */
  expireInSeconds?: number;
  /** How often lost jobs are looked for (and old ones archived). */
  maintenanceIntervalSeconds?: number;
  /** The first wait before a failed job runs again; it doubles after each failure. */
  retryDelaySeconds?: number;
  onError: (error: Error) => void;
}

const SCHEMA = "refdesk_jobs";

/** A stable job ID for a key (UUID-shaped, as pg-boss requires), so a repeated send collides. */
export function jobIdFor(key: string): string {
  const hex = createHash("sha256").update(key).digest("hex");
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** pg-boss's SQL ($1, $2 …) as a drizzle query, so it runs on whatever the transaction runs on. */
export function positionalSql(text: string, values: readonly unknown[]): SQL {
  const chunks: SQL[] = [];
  let from = 0;
  for (const match of text.matchAll(/\$(\d+)/g)) {
    chunks.push(sql.raw(text.slice(from, match.index)));
    const value = values[Number(match[1]) - 1] ?? null;
    // The drivers under drizzle send parameters as given: a job's data goes as JSON text.
    chunks.push(sql`${typeof value === "object" && value !== null ? JSON.stringify(value) : value}`);
    from = match.index + match[0].length;
  }
  chunks.push(sql.raw(text.slice(from)));
  return sql.join(chunks);
}

function executorWithin(tx: Database) {
  return {
    async executeSql(text: string, values: unknown[] = []) {
      const result = await tx.execute(positionalSql(text, values));
      return { rows: rowsOf<unknown>(result) };
    },
  };
}

export function createJobQueue(transport: JobTransport, options: JobQueueOptions): JobQueue {
  const { expireInSeconds = 120, maintenanceIntervalSeconds = 30, retryDelaySeconds = 30 } = options;
  const boss =
    transport.engine === "postgres"
      ? new PgBoss({
          connectionString: transport.url,
          schema: SCHEMA,
          max: 4,
          // Passed to node-postgres' pool: a connection that cannot be made fails in time, and is
          // tried again, rather than waiting for ever after the database came back.
          connectionTimeoutMillis: 5000,
          maintenanceIntervalSeconds,
        } as PgBoss.ConstructorOptions)
      : new PgBoss({ db: { executeSql: transport.executeSql }, schema: SCHEMA, maintenanceIntervalSeconds });
  boss.on("error", options.onError);
  const created = new Set<string>();
  /** The jobs due now sent within each open transaction, by name: workers to wake once it commits. */
  const sentWithin = new WeakMap<object, Map<string, number>>();
  const pollMs = (options.pollingIntervalSeconds ?? 2) * 1000;
  /** Idle workers by job name, each waiting to be woken or for its next poll. */
  const idle = new Map<string, (() => void)[]>();
  const handling = new Set<Promise<void>>();
  let stopping = false;

  async function ensureQueue(name: string): Promise<void> {
    if (created.has(name)) return;
    await boss.createQueue(name);
    created.add(name);
  }

  /** Wake-ups no idle worker was there to take, by name: a busy worker takes one when it is done. */
  const owed = new Map<string, number>();

  /** Wakes up to `jobs` idle workers of `name`, and owes the rest to the busy ones. */
  const wake = (name: string, jobs = 1) => {
    const woken = (idle.get(name) ?? []).splice(0, jobs);
    for (const resume of woken) resume();
    if (woken.length < jobs) owed.set(name, (owed.get(name) ?? 0) + jobs - woken.length);
  };

  /** Waits for a wake-up or the next poll, whichever comes first. */
  const rest = (name: string) =>
    new Promise<void>((resolve) => {
      const waiting = idle.get(name) ?? [];
      idle.set(name, waiting);
      const resume = () => {
        clearTimeout(timer);
        const index = waiting.indexOf(resume);
        if (index >= 0) waiting.splice(index, 1);
        resolve();
      };
      const timer = setTimeout(resume, pollMs);
      timer.unref();
      waiting.push(resume);
    });

  /**
   * One job: the handler, then its completion, each waiting out a database blip. Marked done here
   * and only here (pg-boss's own worker would mark it a second time); a throw hands the job back
   * to pg-boss's retries.
   */
  async function handle<T>(name: string, job: PgBoss.Job<T>, handler: (data: T) => Promise<void>) {
    try {
      await whileDatabaseAway(() => handler(job.data));
    } catch (error) {
      const failure = error instanceof Error ? { message: error.message } : { message: String(error) };
      await whileDatabaseAway(() => boss.fail(name, job.id, failure));
      return;
    }
    await whileDatabaseAway(() => boss.complete(name, job.id));
  }

  /**
   * A worker: fetches one due job, runs it, then fetches again at once only when a job was sent
   * meanwhile; otherwise it waits to be woken or for its next poll (as pg-boss's own worker does),
   * so an idle queue costs no statements between polls.
   */
  async function worker<T>(name: string, handler: (data: T) => Promise<void>) {
    while (!stopping) {
      let job: PgBoss.Job<T> | undefined;
      try {
        [job] = await boss.fetch<T>(name, { batchSize: 1 });
      } catch (error) {
        // A fetch cut short by stopping is no error; any other is reported, and polled again.
        if (!stopping) options.onError(error instanceof Error ? error : new Error(String(error)));
      }
      if (job) {
        const running = handle(name, job, handler);
        handling.add(running);
        await running.finally(() => handling.delete(running));
      }
      const due = owed.get(name) ?? 0;
      if (due > 0) owed.set(name, due - 1);
      else await rest(name);
    }
  }

  return {
    async start(queues = []) {
      await boss.start();
      for (const name of queues) await ensureQueue(name);
    },

    async send(name, data, { at, key, within } = {}) {
      // Creating a queue inside an open transaction would wait on the embedded engine's one
      // connection, which that transaction holds: queues sent to in one are created at start.
      if (within && !created.has(name)) throw new Error(`job queue ${name} was not created at start`);
      await ensureQueue(name);
      const id = await boss.send(name, data, {
        ...(key ? { id: jobIdFor(`${name}:${key}`) } : {}),
        ...(at ? { startAfter: at } : {}),
        retryLimit: 5,
        retryDelay: retryDelaySeconds,
        retryBackoff: true,
        expireInSeconds,
        ...(within ? { db: executorWithin(within) } : {}),
      });
      const due = !at || at.getTime() <= Date.now();
      if (due && !within) wake(name);
      const pending = within && sentWithin.get(within);
      if (due && pending) pending.set(name, (pending.get(name) ?? 0) + 1);
      return id !== null;
    },

    async transaction(db, fn) {
      const due = new Map<string, number>();
      const result = await db.transaction(async (tx) => {
        sentWithin.set(tx, due);
        return fn(tx as unknown as Database);
      });
      for (const [name, jobs] of due) wake(name, jobs);
      return result;
    },

    async every(name, cron, timeZone) {
      await ensureQueue(name);
      await boss.schedule(name, cron, {}, { tz: timeZone });
    },

    async work<T>(name: string, handler: (data: T) => Promise<void>, { concurrency = 1 }: WorkOptions = {}) {
      await ensureQueue(name);
      for (let i = 0; i < concurrency; i++) void worker(name, handler);
    },

    async stop(timeoutMs = 15_000) {
      stopping = true;
      for (const waiting of idle.values()) for (const resume of waiting.splice(0)) resume();
      // Jobs under way get the time allowed; one still running then is left active, and runs again
      // once it expires.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...handling]),
        new Promise((resolve) => {
          timer = setTimeout(resolve, timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      await boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
    },
  };
}
