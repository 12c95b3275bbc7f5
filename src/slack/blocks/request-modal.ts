import type { InputBlock, InputBlockElement, ModalView, PlainTextOption } from "@slack/types";
import { z } from "zod";
import { activityLabel } from "../../core/activities";
import { isIsoDate } from "../../core/dates";
import {
  ACTIVITY_TYPES,
  type ActivityType,
  COMPANY_SIZES,
  type CompanySize,
  isActivityType,
  REGIONS,
  type Region,
  type RequestFields,
} from "../../core/domain";
import { capitalize } from "../../core/text";
import { INDUSTRIES, type IndustryKey } from "../../core/vocabulary/industries";
import { LIMITS, option, plain, truncate } from "./limits";

// The request form a rep opens with /reference or the message shortcut, prefilled from the parser.
// Every block_id equals its action_id equals the field name, so reading it back needs no lookup table.

export const REQUEST_MODAL_CALLBACK = "request.submit";

const SIZE_LABELS: Record<CompanySize, string> = {
  smb: "SMB (<100)",
  mid: "Mid-market (100–999)",
  enterprise: "Enterprise (1000+)",
};

const REGION_LABELS: Record<Region, string> = {
  NA: "North America",
  EMEA: "EMEA",
  APAC: "APAC",
  LATAM: "Latin America",
};

export const INDUSTRY_OPTIONS = Object.entries(INDUSTRIES).map(([key, industry]) =>
  option(industry.label, key),
);
export const SIZE_OPTIONS = COMPANY_SIZES.map((size) => option(SIZE_LABELS[size], size));
export const REGION_OPTIONS = REGIONS.map((region) => option(REGION_LABELS[region], region));
/** "North America" for NA: a region as the request form names it, wherever it is shown. */
export const regionLabel = (region: Region): string => REGION_LABELS[region];
export const ACTIVITY_OPTIONS = ACTIVITY_TYPES.map((type) => option(capitalize(activityLabel(type)), type));

const isIndustryKey = (value: string): value is IndustryKey => Object.hasOwn(INDUSTRIES, value);

const pick = (options: readonly PlainTextOption[], value: string | null): PlainTextOption | undefined =>
  value === null ? undefined : options.find((candidate) => candidate.value === value);

export function input(id: string, label: string, element: InputBlockElement, hint?: string): InputBlock {
  return {
    type: "input",
    block_id: id,
    optional: true,
    label: plain(label, LIMITS.inputLabel),
    ...(hint ? { hint: plain(hint, LIMITS.inputLabel) } : {}),
    element,
  };
}

export function textInput(
  id: string,
  value: string,
  extra: { multiline?: boolean; placeholder?: string } = {},
) {
  const initial = truncate(value, LIMITS.inputInitialValue);
  return {
    type: "plain_text_input" as const,
    action_id: id,
    ...(initial ? { initial_value: initial } : {}),
    ...(extra.multiline ? { multiline: true, max_length: LIMITS.inputInitialValue } : {}),
    ...(extra.placeholder ? { placeholder: plain(extra.placeholder, LIMITS.placeholder) } : {}),
  };
}

export function staticSelect(
  id: string,
  options: PlainTextOption[],
  selected: string | null,
  placeholder: string,
) {
  const initial = pick(options, selected);
  return {
    type: "static_select" as const,
    action_id: id,
    placeholder: plain(placeholder, LIMITS.placeholder),
    options,
    ...(initial ? { initial_option: initial } : {}),
  };
}

export function multiSelect(
  id: string,
  options: PlainTextOption[],
  selected: readonly string[],
  placeholder: string,
) {
  const initial = options.filter((candidate) => candidate.value && selected.includes(candidate.value));
  return {
    type: "multi_static_select" as const,
    action_id: id,
    placeholder: plain(placeholder, LIMITS.placeholder),
    options,
    ...(initial.length > 0 ? { initial_options: initial } : {}),
  };
}

/** As many whole products as fit in a text input: a cut product name would come back wrong. */
export function joinProducts(products: readonly string[]): string {
  let joined = "";
  for (const product of products) {
    const next = joined ? `${joined}; ${product}` : product;
    if (next.length > LIMITS.inputInitialValue) break;
    joined = next;
  }
  return joined;
}

/** A menu only when it can hold the catalogue and show every prefilled product; free text otherwise. */
function productsElement(catalogue: readonly string[], selected: readonly string[]): InputBlockElement {
  const unique = [...new Set(catalogue.map((product) => product.trim()).filter((product) => product !== ""))];
  const fits =
    unique.length >= 1 &&
    unique.length <= LIMITS.selectOptions &&
    unique.every((product) => product.length <= LIMITS.optionValue) &&
    selected.every((product) => unique.includes(product));
  if (!fits) return textInput("products", joinProducts(selected), { placeholder: "separate with ;" });
  const options = unique.map((product) => option(product, product));
  return multiSelect("products", options, selected, "Products they use");
}

export interface RequestModalInput {
  fields: RequestFields;
  notes: string;
  /** The product catalogue (from the roster). */
  products: readonly string[];
  /** Where the submission goes back to (channel, thread, message); the caller's JSON. */
  privateMetadata: string;
}

export function requestModal({ fields, notes, products, privateMetadata }: RequestModalInput): ModalView {
  // Cutting metadata would corrupt it; a caller that sends this much has a bug worth hearing about.
  if (privateMetadata.length > LIMITS.privateMetadata) {
    throw new RangeError(`private_metadata is ${privateMetadata.length} characters; Slack allows 3000`);
  }
  const deadline = fields.deadline && isIsoDate(fields.deadline) ? fields.deadline : null;
  return {
    type: "modal",
    callback_id: REQUEST_MODAL_CALLBACK,
    private_metadata: privateMetadata,
    title: plain("Reference request", LIMITS.modalTitle),
    submit: plain("Request", LIMITS.modalButton),
    close: plain("Cancel", LIMITS.modalButton),
    blocks: [
      input("prospect", "Prospect company", textInput("prospect", fields.prospect_company ?? "")),
      input(
        "industry",
        "Industry",
        staticSelect("industry", INDUSTRY_OPTIONS, fields.industry, "Any industry"),
      ),
      input("size", "Company size", staticSelect("size", SIZE_OPTIONS, fields.company_size, "Any size")),
      input("region", "Region", staticSelect("region", REGION_OPTIONS, fields.region, "Any region")),
      input("products", "Products", productsElement(products, fields.products)),
      input(
        "persona",
        "Who should they talk to?",
        textInput("persona", fields.persona ?? "", { placeholder: "e.g. CFO, head of IT" }),
      ),
      input(
        "activities",
        "What would work",
        multiSelect("activities", ACTIVITY_OPTIONS, fields.activities, "Any prospect-facing activity"),
      ),
      input("deadline", "Needed by", {
        type: "datepicker",
        action_id: "deadline",
        ...(deadline ? { initial_date: deadline } : {}),
      }),
      input(
        "notes",
        "Notes",
        textInput("notes", notes, { multiline: true, placeholder: "Anything the advocacy team should know" }),
        "The advocacy team sees this; champions never do.",
      ),
    ],
  };
}

// --- reading a view_submission back -------------------------------------------------------------

const stateValue = z.object({
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
  selected_date: z.string().nullish(),
  selected_user: z.string().nullish(),
});
type StateValue = z.infer<typeof stateValue>;

/** The element's state for one field; a missing or malformed block reads as empty. */
export function fieldState(values: Record<string, Record<string, unknown>>, id: string): StateValue {
  const block = values[id];
  const raw = block?.[id] ?? (block ? Object.values(block)[0] : undefined);
  const parsed = stateValue.safeParse(raw);
  return parsed.success ? parsed.data : {};
}

const text = (state: StateValue): string | null => {
  const value = state.value?.trim();
  return value ? value : null;
};

function oneOf<T extends string>(allowed: readonly T[], value: string | undefined): T | null {
  return value !== undefined && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

function readProducts(state: StateValue): string[] {
  const raw = state.selected_options
    ? state.selected_options.map((selected) => selected.value)
    : (state.value ?? "").split(/[;\n]/);
  return [...new Set(raw.map((product) => product.trim()).filter((product) => product !== ""))];
}

/** `view.state.values` of a request.submit submission → the request it describes. */
export function readRequestModal(values: Record<string, Record<string, unknown>>): {
  fields: RequestFields;
  notes: string;
} {
  const read = (id: string) => fieldState(values, id);
  const industry = read("industry").selected_option?.value;
  const deadline = read("deadline").selected_date;
  const activities = (read("activities").selected_options ?? [])
    .map((selected) => selected.value)
    .filter(isActivityType);
  return {
    fields: {
      prospect_company: text(read("prospect")),
      industry: industry !== undefined && isIndustryKey(industry) ? industry : null,
      company_size: oneOf(COMPANY_SIZES, read("size").selected_option?.value),
      region: oneOf(REGIONS, read("region").selected_option?.value),
      products: readProducts(read("products")),
      persona: text(read("persona")),
      activities: [...new Set<ActivityType>(activities)],
      deadline: deadline && isIsoDate(deadline) ? deadline : null,
    },
    notes: read("notes").value?.trim() ?? "",
  };
}
