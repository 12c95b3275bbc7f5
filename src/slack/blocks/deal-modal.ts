import type { ModalView } from "@slack/types";
import { z } from "zod";
import { AppError } from "../../core/errors";
import { LIMITS, plain } from "./limits";

// "Won": the rep may add the deal's value (it feeds the program's won revenue; it never reaches
// the champion).

export const DEAL_CALLBACK = "deal.submit";

export function dealValueModal(activityId: number): ModalView {
  return {
    type: "modal",
    callback_id: DEAL_CALLBACK,
    private_metadata: JSON.stringify({ activityId }),
    title: plain("Deal won", LIMITS.modalTitle),
    submit: plain("Record", LIMITS.modalButton),
    close: plain("Cancel", LIMITS.modalButton),
    blocks: [
      {
        type: "input",
        block_id: "value",
        optional: true,
        label: plain("Deal value (annual, in your reporting currency)", LIMITS.inputLabel),
        element: { type: "number_input", action_id: "value", is_decimal_allowed: true, min_value: "0" },
      },
    ],
  };
}

const metadata = z.object({ activityId: z.number().int().positive() });

export function readDealModal(
  privateMetadata: string,
  values: Record<string, Record<string, { value?: string | null }>>,
): { activityId: number; value: string | null } {
  let activityId: number;
  try {
    activityId = metadata.parse(JSON.parse(privateMetadata)).activityId;
  } catch {
    throw new AppError("input_invalid", "That form arrived without its context; please open it again.");
  }
  const raw = values.value?.value?.value?.trim() ?? "";
  if (raw !== "" && !/^\d+(\.\d{1,2})?$/.test(raw)) {
    throw new AppError("input_invalid", "A deal value is a plain number, like 120000 or 99.50.");
  }
  return { activityId, value: raw === "" ? null : raw };
}
