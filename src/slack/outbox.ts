import { randomUUID } from "node:crypto";
import { ErrorCode } from "@slack/web-api";
import { z } from "zod";
import { audit } from "../db/audit";
import type { Database } from "../db/client";
import type { JobQueue } from "../jobs/queue";
import type { SlackGateway, SlackMessage } from "./gateway";

// Messages a person should receive even when Slack is briefly away (rate limits, 5xx, network):
// one attempt now, then durable retries from the job queue with growing waits, until delivered or
// given up on visibly (an error in the log and an audit row naming the recipient).

export const OUTBOX_JOB = "slack_outbox";
/** Attempts in all: about an hour and a half of retries (30 s, 1, 2, 4, 8, 16, 32 min). */
export const OUTBOX_MAX_ATTEMPTS = 8;

export interface Outbox {
  /** Posts a message whose timestamp nobody needs later (a note in a thread, a DM). */
  deliver(channel: string, message: SlackMessage, threadTs?: string): Promise<void>;
}

/** Whether a failed call may succeed if tried again later. */
export function isTransient(error: unknown): boolean {
  const failure = error as { code?: string; statusCode?: number; data?: { error?: string } };
  switch (failure.code) {
    case ErrorCode.RateLimitedError:
    case ErrorCode.RequestError:
      return true;
    case ErrorCode.HTTPError:
      return (failure.statusCode ?? 0) >= 500 || failure.statusCode === 429;
    case ErrorCode.PlatformError:
      return [
        "ratelimited",
        "service_unavailable",
        "internal_error",
        "fatal_error",
        "request_timeout",
      ].includes(failure.data?.error ?? "");
    default:
      return false;
  }
}

/** Slack's Retry-After when it gave one, else 30 s doubling per attempt. */
export function retryDelaySeconds(error: unknown, attempt: number): number {
  const retryAfter = (error as { retryAfter?: number }).retryAfter;
  if (typeof retryAfter === "number" && retryAfter > 0) return retryAfter;
  return 30 * 2 ** (attempt - 1);
}

const queued = z.object({
  channel: z.string().min(1),
  text: z.string(),
  blocks: z.array(z.record(z.string(), z.unknown())).optional(),
  threadTs: z.string().optional(),
  attempt: z.number().int().min(1),
});
type Queued = z.infer<typeof queued>;

export interface OutboxDeps {
  queue: JobQueue;
  gateway: SlackGateway;
  db: Database;
  clock: () => Date;
  log: { error(message: string): void };
}

export function createOutbox(deps: OutboxDeps): Outbox & { work(): Promise<void> } {
  async function send(item: Queued): Promise<void> {
    const message: SlackMessage = {
      text: item.text,
      ...(item.blocks ? { blocks: item.blocks as never } : {}),
    };
    await deps.gateway.post(item.channel, message, item.threadTs);
  }

  async function later(item: Queued, error: unknown): Promise<void> {
    const at = new Date(deps.clock().getTime() + retryDelaySeconds(error, item.attempt) * 1000);
    await deps.queue.schedule(OUTBOX_JOB, item, { at, key: randomUUID() });
  }

  async function giveUp(item: Queued, error: unknown): Promise<void> {
    const reason =
      (error as { data?: { error?: string }; code?: string }).data?.error ??
      (error as { code?: string }).code;
    deps.log.error(
      `slack_undelivered: to ${item.channel} after ${item.attempt} attempt(s): ${reason ?? "unknown error"}`,
    );
    await audit(deps.db, {
      actor: "refdesk",
      entityType: "slack_message",
      entityId: item.channel,
      action: "slack.undelivered",
      data: { attempts: item.attempt, reason: reason ?? null },
    });
  }

  return {
    async deliver(channel, message, threadTs) {
      const item: Queued = {
        channel,
        text: message.text,
        ...(message.blocks ? { blocks: message.blocks as unknown as Record<string, unknown>[] } : {}),
        ...(threadTs ? { threadTs } : {}),
        attempt: 1,
      };
      try {
        await send(item);
      } catch (error) {
        if (!isTransient(error)) throw error;
        await later(item, error);
      }
    },

    async work() {
      await deps.queue.work(OUTBOX_JOB, async (data) => {
        const item = { ...queued.parse(data) };
        item.attempt += 1;
        try {
          await send(item);
        } catch (error) {
          if (isTransient(error) && item.attempt < OUTBOX_MAX_ATTEMPTS) await later(item, error);
          else await giveUp(item, error);
        }
      });
    },
  };
}

/** Without a queue (benchmarks, tests not about delivery): one attempt, failures reach the caller. */
export function directDelivery(gateway: SlackGateway): Outbox {
  return {
    deliver: async (channel, message, threadTs) => void (await gateway.post(channel, message, threadTs)),
  };
}
