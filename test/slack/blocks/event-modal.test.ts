import { describe, expect, it } from "vitest";
import { eventModal, eventModalChannel, readEventModal } from "../../../src/slack/blocks/event-modal";
import { assertWithinLimits, optionValues, stateFromModal, TODAY } from "./fixtures";

const filled = (overrides: Record<string, Record<string, unknown>> = {}) => ({
  ...stateFromModal(eventModal({ channelId: "C0LEADS" })),
  name: { name: { type: "plain_text_input", value: "Fintech leaders panel" } },
  type: { type: { type: "static_select", selected_option: { value: "panel" } } },
  date: { date: { type: "datepicker", selected_date: "2026-12-15" } },
  slots: { slots: { type: "number_input", value: "3" } },
  industry: { industry: { type: "static_select", selected_option: { value: "fintech" } } },
  region: { region: { type: "static_select", selected_option: { value: "EMEA" } } },
  ...overrides,
});

describe("eventModal", () => {
  it("offers only event-based activity types and fits Slack's limits", () => {
    const view = eventModal({ channelId: "C0LEADS" });
    assertWithinLimits(view);
    const type = view.blocks.find((block) => block.block_id === "type") as unknown as {
      element: Record<string, unknown>;
    };
    expect(optionValues(type.element)).toEqual(expect.arrayContaining(["panel", "webinar", "peer_event"]));
    expect(optionValues(type.element)).not.toContain("reference_call");
    expect(eventModalChannel(view.private_metadata ?? "")).toBe("C0LEADS");
  });

  it("reads a filled form as the event to add", () => {
    expect(readEventModal(filled(), TODAY)).toEqual({
      event: {
        name: "Fintech leaders panel",
        activityType: "panel",
        date: "2026-12-15",
        slots: 3,
        industry: "fintech",
        region: "EMEA",
        topic: "",
      },
    });
  });

  it("names each field that is missing or wrong", () => {
    const read = readEventModal(
      filled({
        name: { name: { type: "plain_text_input", value: "  " } },
        type: { type: { type: "static_select", selected_option: { value: "reference_call" } } },
        date: { date: { type: "datepicker", selected_date: "2026-11-22" } },
        slots: { slots: { type: "number_input", value: "0" } },
      }),
      TODAY,
    );
    expect(read).toEqual({
      errors: {
        name: expect.any(String),
        type: expect.any(String),
        date: "That day has passed; events are upcoming.",
        slots: "A whole number of open slots from 1 to 500.",
      },
    });
  });
});
