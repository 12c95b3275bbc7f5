import type { Button, HomeView, KnownBlock, SectionBlock } from "@slack/types";
import { activityLabel } from "../../core/activities";
import { daysBetween, formatDay, toIsoDate } from "../../core/dates";
import { firstNameOf } from "../../core/invitation-pitch";
import type { RequestStatus } from "../../core/lifecycle";
import { MOTIVATION_LABELS } from "../../core/motivation";
import { industryLabel } from "../../core/vocabulary/industries";
import type {
  ChampionActivity,
  ChampionHome,
  LeadHome,
  OpenRequest,
  RepHome,
  RepRequest,
  RosterChampion,
} from "../../db/home-repository";
import { BENCH_HEADING, benchLines } from "./bench";
import { escapeMrkdwn, LIMITS, mention, mrkdwn, plain, truncate } from "./limits";
import { askLabel } from "./proposal";
import { regionLabel } from "./request-modal";
import { STAGE_WORDS } from "./request-stages";

// The App Home tab, one section per role the user has: leads see the program (open requests, roster
// health, events with room, quick actions), reps their own requests, champions their own activities
// and preferences. A rep learns a champion's name only after that champion said yes (the repository
// never reads it before). The roster is paged so the view stays inside Slack's 100 blocks.

export const HOME_ACTIONS = {
  page: (page: number) => `home.page:${page}`,
  addChampion: "home.add_champion",
  addEvent: "home.add_event",
  report: "home.report",
} as const;

export const HOME_LIMITS = {
  /** Champions per roster page: one section each. */
  rosterPage: 20,
  /** Lines in the at-risk and resting lists, and open requests listed by age. */
  listed: 10,
  events: 10,
  /** A rep's requests, and a champion's activities and gives. */
  rep: 10,
  champion: 5,
} as const;

/** A name or title from the roster, safe and short enough for one line. */
const esc = (text: string, max = 100): string => escapeMrkdwn(truncate(text.trim(), max));

const section = (text: string): SectionBlock => ({ type: "section", text: mrkdwn(text) });
const header = (text: string): KnownBlock => ({ type: "header", text: plain(text, LIMITS.headerText) });
const context = (text: string): KnownBlock => ({
  type: "context",
  elements: [mrkdwn(text, LIMITS.contextText)],
});
const button = (text: string, actionId: string): Button => ({
  type: "button",
  text: plain(text, LIMITS.buttonText),
  action_id: actionId,
});

const plural = (count: number, one: string, many = `${one}s`): string =>
  `${count} ${count === 1 ? one : many}`;

const daysSince = (createdAt: Date, today: string): number =>
  Math.max(0, daysBetween(toIsoDate(createdAt), today));

/** "today", "3 days" */
const age = (createdAt: Date, today: string): string => {
  const days = daysSince(createdAt, today);
  return days === 0 ? "today" : plural(days, "day");
};

/** "…and 3 more" under a list cut to `shown` of `total`. */
const more = (shown: number, total: number): string[] =>
  total > shown ? [`_…and ${total - shown} more_`] : [];

// --- leads ----------------------------------------------------------------------------------------

/** The open stages, in the order a request passes them. */
const OPEN_STAGES: readonly RequestStatus[] = [
  "request",
  "proposed",
  "approved",
  "invited",
  "declined",
  "expired",
  "accepted",
  "scheduled",
];

function openRequests(requests: readonly OpenRequest[], today: string): KnownBlock[] {
  if (requests.length === 0) return [section("*Open requests*\nNone right now.")];
  // Oldest first, so each stage's first request is its oldest.
  const byStage = new Map<RequestStatus, OpenRequest[]>();
  for (const request of requests) {
    const stage = byStage.get(request.status);
    if (stage) stage.push(request);
    else byStage.set(request.status, [request]);
  }
  const stages = OPEN_STAGES.flatMap((status) => {
    const waiting = byStage.get(status);
    const oldest = waiting?.[0];
    return waiting && oldest
      ? [`• ${STAGE_WORDS[status]}: *${waiting.length}* (oldest ${age(oldest.createdAt, today)})`]
      : [];
  });
  const oldest = requests.slice(0, HOME_LIMITS.listed).map((request) => {
    const prospect = request.prospectCompany ? esc(request.prospectCompany) : "no prospect named";
    return `• #${request.id} ${prospect} · ${STAGE_WORDS[request.status].toLowerCase()} · ${age(request.createdAt, today)} · from ${mention(request.requestedBy)}`;
  });
  return [
    section([`*Open requests* (${requests.length}), by stage`, ...stages].join("\n")),
    section(["*Oldest open requests*", ...oldest, ...more(oldest.length, requests.length)].join("\n")),
  ];
}

/** "load 3.2 of 4 (80%)" */
const loadWords = (champion: RosterChampion): string =>
  `load ${champion.load.toFixed(1)} of ${champion.capacity} (${Math.round(champion.ratio * 100)}%)`;

const asksAndGives = (champion: RosterChampion): string => `asks ${champion.asks} · gives ${champion.gives}`;

function rosterLine(champion: RosterChampion): string {
  const flags: string[] = [];
  if (champion.risks.length > 0) flags.push(":warning: at risk");
  if (champion.restingUntil) flags.push(`:zzz: resting until ${formatDay(champion.restingUntil)}`);
  if (champion.status !== "active") flags.push(champion.status);
  const flagged = flags.length > 0 ? ` · ${flags.join(" · ")}` : "";
  return `*${esc(champion.name)}* — ${loadWords(champion)} · ${asksAndGives(champion)}${flagged}`;
}

/** Most over-asked first: load against capacity, then asks without gives, then name. */
export const byPressure = (a: RosterChampion, b: RosterChampion): number =>
  b.ratio - a.ratio || b.asks - b.gives - (a.asks - a.gives) || a.name.localeCompare(b.name) || a.id - b.id;

const rosterPages = (champions: number): number => Math.max(1, Math.ceil(champions / HOME_LIMITS.rosterPage));

function rosterHealth(data: LeadHome, requestedPage: number): KnownBlock[] {
  const roster = [...data.roster].sort(byPressure);
  const atRisk = roster.filter((champion) => champion.risks.length > 0);
  const resting = roster
    .filter((champion) => champion.restingUntil !== null)
    .sort(
      (a, b) => (a.restingUntil ?? "").localeCompare(b.restingUntil ?? "") || a.name.localeCompare(b.name),
    );
  const asks = roster.reduce((total, champion) => total + champion.asks, 0);
  const gives = roster.reduce((total, champion) => total + champion.gives, 0);
  const blocks: KnownBlock[] = [
    section(
      `*Roster health* — ${plural(roster.length, "champion")} · ${atRisk.length} at risk · ${resting.length} resting · asks ${asks} · gives ${gives} in the last ${data.windowDays} days`,
    ),
  ];
  if (roster.length === 0) return blocks;

  const riskLines = atRisk
    .slice(0, HOME_LIMITS.listed)
    .map((champion) => `• *${esc(champion.name)}*: ${esc(champion.risks.join("; "), 300)}`);
  blocks.push(
    section(
      atRisk.length > 0
        ? [":warning: *At risk*", ...riskLines, ...more(riskLines.length, atRisk.length)].join("\n")
        : ":white_check_mark: Nobody is at risk.",
    ),
  );
  if (resting.length > 0) {
    const restLines = resting
      .slice(0, HOME_LIMITS.listed)
      .map((champion) => `• ${esc(champion.name)} until ${formatDay(champion.restingUntil ?? data.today)}`);
    blocks.push(
      section([":zzz: *Resting*", ...restLines, ...more(restLines.length, resting.length)].join("\n")),
    );
  }

  const pages = rosterPages(roster.length);
  const page = Math.min(Math.max(1, Math.trunc(requestedPage) || 1), pages);
  const first = (page - 1) * HOME_LIMITS.rosterPage;
  const shown = roster.slice(first, first + HOME_LIMITS.rosterPage);
  blocks.push(section("*Load against capacity*, most over-asked first"));
  for (const champion of shown) blocks.push(section(rosterLine(champion)));
  blocks.push(
    context(`Page ${page} of ${pages} · champions ${first + 1}–${first + shown.length} of ${roster.length}`),
  );
  const paging = [
    ...(page > 1 ? [button("◀ Previous", HOME_ACTIONS.page(page - 1))] : []),
    ...(page < pages ? [button("Next ▶", HOME_ACTIONS.page(page + 1))] : []),
  ];
  if (paging.length > 0) blocks.push({ type: "actions", block_id: "home.roster_pages", elements: paging });
  return blocks;
}

function events(data: LeadHome): KnownBlock {
  if (data.events.length === 0) return section("*Upcoming events with open slots*\nNone scheduled.");
  const lines = data.events.slice(0, HOME_LIMITS.events).map((event) => {
    const audience = [
      event.industry && industryLabel(event.industry),
      event.region && regionLabel(event.region),
    ].filter((part): part is string => Boolean(part));
    const where = audience.length > 0 ? ` · ${esc(audience.join(", "))}` : "";
    return `• *${esc(event.name, 150)}* — ${activityLabel(event.activityType)}, ${formatDay(event.date)} · ${plural(event.openSlots, "open slot")}${where}`;
  });
  return section(
    ["*Upcoming events with open slots*", ...lines, ...more(lines.length, data.events.length)].join("\n"),
  );
}

/** The program at a glance for advocacy leads; `page` is the roster page (1-based, clamped). */
export function leadHome(data: LeadHome, page = 1): KnownBlock[] {
  return [
    header("Reference program"),
    {
      type: "actions",
      block_id: "home.quick_actions",
      elements: [
        button("Add champion", HOME_ACTIONS.addChampion),
        button("Add event", HOME_ACTIONS.addEvent),
        button("Report", HOME_ACTIONS.report),
      ],
    },
    { type: "divider" },
    ...openRequests(data.openRequests, data.today),
    { type: "divider" },
    ...rosterHealth(data, page),
    { type: "divider" },
    events(data),
    { type: "divider" },
    bench(data),
  ];
}

function bench(data: LeadHome): KnownBlock {
  const lines = benchLines(data.bench).map((line) => `• ${esc(line)}`);
  return section(
    [
      BENCH_HEADING,
      ...(lines.length > 0 ? lines : ["Every kind of champion asked for has room for the demand."]),
    ].join("\n"),
  );
}

// --- reps -----------------------------------------------------------------------------------------

const HOW_TO_ASK =
  "Need a customer to vouch for us? Type `/reference` and what you need, e.g. `/reference healthcare CFO who could talk to Acme by Friday`, or use *Request a reference* on any message.";

function repStanding(request: RepRequest): string {
  const champion = request.champion;
  const who = champion
    ? `${esc(champion.name)}${champion.slackUserId ? ` (${mention(champion.slackUserId)})` : ""}`
    : "the champion";
  const what = request.activity ? activityLabel(request.activity) : "activity";
  switch (request.status) {
    case "request":
      return "Looking for the right champion.";
    case "proposed":
    case "declined":
    case "expired":
      return "A match is with an advocacy lead for review.";
    case "approved":
      return "Approved; the invitation is going out.";
    case "invited":
      return `A champion has been invited to a ${what}; waiting for their answer.`;
    case "accepted":
      return `${who} said yes to a ${what}. Next: agree a time.`;
    case "scheduled":
      return `Your ${what} with ${who} is scheduled${request.activityDate ? ` for ${formatDay(request.activityDate)}` : ""}.`;
    case "completed":
      return `Done: ${what} with ${who}${request.activityDate ? ` on ${formatDay(request.activityDate)}` : ""}.`;
    case "rejected":
      return "The advocacy team can't take this one on right now.";
    case "cancelled":
      return "Cancelled.";
  }
}

/** A rep's requests, most recent first, and where each stands. */
export function repHome(data: RepHome, today: string): KnownBlock[] {
  const blocks: KnownBlock[] = [header("Your reference requests")];
  for (const request of data.requests.slice(0, HOME_LIMITS.rep)) {
    const prospect = request.prospectCompany ? esc(request.prospectCompany) : "A prospect";
    blocks.push(
      section(
        `*#${request.id} ${prospect}* · asked ${age(request.createdAt, today)}${daysSince(request.createdAt, today) > 0 ? " ago" : ""}\n${repStanding(request)}`,
      ),
    );
  }
  if (data.total > data.requests.length) {
    blocks.push(context(`Your ${data.requests.length} most recent of ${data.total} requests.`));
  }
  blocks.push(context(HOW_TO_ASK));
  return blocks;
}

// --- champions ------------------------------------------------------------------------------------

const DEAL_WORDS: Record<string, string> = {
  won: "the deal was won",
  open: "the deal is in progress",
  lost: "the deal didn't close this time",
};

const activityLine = (activity: ChampionActivity, outcome = ""): string => {
  const event = activity.eventName ? { name: activity.eventName, date: activity.date } : null;
  const label = event ? escapeMrkdwn(askLabel(activity.activity, event)) : activityLabel(activity.activity);
  const when = event ? "" : `, ${formatDay(activity.date)}`;
  return `• ${label.charAt(0).toUpperCase()}${label.slice(1)}${when}${outcome}`;
};

const GIVE_WORDS: Record<string, string> = {
  recognition: "Recognition",
  thanks: "Thanks",
  access: "Access",
  early_feature: "Early feature",
  gift: "Gift",
  learning: "Learning",
};

function preferences(data: ChampionHome, options: { today: string; defaultCapacity: number }): SectionBlock {
  const resting = data.restUntil && data.restUntil > options.today ? data.restUntil : null;
  const status = resting
    ? `Resting until ${formatDay(resting)}`
    : { active: "Active", paused: "Paused", inactive: "Inactive" }[data.status];
  const field = (label: string, value: string) => mrkdwn(`*${label}*\n${value}`, 2000);
  return {
    type: "section",
    text: mrkdwn("*Your preferences*"),
    fields: [
      field(
        "Why you help",
        data.motivations.length > 0
          ? data.motivations.map((m) => MOTIVATION_LABELS[m]).join(", ")
          : "Not stated yet",
      ),
      field(
        "Happy to do",
        data.activities.length > 0 ? data.activities.map(activityLabel).join(", ") : "Anything that fits",
      ),
      field(
        "At most",
        data.maxAsksPerQuarter
          ? `${plural(data.maxAsksPerQuarter, "ask")} a quarter`
          : `${plural(options.defaultCapacity, "ask")} a quarter (the program default)`,
      ),
      field("Status", status),
    ],
  };
}

/** A champion's own page: what is coming up, what their help achieved, their preferences. */
export function championHome(
  data: ChampionHome,
  options: { today: string; defaultCapacity: number },
): KnownBlock[] {
  const upcoming = data.upcoming.slice(0, HOME_LIMITS.champion).map((activity) => activityLine(activity));
  const { completed, dealsInfluenced, dealsWon } = data.achieved;
  const summary =
    completed === 0
      ? "Nothing yet: when you help, you'll see here what came of it."
      : `You've helped ${plural(completed, "time")}${dealsInfluenced > 0 ? `; ${plural(dealsInfluenced, "deal")} influenced, ${dealsWon} won` : ""}. Thank you!`;
  const done = data.completed.slice(0, HOME_LIMITS.champion).map((activity) => {
    const deal = activity.dealResult ? DEAL_WORDS[activity.dealResult] : undefined;
    return activityLine(activity, deal ? ` — ${deal}` : "");
  });
  const given = data.gives
    .slice(0, HOME_LIMITS.champion)
    .map(
      (give) =>
        `• ${GIVE_WORDS[give.kind] ?? esc(give.kind)}: ${esc(give.description, 200)} (${formatDay(toIsoDate(give.givenAt))})`,
    );
  return [
    header(`Your advocacy, ${firstNameOf(data.name)}`),
    section(
      [
        "*Coming up*",
        ...(upcoming.length > 0
          ? upcoming
          : ["Nothing scheduled. When you say yes to something, it shows here."]),
      ].join("\n"),
    ),
    section(["*What your help achieved*", summary, ...done].join("\n")),
    ...(given.length > 0 ? [section(["*What the program gave back*", ...given].join("\n"))] : []),
    preferences(data, options),
    context("To change any of these, tell the advocacy team; they keep the roster."),
  ];
}

// --- the whole tab ----------------------------------------------------------------------------------

const WELCOME = `Hi! I look after the customer-reference program. ${HOW_TO_ASK} Your requests and where each stands will show up here.`;

export interface HomeSections {
  today: string;
  defaultCapacity: number;
  lead?: { data: LeadHome; page: number };
  /** Present when the user has asked for references. */
  rep?: RepHome;
  champion?: ChampionHome;
}

/** A Home view made of known blocks only. */
export type HomeTab = HomeView & { blocks: KnownBlock[] };

/** The Home view for one user: a section per role they have, or a welcome when they have none. */
export function homeView(sections: HomeSections): HomeTab {
  const parts: KnownBlock[][] = [];
  if (sections.lead) parts.push(leadHome(sections.lead.data, sections.lead.page));
  if (sections.champion) parts.push(championHome(sections.champion, sections));
  if (sections.rep && sections.rep.total > 0) parts.push(repHome(sections.rep, sections.today));
  if (parts.length === 0) parts.push([header("Welcome to refdesk"), section(WELCOME)]);
  return {
    type: "home",
    blocks: parts.flatMap((blocks, index) => (index === 0 ? blocks : [{ type: "divider" }, ...blocks])),
  };
}
