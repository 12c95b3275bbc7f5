import { addDays, utcOffsetHours } from "./dates";

// When the app follows up on an invitation. The seeds: silence after an ask wears people out, but so
// does nagging; one polite nudge, in the champion's own working hours, then the invitation closes
// and the request moves on.

const HOUR_MS = 3_600_000;
/** Monday to Friday, 09:00–17:00 on the champion's clock. */
const WORKDAY_START_HOUR = 9;
const WORKDAY_END_HOUR = 17;

const offsetAt = (timeZone: string | null, at: Date): number =>
  timeZone ? (utcOffsetHours(timeZone, at) ?? 0) : 0;

/**
 * The first instant at or after `earliest` that falls in working hours in `timeZone` (UTC when the
 * zone is unknown). DST-safe: the offset is read again at the instant chosen.
 */
export function nextWorkingTime(earliest: Date, timeZone: string | null): Date {
  let candidate = earliest;
  // A weekend plus a late evening is at most four steps; the bound only guards against a bad zone.
  for (let step = 0; step < 10; step++) {
    const offset = offsetAt(timeZone, candidate);
    // The local wall clock, held in a Date's UTC fields.
    const local = new Date(candidate.getTime() + offset * HOUR_MS);
    const weekday = local.getUTCDay() >= 1 && local.getUTCDay() <= 5;
    const hour = local.getUTCHours() + local.getUTCMinutes() / 60;
    if (weekday && hour >= WORKDAY_START_HOUR && hour < WORKDAY_END_HOUR) return candidate;
    const sameDay = weekday && hour < WORKDAY_START_HOUR;
    const startLocal = Date.UTC(
      local.getUTCFullYear(),
      local.getUTCMonth(),
      local.getUTCDate() + (sameDay ? 0 : 1),
      WORKDAY_START_HOUR,
    );
    const guess = new Date(startLocal - offset * HOUR_MS);
    candidate = new Date(startLocal - offsetAt(timeZone, guess) * HOUR_MS);
  }
  return candidate;
}

export interface FollowUpPolicy {
  /** Hours after the invitation before the one nudge (then moved into working hours). */
  nudgeAfterHours: number;
  /** Hours after the nudge before the invitation closes unanswered. */
  expireAfterHours: number;
}

export interface FollowUpPlan {
  nudgeAt: Date;
  expireAt: Date;
}

export function followUpPlan(sentAt: Date, timeZone: string | null, policy: FollowUpPolicy): FollowUpPlan {
  const nudgeAt = nextWorkingTime(new Date(sentAt.getTime() + policy.nudgeAfterHours * HOUR_MS), timeZone);
  const expireAt = nextWorkingTime(new Date(nudgeAt.getTime() + policy.expireAfterHours * HOUR_MS), timeZone);
  return { nudgeAt, expireAt };
}

/** `hour`:00 on `isoDate` on the clock of `timeZone` (UTC when unknown), as an instant. */
export function atLocalHour(isoDate: string, hour: number, timeZone: string | null): Date {
  const wall = Date.parse(`${isoDate}T${String(hour).padStart(2, "0")}:00:00Z`);
  const guess = new Date(wall - offsetAt(timeZone, new Date(wall)) * HOUR_MS);
  return new Date(wall - offsetAt(timeZone, guess) * HOUR_MS);
}

export interface ActivityPlan {
  /** 09:00 the day before, on the champion's clock: a reminder to champion and rep. */
  remindAt: Date;
  /** The first working hour from 10:00 the day after: "did it happen?" and a quick rating. */
  followUpAt: Date;
  /** Weeks later, in working hours: the rep is asked how the deal went. */
  dealAskAt: Date;
}

export function activityPlan(date: string, timeZone: string | null, dealAskAfterDays: number): ActivityPlan {
  const followUpAt = nextWorkingTime(atLocalHour(addDays(date, 1), 10, timeZone), timeZone);
  return {
    remindAt: atLocalHour(addDays(date, -1), WORKDAY_START_HOUR, timeZone),
    followUpAt,
    dealAskAt: nextWorkingTime(new Date(followUpAt.getTime() + dealAskAfterDays * 24 * HOUR_MS), timeZone),
  };
}
