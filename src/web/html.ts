// HTML that repeats what people wrote: every interpolated value goes through `escapeHtml`, and the
// `html` tag does it by default, so an unescaped value has to be asked for (`raw`).

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);
}

/** Markup already built by `html`: interpolated as it is. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export const raw = (markup: string) => new Html(markup);

type Interpolated = string | number | Html | null | undefined | false | readonly Interpolated[];

function render(value: Interpolated): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

/** A template tag that escapes every value unless it is `Html`. */
export function html(strings: TemplateStringsArray, ...values: Interpolated[]): Html {
  let out = strings[0] ?? "";
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? "");
  });
  return new Html(out);
}

/** Paragraphs from plain text: blank lines split them, single newlines become <br>. */
export function paragraphs(text: string): Html {
  const blocks = text
    .trim()
    .split(/\n\s*\n/)
    .filter((block) => block.trim() !== "");
  return raw(blocks.map((block) => `<p>${escapeHtml(block.trim()).replace(/\n/g, "<br>")}</p>`).join(""));
}
