import type { HomeView, KnownBlock, ModalView } from "@slack/types";
import { expect } from "vitest";
import { emptyRequest, type RequestFields } from "../../../src/core/domain";
import type {
  ActivityView,
  CandidateView,
  InvitationView,
  ProposalView,
  RequestView,
} from "../../../src/services/request-view";

// Realistic read models for the Block Kit builders, and a checker that walks any payload against Slack's
// published limits. The limits are written out here on purpose: a wrong constant in src must not
// make the check pass.

export const TODAY = "2026-11-23";
export const LEAD = "U0LEAD0001";
export const REP = "U0REP00001";

export function requestFields(overrides: Partial<RequestFields> = {}): RequestFields {
  return {
    ...emptyRequest(),
    prospect_company: "Acme Payments GmbH",
    industry: "fintech",
    company_size: "enterprise",
    region: "EMEA",
    products: ["Payments API", "Fraud Shield"],
    persona: "CFO",
    activities: ["reference_call", "panel"],
    deadline: "2026-12-11",
    ...overrides,
  };
}

export function candidate(overrides: Partial<CandidateView> = {}): CandidateView {
  return {
    id: 101,
    rank: 1,
    championId: 11,
    championName: "Dana Whitfield",
    championSlackId: "U0DANA0001",
    title: "Chief Financial Officer",
    company: "Northwind Bank",
    motivations: ["spotlight", "voice"],
    activity: "panel",
    event: { id: 3, name: "Fintech Leaders Panel", date: "2026-12-15" },
    score: 0.8234,
    load: 1.26,
    capacity: 4,
    flags: [],
    reasons: ["Same industry (fintech)", "Uses Payments API", "Based in EMEA (Europe/Berlin)"],
    alternatives: ["reference_call", "webinar"],
    ...overrides,
  };
}

/** Three champions with distinct, realistic identities. */
export function candidates(): CandidateView[] {
  return [
    candidate(),
    candidate({
      id: 102,
      rank: 2,
      championId: 12,
      championName: "Chidi Okafor",
      championSlackId: "U0CHIDI001",
      title: "VP Finance",
      company: "Globex Treasury Ltd",
      motivations: ["duty"],
      activity: "reference_call",
      event: null,
      score: 0.7412,
      load: 2.5,
      flags: ["near_capacity"],
      alternatives: [],
    }),
    candidate({
      id: 103,
      rank: 3,
      championId: 13,
      championName: "Ingrid Solberg",
      championSlackId: null,
      title: "Head of Payments",
      company: "Fjord Finans AS",
      motivations: ["altruism"],
      activity: "reference_call",
      event: null,
      score: 0.6901,
      load: 0.4,
      flags: ["no_slack_id"],
      alternatives: ["case_study"],
    }),
  ];
}

export function proposal(overrides: Partial<ProposalView> = {}): ProposalView {
  return { id: 7, version: 1, candidates: candidates(), ...overrides };
}

export function invitation(overrides: Partial<InvitationView> = {}): InvitationView {
  return {
    id: 55,
    candidateId: 101,
    championId: 11,
    championName: "Dana Whitfield",
    championSlackId: "U0DANA0001",
    activity: "panel",
    event: { id: 3, name: "Fintech Leaders Panel", date: "2026-12-15" },
    status: "invited",
    answer: null,
    answerText: null,
    message: "Hi Dana, would you be up for a speaking slot at Fintech Leaders Panel on 15 Dec 2026?",
    ...overrides,
  };
}

export function activity(overrides: Partial<ActivityView> = {}): ActivityView {
  return {
    id: 900,
    activity: "panel",
    date: "2026-12-15",
    outcome: "scheduled",
    held: null,
    championRating: null,
    dealResult: null,
    ...overrides,
  };
}

export function requestView(overrides: Partial<RequestView> = {}): RequestView {
  return {
    id: 42,
    status: "proposed",
    requestedBy: REP,
    fields: requestFields(),
    notes: "Acme is comparing us with two vendors; their CFO worries about settlement times.",
    proposal: proposal(),
    invitation: null,
    activity: null,
    lastDecisionBy: null,
    ...overrides,
  };
}

// --- huge inputs ----------------------------------------------------------------------------------

export const long = (length: number, word = "lorem <&> ipsum "): string =>
  word.repeat(Math.ceil(length / word.length)).slice(0, length);

/** A request view with every user-provided field far past Slack's limits. */
export function hugeRequestView(overrides: Partial<RequestView> = {}): RequestView {
  const huge = (id: number): CandidateView =>
    candidate({
      id,
      championName: long(300, "Maximiliana "),
      title: long(300),
      company: long(300),
      event: { id: 1, name: long(300), date: "2026-12-15" },
      flags: ["near_capacity", "no_slack_id", "recently_declined", long(300, "made_up_flag_")],
      reasons: Array.from({ length: 50 }, (_, index) => `${index}: ${long(300)}`),
      alternatives: ["reference_call", "webinar", "panel", "case_study", "review", "press_quote"],
    });
  return requestView({
    fields: requestFields({
      prospect_company: long(300),
      persona: long(300),
      products: Array.from({ length: 150 }, (_, index) => `${index} ${long(300)}`),
    }),
    notes: long(10_000),
    proposal: proposal({ candidates: [huge(1), huge(2), huge(3), huge(4), huge(5)] }),
    lastDecisionBy: LEAD,
    ...overrides,
  });
}

// --- reading a modal back as Slack would submit it ------------------------------------------------

type Json = Record<string, unknown>;

/** The `view.state.values` Slack sends when the user submits a modal without touching it. */
export function stateFromModal(view: ModalView): Record<string, Record<string, unknown>> {
  const values: Record<string, Record<string, unknown>> = {};
  for (const block of view.blocks as unknown as Json[]) {
    if (block.type !== "input") continue;
    const element = block.element as Json;
    const state: Json = { type: element.type };
    switch (element.type) {
      case "plain_text_input":
      case "number_input":
        state.value = element.initial_value ?? null;
        break;
      case "static_select":
      case "radio_buttons":
        state.selected_option = element.initial_option ?? null;
        break;
      case "multi_static_select":
        state.selected_options = element.initial_options ?? [];
        break;
      case "datepicker":
        state.selected_date = element.initial_date ?? null;
        break;
      case "users_select":
        state.selected_user = element.initial_user ?? null;
        break;
    }
    values[block.block_id as string] = { [element.action_id as string]: state };
  }
  return values;
}

// --- limits ---------------------------------------------------------------------------------------

const SLACK = {
  messageBlocks: 50,
  modalBlocks: 100,
  sectionText: 3000,
  sectionField: 2000,
  contextText: 2000,
  contextElements: 10,
  headerText: 150,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  optionValue: 75,
  options: 100,
  radioOptions: 10,
  initialValue: 3000,
  label: 2000,
  placeholder: 150,
  id: 255,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  fallbackText: 40_000,
  imageAltText: 2000,
  imageTitle: 2000,
};

type Payload = { text?: string; blocks: readonly KnownBlock[] } | ModalView | HomeView;

/** Every way `payload` breaks a Block Kit limit, as readable lines (empty when it is valid). */
export function limitViolations(payload: Payload): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  const textObject = (value: unknown, max: number, where: string) => {
    const object = value as Json | undefined;
    const text = object?.text;
    check(typeof text === "string", `${where}: text object without text`);
    if (typeof text !== "string") return;
    check(text.length >= 1, `${where}: empty text`);
    check(text.length <= max, `${where}: ${text.length} > ${max} characters`);
  };
  const optionList = (options: unknown, max: number, where: string) => {
    const list = (options ?? []) as Json[];
    check(list.length <= max, `${where}: ${list.length} options > ${max}`);
    const values = new Set<unknown>();
    list.forEach((option, index) => {
      textObject(option.text, SLACK.optionText, `${where}.options[${index}]`);
      check(typeof option.value === "string", `${where}.options[${index}]: no value`);
      check(String(option.value).length <= SLACK.optionValue, `${where}.options[${index}]: value too long`);
      check(!values.has(option.value), `${where}.options[${index}]: duplicate value ${option.value}`);
      values.add(option.value);
    });
    return values;
  };
  const element = (value: unknown, where: string) => {
    const el = value as Json;
    if (el.action_id !== undefined)
      check(String(el.action_id).length <= SLACK.id, `${where}: action_id too long`);
    if (el.placeholder !== undefined) textObject(el.placeholder, SLACK.placeholder, `${where}.placeholder`);
    if (el.confirm !== undefined) {
      const confirm = el.confirm as Json;
      if (confirm.title) textObject(confirm.title, SLACK.confirmTitle, `${where}.confirm.title`);
      textObject(confirm.text, SLACK.confirmText, `${where}.confirm.text`);
      if (confirm.confirm) textObject(confirm.confirm, SLACK.confirmButton, `${where}.confirm.confirm`);
      if (confirm.deny) textObject(confirm.deny, SLACK.confirmButton, `${where}.confirm.deny`);
    }
    switch (el.type) {
      case "button":
        textObject(el.text, SLACK.buttonText, `${where}.text`);
        if (el.value !== undefined)
          check(String(el.value).length <= SLACK.buttonValue, `${where}: value too long`);
        break;
      case "static_select":
      case "multi_static_select":
      case "radio_buttons": {
        const max = el.type === "radio_buttons" ? SLACK.radioOptions : SLACK.options;
        const values = optionList(el.options, max, where);
        check(values.size >= 1, `${where}: a menu without options`);
        const initial = [el.initial_option, ...((el.initial_options as unknown[]) ?? [])].filter(Boolean);
        for (const option of initial as Json[]) {
          check(values.has(option.value), `${where}: initial option ${option.value} is not an option`);
        }
        break;
      }
      case "plain_text_input":
      case "number_input":
        if (el.initial_value !== undefined) {
          check(String(el.initial_value).length <= SLACK.initialValue, `${where}: initial_value too long`);
        }
        break;
      case "datepicker":
        if (el.initial_date !== undefined) {
          check(/^\d{4}-\d{2}-\d{2}$/.test(String(el.initial_date)), `${where}: bad initial_date`);
        }
        break;
    }
  };

  const modal = "type" in payload && payload.type === "modal";
  // A Home tab holds as many blocks as a modal, and has neither title nor fallback text.
  const home = "type" in payload && payload.type === "home";
  const blocks = payload.blocks as unknown as Json[];
  const maxBlocks = modal || home ? SLACK.modalBlocks : SLACK.messageBlocks;
  check(blocks.length <= maxBlocks, `${blocks.length} blocks > ${maxBlocks}`);
  if (modal) {
    const view = payload as ModalView;
    textObject(view.title, SLACK.modalTitle, "title");
    if (view.submit) textObject(view.submit, SLACK.modalButton, "submit");
    if (view.close) textObject(view.close, SLACK.modalButton, "close");
    check((view.private_metadata ?? "").length <= SLACK.privateMetadata, "private_metadata too long");
    check((view.callback_id ?? "").length <= SLACK.id, "callback_id too long");
  } else if (!home) {
    const text = (payload as { text?: string }).text;
    check(typeof text === "string" && text.length >= 1, "message without fallback text");
    check((text ?? "").length <= SLACK.fallbackText, "fallback text too long");
  }
  const blockIds = new Set<unknown>();
  blocks.forEach((block, index) => {
    const where = `blocks[${index}] (${block.type})`;
    if (block.block_id !== undefined) {
      check(String(block.block_id).length <= SLACK.id, `${where}: block_id too long`);
      check(!blockIds.has(block.block_id), `${where}: duplicate block_id ${block.block_id}`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case "header":
        textObject(block.text, SLACK.headerText, where);
        break;
      case "section":
        textObject(block.text, SLACK.sectionText, where);
        for (const field of (block.fields as unknown[]) ?? []) textObject(field, SLACK.sectionField, where);
        if (block.accessory) element(block.accessory, `${where}.accessory`);
        break;
      case "context": {
        const elements = block.elements as Json[];
        check(elements.length <= SLACK.contextElements, `${where}: too many elements`);
        elements.forEach((item, i) => {
          textObject(item, SLACK.contextText, `${where}.elements[${i}]`);
        });
        break;
      }
      case "actions": {
        const elements = block.elements as Json[];
        check(elements.length >= 1 && elements.length <= SLACK.actionsElements, `${where}: element count`);
        const actionIds = new Set<unknown>();
        elements.forEach((item, i) => {
          element(item, `${where}.elements[${i}]`);
          check(!actionIds.has(item.action_id), `${where}: duplicate action_id`);
          actionIds.add(item.action_id);
        });
        break;
      }
      case "input":
        textObject(block.label, SLACK.label, `${where}.label`);
        if (block.hint) textObject(block.hint, SLACK.label, `${where}.hint`);
        element(block.element, `${where}.element`);
        break;
      case "image": {
        const altText = block.alt_text;
        check(typeof altText === "string" && altText.length >= 1, `${where}: no alt_text`);
        check(String(altText).length <= SLACK.imageAltText, `${where}: alt_text too long`);
        if (block.title) textObject(block.title, SLACK.imageTitle, `${where}.title`);
        // Exactly one source; a Slack file by an ID of Slack's form (or by its URL).
        const file = block.slack_file as Json | undefined;
        check(
          (block.image_url === undefined) !== (file === undefined),
          `${where}: one of image_url, slack_file`,
        );
        if (file) {
          check((file.id === undefined) !== (file.url === undefined), `${where}: slack_file by id or url`);
          if (file.id !== undefined) check(/^F[A-Z0-9]{8,}$/.test(String(file.id)), `${where}: bad file id`);
        }
        break;
      }
      case "divider":
        break;
      default:
        problems.push(`${where}: unexpected block type`);
    }
  });
  return problems;
}

export function assertWithinLimits(payload: Payload): void {
  expect(limitViolations(payload)).toEqual([]);
}

/** Every interactive element of a payload (buttons, menus, pickers), wherever it sits. */
export function interactiveElements(blocks: readonly KnownBlock[]): Json[] {
  const found: Json[] = [];
  for (const block of blocks as unknown as Json[]) {
    if (block.type === "actions") found.push(...(block.elements as Json[]));
    if (block.type === "section" && block.accessory) found.push(block.accessory as Json);
    if (block.type === "input") found.push(block.element as Json);
  }
  return found;
}

/** The option values of a menu element ([] when there is no element). */
export const optionValues = (element: Json | undefined): unknown[] =>
  ((element?.options as Json[] | undefined) ?? []).map((option) => option.value);

export const actionIds = (blocks: readonly KnownBlock[]): string[] =>
  interactiveElements(blocks).map((element) => String(element.action_id));

/** All the text a person could read in a payload, as one string. */
export const visibleText = (payload: { text?: string; blocks: readonly KnownBlock[] }): string =>
  JSON.stringify(payload);
