import { ErrorCode, LogLevel, WebClient } from "@slack/web-api";
import { AppError } from "../core/errors";
import { isTransient } from "./outbox";

// Before the app takes any request it asks Slack who its token belongs to (auth.test). A token
// Slack rejects stops start-up with one line naming the variable and Slack's error; a Slack that
// cannot be reached is asked again for a while, with a line each time, then the same.

export interface BotIdentity {
  botId: string;
  botUserId: string;
  teamId: string;
}

export interface PreflightOptions {
  token: string;
  apiUrl?: string | undefined;
  /** How long to keep trying an unreachable Slack. */
  waitSeconds: number;
  timeoutMs: number;
  log: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function checkSlackToken(options: PreflightOptions): Promise<BotIdentity> {
  const client = new WebClient(options.token, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    retryConfig: { retries: 0 },
    timeout: options.timeoutMs,
    // Each failure is said once, below, in words.
    logLevel: LogLevel.ERROR,
  });
  const sleep = options.sleep ?? pause;
  const deadline = Date.now() + options.waitSeconds * 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      const answer = await client.auth.test();
      return { botId: answer.bot_id ?? "", botUserId: answer.user_id ?? "", teamId: answer.team_id ?? "" };
    } catch (error) {
      const reason = reasonOf(error);
      if (!isTransient(error) && (error as { code?: string }).code === ErrorCode.PlatformError) {
        throw new AppError(
          "slack_rejected",
          `Slack rejected SLACK_BOT_TOKEN (${reason}). Copy the Bot User OAuth Token (xoxb-…) from your app's OAuth & Permissions page into .env, reinstalling the app if it was revoked.`,
        );
      }
      const wait = Math.min(1000 * 2 ** (attempt - 1), 10_000);
      if (Date.now() + wait > deadline) {
        throw new AppError(
          "slack_unreachable",
          `Could not reach Slack${options.apiUrl ? ` at ${options.apiUrl}` : ""} for ${options.waitSeconds} s (${reason}). Check the network (or SLACK_API_URL), then start again.`,
        );
      }
      options.log(`Slack is not reachable yet (${reason}); trying again in ${wait / 1000} s.`);
      await sleep(wait);
    }
  }
}

/** Slack's error, or the network's (ECONNREFUSED, a timeout), rather than fetch's "fetch failed". */
function reasonOf(error: unknown): string {
  const failure = error as {
    data?: { error?: string };
    original?: { code?: string; message?: string; cause?: { code?: string } };
    message?: string;
  };
  return (
    failure.data?.error ??
    failure.original?.cause?.code ??
    failure.original?.code ??
    failure.original?.message ??
    failure.message ??
    "unknown error"
  );
}
