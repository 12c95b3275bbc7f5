import type { HistoryEntry } from "../core/burnout";
import { addDays, daysBetween } from "../core/dates";
import type { ActivityType } from "../core/domain";
import type { AnswerEntry, ProgramCalibration, Response } from "../core/learning";
import {
  type ChampionRecord,
  championPreparer,
  type EventSlot,
  IGNORED_WINDOW_DAYS,
  type PreparedChampion,
  type PreparedRoster,
} from "../core/matching";
import { calibrateProgram } from "../core/program-calibration";
import type { Assumptions } from "./assumptions";
import { answerAsk, strainOf, strainOn } from "./champion-model";
import type { Policy } from "./policies";
import type { Random } from "./random";
import type { World } from "./world";

// One simulated year: each request in turn, asked round by round (a no moves on to the next person)
// as a lead approving the first candidate would, with every answer fed back into the roster.

/** Asks per request before the rep is told nobody could help. */
export const ROUNDS_PER_REQUEST = 3;
/** "Not now" rests them this long. */
const LATER_REST_DAYS = 30;

export interface AskRecord {
  date: string;
  request: number;
  championId: number;
  activity: ActivityType;
  response: Response;
  predictedYes: number | null;
  /** The request named a prospect and no activity: it is served only by meeting the prospect. */
  forProspect: boolean;
  /** They had left two invitations unanswered in the 90 days before. */
  afterTwoIgnored: boolean;
}

export interface YearLog {
  asks: AskRecord[];
  /** Requests that found a yes within the rounds. */
  filled: number;
  requests: number;
  /** Champion ids in the order they burned out. */
  burnouts: number[];
  /** Each champion's asks (imported and simulated) and cap: what "over cap" is judged on. */
  askDates: Map<number, { dates: string[]; cap: number }>;
  rosterSize: number;
  start: string;
}

interface ChampionState {
  record: ChampionRecord;
  strain: { date: string; strain: number }[];
  /** Prepared for matching on `preparedOn`; dropped when an ask changes the record. */
  prepared: PreparedChampion | null;
  preparedOn: string;
}

/**
 * The roster as matching sees it on a day: the program's calibration is fitted once a day on the
 * answers known that morning, and only champions changed since are prepared again.
 */
function rosterView(states: readonly ChampionState[]): (date: string) => PreparedRoster {
  let day = "";
  let calibration: ProgramCalibration | null = null;
  return (date) => {
    if (date !== day || !calibration) {
      day = date;
      calibration = calibrateProgram(
        states.map((state) => state.record),
        date,
      );
    }
    const prepare = championPreparer(new Date(`${date}T12:00:00Z`), calibration);
    const champions = states.map((state) => {
      if (!state.prepared || state.preparedOn !== date) {
        state.prepared = prepare(state.record);
        state.preparedOn = date;
      }
      return state.prepared;
    });
    return { today: date, calibration, champions };
  };
}

const HISTORY_OUTCOME = { accepted: "completed", declined: "declined", later: "declined" } as const;

function initialState(world: World): Map<number, ChampionState> {
  const states = new Map<number, ChampionState>();
  for (const champion of world.champions) {
    states.set(champion.id, {
      record: {
        id: champion.id,
        ...champion.profile,
        history: [],
        asks: [],
        ignored: [],
        answers: [],
        openInvitations: 0,
      },
      strain: [],
      prepared: null,
      preparedOn: "",
    });
  }
  for (const past of world.pastAsks) {
    const state = states.get(past.championId);
    const truth = world.champions[past.championId - 1]?.truth;
    if (!state || !truth) continue;
    record(state, past.activityType, past.date, past.response);
    state.strain.push({ date: past.date, strain: strainOf(truth, past.activityType, past.response) });
  }
  return states;
}

/** Writes an ask and its answer where the roster snapshot would find them. */
function record(state: ChampionState, activity: ActivityType, date: string, response: Response): void {
  const { record } = state;
  state.prepared = null;
  (record.asks as string[]).push(date);
  (record.answers as AnswerEntry[]).push({ activityType: activity, answer: response, date });
  if (response === "ignored") (record.ignored as string[]).push(date);
  else
    (record.history as HistoryEntry[]).push({
      activityType: activity,
      date,
      outcome: HISTORY_OUTCOME[response],
    });
  if (response === "later") record.restUntil = addDays(date, LATER_REST_DAYS);
}

export function simulateYear(options: {
  world: World;
  policy: Policy;
  assumptions: Assumptions;
  random: Random;
  start: string;
  defaultCapacity: number;
}): YearLog {
  const { world, policy, assumptions, random } = options;
  const states = initialState(world);
  const events: EventSlot[] = world.events.map((event) => ({ ...event }));
  const log: YearLog = {
    asks: [],
    filled: 0,
    requests: world.requests.length,
    burnouts: [],
    askDates: new Map(),
    rosterSize: world.champions.length,
    start: options.start,
  };
  const rosterOn = rosterView([...states.values()]);
  world.requests.forEach(({ date, fields }, requestIndex) => {
    const asked = new Set<number>();
    for (let round = 0; round < ROUNDS_PER_REQUEST; round++) {
      const roster = rosterOn(date);
      const ask = policy.choose(fields, roster, asked, events);
      if (!ask) break;
      asked.add(ask.championId);
      const state = states.get(ask.championId);
      const champion = world.champions[ask.championId - 1];
      if (!state || !champion) break;
      const ignoredRecently = state.record.ignored.filter(
        (day) => day < date && daysBetween(day, date) < IGNORED_WINDOW_DAYS,
      ).length;
      const response = answerAsk(champion.truth, ask.activity, state.record.asks, date, assumptions, random);
      log.asks.push({
        date,
        request: requestIndex,
        championId: ask.championId,
        activity: ask.activity,
        response,
        predictedYes: ask.predictedYes,
        forProspect: fields.prospect_company !== null && fields.activities.length === 0,
        afterTwoIgnored: ignoredRecently >= 2,
      });
      record(state, ask.activity, date, response);
      state.strain.push({ date, strain: strainOf(champion.truth, ask.activity, response) });
      if (strainOn(state.strain, date) > champion.truth.tolerance && state.record.status !== "inactive") {
        state.record.status = "inactive";
        state.prepared = null;
        log.burnouts.push(ask.championId);
      }
      if (response === "accepted") {
        const event = events.find((slot) => slot.id === ask.eventId);
        if (event) event.openSlots--;
        log.filled++;
        break;
      }
    }
  });
  for (const [id, state] of states) {
    log.askDates.set(id, {
      dates: [...state.record.asks].sort(),
      cap: state.record.maxAsksPerQuarter ?? options.defaultCapacity,
    });
  }
  return log;
}
