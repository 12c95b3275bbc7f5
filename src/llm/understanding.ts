import { isIsoDate, toIsoDate } from "../core/dates";
import type { ParseResult, RequestFields } from "../core/domain";
import type { ReplyIntent } from "../core/reply-intent";
import { addressedToMachine } from "../core/reply-interpreter";
import type { RequestParser } from "../services/matcher";
import type { RecognitionContext, Understanding } from "../services/understanding";
import type { ModelClient } from "./client";
import {
  containsContactDetails,
  invitationDraftPrompt,
  localToday,
  replyInterpretationPrompt,
  requestExtractionPrompt,
} from "./prompts";
import {
  invitationDraftSchema,
  type ReplyInterpretation,
  type RequestExtraction,
  replyInterpretationSchema,
  requestExtractionSchema,
} from "./schemas";

// The model-backed Understanding. Every method asks the model once and answers with the
// deterministic `fallback` whenever the call fails (timeout, HTTP error, refusal, invalid output,
// budget) or its answer does not pass the checks below. What the model returns is only ever data
// (a classification, fields, a draft): nothing here acts on it, so an instruction smuggled into a
// message can at most change which of the schema's values comes back.

export interface ModelUnderstandingDeps {
  client: ModelClient;
  fallback: Understanding;
  /** Cheap test on a channel message; when false, recognize() answers null without asking the model. */
  prefilter: (text: string) => boolean;
}

const MAX_PERSONA_LENGTH = 80;
const MAX_NOTE_LENGTH = 300;
const MAX_DRAFT_LENGTH = 700;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Where the text names `name` as a whole word or phrase (case-insensitive), or -1. */
function indexOfName(text: string, name: string): number {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, "iu");
  return text.search(pattern);
}

/** The prospect as the text spells it, when the text names it. */
function prospectNamedIn(text: string, company: string | null): string | null {
  const name = company?.trim() ?? "";
  if (name === "") return null;
  const at = indexOfName(text, name);
  return at < 0 ? null : text.slice(at, at + name.length);
}

/** Roster products the model named that the text names too, spelled as the roster spells them. */
function productsNamedIn(text: string, named: readonly string[], roster: readonly string[]): string[] {
  const found = named.flatMap((name) => {
    const product = roster.find((p) => p.toLowerCase() === name.trim().toLowerCase());
    return product && indexOfName(text, product) >= 0 ? [product] : [];
  });
  return [...new Set(found)];
}

function acceptablePersona(persona: string | null): string | null {
  const role = persona?.trim() ?? "";
  return role !== "" && role.length <= MAX_PERSONA_LENGTH && !containsContactDetails(role) ? role : null;
}

const upcomingDate = (date: string | null, today: string): string | null =>
  date && isIsoDate(date) && date >= today ? date : null;

/**
 * The model's reading merged into the deterministic parse. The deterministic parse is the base;
 * each model field replaces its value only when it passes its check, and a null or empty model
 * field never erases what the deterministic parser found:
 * - industry, company_size, region, activities: closed vocabularies, enforced by the schema;
 * - products: each must be a roster product (case-insensitive, returned as the roster spells it)
 *   that the text names; any other is dropped, so the model cannot invent a product;
 * - prospect_company: the text must name it (case-insensitive, returned as the text spells it),
 *   so the model cannot invent a company;
 * - persona: free text, at most 80 characters, with no contact details;
 * - deadline: a real ISO date, today or later.
 * Whether it is a request, and how sure, is the model's call.
 */
export function mergeExtraction(
  deterministic: ParseResult,
  model: RequestExtraction,
  text: string,
  context: RecognitionContext,
): ParseResult {
  const base = deterministic.request;
  const found = model.request;
  const products = productsNamedIn(text, found.products, context.products);
  const request: RequestFields = {
    prospect_company: prospectNamedIn(text, found.prospect_company) ?? base.prospect_company,
    industry: found.industry ?? base.industry,
    company_size: found.company_size ?? base.company_size,
    region: found.region ?? base.region,
    products: products.length > 0 ? products : base.products,
    persona: acceptablePersona(found.persona) ?? base.persona,
    activities: found.activities.length > 0 ? [...new Set(found.activities)] : base.activities,
    deadline: upcomingDate(found.deadline, toIsoDate(context.now)) ?? base.deadline,
  };
  return { isRequest: model.is_request, confidence: model.confidence, request };
}

/** The model's classification as a ReplyIntent: a note only on accept, a date only after today. */
function toReplyIntent(answer: ReplyInterpretation, today: string): ReplyIntent {
  switch (answer.kind) {
    case "accept": {
      const note = answer.note?.trim() ?? "";
      return { kind: "accept", note: note !== "" && note.length <= MAX_NOTE_LENGTH ? note : null };
    }
    case "later":
      return {
        kind: "later",
        until: answer.until && isIsoDate(answer.until) && answer.until > today ? answer.until : null,
      };
    default:
      return { kind: answer.kind };
  }
}

/** A web address without its scheme: "example-verify.com/sso", "login.acme.io". */
const BARE_DOMAIN = /\b[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:\/\S*)?/i;
/** Words that read as the email-address-free parts of a domain, not as one ("e.g.", "i.e."). */
const NOT_A_DOMAIN = /^(?:e\.g|i\.e|etc|vs|a\.m|p\.m)\b/i;
/** Money, gifts and discounts: nothing the program may promise a customer in the company's name. */
const INDUCEMENT =
  /[$€£¥]\s?\d|\b\d[\d,.]*\s?(?:usd|eur|gbp|dollars?|euros?|pounds?|k)\b|\b(?:gift(?:\s*cards?)?|vouchers?|coupons?|discounts?|rebates?|refunds?|honorari(?:um|a)|stipends?|cash|paid|payments?|compensat\w*|reward(?:s|ed)?|(?:\d+|\w+)\s*%\s*off|free\s+(?:months?|years?|licen[cs]es?|seats?|upgrades?|subscriptions?))\b/i;

/**
 * A draft fit to send to a customer in the company's name: some text, not too long; nothing to
 * click or contact (no link, bare domain or contact detail), nobody pinged; no money, gift or
 * discount offered; and never the prospect's name (`prospect`), which the champion must not learn.
 */
export function acceptableDraft(text: string, prospect: string | null = null): string | null {
  const draft = text.trim();
  if (draft === "" || draft.length > MAX_DRAFT_LENGTH) return null;
  if (containsContactDetails(draft)) return null;
  if (/https?:\/\/|www\.|<[^>]*>|@(?:here|channel|everyone)\b/i.test(draft)) return null;
  if (draft.split(/\s+/).some((word) => BARE_DOMAIN.test(word) && !NOT_A_DOMAIN.test(word))) return null;
  if (INDUCEMENT.test(draft)) return null;
  if (prospect && prospect.trim().length >= 2 && indexOfName(draft, prospect.trim()) >= 0) return null;
  return draft;
}

export function createModelUnderstanding(deps: ModelUnderstandingDeps): Understanding {
  const { client, fallback, prefilter } = deps;

  /** One model call for both parse and recognize; null when the model did not answer. */
  async function extract(text: string, context: RecognitionContext): Promise<ParseResult | null> {
    const [outcome, deterministic] = await Promise.all([
      client.complete({
        name: "request_extraction",
        messages: requestExtractionPrompt(text, context),
        schema: requestExtractionSchema,
      }),
      fallback.parser.parse(text, context),
    ]);
    return outcome.ok ? mergeExtraction(deterministic, outcome.value, text, context) : null;
  }

  const parser: RequestParser = {
    parse: async (text, context) => (await extract(text, context)) ?? fallback.parser.parse(text, context),
  };

  return {
    parser,

    async recognize(text, context) {
      if (!prefilter(text)) return null;
      const result = await extract(text, context);
      if (!result) return fallback.recognize(text, context);
      return result.isRequest ? result : null;
    },

    async interpretReply(text, context) {
      // Text that speaks to a machine is unclear by the rules, and the model is not asked what it says.
      if (addressedToMachine(text)) return fallback.interpretReply(text, context);
      const outcome = await client.complete({
        name: "reply_interpretation",
        messages: replyInterpretationPrompt(text, context),
        schema: replyInterpretationSchema,
      });
      if (!outcome.ok) return fallback.interpretReply(text, context);
      return toReplyIntent(outcome.value, localToday(context.now, context.timezone));
    },

    async draftInvitation(input) {
      const checked = (text: string) => acceptableDraft(text, input.pitch.prospect ?? null);
      const outcome = await client.complete({
        name: "invitation_draft",
        messages: invitationDraftPrompt(input),
        schema: invitationDraftSchema,
        // A draft the checks refuse is recorded as discarded, not as a good answer.
        accept: (answer) => checked(answer.text) !== null,
      });
      const text = outcome.ok ? checked(outcome.value.text) : null;
      return text ? { text, source: "model" } : fallback.draftInvitation(input);
    },
  };
}
