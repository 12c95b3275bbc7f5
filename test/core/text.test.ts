import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allMatches, anyMatches } from "../../src/core/text";

/** What a match says: where it is, what it matched, and its groups. */
const shape = (match: RegExpExecArray) => ({ index: match.index, text: [...match], groups: match.groups });

const matchAllOf = (text: string, pattern: RegExp) =>
  [...text.matchAll(pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`))].map(shape);

// Patterns that match empty strings (where the search must step past a whole code point in
// Unicode mode), lookbehinds, groups, and one-match patterns searched as if global.
const PATTERNS = [
  /a*/gu,
  /a*/g,
  /(?:)/gu,
  /\b/g,
  /x?/u,
  /(?<!\S)\S/gu,
  /[\p{L}\p{N}&]+/gu,
  /(?<word>\p{Lu}\p{Ll}+)/u,
  /\b(?:by|before)\s+(\w+)/gi,
];

describe("allMatches", () => {
  it("finds what matchAll finds, for any text, including astral characters and empty matches", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PATTERNS),
        fc.string({
          unit: fc.constantFrom("a", "b", "x", " ", "É", "😀", "\ud83d", "By", "before"),
          maxLength: 30,
        }),
        (pattern, text) => {
          expect(allMatches(text, pattern).map(shape)).toEqual(matchAllOf(text, pattern));
        },
      ),
    );
  });

  it("leaves a global pattern ready for its next use, and gives the same answer twice", () => {
    const pattern = /o/g;
    expect(allMatches("foo boo", pattern).map((match) => match.index)).toEqual([1, 2, 5, 6]);
    expect(pattern.lastIndex).toBe(0);
    expect(allMatches("foo boo", pattern).map((match) => match.index)).toEqual([1, 2, 5, 6]);
  });

  it("steps over a surrogate pair as one character in Unicode mode, and over its halves otherwise", () => {
    expect(allMatches("😀", /(?:)/gu).map((match) => match.index)).toEqual([0, 2]);
    expect(allMatches("😀", /(?:)/g).map((match) => match.index)).toEqual([0, 1, 2]);
  });
});

describe("anyMatches", () => {
  // Alternations, anchors, lookarounds, groups and mixed flags, as the vocabularies write them.
  const LISTS = [
    [/\bcalls?\b/, /\b(?:hop|jump)\s+on\b/, /^ae$/, /\bco-?founder\b|\bfounder\b/],
    [/(?<![\p{L}\p{N}&])(?:it|ops)(?![\p{L}\p{N}&])/u, /\bheads? of\b/, /chief ([a-z& ]+?) officer/],
    [/\bvenue\b/i, /\bswag\b/gi, /(?:^|\s)#\w+/g, /\bQ[1-4]\b/],
    [],
  ];

  it("is true exactly when one of the patterns matches", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LISTS),
        fc.string({
          unit: fc.constantFrom(
            "call",
            "s",
            "hop",
            " on",
            "ae",
            "co",
            "-",
            "founder",
            "it",
            "Ops",
            "head",
            "s of",
            "chief ",
            "data",
            " officer",
            "venue",
            "SWAG",
            "#",
            "q3",
            "Q1",
            " ",
            "É",
            "&",
          ),
          maxLength: 12,
        }),
        (patterns, text) => {
          expect(anyMatches(patterns)(text)).toBe(
            patterns.some((pattern) => new RegExp(pattern.source, pattern.flags.replace("g", "")).test(text)),
          );
        },
      ),
    );
  });

  it("refuses what joining would change: a sticky pattern, a back-reference", () => {
    expect(() => anyMatches([/a/y])).toThrow(/sticky/);
    expect(() => anyMatches([/(a)\1/])).toThrow(/back-reference/);
  });
});
