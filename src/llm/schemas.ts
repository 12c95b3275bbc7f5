import { z } from "zod";
import { ACTIVITY_TYPES, COMPANY_SIZES, REGIONS } from "../core/domain";
import { INDUSTRIES, type IndustryKey } from "../core/vocabulary/industries";

// What the model may answer, one schema per task. They are sent as strict JSON schemas, so a
// conforming server can only produce these shapes, and every answer is validated again here: a
// field outside the closed vocabularies makes the whole answer invalid and the caller falls back.
// Every property is required and nullable rather than optional (strict mode's rule). Lengths and
// dates are checked after parsing, not in the schema, because not every compatible server
// supports those keywords.

export const INDUSTRY_KEYS = Object.keys(INDUSTRIES) as [IndustryKey, ...IndustryKey[]];

export const REPLY_KINDS = ["accept", "decline", "later", "question", "unclear"] as const;

export const requestExtractionSchema = z.object({
  is_request: z.boolean(),
  confidence: z.number().min(0).max(1),
  request: z.object({
    prospect_company: z.string().nullable(),
    industry: z.enum(INDUSTRY_KEYS).nullable(),
    company_size: z.enum(COMPANY_SIZES).nullable(),
    region: z.enum(REGIONS).nullable(),
    products: z.array(z.string()),
    persona: z.string().nullable(),
    activities: z.array(z.enum(ACTIVITY_TYPES)),
    deadline: z.string().nullable(),
  }),
});
export type RequestExtraction = z.infer<typeof requestExtractionSchema>;

export const replyInterpretationSchema = z.object({
  kind: z.enum(REPLY_KINDS),
  /** For accept: the condition they attached, if any. */
  note: z.string().nullable(),
  /** For later: the ISO date to rest until, if they gave one. */
  until: z.string().nullable(),
});
export type ReplyInterpretation = z.infer<typeof replyInterpretationSchema>;

export const invitationDraftSchema = z.object({ text: z.string() });
export type InvitationDraft = z.infer<typeof invitationDraftSchema>;
