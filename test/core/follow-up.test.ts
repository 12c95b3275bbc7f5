import { describe, expect, it } from "vitest";
import { activityPlan, atLocalHour, followUpPlan, nextWorkingTime } from "../../src/core/follow-up";

const at = (iso: string) => new Date(iso);
const policy = { nudgeAfterHours: 48, expireAfterHours: 48 };

describe("nextWorkingTime", () => {
  it("keeps an instant already inside the champion's working hours", () => {
    // Tuesday 10:30 in London (GMT in November).
    expect(nextWorkingTime(at("2026-11-24T10:30:00Z"), "Europe/London")).toEqual(at("2026-11-24T10:30:00Z"));
  });

  it("moves an early morning to 09:00 the same day, on the champion's clock", () => {
    // 06:00 in New York (UTC−5) → 09:00 New York = 14:00 UTC.
    expect(nextWorkingTime(at("2026-11-24T11:00:00Z"), "America/New_York")).toEqual(
      at("2026-11-24T14:00:00Z"),
    );
  });

  it("moves an evening to 09:00 the next working day", () => {
    // Wednesday 18:00 in Tokyo (UTC+9) → Thursday 09:00 Tokyo = Thursday 00:00 UTC.
    expect(nextWorkingTime(at("2026-11-25T09:00:00Z"), "Asia/Tokyo")).toEqual(at("2026-11-26T00:00:00Z"));
  });

  it("skips the weekend in the champion's zone, not in UTC", () => {
    // Friday 23:30 UTC is already Saturday in Auckland (UTC+13): Monday 09:00 Auckland.
    expect(nextWorkingTime(at("2026-11-27T23:30:00Z"), "Pacific/Auckland")).toEqual(
      at("2026-11-29T20:00:00Z"),
    );
    // Saturday in Los Angeles → Monday 09:00 PST = 17:00 UTC.
    expect(nextWorkingTime(at("2026-11-28T20:00:00Z"), "America/Los_Angeles")).toEqual(
      at("2026-11-30T17:00:00Z"),
    );
  });

  it("uses the offset in force on the day it lands, across a DST change", () => {
    // Sunday 29 March 2026, Berlin switches to CEST (UTC+2): Monday 09:00 CEST = 07:00 UTC.
    expect(nextWorkingTime(at("2026-03-28T12:00:00Z"), "Europe/Berlin")).toEqual(at("2026-03-30T07:00:00Z"));
  });

  it("reads an unknown or missing zone as UTC", () => {
    expect(nextWorkingTime(at("2026-11-28T12:00:00Z"), null)).toEqual(at("2026-11-30T09:00:00Z"));
    expect(nextWorkingTime(at("2026-11-28T12:00:00Z"), "Mars/Olympus")).toEqual(at("2026-11-30T09:00:00Z"));
  });
});

describe("followUpPlan", () => {
  it("nudges once after the wait, in working hours, then closes the invitation after the second wait", () => {
    // Sent Thursday 15:00 London: +48 h is Saturday → nudge Monday 09:00; +48 h → Wednesday 09:00.
    const plan = followUpPlan(at("2026-11-26T15:00:00Z"), "Europe/London", policy);
    expect(plan).toEqual({ nudgeAt: at("2026-11-30T09:00:00Z"), expireAt: at("2026-12-02T09:00:00Z") });
  });

  it("lands at different instants for champions in different zones sent the same invitation", () => {
    const sent = at("2026-11-23T20:00:00Z");
    const london = followUpPlan(sent, "Europe/London", policy).nudgeAt;
    const sydney = followUpPlan(sent, "Australia/Sydney", policy).nudgeAt;
    // Wednesday 20:00 in London is after hours → Thursday 09:00 London (GMT).
    expect(london).toEqual(at("2026-11-26T09:00:00Z"));
    // 20:00 UTC Wednesday is 07:00 Thursday in Sydney (UTC+11) → 09:00 Sydney = 22:00 UTC.
    expect(sydney).toEqual(at("2026-11-25T22:00:00Z"));
  });
});

describe("activityPlan", () => {
  it("reminds at 09:00 the day before, follows up the next working morning, asks about the deal weeks later", () => {
    // A panel on Friday 4 Dec 2026 for a champion in New York (UTC−5).
    const plan = activityPlan("2026-12-04", "America/New_York", 30);
    expect(plan.remindAt).toEqual(at("2026-12-03T14:00:00Z"));
    // The day after is Saturday: Monday 09:00 New York.
    expect(plan.followUpAt).toEqual(at("2026-12-07T14:00:00Z"));
    // 30 days later is Wednesday 6 Jan 2027, 09:00 New York.
    expect(plan.dealAskAt).toEqual(at("2027-01-06T14:00:00Z"));
  });

  it("reads 09:00 on the champion's clock across a DST change", () => {
    // London moves to BST on 29 March 2026: 09:00 on 30 March is 08:00 UTC, on 27 March 09:00 UTC.
    expect(atLocalHour("2026-03-30", 9, "Europe/London")).toEqual(at("2026-03-30T08:00:00Z"));
    expect(atLocalHour("2026-03-27", 9, "Europe/London")).toEqual(at("2026-03-27T09:00:00Z"));
    expect(atLocalHour("2026-03-27", 9, null)).toEqual(at("2026-03-27T09:00:00Z"));
  });
});
