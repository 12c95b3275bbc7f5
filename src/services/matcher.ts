import type { ParseResult, RequestFields } from "../core/domain";
import { type MatchResult, matchChampions } from "../core/matching";
import { parseRequest } from "../core/parser/request-parser";
import type { RosterSnapshotSource } from "../db/roster-snapshot";

/** Turns free text into request fields. The deterministic parser always works; an LLM may improve on it. */
export interface RequestParser {
  parse(text: string, context: { now: Date; products: readonly string[] }): Promise<ParseResult>;
}

export const deterministicParser: RequestParser = {
  parse: async (text, context) => parseRequest(text, context),
};

/**
 * How stale the product vocabulary may be for parsing and the request form: a product added in
 * the last few seconds shows up a moment later, and the acknowledgement path skips a database
 * round trip. Proposals always read the roster as of now.
 */
export const VOCABULARY_MAX_AGE_MS = 5_000;

export interface MatcherDeps {
  snapshots: RosterSnapshotSource;
  parser: RequestParser;
  clock: () => Date;
  defaultCapacity: number;
}

export interface Proposal extends MatchResult {
  request: RequestFields;
}

/** parse → match → proposal: the one path the CLI and the Slack app share. */
export function createMatcher(deps: MatcherDeps) {
  return {
    /** Capacity of champions without their own cap (the App Home shows load against it). */
    defaultCapacity: deps.defaultCapacity,

    /** The roster's product vocabulary (for the request modal's choices). */
    async products(): Promise<string[]> {
      return (await deps.snapshots.current({ maxAgeMs: VOCABULARY_MAX_AGE_MS })).products;
    },

    async parse(text: string): Promise<ParseResult> {
      const snapshot = await deps.snapshots.current({ maxAgeMs: VOCABULARY_MAX_AGE_MS });
      return deps.parser.parse(text, { now: deps.clock(), products: snapshot.products });
    },

    /** Ranks champions for the request; `exclude` are champions already asked on it. */
    async propose(
      request: RequestFields,
      limit = 3,
      exclude: ReadonlySet<number> = new Set(),
    ): Promise<Proposal> {
      const snapshot = await deps.snapshots.current();
      const result = matchChampions(request, snapshot.roster, {
        defaultCapacity: deps.defaultCapacity,
        events: snapshot.events,
        limit,
        excludeChampionIds: exclude,
      });
      return { request, ...result };
    },
  };
}

export type Matcher = ReturnType<typeof createMatcher>;
