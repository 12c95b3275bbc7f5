import { ErrorCode } from "@slack/web-api";
import { z } from "zod";
import { REQUEST_STATUSES } from "../core/lifecycle";
import { audit } from "../db/audit";
import type { Database } from "../db/client";
import { whileDatabaseAway } from "../db/retry";
import type { JobQueue } from "../jobs/queue";
import type { SlackGateway, SlackMessage } from "./gateway";

// Every message a person should receive goes through here, even when Slack is briefly away (rate
// limits, 5xx, network, a call that times out): a job queued with the change that calls for it
// (in the same transaction when one is given), delivered by a worker, retried with growing waits
// until delivered or given up on visibly (an error in the log and an audit row naming the
// recipient); a failure that waiting cannot mend (a missing channel) is given up on at its first
// attempt. A message whose timestamp is needed later (to update it, or to reply in its thread)
// carries a receipt: once Slack accepts it, on whichever attempt, `onDelivered` records where it
// landed; given up on, `onGivenUp` lets what waited on it move on. A message that leans on
// something Slack may refuse (an image it has not finished processing) can carry a plainer one
// to post instead.

export const OUTBOX_JOB = "slack_outbox";
/** Attempts in all: about an hour and a half of retries (30 s, 1, 2, 4, 8, 16, 32 min). */
export const OUTBOX_MAX_ATTEMPTS = 8;

const id = z.number().int().positive();

/** What to record once a message is delivered; kept in the job, so validated when read back. */
export const receiptSchema = z.discriminatedUnion("kind", [
  /** The proposal in the leads' channel: the root of the request's thread. */
  z.object({ kind: z.literal("lead_thread"), requestId: id }),
  /**
   * The rep's status message, rendered when the request had this status and proposal version (a
   * receipt queued before these were recorded was rendered as the request was stored).
   */
  z.object({
    kind: z.literal("rep_message"),
    requestId: id,
    status: z.enum(REQUEST_STATUSES).default("request"),
    version: z.number().int().min(0).default(0),
  }),
  /** The champion's invitation DM; its follow-ups are planned from delivery, on their clock. */
  z.object({
    kind: z.literal("invitation"),
    requestId: id,
    invitationId: id,
    timezone: z.string().nullable(),
    /** Posted in a Slack Connect channel shared with them, after Slack refused the DM. */
    shared: z.boolean().optional(),
  }),
]);
export type Receipt = z.infer<typeof receiptSchema>;

export interface Posted {
  channel: string;
  ts: string;
}

/** Records a delivered message's place (the desk's); the same call after a first or a later attempt. */
export type OnDelivered = (receipt: Receipt, posted: Posted) => Promise<void>;

/** A message with a receipt was given up on, for Slack's `reason` (the desk moves its request on). */
export type OnGivenUp = (receipt: Receipt, reason: string | null) => Promise<void>;

/** A small text file shared with the message (a calendar invitation), the message as its comment. */
export interface Attachment {
  filename: string;
  title: string;
  content: string;
}

export interface DeliveryOptions {
  threadTs?: string;
  file?: Attachment;
  receipt?: Receipt;
  /**
   * Posted instead when Slack refuses the message's blocks (`invalid_blocks`) twice, 30 s apart:
   * an uploaded image it shows by ID is refused until Slack has finished processing it, and for
   * good when the app may not use it.
   */
  ifBlocksRefused?: SlackMessage;
  /** The transaction whose change calls for the message: it goes out once that commits. */
  within?: Database;
}

export interface Outbox {
  /** Queues a message for delivery; a receipt is recorded once Slack accepts it. */
  deliver(channel: string, message: SlackMessage, options?: DeliveryOptions): Promise<void>;
}

/** Deliveries at once in one process: a Slack call that hangs until its timeout holds only its own. */
const OUTBOX_CONCURRENCY = 4;

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

/** Slack's own error (`channel_not_found`), else the client's code; undefined when neither says. */
export function slackErrorReason(error: unknown): string | undefined {
  const failure = error as { data?: { error?: string }; code?: string };
  return failure.data?.error ?? failure.code;
}

/** Slack's Retry-After when it gave one, else 30 s doubling per attempt. */
export function retryDelaySeconds(error: unknown, attempt: number): number {
  const retryAfter = (error as { retryAfter?: number }).retryAfter;
  if (typeof retryAfter === "number" && retryAfter > 0) return retryAfter;
  return 30 * 2 ** (attempt - 1);
}

const blocks = z.array(z.record(z.string(), z.unknown()));

const queued = z.object({
  channel: z.string().min(1),
  text: z.string(),
  blocks: blocks.optional(),
  threadTs: z.string().optional(),
  receipt: receiptSchema.optional(),
  /** The plainer message of DeliveryOptions.ifBlocksRefused. */
  ifBlocksRefused: z.object({ text: z.string(), blocks: blocks.optional() }).optional(),
  file: z.object({ filename: z.string(), title: z.string(), content: z.string() }).optional(),
  attempt: z.number().int().min(1),
});
type Queued = z.infer<typeof queued>;

/** A message as the job keeps it (plain JSON). */
const queuedMessage = ({ text, blocks }: SlackMessage): Pick<Queued, "text" | "blocks"> => ({
  text,
  ...(blocks ? { blocks: blocks as unknown as Record<string, unknown>[] } : {}),
});

export interface OutboxDeps {
  queue: JobQueue;
  gateway: SlackGateway;
  db: Database;
  clock: () => Date;
  log: { error(message: string): void };
  onDelivered: OnDelivered;
  onGivenUp: OnGivenUp;
}

export function createOutbox(deps: OutboxDeps): Outbox & { work(): Promise<void> } {
  async function later(item: Queued, error: unknown): Promise<void> {
    const at = new Date(deps.clock().getTime() + retryDelaySeconds(error, item.attempt - 1) * 1000);
    await deps.queue.send(OUTBOX_JOB, item, { at });
  }

  async function giveUp(item: Queued, error: unknown): Promise<void> {
    const reason = slackErrorReason(error);
    deps.log.error(
      `slack_undelivered: ${item.receipt?.kind ?? "message"} to ${item.channel} after ${item.attempt} attempt(s): ${reason ?? "unknown error"}`,
    );
    await audit(deps.db, {
      actor: "refdesk",
      entityType: "slack_message",
      entityId: item.channel,
      action: "slack.undelivered",
      data: {
        attempts: item.attempt,
        reason: reason ?? null,
        ...(item.receipt ? { receipt: item.receipt } : {}),
      },
    });
    if (item.receipt) await deps.onGivenUp(item.receipt, reason ?? null);
  }

  /** Shares a file with its message as the comment, in the user's DM when the channel is a user. */
  async function share(item: Queued, file: Attachment): Promise<void> {
    const channel = /^[UW]/.test(item.channel) ? await deps.gateway.openDm(item.channel) : item.channel;
    await deps.gateway.uploadFile(channel, {
      filename: file.filename,
      title: file.title,
      bytes: Buffer.from(file.content, "utf8"),
      initialComment: item.text,
    });
  }

  /** Slack refused the blocks: tried again once after a wait, then the plainer message goes instead. */
  async function blocksRefused(item: Queued, plainer: Pick<Queued, "text" | "blocks">, error: unknown) {
    if (item.attempt === 1) return later({ ...item, attempt: 2 }, error);
    deps.log.error(
      `slack_blocks_refused: ${slackErrorReason(error)} twice for a message to ${item.channel}; its plainer version goes instead`,
    );
    const { ifBlocksRefused: _refused, blocks: _refusedBlocks, ...rest } = item;
    await attempt({ ...rest, ...plainer });
  }

  /**
   * One attempt, first or retried alike. Only the post is retried: a failure while recording its
   * receipt reaches the caller (a job then runs again, and the recording is idempotent).
   */
  async function attempt(item: Queued): Promise<void> {
    let posted: Posted;
    try {
      if (item.file) return void (await share(item, item.file));
      posted = await deps.gateway.post(
        item.channel,
        { text: item.text, ...(item.blocks ? { blocks: item.blocks as never } : {}) },
        item.threadTs,
      );
    } catch (error) {
      if (item.ifBlocksRefused && slackErrorReason(error) === "invalid_blocks")
        return blocksRefused(item, item.ifBlocksRefused, error);
      if (isTransient(error) && item.attempt < OUTBOX_MAX_ATTEMPTS)
        await later({ ...item, attempt: item.attempt + 1 }, error);
      else await giveUp(item, error);
      return;
    }
    // Delivered: recording where must not post it again, so a database blip is waited out here.
    const { receipt } = item;
    if (receipt) await whileDatabaseAway(() => deps.onDelivered(receipt, posted));
  }

  return {
    async deliver(channel, message, options = {}) {
      const item: Queued = {
        channel,
        ...queuedMessage(message),
        ...(options.threadTs ? { threadTs: options.threadTs } : {}),
        ...(options.receipt ? { receipt: options.receipt } : {}),
        ...(options.file ? { file: options.file } : {}),
        ...(options.ifBlocksRefused ? { ifBlocksRefused: queuedMessage(options.ifBlocksRefused) } : {}),
        attempt: 1,
      };
      await deps.queue.send(OUTBOX_JOB, item, options.within ? { within: options.within } : {});
    },

    async work() {
      await deps.queue.work(OUTBOX_JOB, async (data) => attempt(queued.parse(data)), {
        concurrency: OUTBOX_CONCURRENCY,
      });
    },
  };
}
