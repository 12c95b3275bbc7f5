import { readFileSync } from "node:fs";
import * as chrono from "chrono-node/en";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { datesIn, unknownParsers } from "../../src/core/dates-in-text";

const COMPONENTS = ["year", "month", "day", "weekday", "hour", "minute", "second", "meridiem"] as const;

/** Everything a caller can read of a result: where, what, and each component with its certainty. */
const reading = (results: chrono.ParsedResult[]) =>
  results.map((result) => ({
    index: result.index,
    text: result.text,
    start: COMPONENTS.map((name) => [name, result.start.get(name), result.start.isCertain(name)]),
    end: result.end
      ? COMPONENTS.map((name) => [name, result.end?.get(name), result.end?.isCertain(name)])
      : null,
  }));

const REFERENCE = new Date(2026, 10, 23, 12);
const expectSameAsChrono = (text: string) =>
  expect(reading(datesIn(text, REFERENCE, { forwardDate: true }))).toEqual(
    reading(chrono.parse(text, REFERENCE, { forwardDate: true })),
  );

// Words chrono reads, words that hold their letters ("market", "these", "friend"), and glue.
const WORDS = [
  ..."jan feb march apr May june jul aug sept. Oct nov december mon tue wed thurs Fri sat sunday weekend weekday".split(
    " ",
  ),
  ..."now today tonight tomorrow overmorrow tmr tmrw yesterday last night morning afternoon evening noon midnight midday".split(
    " ",
  ),
  ..."one two three ten twelve a an the few several half couple of about around within in for ago later after from".split(
    " ",
  ),
  ..."s sec m min mins h hr hrs d day days w week weeks mo mon mos month months qtr quarter y yr year years".split(
    " ",
  ),
  ..."this last past next end by before until on at 3 12 15th 2027 3pm 10:30 12/5 2027-01-15 + - , . / :".split(
    " ",
  ),
  ..."need a CFO talk to Acme market these friend often someone ahead lead ready sales ad as am".split(" "),
];

describe("datesIn", () => {
  it("knows which kind of word each of chrono's English parsers needs", () => {
    // A parser it did not know would still run every time; this says when chrono's list changed.
    expect(unknownParsers()).toEqual([]);
  });

  it("finds what chrono finds in any text made of date words, near-misses and glue", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom("", " ", "  ", ", ", "\n", "-")), {
          maxLength: 8,
        }),
        (parts) => {
          expectSameAsChrono(parts.map(([word, glue]) => word + glue).join(""));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("finds what chrono finds in every message and reply of the evaluation sets", () => {
    const texts = ["messages.jsonl", "heldout-messages.jsonl", "heldout-replies.jsonl"].flatMap((name) => {
      const path = new URL(`../fixtures/${name}`, import.meta.url);
      return readFileSync(path, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => (JSON.parse(line) as { text: string }).text);
    });
    expect(texts.length).toBeGreaterThan(500);
    for (const text of texts) expectSameAsChrono(text);
  });

  it("runs no parser on a text without a word any of them needs, and one on a weekday alone", () => {
    expect(datesIn("need an EMEA fintech CFO to talk to Acme", REFERENCE)).toEqual([]);
    const [friday] = datesIn("need an EMEA fintech CFO to talk to Acme by Friday", REFERENCE, {
      forwardDate: true,
    });
    expect([friday?.text, friday?.start.get("day")]).toEqual(["Friday", 27]);
  });
});
