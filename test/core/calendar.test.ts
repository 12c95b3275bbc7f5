import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calendarFile, escapeIcsText, foldIcsLine } from "../../src/core/calendar";

const event = {
  uid: "activity-12-2026-12-10@refdesk",
  date: "2026-12-10",
  title: "Reference call: Acme, with Mei Chen",
  description: "Agenda: 30 minutes; your roll-out, lessons learned.\nHow to join: the rep sends the link.",
  now: new Date("2026-12-01T09:30:00Z"),
};

/** The file's content lines with folding undone, as a calendar reads them. */
const unfolded = (file: string) => file.replace(/\r\n /g, "").split("\r\n");

describe("calendar invitations", () => {
  it("is one all-day event on the activity's date, with CRLF line ends", () => {
    const file = calendarFile(event);
    expect(file.endsWith("\r\n")).toBe(true);
    const lines = unfolded(file);
    expect(lines).toContain("DTSTART;VALUE=DATE:20261210");
    expect(lines).toContain("DTEND;VALUE=DATE:20261211");
    expect(lines).toContain("DTSTAMP:20261201T093000Z");
    expect(lines).toContain("UID:activity-12-2026-12-10@refdesk");
    expect(lines).toContain("SUMMARY:Reference call: Acme\\, with Mei Chen");
    expect(lines).toContain(
      "DESCRIPTION:Agenda: 30 minutes\\; your roll-out\\, lessons learned.\\nHow to join: the rep sends the link.",
    );
  });

  it("escapes what the format reserves and drops control characters", () => {
    expect(escapeIcsText("a\\b;c,d\r\ne\u0000f")).toBe("a\\\\b\\;c\\,d\\ne" + "f");
  });

  it("folds any line into pieces of at most 75 octets without splitting a character", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (text) => {
        const folded = foldIcsLine(`DESCRIPTION:${text}`);
        for (const piece of folded.split("\r\n")) expect(Buffer.byteLength(piece)).toBeLessThanOrEqual(75);
        expect(folded.replace(/\r\n /g, "")).toBe(`DESCRIPTION:${text}`);
      }),
    );
  });
});
