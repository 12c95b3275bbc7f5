import type { MrkdwnElement, PlainTextElement, PlainTextOption } from "@slack/types";

// Block Kit's size limits. Slack rejects the whole payload (invalid_blocks) when one field is too long,
// so every builder cuts user-provided text to these before it leaves the process.
export const LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  sectionText: 3000,
  /** Slack documents 3,000 for a context element; 2,000 leaves room for escaping. */
  contextText: 2000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  privateMetadata: 3000,
  modalTitle: 24,
  /** Submit and close buttons of a modal. */
  modalButton: 24,
  optionText: 75,
  optionValue: 75,
  /** A static select or multi-select holds at most 100 options. */
  selectOptions: 100,
  inputInitialValue: 3000,
  inputLabel: 2000,
  placeholder: 150,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  /** The notification fallback of a message; Slack allows far more, nobody reads it. */
  fallbackText: 3000,
} as const;

const ELLIPSIS = "…";

/** Cuts `text` to at most `max` characters, ending with "…" when something was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return "";
  if (max === 1) return ELLIPSIS;
  let end = max - 1;
  // Never split a surrogate pair: half an emoji is invalid UTF-16.
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

/** Escapes the three characters Slack's mrkdwn treats as control characters in user-provided text. */
export const escapeMrkdwn = (text: string): string =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** Like truncate, but never leaves half an escape ("&am…") or half a mention ("<@U12…") behind. */
export function truncateMrkdwn(text: string, max: number): string {
  const cut = truncate(text, max);
  if (cut === text) return text;
  const body = cut
    .slice(0, -ELLIPSIS.length)
    .replace(/&[a-z#0-9]*$/i, "")
    .replace(/<[^>]*$/, "");
  return `${body}${ELLIPSIS}`;
}

/** Slack rejects empty text objects; a lone space is the smallest valid one. */
const nonEmpty = (text: string): string => (text.trim() === "" ? " " : text);

export const plain = (text: string, max: number): PlainTextElement => ({
  type: "plain_text",
  text: nonEmpty(truncate(text, max)),
  emoji: true,
});

export const mrkdwn = (text: string, max: number = LIMITS.sectionText): MrkdwnElement => ({
  type: "mrkdwn",
  text: nonEmpty(truncateMrkdwn(text, max)),
});

/** A select option; values longer than Slack allows would not come back intact, so callers keep them short. */
export const option = (text: string, value: string): PlainTextOption => ({
  text: plain(text, LIMITS.optionText),
  value: truncate(value, LIMITS.optionValue),
});

/** `<@U123>`: only well-formed IDs become mentions, anything else is shown as text. */
export const mention = (slackUserId: string): string =>
  /^[UW][A-Z0-9]{2,}$/.test(slackUserId) ? `<@${slackUserId}>` : escapeMrkdwn(slackUserId);
