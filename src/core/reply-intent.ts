// What a champion means when they answer an invitation in their own words.

export type ReplyIntent =
  /** "sure, Tuesday works": yes. `note` keeps any condition they attached ("but not before March"). */
  | { kind: "accept"; note: string | null }
  | { kind: "decline" }
  /** "not this quarter, try me in April": not now; `until` is the ISO date to rest until, when given. */
  | { kind: "later"; until: string | null }
  /** "what would I need to prepare?": a question for the program team. */
  | { kind: "question" }
  | { kind: "unclear" };

export interface ReplyContext {
  now: Date;
  /** The champion's IANA time zone, when the roster has it ("next Monday" is theirs). */
  timezone: string | null;
}
