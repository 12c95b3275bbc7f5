import type { InputBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { emptyRequest } from "../../../src/core/domain";
import { readRequestModal, requestModal } from "../../../src/slack/blocks/request-modal";
import { assertWithinLimits, long, requestFields, stateFromModal } from "./fixtures";

const CATALOGUE = ["Payments API", "Fraud Shield", "Ledger", "Treasury Hub"];
const FIELDS = [
  "prospect",
  "industry",
  "size",
  "region",
  "products",
  "persona",
  "activities",
  "deadline",
  "notes",
];

const build = (overrides: Partial<Parameters<typeof requestModal>[0]> = {}) =>
  requestModal({
    fields: requestFields(),
    notes: "Their CFO worries about settlement times.",
    products: CATALOGUE,
    privateMetadata: JSON.stringify({ channel: "C0SALES001", thread_ts: "1732350000.000100" }),
    ...overrides,
  });

const inputs = (view: ReturnType<typeof requestModal>) => view.blocks as InputBlock[];
const element = (view: ReturnType<typeof requestModal>, id: string) =>
  inputs(view).find((block) => block.block_id === id)?.element as unknown as Record<string, unknown>;

describe("requestModal", () => {
  it("is the request.submit modal with the agreed title and buttons", () => {
    const view = build();
    expect(view.type).toBe("modal");
    expect(view.callback_id).toBe("request.submit");
    expect(view.title.text).toBe("Reference request");
    expect(view.submit?.text).toBe("Request");
    expect(view.close?.text).toBe("Cancel");
    expect(view.private_metadata).toBe('{"channel":"C0SALES001","thread_ts":"1732350000.000100"}');
  });

  it("has one optional input per field, block_id and action_id both the field name", () => {
    const view = build();
    expect(inputs(view).map((block) => block.block_id)).toEqual(FIELDS);
    for (const block of inputs(view)) {
      expect(block.type).toBe("input");
      expect(block.optional).toBe(true);
      expect((block.element as { action_id: string }).action_id).toBe(block.block_id);
    }
  });

  it("uses the right element for each field", () => {
    const view = build();
    const types = Object.fromEntries(FIELDS.map((id) => [id, element(view, id).type]));
    expect(types).toEqual({
      prospect: "plain_text_input",
      industry: "static_select",
      size: "static_select",
      region: "static_select",
      products: "multi_static_select",
      persona: "plain_text_input",
      activities: "multi_static_select",
      deadline: "datepicker",
      notes: "plain_text_input",
    });
    expect(element(view, "notes").multiline).toBe(true);
  });

  it("offers the sizes, regions and every activity type with human labels", () => {
    const view = build();
    const options = (id: string) =>
      (element(view, id).options as { text: { text: string }; value: string }[]).map((o) => [
        o.value,
        o.text.text,
      ]);
    expect(options("size")).toEqual([
      ["smb", "SMB (<100)"],
      ["mid", "Mid-market (100–999)"],
      ["enterprise", "Enterprise (1000+)"],
    ]);
    expect(options("region").map(([value]) => value)).toEqual(["NA", "EMEA", "APAC", "LATAM"]);
    expect(options("activities")).toHaveLength(11);
    expect(options("activities")).toContainEqual(["reference_call", "Reference call"]);
    expect(options("industry")).toContainEqual(["healthcare", "Healthcare"]);
  });

  it("prefills from the request", () => {
    const view = build();
    expect(element(view, "prospect").initial_value).toBe("Acme Payments GmbH");
    expect(element(view, "industry").initial_option).toMatchObject({ value: "fintech" });
    expect(element(view, "size").initial_option).toMatchObject({ value: "enterprise" });
    expect(element(view, "region").initial_option).toMatchObject({ value: "EMEA" });
    expect(element(view, "activities").initial_options).toMatchObject([
      { value: "reference_call" },
      { value: "panel" },
    ]);
    expect(element(view, "deadline").initial_date).toBe("2026-12-11");
  });

  it("leaves fields empty when the request has nothing (or an industry that is not a key)", () => {
    const view = build({ fields: { ...emptyRequest(), industry: "Health-ish stuff" }, notes: "" });
    for (const id of FIELDS) {
      const el = element(view, id);
      expect(
        el.initial_value ?? el.initial_option ?? el.initial_options ?? el.initial_date,
        id,
      ).toBeUndefined();
    }
  });

  it("falls back to free text for products when the catalogue is empty, too big or has long names", () => {
    const many = Array.from({ length: 150 }, (_, i) => `Product ${i}`);
    for (const products of [[], many, ["x".repeat(80)]]) {
      const el = element(build({ products }), "products");
      expect(el.type).toBe("plain_text_input");
      expect((el.placeholder as { text: string }).text).toBe("separate with ;");
      expect(el.initial_value).toBe("Payments API; Fraud Shield");
    }
    const hundred = [...CATALOGUE, ...many.slice(0, 96)];
    expect(element(build({ products: hundred }), "products").type).toBe("multi_static_select");
  });

  it("keeps free text when a prefilled product is not in the catalogue, so nothing is lost", () => {
    const fields = requestFields({ products: ["Payments API", "Quantum Ledger"] });
    const el = element(build({ fields }), "products");
    expect(el.type).toBe("plain_text_input");
    expect(el.initial_value).toBe("Payments API; Quantum Ledger");
  });

  it("refuses private_metadata Slack would reject instead of corrupting it", () => {
    expect(() => build({ privateMetadata: "x".repeat(3001) })).toThrow(RangeError);
  });

  it("stays within Block Kit limits for huge inputs", () => {
    const fields = requestFields({
      prospect_company: long(300),
      persona: long(300),
      products: Array.from({ length: 150 }, (_, i) => `${i} ${long(300)}`),
    });
    const catalogue = Array.from({ length: 150 }, (_, i) => `${i} ${long(300)}`);
    assertWithinLimits(build({ fields, notes: long(10_000), products: catalogue }));
    assertWithinLimits(build({ fields, notes: long(10_000), products: catalogue.slice(0, 100) }));
    assertWithinLimits(build({ products: Array.from({ length: 100 }, (_, i) => `Product ${i}`) }));
  });
});

describe("readRequestModal", () => {
  it("round-trips what the modal prefills (menu and free-text products)", () => {
    const fields = requestFields();
    const notes = "Their CFO worries about settlement times.";
    for (const products of [CATALOGUE, []]) {
      const view = build({ fields, notes, products });
      expect(readRequestModal(stateFromModal(view))).toEqual({ fields, notes });
    }
  });

  it("round-trips an empty request", () => {
    const view = build({ fields: emptyRequest(), notes: "" });
    expect(readRequestModal(stateFromModal(view))).toEqual({ fields: emptyRequest(), notes: "" });
  });

  it("tolerates missing and malformed blocks", () => {
    expect(readRequestModal({})).toEqual({ fields: emptyRequest(), notes: "" });
    expect(
      readRequestModal({
        prospect: { prospect: { type: "plain_text_input", value: 42 } },
        industry: {},
        deadline: { deadline: "not an object" },
      }),
    ).toEqual({ fields: emptyRequest(), notes: "" });
  });

  it("drops option values it does not know and trims text", () => {
    const { fields, notes } = readRequestModal({
      prospect: { prospect: { type: "plain_text_input", value: "  Acme  " } },
      industry: { industry: { type: "static_select", selected_option: { value: "astrology" } } },
      size: { size: { type: "static_select", selected_option: { value: "huge" } } },
      region: { region: { type: "static_select", selected_option: { value: "APAC" } } },
      products: { products: { type: "plain_text_input", value: " Payments API ;; Ledger;Payments API\n" } },
      persona: { persona: { type: "plain_text_input", value: "   " } },
      activities: {
        activities: {
          type: "multi_static_select",
          selected_options: [{ value: "panel" }, { value: "karaoke" }, { value: "panel" }],
        },
      },
      deadline: { deadline: { type: "datepicker", selected_date: "2026-02-30" } },
      notes: { notes: { type: "plain_text_input", value: null } },
    });
    expect(fields).toEqual({
      ...emptyRequest(),
      prospect_company: "Acme",
      region: "APAC",
      products: ["Payments API", "Ledger"],
      activities: ["panel"],
    });
    expect(notes).toBe("");
  });
});
