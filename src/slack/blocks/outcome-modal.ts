import type { ModalView, PlainTextOption } from "@slack/types";
import { z } from "zod";
import { activityLabel } from "../../core/activities";
import type { ActivityType } from "../../core/domain";
import { AppError } from "../../core/errors";
import { escapeMrkdwn, LIMITS, mrkdwn, option, plain, truncate } from "./limits";
import { fieldState } from "./request-modal";

// What a lead records after an activity: whether it happened, how the champion found it (so we stop
// asking people for things they dislike) and what it did for the deal (the impact we report back).

export const OUTCOME_MODAL_CALLBACK = "activity.outcome";

export const DEAL_RESULTS = ["won", "lost", "open"] as const;
export type DealResult = (typeof DEAL_RESULTS)[number];

export interface OutcomeAnswers {
  held: boolean;
  /** 1..5 */
  championRating: number | null;
  dealResult: DealResult | null;
  /** A non-negative decimal as typed ("125000.50"); money stays a string end to end. */
  dealValue: string | null;
  notes: string;
}

const HELD_OPTIONS = [option("Yes, it happened", "yes"), option("No, it didn't happen", "no")];
const RATING_OPTIONS = [
  option("5 — loved it", "5"),
  option("4 — good", "4"),
  option("3 — fine", "3"),
  option("2 — not great", "2"),
  option("1 — never again", "1"),
];
const DEAL_OPTIONS = [option("Won", "won"), option("Lost", "lost"), option("Still open", "open")];

const find = (options: PlainTextOption[], value: string | undefined) =>
  options.find((candidate) => candidate.value === value);

/** Spread into an element: Slack rejects an initial option that is not one of the options. */
const initialOption = (options: PlainTextOption[], value: string | undefined) => {
  const found = find(options, value);
  return found ? { initial_option: found } : {};
};

const DECIMAL = /^\d+(?:\.\d+)?$/;

export interface OutcomeModalInput {
  activityId: number;
  championName: string;
  activity: ActivityType;
  /** Answers recorded earlier, when a lead corrects them. */
  initial?: Partial<OutcomeAnswers>;
}

export function outcomeModal({
  activityId,
  championName,
  activity,
  initial = {},
}: OutcomeModalInput): ModalView {
  const held = initial.held === undefined ? undefined : initial.held ? "yes" : "no";
  const rating = initial.championRating == null ? undefined : String(initial.championRating);
  const dealValue = initial.dealValue && DECIMAL.test(initial.dealValue) ? initial.dealValue : null;
  const notes = truncate(initial.notes ?? "", LIMITS.inputInitialValue);
  const who = escapeMrkdwn(truncate(championName.trim() || "the champion", 300));
  return {
    type: "modal",
    callback_id: OUTCOME_MODAL_CALLBACK,
    private_metadata: String(activityId),
    title: plain("Record outcome", LIMITS.modalTitle),
    submit: plain("Save", LIMITS.modalButton),
    close: plain("Cancel", LIMITS.modalButton),
    blocks: [
      { type: "section", text: mrkdwn(`How did the ${activityLabel(activity)} with ${who} go?`) },
      {
        type: "input",
        block_id: "held",
        label: plain("Did it take place?", LIMITS.inputLabel),
        element: {
          type: "radio_buttons",
          action_id: "held",
          options: HELD_OPTIONS,
          ...initialOption(HELD_OPTIONS, held),
        },
      },
      {
        type: "input",
        block_id: "rating",
        optional: true,
        label: plain("How did the champion find it?", LIMITS.inputLabel),
        element: {
          type: "static_select",
          action_id: "rating",
          placeholder: plain("Their rating", LIMITS.placeholder),
          options: RATING_OPTIONS,
          ...initialOption(RATING_OPTIONS, rating),
        },
      },
      {
        type: "input",
        block_id: "deal",
        optional: true,
        label: plain("Deal result", LIMITS.inputLabel),
        element: {
          type: "static_select",
          action_id: "deal",
          placeholder: plain("Won, lost or open", LIMITS.placeholder),
          options: DEAL_OPTIONS,
          ...initialOption(DEAL_OPTIONS, initial.dealResult ?? undefined),
        },
      },
      {
        type: "input",
        block_id: "value",
        optional: true,
        label: plain("Deal value", LIMITS.inputLabel),
        element: {
          type: "number_input",
          action_id: "value",
          is_decimal_allowed: true,
          min_value: "0",
          ...(dealValue ? { initial_value: dealValue } : {}),
        },
      },
      {
        type: "input",
        block_id: "notes",
        optional: true,
        label: plain("Notes", LIMITS.inputLabel),
        element: {
          type: "plain_text_input",
          action_id: "notes",
          multiline: true,
          max_length: LIMITS.inputInitialValue,
          ...(notes ? { initial_value: notes } : {}),
        },
      },
    ],
  };
}

const held = z.enum(["yes", "no"]);
const rating = z.coerce.number().int().min(1).max(5);
const deal = z.enum(DEAL_RESULTS);
const decimal = z.string().trim().regex(DECIMAL);

/** `view.state.values` of an activity.outcome submission. Whether it was held is required. */
export function readOutcomeModal(values: Record<string, Record<string, unknown>>): OutcomeAnswers {
  const read = (id: string) => fieldState(values, id);
  const heldAnswer = held.safeParse(read("held").selected_option?.value);
  if (!heldAnswer.success) {
    throw new AppError("input_invalid", "Say whether the activity took place.", ["held"]);
  }
  const ratingAnswer = rating.safeParse(read("rating").selected_option?.value);
  const dealAnswer = deal.safeParse(read("deal").selected_option?.value);
  const valueAnswer = decimal.safeParse(read("value").value);
  return {
    held: heldAnswer.data === "yes",
    championRating: ratingAnswer.success ? ratingAnswer.data : null,
    dealResult: dealAnswer.success ? dealAnswer.data : null,
    dealValue: valueAnswer.success ? valueAnswer.data : null,
    notes: read("notes").value?.trim() ?? "",
  };
}
