// Calendar-day arithmetic on ISO dates (YYYY-MM-DD), in UTC so results never depend on the host's zone.

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const toIsoDate = (instant: Date): string => instant.toISOString().slice(0, 10);

// Hot in matching (every history entry and answer of every champion), and a roster's dates are a
// few thousand distinct days: each is worked out once. The cache is bounded, whatever comes in.
const dayNumbers = new Map<string, number>();
const DAY_NUMBERS_KEPT = 20_000;

function dayNumber(isoDate: string): number {
  let day = dayNumbers.get(isoDate);
  if (day === undefined) {
    day =
      Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) /
      DAY_MS;
    if (dayNumbers.size >= DAY_NUMBERS_KEPT) dayNumbers.clear();
    dayNumbers.set(isoDate, day);
  }
  return day;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

export const addDays = (isoDate: string, days: number): string =>
  toIsoDate(new Date((dayNumber(isoDate) + days) * DAY_MS));

/** "2026-03-12" → "12 Mar 2026" */
export function formatDay(isoDate: string): string {
  return new Date(`${isoDate}T00:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
}

// Building an Intl.DateTimeFormat costs far more than using one; a roster has few distinct zones.
const offsetFormats = new Map<string, Intl.DateTimeFormat | null>();

function offsetFormat(timeZone: string): Intl.DateTimeFormat | null {
  let format = offsetFormats.get(timeZone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    } catch {
      format = null;
    }
    offsetFormats.set(timeZone, format);
  }
  return format;
}

/** The zone's UTC offset in hours at the given instant, or null for an unknown zone. */
export function utcOffsetHours(timeZone: string, at: Date): number | null {
  const format = offsetFormat(timeZone);
  if (!format) return null;
  const part = format.formatToParts(at).find((p) => p.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(part ?? "");
  if (!match) return 0; // "GMT" alone means UTC itself
  const [, sign, hours, minutes] = match;
  return (sign === "-" ? -1 : 1) * (Number(hours) + Number(minutes) / 60);
}

export const isTimeZone = (value: string): boolean => utcOffsetHours(value, new Date(0)) !== null;
