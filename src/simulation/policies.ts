import type { ActivityType, RequestFields } from "../core/domain";
import { type EventSlot, matchChampions, mostSimilar, type PreparedRoster } from "../core/matching";

/** One ask a policy makes for a request. */
export interface Ask {
  championId: number;
  activity: ActivityType;
  eventId: number | null;
  /** The policy's yes-probability for this ask, when it makes one. */
  predictedYes: number | null;
}

export interface Policy {
  name: string;
  /** Who to ask next on a request, or null when nobody can be. */
  choose: (
    fields: RequestFields,
    roster: PreparedRoster,
    asked: ReadonlySet<number>,
    events: readonly EventSlot[],
  ) => Ask | null;
}

/** refdesk's matcher, its first candidate approved as a lead would. */
export const refdeskPolicy = (defaultCapacity: number): Policy => ({
  name: "refdesk",
  choose: (fields, roster, asked, events) => {
    const [best] = matchChampions(fields, roster, {
      defaultCapacity,
      events,
      excludeChampionIds: asked,
      limit: 1,
    }).candidates;
    if (!best) return null;
    return {
      championId: best.championId,
      activity: best.activity,
      eventId: best.event?.id ?? null,
      predictedYes: best.yes,
    };
  },
});

/** "Ask the most similar customer" for what the rep named, else a reference call. */
export const naivePolicy: Policy = {
  name: "most similar first",
  choose: (fields, roster, asked) => {
    const best = mostSimilar(fields, roster, asked);
    if (!best) return null;
    return {
      championId: best.championId,
      activity: fields.activities[0] ?? "reference_call",
      eventId: null,
      predictedYes: null,
    };
  },
};
