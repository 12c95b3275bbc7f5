import { z } from "zod";
import { AppError } from "../core/errors";

// zod at the Slack edge: only the fields the app reads, checked before any of them is trusted.

const blockAction = z.object({
  user: z.object({ id: z.string().min(1) }),
  channel: z.object({ id: z.string().min(1) }).optional(),
  container: z.object({ thread_ts: z.string().optional(), message_ts: z.string().optional() }).optional(),
  trigger_id: z.string().optional(),
  actions: z
    .array(
      z.object({
        action_id: z.string(),
        value: z.string().optional(),
        selected_option: z.object({ value: z.string() }).optional(),
        selected_date: z.string().optional(),
      }),
    )
    .min(1),
});

export interface ActionPayload {
  userId: string;
  channelId: string | undefined;
  threadTs: string | undefined;
  triggerId: string | undefined;
  /** The numeric id after the prefix: `proposal.approve:42` → 42. */
  targetId: number;
  selected: string | undefined;
}

/** Reads a block_actions payload whose action_id carries the id of what it acts on. */
export function readAction(body: unknown): ActionPayload {
  const parsed = blockAction.safeParse(body);
  if (!parsed.success) throw new AppError("input_invalid", "That button press arrived incomplete.");
  const action = parsed.data.actions[0];
  const targetId = Number(action?.action_id.split(":")[1]);
  if (!action || !Number.isSafeInteger(targetId) || targetId <= 0) {
    throw new AppError("input_invalid", "That button doesn't say what it acts on.");
  }
  return {
    userId: parsed.data.user.id,
    channelId: parsed.data.channel?.id,
    threadTs: parsed.data.container?.thread_ts ?? parsed.data.container?.message_ts,
    triggerId: parsed.data.trigger_id,
    targetId,
    selected: action.selected_option?.value ?? action.selected_date ?? action.value,
  };
}

/** What the request modal carries back: where it was opened from. */
export const requestMetadata = z.object({
  source: z.enum(["slash_command", "shortcut", "message"]),
  channelId: z.string().nullable(),
  messageTs: z.string().nullable(),
  rawText: z.string(),
});
export type RequestMetadata = z.infer<typeof requestMetadata>;

/** Keeps private_metadata under Slack's 3,000 characters by shortening the quoted text. */
export function encodeRequestMetadata(metadata: RequestMetadata): string {
  let rawText = metadata.rawText;
  let encoded = JSON.stringify({ ...metadata, rawText });
  while (encoded.length > 3000) {
    rawText = rawText.slice(0, Math.max(0, rawText.length - (encoded.length - 3000) - 1));
    encoded = JSON.stringify({ ...metadata, rawText });
  }
  return encoded;
}

export function decodeRequestMetadata(text: string): RequestMetadata {
  try {
    return requestMetadata.parse(JSON.parse(text));
  } catch {
    throw new AppError("input_invalid", "That form arrived without its context; please open it again.");
  }
}
