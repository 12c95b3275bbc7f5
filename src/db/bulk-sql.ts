import { type SQL, sql } from "drizzle-orm";

// Helpers for statements that carry many rows in a few parameters: one array per column, unnested
// on the server, instead of a parameter per cell that drizzle would have to assemble.

/**
 * A column of values as one `text[]` parameter, cast on the server to what it holds. The literal
 * is written here, not by the drivers: both postgres.js and PGlite run two regex replacements on
 * every element, and most columns need none (no NULL, no quote or backslash in any value), which
 * one check of the whole column shows.
 */
export function textArray(values: readonly (string | null)[]): SQL {
  const plain = values.length > 0 && !values.includes(null) && !/["\\]/.test(values.join(""));
  const literal = plain ? `{"${values.join('","')}"}` : `{${values.map(arrayElement).join(",")}}`;
  return sql`${literal}::text[]`;
}

const arrayElement = (value: string | null): string =>
  value === null ? "NULL" : `"${value.replace(/["\\]/g, "\\$&")}"`;

/** The rows of a raw statement's result, whichever driver ran it. */
export const rowsOf = <Row>(result: unknown): Row[] =>
  (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
