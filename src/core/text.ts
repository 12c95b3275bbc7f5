// Text people write, made storable: Postgres cannot hold a NUL, and the other control characters
// (but tab and line breaks) only hide text from whoever reads it later.

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** The text without control characters (tab and line breaks stay). */
export const storableText = (text: string): string => text.replace(CONTROL, "");

/** "reference call" → "Reference call". */
export const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** A word of a name or a place: letters and digits, with "&" ("AT&T", "oil & gas"). */
export const NAME_WORD = /[\p{L}\p{N}&]+/gu;

interface GlobalPattern {
  pattern: RegExp;
  /** Whether an empty match steps over a whole code point (the `u` and `v` flags), as `matchAll` does. */
  unicode: boolean;
}

/** Each pattern's global form, made once: the pattern itself, or a global copy of a one-match pattern. */
const globalForms = new WeakMap<RegExp, GlobalPattern>();

function globalFormOf(pattern: RegExp): GlobalPattern {
  let form = globalForms.get(pattern);
  if (!form) {
    const global = pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
    form = { pattern: global, unicode: /[uv]/.test(global.flags) };
    globalForms.set(pattern, form);
  }
  return form;
}

/** The index after the code point at `index`: past a surrogate pair in Unicode mode. */
function nextIndex(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const high = text.charCodeAt(index);
  const low = text.charCodeAt(index + 1);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? index + 2 : index + 1;
}

/**
 * Every match of `pattern` in `text`, as `[...text.matchAll(pattern)]` gives them (a one-match
 * pattern is searched as if global). `matchAll` makes a new RegExp from the pattern at every call,
 * which for the vocabulary's long patterns cost more than the matching itself.
 */
export function allMatches(text: string, pattern: RegExp): RegExpExecArray[] {
  const { pattern: global, unicode } = globalFormOf(pattern);
  const matches: RegExpExecArray[] = [];
  global.lastIndex = 0;
  for (let match = global.exec(text); match !== null; match = global.exec(text)) {
    matches.push(match);
    if (match[0] === "") global.lastIndex = nextIndex(text, global.lastIndex, unicode);
  }
  return matches;
}

/**
 * A test that is true exactly when one of `patterns` matches the text: the patterns are joined,
 * one search for each set of flags, so a text that names none of a list's words costs one search
 * rather than one per pattern. Refused: a sticky pattern (it matches only at one place) and a
 * back-reference (joining patterns renumbers their groups).
 */
export function anyMatches(patterns: readonly RegExp[]): (text: string) => boolean {
  const byFlags = new Map<string, string[]>();
  for (const pattern of patterns) {
    if (pattern.sticky) throw new Error(`anyMatches: ${pattern} is sticky`);
    if (/\\[1-9]|\\k</.test(pattern.source)) throw new Error(`anyMatches: ${pattern} has a back-reference`);
    const flags = pattern.flags.replace("g", "");
    byFlags.set(flags, [...(byFlags.get(flags) ?? []), `(?:${pattern.source})`]);
  }
  const joined = [...byFlags].map(([flags, sources]) => new RegExp(sources.join("|"), flags));
  return (text) => joined.some((pattern) => pattern.test(text));
}
