import type { ModalView } from "@slack/types";
import { ACTIVITIES } from "../../core/activities";
import { isIsoDate } from "../../core/dates";
import { ACTIVITY_TYPES, type ActivityType, REGIONS } from "../../core/domain";
import { INDUSTRIES, type IndustryKey } from "../../core/vocabulary/industries";
import type { NewProgramEvent } from "../../db/events-repository";
import { LIMITS, plain } from "./limits";
import {
  ACTIVITY_OPTIONS,
  fieldState,
  INDUSTRY_OPTIONS,
  input,
  REGION_OPTIONS,
  staticSelect,
  textInput,
} from "./request-modal";

// A lead adds a program event (a webinar, panel, peer dinner…) whose open slots matching can propose.

export const EVENT_MODAL_CALLBACK = "event.submit";

/** The same bound as `events add --slots`. */
export const MAX_EVENT_SLOTS = 500;

const EVENT_TYPES = new Set<string>(ACTIVITY_TYPES.filter((type) => ACTIVITIES[type].eventBased));
const EVENT_TYPE_OPTIONS = ACTIVITY_OPTIONS.filter((choice) => EVENT_TYPES.has(choice.value ?? ""));

/** `channelId`: where the lead opened it, to answer there; null: answer in a DM. */
export function eventModal({ channelId }: { channelId: string | null }): ModalView {
  return {
    type: "modal",
    callback_id: EVENT_MODAL_CALLBACK,
    private_metadata: JSON.stringify({ channelId }),
    title: plain("Add a program event", LIMITS.modalTitle),
    submit: plain("Add", LIMITS.modalButton),
    close: plain("Cancel", LIMITS.modalButton),
    blocks: [
      input("name", "Name", textInput("name", "", { placeholder: "e.g. Fintech leaders panel" })),
      input("type", "Type", staticSelect("type", EVENT_TYPE_OPTIONS, null, "Panel, webinar, peer event…")),
      input("date", "Date", { type: "datepicker", action_id: "date" }),
      input("slots", "Open slots", {
        type: "number_input",
        action_id: "slots",
        is_decimal_allowed: false,
        min_value: "1",
        max_value: String(MAX_EVENT_SLOTS),
      }),
      input("industry", "For industry", staticSelect("industry", INDUSTRY_OPTIONS, null, "Any industry")),
      input("region", "Region", staticSelect("region", REGION_OPTIONS, null, "Any region")),
      input("topic", "Topic", textInput("topic", "", { placeholder: "One line on what it is about" })),
    ],
  };
}

/** The channel an event modal was opened from (null: answer in a DM). */
export function eventModalChannel(privateMetadata: string): string | null {
  try {
    const { channelId } = JSON.parse(privateMetadata) as { channelId?: unknown };
    return typeof channelId === "string" ? channelId : null;
  } catch {
    return null;
  }
}

const isIndustryKey = (value: string): value is IndustryKey => Object.hasOwn(INDUSTRIES, value);

/**
 * `view.state.values` of an event.submit submission → the event, or a problem per field (block_id
 * → words) for `response_action: "errors"`. Events are upcoming: the date is today or later.
 */
export function readEventModal(
  values: Record<string, Record<string, unknown>>,
  today: string,
): { event: NewProgramEvent } | { errors: Record<string, string> } {
  const read = (id: string) => fieldState(values, id);
  const errors: Record<string, string> = {};
  const name = read("name").value?.trim() ?? "";
  if (!name) errors.name = "Give the event a name.";
  const type = read("type").selected_option?.value ?? "";
  if (!EVENT_TYPES.has(type)) errors.type = "Pick what kind of event it is.";
  const date = read("date").selected_date ?? "";
  if (!isIsoDate(date)) errors.date = "Pick the day it happens.";
  else if (date < today) errors.date = "That day has passed; events are upcoming.";
  const slotsText = read("slots").value?.trim() ?? "";
  const slots = Number(slotsText);
  if (!/^\d+$/.test(slotsText) || slots < 1 || slots > MAX_EVENT_SLOTS)
    errors.slots = `A whole number of open slots from 1 to ${MAX_EVENT_SLOTS}.`;
  if (Object.keys(errors).length > 0) return { errors };

  const industry = read("industry").selected_option?.value ?? "";
  const region = read("region").selected_option?.value ?? "";
  return {
    event: {
      name,
      activityType: type as ActivityType,
      date,
      slots,
      industry: isIndustryKey(industry) ? industry : null,
      region: (REGIONS as readonly string[]).includes(region) ? (region as NewProgramEvent["region"]) : null,
      topic: read("topic").value?.trim() ?? "",
    },
  };
}
