import type { Database } from "../db/client";
import { loadProgramMetrics } from "../db/report-repository";
import { DIGEST_WINDOW_DAYS, postDigest } from "../digest/digest";
import type { JobQueue } from "../jobs/queue";
import type { SlackGateway } from "./gateway";

// The weekly digest in the leads' channel: a cron job in production, `/advocacy digest` on demand.

export const DIGEST_JOB = "weekly_digest";

export interface DigestDeps {
  db: Database;
  gateway: SlackGateway;
  channel: string;
  clock: () => Date;
  defaultCapacity: number;
}

/** Posts the last week's chart and numbers to the leads' channel. */
export function digestPoster(deps: DigestDeps): () => Promise<void> {
  return async () => {
    const now = deps.clock();
    const metrics = await loadProgramMetrics(deps.db, {
      now,
      windowDays: DIGEST_WINDOW_DAYS,
      defaultCapacity: deps.defaultCapacity,
    });
    await postDigest({ gateway: deps.gateway, channel: deps.channel, metrics, now });
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
