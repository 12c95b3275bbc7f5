import type { ParseResult } from "../core/domain";
import { invitationPitch, type PitchInput } from "../core/invitation-pitch";
import { recognizeDeterministically } from "../core/parser/prefilter";
import type { ReplyContext, ReplyIntent } from "../core/reply-intent";
import { interpretReply } from "../core/reply-interpreter";
import { deterministicParser, type RequestParser } from "./matcher";

// Everything the app reads or writes in people's own words, behind one swappable interface: the
// deterministic implementation always works; a language model may improve on it when configured.

export interface DraftInput {
  pitch: PitchInput;
  /** The champion's job title (role), never their contact details. */
  championTitle: string;
  /** The roster's notes on the champion (goals, interests), contact details stripped. */
  championNotes: string;
}

export interface Draft {
  text: string;
  source: "model" | "template";
}

export interface RecognitionContext {
  now: Date;
  products: readonly string[];
}

export interface Understanding {
  /** Free text → request fields (the request modal's prefill, the CLI). */
  parser: RequestParser;
  /** A message in a channel: the parsed request when it is one, else null. */
  recognize(text: string, context: RecognitionContext): Promise<ParseResult | null>;
  interpretReply(text: string, context: ReplyContext): Promise<ReplyIntent>;
  draftInvitation(input: DraftInput): Promise<Draft>;
}

/** Rules and templates only: no network, same answer for the same words. */
export const deterministicUnderstanding: Understanding = {
  parser: deterministicParser,
  recognize: async (text, context) => recognizeDeterministically(text, context),
  interpretReply: async (text, context) => interpretReply(text, context),
  draftInvitation: async (input) => ({ text: invitationPitch(input.pitch), source: "template" }),
};
