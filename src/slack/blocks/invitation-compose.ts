import type { KnownBlock, ModalView } from "@slack/types";
import { z } from "zod";
import { AppError } from "../../core/errors";
import { escapeMrkdwn, LIMITS, mrkdwn, plain, truncate } from "./limits";

// The lead reads, and may rewrite, the invitation before it goes to the champion. Submitting it
// approves the candidate and sends exactly this text.

export const COMPOSE_CALLBACK = "invitation.compose";
/** "Use this draft": puts the model's draft in the message box, when the lead chooses to. */
export const USE_DRAFT_ACTION = "compose.use_draft";
const MESSAGE_ACTION = "message";
/** What a champion reads in one sitting; also well inside a section's 3,000 characters. */
export const MAX_INVITATION_LENGTH = 2000;

export interface ComposeModalInput {
  candidateId: number;
  championName: string;
  /** "panel — Fintech Leaders Panel, 12 Mar 2026" */
  ask: string;
  draft: string;
  source: "model" | "template";
  /**
   * The model's draft, offered beside the message box rather than put in it: it arrives seconds
   * after the form opens, and replacing the box would wipe what the lead has typed meanwhile.
   */
  suggestion?: string;
}

const SOURCE_WORDS = {
  model: "Drafted by the language model from their motivations and role; edit freely.",
  template: "Drafted from the template for their strongest motivation; edit freely.",
} as const;

export function composeModal(input: ComposeModalInput): ModalView {
  const suggestion = input.suggestion ? truncate(input.suggestion, MAX_INVITATION_LENGTH) : undefined;
  const offered: KnownBlock[] = suggestion
    ? [
        {
          type: "section",
          block_id: "suggestion",
          text: mrkdwn(
            `*The language model's draft* (read it, then use it or keep your own):\n${escapeMrkdwn(suggestion)}`,
          ),
        },
        {
          type: "actions",
          block_id: "suggestion.use",
          elements: [
            {
              type: "button",
              action_id: `${USE_DRAFT_ACTION}:${input.candidateId}`,
              text: plain("Use this draft", LIMITS.buttonText),
            },
          ],
        },
      ]
    : [];
  return {
    type: "modal",
    callback_id: COMPOSE_CALLBACK,
    private_metadata: JSON.stringify({
      candidateId: input.candidateId,
      ...(suggestion ? { suggestion } : {}),
    }),
    title: plain("Invitation", LIMITS.modalTitle),
    submit: plain("Approve & send", LIMITS.modalButton),
    close: plain("Cancel", LIMITS.modalButton),
    blocks: [
      {
        type: "section",
        text: mrkdwn(
          `To *${truncate(input.championName, 200)}*, by direct message: ${truncate(input.ask, 400)}.`,
        ),
      },
      ...offered,
      {
        type: "input",
        // A new block_id when the draft changes makes Slack show the new initial value.
        block_id: `message:${input.source}`,
        label: plain("Message", LIMITS.inputLabel),
        hint: plain(SOURCE_WORDS[input.source], LIMITS.inputLabel),
        element: {
          type: "plain_text_input",
          action_id: MESSAGE_ACTION,
          multiline: true,
          max_length: MAX_INVITATION_LENGTH,
          initial_value: truncate(input.draft, MAX_INVITATION_LENGTH),
        },
      },
    ],
  };
}

const submitted = z.object({
  candidateId: z.number().int().positive(),
  suggestion: z.string().max(MAX_INVITATION_LENGTH).optional(),
});

/** A "Use this draft" click: the open form and the draft it offered (the form's own metadata). */
export function readUseDraft(body: unknown): { viewId: string; candidateId: number; suggestion: string } {
  const parsed = z
    .object({ view: z.object({ id: z.string().min(1), private_metadata: z.string() }) })
    .safeParse(body);
  let metadata: z.infer<typeof submitted> | undefined;
  try {
    metadata = parsed.success ? submitted.parse(JSON.parse(parsed.data.view.private_metadata)) : undefined;
  } catch {
    metadata = undefined;
  }
  if (!parsed.success || !metadata?.suggestion)
    throw new AppError("input_invalid", "That form arrived without its draft; please open it again.");
  return { viewId: parsed.data.view.id, candidateId: metadata.candidateId, suggestion: metadata.suggestion };
}

/** The candidate and the text a lead submitted, or the field error to show in the modal. */
export function readComposeModal(
  privateMetadata: string,
  values: Record<string, Record<string, { value?: string | null }>>,
): { candidateId: number; message: string } | { error: string; blockId: string } {
  let candidateId: number;
  try {
    candidateId = submitted.parse(JSON.parse(privateMetadata)).candidateId;
  } catch {
    throw new AppError("input_invalid", "That form arrived without its context; please open it again.");
  }
  const blockId = Object.keys(values).find((id) => values[id]?.[MESSAGE_ACTION] !== undefined) ?? "message";
  const message = (values[blockId]?.[MESSAGE_ACTION]?.value ?? "").trim();
  if (message === "") return { error: "Write a few words to the champion first.", blockId };
  if (message.length > MAX_INVITATION_LENGTH)
    return { error: `Keep it under ${MAX_INVITATION_LENGTH} characters.`, blockId };
  return { candidateId, message };
}
