import type { Database } from "../db/client";
import { loadBenchGaps, loadProgramMetrics } from "../db/report-repository";
import { createRosterSnapshotSource } from "../db/roster-snapshot";
import { DIGEST_WINDOW_DAYS, postDigest } from "../digest/digest";
import type { JobQueue } from "../jobs/queue";
import type { SlackGateway } from "./gateway";
import type { Outbox } from "./outbox";

// The weekly digest in the leads' channel: a cron job in production, `/advocacy digest` on demand.

export const DIGEST_JOB = "weekly_digest";

export interface DigestDeps {
  db: Database;
  gateway: SlackGateway;
  outbox: Outbox;
  channel: string;
  clock: () => Date;
  defaultCapacity: number;
  log: { error(message: string): void };
}

/** Uploads the last week's chart and queues the message with it and the numbers for the leads' channel. */
export function digestPoster(deps: DigestDeps): () => Promise<void> {
  return async () => {
    const now = deps.clock();
    // One read of the roster for both the metrics and the bench.
    const options = {
      now,
      defaultCapacity: deps.defaultCapacity,
      snapshot: createRosterSnapshotSource(deps.db, () => now).current(),
    };
    const [metrics, bench] = await Promise.all([
      loadProgramMetrics(deps.db, { ...options, windowDays: DIGEST_WINDOW_DAYS }),
      loadBenchGaps(deps.db, options),
    ]);
    const { gateway, outbox, channel, log } = deps;
    await postDigest({ gateway, outbox, channel, log, metrics, bench });
  };
}

export async function scheduleDigest(
  queue: JobQueue,
  post: () => Promise<void>,
  schedule: { cron: string; timeZone: string },
): Promise<void> {
  await queue.every(DIGEST_JOB, schedule.cron, schedule.timeZone);
  await queue.work(DIGEST_JOB, post);
}
