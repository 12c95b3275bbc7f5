import { describe, expect, it } from "vitest";
import { addDays, daysBetween, formatDay, isIsoDate, isTimeZone, utcOffsetHours } from "../../src/core/dates";

describe("calendar dates", () => {
  it("accepts only real ISO dates", () => {
    expect(isIsoDate("2028-02-29")).toBe(true);
    for (const bad of ["2026-02-29", "2026-13-01", "26-01-01", "2026-1-1", "", "2026-01-01T00:00"]) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
  });

  it("counts and adds days across months, years and DST changes", () => {
    expect(daysBetween("2026-12-30", "2027-01-02")).toBe(3);
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(addDays("2026-02-27", 2)).toBe("2026-03-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
  });

  it("formats days for people", () => {
    expect(formatDay("2027-03-12")).toBe("12 Mar 2027");
  });

  it("knows time zones and their offsets", () => {
    const winter = new Date("2026-01-15T12:00:00Z");
    expect(utcOffsetHours("Europe/Berlin", winter)).toBe(1);
    expect(utcOffsetHours("America/Chicago", winter)).toBe(-6);
    expect(utcOffsetHours("Asia/Kolkata", winter)).toBe(5.5);
    expect(utcOffsetHours("UTC", winter)).toBe(0);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
  });
});
