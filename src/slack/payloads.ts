import { z } from "zod";
import { ACTIVITY_TYPES, COMPANY_SIZES, REGIONS } from "../core/domain";
import { AppError, isAppError } from "../core/errors";

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

const requestFieldsShape = z.object({
  prospect_company: z.string().nullable(),
  industry: z.string().nullable(),
  company_size: z.enum(COMPANY_SIZES).nullable(),
  region: z.enum(REGIONS).nullable(),
  products: z.array(z.string()),
  persona: z.string().nullable(),
  activities: z.array(z.enum(ACTIVITY_TYPES)),
  deadline: z.string().nullable(),
});

/** What the "Open a request" button of a recognition offer carries: the message and what was understood. */
export const offerValue = z.object({
  authorId: z.string().min(1),
  channelId: z.string().min(1),
  messageTs: z.string().min(1),
  fields: requestFieldsShape,
  rawText: z.string(),
});
export type OfferValue = z.infer<typeof offerValue>;

/** Slack's limit for a button's value. */
const BUTTON_VALUE_LIMIT = 2000;
/** Each text field of an offer, at most (a prospect's name or a persona is never longer). */
const OFFER_FIELD_LIMIT = 500;

/** The largest n in 0..max for which `fits(n)` holds, when it holds for every n below a bound. */
function largestFitting(max: number, fits: (n: number) => boolean): number {
  let low = 0;
  let high = max;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Keeps the button value within Slack's 2,000 characters, whatever the message held: the fields
 * shortened first (as many products as fit), then as much of the quoted text as still fits.
 */
export function encodeOfferValue(value: OfferValue): string {
  const fits = (candidate: OfferValue) => JSON.stringify(candidate).length <= BUTTON_VALUE_LIMIT;
  const short = (text: string | null) => (text === null ? null : text.slice(0, OFFER_FIELD_LIMIT));
  const fields = {
    ...value.fields,
    prospect_company: short(value.fields.prospect_company),
    persona: short(value.fields.persona),
    products: value.fields.products.map((product) => product.slice(0, OFFER_FIELD_LIMIT)),
  };
  const withProducts = (n: number): OfferValue => ({
    ...value,
    fields: { ...fields, products: fields.products.slice(0, n) },
    rawText: "",
  });
  const fitted = withProducts(largestFitting(fields.products.length, (n) => fits(withProducts(n))));
  const withText = (n: number): OfferValue => ({ ...fitted, rawText: value.rawText.slice(0, n) });
  return JSON.stringify(withText(largestFitting(value.rawText.length, (n) => fits(withText(n)))));
}

export function decodeOfferValue(text: string | undefined): OfferValue {
  try {
    return offerValue.parse(JSON.parse(text ?? ""));
  } catch {
    throw new AppError(
      "input_invalid",
      "That offer arrived without its message; please use /reference instead.",
    );
  }
}

/**
 * Reads a view submission. When it can't be read (a form the app never built), the modal is
 * closed first: an unacknowledged submission leaves Slack showing a connection error. The error
 * then reaches the one error handler, which tells the user.
 */
export async function readSubmission<T>(ack: () => Promise<void>, read: () => T): Promise<T> {
  try {
    return read();
  } catch (error) {
    await ack();
    // Whatever failed, it was the form's content: bad input, told to the user as such.
    throw isAppError(error)
      ? error
      : new AppError("input_invalid", "That form arrived incomplete; please open it again.");
  }
}
