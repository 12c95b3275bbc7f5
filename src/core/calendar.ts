import { addDays } from "./dates";

// A calendar invitation (.ics, RFC 5545) for a scheduled activity: one all-day event on its date
// (the app knows the day; the time is agreed between the people), with the agenda and how to join
// in the description. Text is escaped as the format requires and long lines folded at 75 octets,
// so any calendar reads it whatever the words hold.

export interface CalendarEvent {
  /** Stable per activity and date: a rescheduled activity updates the same event. */
  uid: string;
  /** ISO date. */
  date: string;
  title: string;
  description: string;
  /** When the file was made (DTSTAMP). */
  now: Date;
  /** Bumped when the same event is sent again with changes. */
  sequence?: number;
}

/** Backslash, semicolon, comma and newlines escaped; other control characters dropped. */
export function escapeIcsText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, "\n")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: dropping them is the point
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
      .replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/\n/g, "\\n")
  );
}

/** Splits a content line into 75-octet pieces (continuations start with a space), never inside a character. */
export function foldIcsLine(line: string): string {
  const pieces: string[] = [];
  let current = "";
  let octets = 0;
  for (const character of line) {
    const size = Buffer.byteLength(character);
    const limit = pieces.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      pieces.push(current);
      current = "";
      octets = 0;
    }
    current += character;
    octets += size;
  }
  pieces.push(current);
  return pieces.join("\r\n ");
}

const compactDate = (isoDate: string) => isoDate.replaceAll("-", "");
const stamp = (at: Date) => `${at.toISOString().replace(/[-:]/g, "").slice(0, 15)}Z`;

export function calendarFile(event: CalendarEvent): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//refdesk//customer references//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${escapeIcsText(event.uid)}`,
    `SEQUENCE:${event.sequence ?? 0}`,
    `DTSTAMP:${stamp(event.now)}`,
    `DTSTART;VALUE=DATE:${compactDate(event.date)}`,
    `DTEND;VALUE=DATE:${compactDate(addDays(event.date, 1))}`,
    `SUMMARY:${escapeIcsText(event.title)}`,
    `DESCRIPTION:${escapeIcsText(event.description)}`,
    "TRANSP:TRANSPARENT",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return `${lines.map(foldIcsLine).join("\r\n")}\r\n`;
}
