import { createHash } from "node:crypto";
import PgBoss from "pg-boss";
import type { JobTransport } from "../db/client";

// Durable scheduled work on pg-boss, in the app's own database: jobs survive restarts, and several
// instances on one database share them (pg-boss fetches with SKIP LOCKED, so each job runs in one
// place). Handlers still make their step conditional in the database, so a job that runs twice
// (a crash between the work and its completion) changes nothing the second time.

export interface JobQueue {
  start(): Promise<void>;
  /**
   * Runs `name` with `data` at `at` (or as soon as a worker is free after it). Once per `key`:
   * scheduling the same key again is a no-op, reported as false.
   */
  schedule(name: string, data: object, options: { at: Date; key: string }): Promise<boolean>;
  /**
   * Runs `name` on a cron schedule (in `timeZone`). Every instance may declare it: the schedule is
   * one row, and pg-boss creates each occurrence's job once.
   */
  every(name: string, cron: string, timeZone: string): Promise<void>;
  /** Handles `name` jobs in this process; a throw retries the job later (with backoff). */
  work<T>(name: string, handler: (data: T) => Promise<void>): Promise<void>;
  /** Stops fetching, waits for running handlers to finish (graceful shutdown). */
  stop(): Promise<void>;
}

export interface JobQueueOptions {
  /** How often an idle worker looks for due jobs. */
  pollingIntervalSeconds?: number;
  onError: (error: Error) => void;
}

const SCHEMA = "refdesk_jobs";

/** A stable job ID for a key (UUID-shaped, as pg-boss requires), so a repeated schedule collides. */
export function jobIdFor(key: string): string {
  const hex = createHash("sha256").update(key).digest("hex");
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function createJobQueue(transport: JobTransport, options: JobQueueOptions): JobQueue {
  const boss =
    transport.engine === "postgres"
      ? new PgBoss({ connectionString: transport.url, schema: SCHEMA, max: 4 })
      : new PgBoss({ db: { executeSql: transport.executeSql }, schema: SCHEMA });
  boss.on("error", options.onError);
  const created = new Set<string>();

  async function ensureQueue(name: string): Promise<void> {
    if (created.has(name)) return;
    await boss.createQueue(name);
    created.add(name);
  }

  return {
    async start() {
      await boss.start();
    },

    async schedule(name, data, { at, key }) {
      await ensureQueue(name);
      const id = await boss.send(name, data, {
        id: jobIdFor(`${name}:${key}`),
        startAfter: at,
        retryLimit: 5,
        retryDelay: 30,
        retryBackoff: true,
      });
      return id !== null;
    },

    async every(name, cron, timeZone) {
      await ensureQueue(name);
      await boss.schedule(name, cron, {}, { tz: timeZone });
    },

    async work<T>(name: string, handler: (data: T) => Promise<void>) {
      await ensureQueue(name);
      await boss.work<T>(
        name,
        { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1 },
        async ([job]) => {
          if (job) await handler(job.data);
        },
      );
    },

    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 15_000 });
    },
  };
}
