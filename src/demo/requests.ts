import { addDays, toIsoDate } from "../core/dates";
import type { Outcome } from "../db/requests-repository";

// The demo's past requests: what reps asked over the last six weeks and how each went, with the
// time of every step, relative to now. Pure: src/demo/request-loader.ts takes each through the
// app's own lifecycle steps. A few fell in the last seven days, so the weekly digest has numbers.

/** How one ask on a request ended; "waiting": the champion has not answered yet. */
type AskEnd = "accepted" | "declined" | "expired" | "waiting";

interface DemoRequestScript {
  /** What the rep wrote, as the parser reads it. */
  text: string;
  rep: string;
  /** When the rep asked, in days before now. */
  daysAgo: number;
  /** The champions asked, in turn: a decline or an expiry moves on to the next one proposed. */
  asks: readonly AskEnd[];
  /** After the acceptance: a date to come, or held, rated and with the deal it supported. */
  afterYes?: "scheduled" | { completed: { result: "won" | "open" | "lost"; value: number } | null };
}

export const DEMO_LEAD = "U0DEMOLEAD";
const REPS = ["U0DEMOREP1", "U0DEMOREP2", "U0DEMOREP3"] as const;

const SCRIPTS: readonly DemoRequestScript[] = [
  {
    text: "need an EMEA fintech CFO to talk to Halvorsen Bank about Payments API",
    rep: REPS[0],
    daysAgo: 41,
    asks: ["accepted"],
    afterYes: { completed: { result: "won", value: 180_000 } },
  },
  {
    text: "anyone have a healthcare customer who'd do a webinar on Analytics?",
    rep: REPS[1],
    daysAgo: 38,
    asks: ["declined", "accepted"],
    afterYes: { completed: null },
  },
  {
    text: "banking CISO in EMEA to talk to Nordhavn Savings about Fraud Shield",
    rep: REPS[2],
    daysAgo: 35,
    asks: ["expired", "accepted"],
    afterYes: { completed: { result: "open", value: 95_000 } },
  },
  {
    text: "looking for a retail VP of operations in NA for a reference call with Brightwater Stores",
    rep: REPS[0],
    daysAgo: 31,
    asks: ["accepted"],
    afterYes: "scheduled",
  },
  {
    text: "need a logistics customer for a case study on Data Warehouse",
    rep: REPS[1],
    daysAgo: 27,
    asks: ["declined", "accepted"],
  },
  {
    text: "insurance CFO in NA who could speak with Oakridge Mutual about Billing",
    rep: REPS[2],
    daysAgo: 24,
    asks: ["accepted"],
    afterYes: { completed: { result: "won", value: 64_000 } },
  },
  {
    text: "APAC software CTO for a reference call with Kairo Systems about Analytics",
    rep: REPS[0],
    daysAgo: 20,
    asks: ["declined", "accepted"],
    afterYes: "scheduled",
  },
  {
    text: "manufacturing customer in LATAM for a peer dinner",
    rep: REPS[1],
    daysAgo: 16,
    asks: ["accepted"],
  },
  {
    text: "education customer who'd give a press quote about Analytics",
    rep: REPS[2],
    daysAgo: 13,
    asks: ["expired", "declined"],
  },
  {
    text: "fintech head of payments in NA to talk to Ridgeline Credit about Fraud Shield",
    rep: REPS[0],
    daysAgo: 10,
    asks: ["accepted"],
    afterYes: { completed: { result: "lost", value: 40_000 } },
  },
  // The last seven days: the weekly digest's.
  {
    text: "banking CFO in EMEA for a reference call with Fjordline Bank about Payments API",
    rep: REPS[1],
    daysAgo: 6.5,
    asks: ["accepted"],
    afterYes: { completed: { result: "open", value: 72_000 } },
  },
  {
    text: "healthcare CIO in NA to talk to Mercy Valley Health about Data Warehouse",
    rep: REPS[2],
    daysAgo: 5.5,
    asks: ["accepted"],
    afterYes: "scheduled",
  },
  {
    text: "telecom customer for a case study on Billing",
    rep: REPS[0],
    daysAgo: 5,
    asks: ["expired"],
  },
  {
    text: "retail customer who'd speak on a panel about Analytics",
    rep: REPS[1],
    daysAgo: 4,
    asks: ["declined"],
  },
  {
    text: "fintech CTO in APAC to talk to Sakura Pay about Payments API",
    rep: REPS[2],
    daysAgo: 3,
    asks: ["waiting"],
  },
  {
    text: "insurance customer in EMEA for a reference call with Lindholm Assurance",
    rep: REPS[0],
    daysAgo: 2,
    asks: ["declined", "waiting"],
  },
  {
    text: "software VP engineering in NA for a reference call with Tallgrass Labs about Analytics",
    rep: REPS[1],
    daysAgo: 1,
    asks: [],
  },
  {
    text: "anyone in manufacturing who could host a site visit for Ironbridge Tools?",
    rep: REPS[2],
    daysAgo: 0.25,
    asks: [],
  },
];

/** One step of a request's lifecycle, and when it happened. */
export type DemoStep =
  | { kind: "propose"; at: Date }
  | { kind: "approve"; at: Date }
  | { kind: "answer"; answer: "accepted" | "declined"; at: Date }
  /** Unanswered: nudged once, then closed. */
  | { kind: "expire"; nudgedAt: Date; at: Date }
  | { kind: "schedule"; date: string }
  | { kind: "complete"; outcome: Outcome };

export interface DemoRequest {
  text: string;
  rep: string;
  openedAt: Date;
  steps: DemoStep[];
}

const HOUR_MS = 3_600_000;
const hoursAfter = (instant: Date, hours: number) => new Date(instant.getTime() + hours * HOUR_MS);

/** The propose step runs as soon as the request is stored. */
const PROPOSE_AFTER_HOURS = 0.02;
/** The app's default nudge and expiry (INVITATION_NUDGE_AFTER_HOURS, INVITATION_EXPIRE_AFTER_HOURS). */
const NUDGE_AFTER_HOURS = 48;
const EXPIRE_AFTER_HOURS = 96;
/** An accepted activity that has happened took place this many days after the yes. */
const HELD_AFTER_DAYS = 3;

/** How long a lead took to approve and a champion to answer: varied, the same on every run. */
const approvalHours = (request: number, ask: number) => 2 + ((request * 5 + ask * 3) % 20);
const answerHours = (request: number, ask: number) => 3 + ((request * 11 + ask * 7) % 40);

/** The demo's requests as of `now`, oldest first. */
export function planDemoRequests(now: Date): DemoRequest[] {
  const today = toIsoDate(now);
  return SCRIPTS.map((script, index) => {
    const openedAt = hoursAfter(now, -script.daysAgo * 24);
    let at = hoursAfter(openedAt, PROPOSE_AFTER_HOURS);
    const steps: DemoStep[] = [{ kind: "propose", at }];
    for (const [ask, end] of script.asks.entries()) {
      const sentAt = hoursAfter(at, approvalHours(index, ask));
      steps.push({ kind: "approve", at: sentAt });
      if (end === "waiting") break;
      if (end === "expired") {
        at = hoursAfter(sentAt, EXPIRE_AFTER_HOURS);
        steps.push({ kind: "expire", nudgedAt: hoursAfter(sentAt, NUDGE_AFTER_HOURS), at });
      } else {
        at = hoursAfter(sentAt, answerHours(index, ask));
        steps.push({ kind: "answer", answer: end, at });
      }
      if (end === "accepted") {
        steps.push(...afterAcceptance(script, index, at, today));
        break;
      }
      // A no, or no answer: the next champion is proposed at once.
      at = hoursAfter(at, PROPOSE_AFTER_HOURS);
      steps.push({ kind: "propose", at });
    }
    return { text: script.text, rep: script.rep, openedAt, steps };
  });
}

function afterAcceptance(
  script: DemoRequestScript,
  index: number,
  acceptedAt: Date,
  today: string,
): DemoStep[] {
  if (script.afterYes === undefined) return [];
  if (script.afterYes === "scheduled") return [{ kind: "schedule", date: addDays(today, 4 + (index % 9)) }];
  const deal = script.afterYes.completed;
  return [
    { kind: "schedule", date: addDays(toIsoDate(acceptedAt), HELD_AFTER_DAYS) },
    {
      kind: "complete",
      outcome: {
        held: true,
        championRating: 4 + (index % 2),
        dealResult: deal?.result ?? null,
        dealValue: deal ? String(deal.value) : null,
        notes: "",
      },
    },
  ];
}
