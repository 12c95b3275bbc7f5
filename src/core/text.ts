// Text people write, made storable: Postgres cannot hold a NUL, and the other control characters
// (but tab and line breaks) only hide text from whoever reads it later.

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** The text without control characters (tab and line breaks stay). */
export const storableText = (text: string): string => text.replace(CONTROL, "");

/** "reference call" → "Reference call". */
export const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
