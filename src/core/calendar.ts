import { activityLabel } from "./activities";
import { addDays } from "./dates";
import type { ActivityType } from "./domain";
import { prospectRole } from "./invitation-pitch";
import { capitalize } from "./text";

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

export interface ActivityCalendarInput {
  activityId: number;
  date: string;
  activity: ActivityType;
  eventName: string | null;
  championName: string;
  prospectCompany: string | null;
  prospectIndustry: string | null;
  persona: string | null;
  now: Date;
}

/**
 * The calendar invitation each side gets once an activity is scheduled: the champion's names the
 * prospect by role and industry only (as their invitation did), the rep's names the champion.
 */
export function activityCalendar(input: ActivityCalendarInput, audience: "champion" | "rep") {
  const label = activityLabel(input.activity);
  const what = input.eventName ? `${capitalize(label)}: ${input.eventName}` : capitalize(label);
  const role = prospectRole({ persona: input.persona, prospect: input.prospectCompany });
  const who = [role, input.prospectIndustry ? `at a ${input.prospectIndustry} company` : null]
    .filter(Boolean)
    .join(" ");
  const title =
    audience === "champion"
      ? what
      : `${what} with ${input.championName}${input.prospectCompany ? ` for ${input.prospectCompany}` : ""}`;
  const description =
    audience === "champion"
      ? `Agenda: your ${label}${who ? ` with ${who}` : ""}, sharing what you've learned in your own words.\nHow to join: the time and the link come from our team before the day. Thank you for doing this!`
      : `Agenda: ${input.championName}'s ${label}${input.prospectCompany ? ` for ${input.prospectCompany}` : ""}.\nHow to join: agree the time with them and send the meeting link; the advocacy team helps in the request's thread.`;
  // One event per activity: a new date for it replaces the old one in the calendar.
  return calendarFile({
    uid: `activity-${input.activityId}@refdesk`,
    date: input.date,
    title,
    description,
    now: input.now,
    sequence: Math.floor(input.now.getTime() / 1000),
  });
}
