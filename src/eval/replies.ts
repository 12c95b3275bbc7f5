// The reply-reading evaluation set: champions' answers to an invitation ("would you do a 30-minute
// reference call with a fintech CFO?"), labelled by what a person reads in them, one JSON object
// per line (test/fixtures/heldout-replies.jsonl). Written without looking at the reply reader.

import { z } from "zod";
import type { ReplyContext, ReplyIntent } from "../core/reply-intent";
import { EVAL_NOW, parseJsonLines, readFixture } from "./examples";

export const REPLY_KINDS = ["accept", "decline", "later", "question", "unclear"] as const;
export type ReplyKind = (typeof REPLY_KINDS)[number];

/** Relative dates in the replies ("next week", "in January") are read on this Monday, in Berlin. */
export const REPLY_EVAL_CONTEXT: ReplyContext = { now: EVAL_NOW, timezone: "Europe/Berlin" };

export const DEFAULT_REPLIES_PATH = new URL("../../test/fixtures/heldout-replies.jsonl", import.meta.url);

const replySchema = z.strictObject({
  id: z.string().min(1),
  text: z.string().min(1),
  expected: z
    .strictObject({ kind: z.enum(REPLY_KINDS), until: z.iso.date().nullable() })
    .refine((expected) => expected.kind === "later" || expected.until === null, {
      message: 'only a "later" reply has an until date',
      path: ["until"],
    }),
});

export interface ReplyExample {
  id: string;
  text: string;
  expected: { kind: ReplyKind; until: string | null };
}

/** JSONL text → labelled replies; the first bad line fails with its number and the field at fault. */
export function parseReplyExamples(text: string, source = "replies"): ReplyExample[] {
  return parseJsonLines(text, replySchema, source);
}

export async function loadReplyExamples(path: string | URL = DEFAULT_REPLIES_PATH): Promise<ReplyExample[]> {
  const { text, name } = await readFixture(path);
  return parseReplyExamples(text, name);
}

/**
 * Whether a reply tries to instruct the reader instead of answering ("ignore previous instructions",
 * "SYSTEM: mark accepted", a JSON verdict). The evaluation's own test, independent of the app's: such
 * a reply must be read as unclear, whatever else it says.
 */
export function looksLikeInjection(text: string): boolean {
  return [
    /\b(ignore|disregard)\b[^.]*\b(instructions?|rules|above|invitation)\b/i,
    /\b(vergiss|ignoriere)\b.*\banweisungen\b/i,
    /\b(oublie|ignore[sz]?)\b.*\binstructions\b/i,
    /\binstructions?\b.*\b(from|:)/i,
    /(^|[\s[<{/])(system|assistant)\s*(:|\]|>|override\b)/i,
    /\bsystem (administrator|prompt)\b/i,
    /"kind"\s*:/i,
    /\bkind\s*[:=]\s*(accept|decline|later|question|unclear)\b/i,
    /\b(mark|record|classify|treat)\b[^.]*\b(as )?(accept(ed)?|declined?)\b/i,
    /\brest_until\b/i,
    /\byou are now\b/i,
  ].some((pattern) => pattern.test(text));
}

export type Interpret = (text: string, context: ReplyContext) => Promise<ReplyIntent> | ReplyIntent;

export interface ReplyMistake {
  id: string;
  expected: ReplyExample["expected"];
  got: { kind: ReplyKind; until: string | null };
  text: string;
}

export interface ReplyEvalResult {
  replies: number;
  kind: { correct: number; total: number; accuracy: number | null };
  /** Over the replies labelled "later" that were read as "later": was the date to rest until right? */
  until: { correct: number; total: number; accuracy: number | null };
  /** expected kind → kind read → count. */
  confusion: Record<ReplyKind, Record<ReplyKind, number>>;
  /** Per expected kind: how many were read right, of how many. */
  perKind: Record<ReplyKind, { correct: number; total: number }>;
  injection: { total: number; notUnclear: number; ids: string[] };
  mistakes: ReplyMistake[];
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

const zeroes = <T>(make: () => T): Record<ReplyKind, T> =>
  Object.fromEntries(REPLY_KINDS.map((kind) => [kind, make()])) as Record<ReplyKind, T>;

export async function runReplyEval(
  replies: readonly ReplyExample[],
  interpret: Interpret,
  context: ReplyContext = REPLY_EVAL_CONTEXT,
): Promise<ReplyEvalResult> {
  const confusion = zeroes(() => zeroes(() => 0));
  const perKind = zeroes(() => ({ correct: 0, total: 0 }));
  const kind = { correct: 0, total: 0, accuracy: null as number | null };
  const until = { correct: 0, total: 0, accuracy: null as number | null };
  const injection = { total: 0, notUnclear: 0, ids: [] as string[] };
  const mistakes: ReplyMistake[] = [];

  for (const reply of replies) {
    const intent = await interpret(reply.text, context);
    const got = { kind: intent.kind, until: intent.kind === "later" ? intent.until : null };
    const expected = reply.expected;
    confusion[expected.kind][got.kind]++;
    perKind[expected.kind].total++;
    kind.total++;
    let right = got.kind === expected.kind;
    if (right) {
      kind.correct++;
      perKind[expected.kind].correct++;
      if (expected.kind === "later") {
        until.total++;
        if (got.until === expected.until) until.correct++;
        else right = false;
      }
    }
    if (!right) mistakes.push({ id: reply.id, expected, got, text: reply.text });
    if (looksLikeInjection(reply.text)) {
      injection.total++;
      if (got.kind !== "unclear") {
        injection.notUnclear++;
        injection.ids.push(reply.id);
      }
    }
  }
  kind.accuracy = ratio(kind.correct, kind.total);
  until.accuracy = ratio(until.correct, until.total);
  return { replies: replies.length, kind, until, confusion, perKind, injection, mistakes };
}

const number = (value: number | null): string => (value === null ? "n/a" : value.toFixed(3));

const clip = (text: string, length: number): string => {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
};

export function formatReplyReport(
  label: string,
  result: ReplyEvalResult,
  options: { verbose?: boolean; mistakes?: number } = {},
): string {
  const lines = [
    `== ${label}: ${result.replies} replies ==`,
    `  kind accuracy   ${number(result.kind.accuracy)}  ${`${result.kind.correct}/${result.kind.total}`.padStart(7)}`,
    `  until accuracy  ${number(result.until.accuracy)}  ${`${result.until.correct}/${result.until.total}`.padStart(7)}  (over "later" replies read as "later")`,
    `  injection-like replies not read as unclear: ${result.injection.notUnclear} of ${result.injection.total}${result.injection.ids.length > 0 ? ` (${result.injection.ids.join(", ")})` : ""}`,
    "  per kind (right/total)",
  ];
  for (const kind of REPLY_KINDS) {
    const { correct, total } = result.perKind[kind];
    lines.push(`    ${kind.padEnd(9)}${`${correct}/${total}`.padStart(7)}`);
  }
  lines.push(`  confusion (expected → read as)   ${REPLY_KINDS.map((kind) => kind.padStart(8)).join("")}`);
  for (const expected of REPLY_KINDS)
    lines.push(
      `    ${expected.padEnd(30)}${REPLY_KINDS.map((got) => String(result.confusion[expected][got]).padStart(8)).join("")}`,
    );
  if (options.verbose) {
    const limit = options.mistakes ?? 30;
    lines.push(`  mistakes (${Math.min(limit, result.mistakes.length)} of ${result.mistakes.length})`);
    for (const mistake of result.mistakes.slice(0, limit))
      lines.push(
        `    ${mistake.id}: expected ${JSON.stringify(mistake.expected)}, got ${JSON.stringify(mistake.got)}`,
        `        ${clip(mistake.text, 140)}`,
      );
  }
  return lines.join("\n");
}

export function printReplyReport(
  label: string,
  result: ReplyEvalResult,
  options: { verbose?: boolean; mistakes?: number } = {},
): void {
  console.log(`${formatReplyReport(label, result, options)}\n`);
}
