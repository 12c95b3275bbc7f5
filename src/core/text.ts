// Text people write, made storable: Postgres cannot hold a NUL, and the other control characters
// (but tab and line breaks) only hide text from whoever reads it later.

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** The text without control characters (tab and line breaks stay). */
export const storableText = (text: string): string => text.replace(CONTROL, "");

/** "reference call" → "Reference call". */
export const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

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
