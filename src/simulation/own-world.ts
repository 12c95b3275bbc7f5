import { addDays, daysBetween } from "../core/dates";
import type { ChampionProfile, RequestFields } from "../core/domain";
import type { ChampionRecord, EventSlot } from "../core/matching";
import type { Assumptions } from "./assumptions";
import type { Random } from "./random";
import { hiddenTruth, type PastAsk, programEvents, type World } from "./world";

// A what-if on the program's own roster: its champions as they are today, with their asks and
// answers so far, facing a year of requests like the last quarter's. What nobody can know (how
// each person really answers and tires) is drawn under the chosen assumptions.

export interface OwnProgram {
  champions: readonly ChampionRecord[];
  /** Requests of the last `demandDays`, with the day each was opened. */
  demand: readonly { date: string; fields: RequestFields }[];
  demandDays: number;
  events: readonly EventSlot[];
}

/** Requests a week, at the rate of the demand window. */
export const weeklyDemand = (program: OwnProgram): number => (program.demand.length * 7) / program.demandDays;

/** The roster's own fields only: the simulation keeps its own asks and answers. */
const profileOf = (record: ChampionRecord): ChampionProfile => ({
  name: record.name,
  email: record.email,
  slackUserId: record.slackUserId,
  company: record.company,
  title: record.title,
  industry: record.industry,
  companySize: record.companySize,
  region: record.region,
  timezone: record.timezone,
  products: record.products,
  motivations: record.motivations,
  activities: record.activities,
  maxAsksPerQuarter: record.maxAsksPerQuarter,
  status: record.status,
  restUntil: record.restUntil,
});

export function ownWorld(
  program: OwnProgram,
  options: { start: string; days: number; assumptions: Assumptions; random: Random },
): World {
  const { random, assumptions } = options;
  // Matching's ids stay; the simulation counts champions 1…n.
  const champions = program.champions.map((record, index) => ({
    id: index + 1,
    profile: profileOf(record),
    truth: hiddenTruth(record, assumptions, random),
  }));
  const pastAsks: PastAsk[] = program.champions.flatMap((record, index) =>
    record.answers
      .filter((answer) => answer.date <= options.start)
      .map((answer) => ({
        championId: index + 1,
        activityType: answer.activityType,
        date: answer.date,
        response: answer.answer,
      })),
  );
  const rate = weeklyDemand(program);
  const requests: World["requests"] = [];
  for (let week = 0; week * 7 < options.days && program.demand.length > 0; week++) {
    const count = random.poisson(rate);
    for (let index = 0; index < count; index++) {
      const past = random.pick(program.demand);
      const date = addDays(options.start, week * 7 + Math.floor(random.next() * 5));
      // The same time to the deadline as the request it repeats had.
      const deadline = past.fields.deadline
        ? addDays(date, Math.max(1, daysBetween(past.date, past.fields.deadline)))
        : null;
      requests.push({ date, fields: { ...past.fields, deadline } });
    }
  }
  requests.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  // The program's own events, then the synthetic monthly ones: a year outlasts what is scheduled.
  const scheduled = program.events.map((event, index) => ({ ...event, id: index + 1 }));
  const recurring = programEvents(addDays(options.start, 60), options.days).map((event) => ({
    ...event,
    id: event.id + scheduled.length,
  }));
  return { champions, pastAsks, requests, events: [...scheduled, ...recurring] };
}
