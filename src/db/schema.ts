import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  real,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import {
  ACTIVITY_TYPES,
  CHAMPION_STATUSES,
  COMPANY_SIZES,
  HISTORY_OUTCOMES,
  MOTIVATIONS,
  REGIONS,
} from "../core/domain";
import { GIVE_KINDS } from "../core/impact";
import { REQUEST_STATUSES } from "../core/lifecycle";

export const motivationEnum = pgEnum("motivation", MOTIVATIONS);
export const activityTypeEnum = pgEnum("activity_type", ACTIVITY_TYPES);
export const companySizeEnum = pgEnum("company_size", COMPANY_SIZES);
export const regionEnum = pgEnum("region", REGIONS);
export const championStatusEnum = pgEnum("champion_status", CHAMPION_STATUSES);
export const requestStatusEnum = pgEnum("request_status", REQUEST_STATUSES);
export const activityOutcomeEnum = pgEnum("activity_outcome", ["scheduled", ...HISTORY_OUTCOMES]);
export const invitationStatusEnum = pgEnum("invitation_status", [
  "invited",
  "accepted",
  "declined",
  "expired",
  "cancelled",
  // Slack refused the DM for good (or through every retry): the champion never saw it.
  "undelivered",
]);
export const decisionKindEnum = pgEnum("decision_kind", ["approve", "reject", "swap"]);
export const giveKindEnum = pgEnum("give_kind", GIVE_KINDS);

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const champions = pgTable(
  "champions",
  {
    id: serial("id").primaryKey(),
    /** Lower-cased; the roster's natural key. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    slackUserId: text("slack_user_id"),
    /** The workspace of their Slack ID when it is not the company's (a community workspace). */
    slackTeamId: text("slack_team_id"),
    company: text("company").notNull(),
    title: text("title").notNull().default(""),
    industry: text("industry").notNull().default(""),
    companySize: companySizeEnum("company_size"),
    region: regionEnum("region"),
    timezone: text("timezone"),
    products: text("products").array().notNull().default(sql`'{}'::text[]`),
    /** Strongest first. */
    motivations: motivationEnum("motivations").array().notNull().default(sql`'{}'`),
    /** Activity types the champion is willing to do; empty means no restriction was given. */
    activities: activityTypeEnum("activities").array().notNull().default(sql`'{}'`),
    /** Personal cap; null means the program default. */
    maxAsksPerQuarter: smallint("max_asks_per_quarter"),
    status: championStatusEnum("status").notNull().default("active"),
    restUntil: date("rest_until"),
    /** The champion said yes to being thanked in public (a shout-out); never assumed. */
    publicThanks: boolean("public_thanks").notNull().default(false),
    /** A Slack Connect channel shared with the champion's company: where to ask when a DM is refused. */
    sharedChannelId: text("shared_channel_id"),
    /** Whether invitations may go by email when the champion has no Slack the app can reach. */
    emailOk: boolean("email_ok").notNull().default(true),
    notes: text("notes").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("champions_email_key").on(table.email),
    uniqueIndex("champions_slack_user_id_key").on(table.slackUserId),
    check("champions_email_lower", sql`${table.email} = lower(${table.email})`),
    check(
      "champions_cap_positive",
      sql`${table.maxAsksPerQuarter} is null or ${table.maxAsksPerQuarter} > 0`,
    ),
  ],
);

/** Scheduled program events (webinars, panels, peer events…) with open speaker or guest slots. */
export const programEvents = pgTable(
  "program_events",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    activityType: activityTypeEnum("activity_type").notNull(),
    eventDate: date("event_date").notNull(),
    industry: text("industry"),
    region: regionEnum("region"),
    topic: text("topic").notNull().default(""),
    slots: integer("slots").notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    index("program_events_date_idx").on(table.eventDate),
    check("program_events_slots_positive", sql`${table.slots} > 0`),
  ],
);

export const referenceRequests = pgTable(
  "reference_requests",
  {
    id: serial("id").primaryKey(),
    /** Where it came from: slash_command, shortcut, message, cli. */
    source: text("source").notNull(),
    requestedBy: text("requested_by").notNull(),
    channelId: text("channel_id"),
    messageTs: text("message_ts"),
    rawText: text("raw_text").notNull().default(""),
    prospectCompany: text("prospect_company"),
    industry: text("industry"),
    companySize: companySizeEnum("company_size"),
    region: regionEnum("region"),
    products: text("products").array().notNull().default(sql`'{}'::text[]`),
    persona: text("persona"),
    activities: activityTypeEnum("activities").array().notNull().default(sql`'{}'`),
    deadline: date("deadline"),
    notes: text("notes").notNull().default(""),
    status: requestStatusEnum("status").notNull().default("request"),
    /** The proposal message in the advocacy channel: the request's conversation lives in its thread. */
    leadChannelId: text("lead_channel_id"),
    leadThreadTs: text("lead_thread_ts"),
    /** The rep's status message, updated at every step. */
    repChannelId: text("rep_channel_id"),
    repMessageTs: text("rep_message_ts"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index("reference_requests_status_idx").on(table.status)],
);

/** One ranked proposal for a request; a decline or expiry leads to a new version. */
export const proposals = pgTable(
  "proposals",
  {
    id: serial("id").primaryKey(),
    requestId: integer("request_id")
      .notNull()
      .references(() => referenceRequests.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    channelId: text("channel_id"),
    messageTs: text("message_ts"),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex("proposals_request_version_key").on(table.requestId, table.version)],
);

export const proposalCandidates = pgTable(
  "proposal_candidates",
  {
    id: serial("id").primaryKey(),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    championId: integer("champion_id")
      .notNull()
      .references(() => champions.id),
    rank: integer("rank").notNull(),
    activityType: activityTypeEnum("activity_type").notNull(),
    eventId: integer("event_id").references(() => programEvents.id),
    score: real("score").notNull(),
    /** The yes-probability matching gave when proposing: what calibration checks against answers. */
    predictedYes: real("predicted_yes"),
    load: real("load").notNull(),
    capacity: real("capacity").notNull(),
    flags: text("flags").array().notNull().default(sql`'{}'::text[]`),
    reasons: text("reasons").array().notNull().default(sql`'{}'::text[]`),
    /** Other acceptable activities this champion is willing to do: what a lead may swap to. */
    alternatives: activityTypeEnum("alternatives").array().notNull().default(sql`'{}'`),
  },
  (table) => [uniqueIndex("proposal_candidates_rank_key").on(table.proposalId, table.rank)],
);

export const decisions = pgTable("decisions", {
  id: serial("id").primaryKey(),
  proposalId: integer("proposal_id")
    .notNull()
    .references(() => proposals.id, { onDelete: "cascade" }),
  candidateId: integer("candidate_id").references(() => proposalCandidates.id),
  kind: decisionKindEnum("kind").notNull(),
  decidedBy: text("decided_by").notNull(),
  note: text("note").notNull().default(""),
  createdAt: createdAt(),
});

export const invitations = pgTable(
  "invitations",
  {
    id: serial("id").primaryKey(),
    requestId: integer("request_id")
      .notNull()
      .references(() => referenceRequests.id, { onDelete: "cascade" }),
    candidateId: integer("candidate_id").references(() => proposalCandidates.id),
    championId: integer("champion_id")
      .notNull()
      .references(() => champions.id),
    activityType: activityTypeEnum("activity_type").notNull(),
    eventId: integer("event_id").references(() => programEvents.id),
    status: invitationStatusEnum("status").notNull().default("invited"),
    /** "later" is a decline that also rests the champion for a while. */
    answer: text("answer"),
    message: text("message").notNull().default(""),
    /** How the invitation reached the champion: "slack" (a DM) or "email" (with an answer link). */
    via: text("via"),
    /** The champion's DM carrying the invitation, updated once answered. */
    channelId: text("channel_id"),
    messageTs: text("message_ts"),
    answerText: text("answer_text"),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    /** Set by the one follow-up a champion gets; the conditional write makes it happen once. */
    nudgedAt: timestamp("nudged_at", { withTimezone: true }),
  },
  (table) => [
    // A request has at most one live invitation, so a retried approval can never invite twice.
    uniqueIndex("invitations_one_open_per_request")
      .on(table.requestId)
      .where(sql`${table.status} = 'invited'`),
    index("invitations_champion_idx").on(table.championId),
    check("invitations_via_known", sql`${table.via} is null or ${table.via} in ('slack', 'email')`),
    check(
      "invitations_answer_kind",
      sql`${table.answer} is null or ${table.answer} in ('accepted', 'declined', 'later')`,
    ),
  ],
);

/**
 * The answer link an emailed invitation carries. The token in the link is signed with LINK_SECRET
 * over this row's id and expiry (src/email/links.ts), so the database never holds a usable token;
 * `used_at` makes it single-use.
 */
export const answerLinks = pgTable(
  "answer_links",
  {
    id: serial("id").primaryKey(),
    invitationId: integer("invitation_id")
      .notNull()
      .references(() => invitations.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    /** When the mail server accepted the invitation carrying it. */
    emailedAt: timestamp("emailed_at", { withTimezone: true }),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [index("answer_links_invitation_idx").on(table.invitationId)],
);

/** What champions did (or were asked to do): imported history and the app's own activities. */
export const activities = pgTable(
  "activities",
  {
    id: serial("id").primaryKey(),
    championId: integer("champion_id")
      .notNull()
      .references(() => champions.id, { onDelete: "cascade" }),
    activityType: activityTypeEnum("activity_type").notNull(),
    activityDate: date("activity_date").notNull(),
    outcome: activityOutcomeEnum("outcome").notNull(),
    requestId: integer("request_id").references(() => referenceRequests.id),
    invitationId: integer("invitation_id").references(() => invitations.id),
    eventId: integer("event_id").references(() => programEvents.id),
    /** For imported rows: makes re-importing the same history file a no-op. */
    importKey: text("import_key"),
    held: boolean("held"),
    championRating: smallint("champion_rating"),
    dealResult: text("deal_result"),
    dealValue: numeric("deal_value", { precision: 14, scale: 2 }),
    notes: text("notes").notNull().default(""),
    /** Timed steps around the activity, each claimed once by a conditional write. */
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
    followedUpAt: timestamp("followed_up_at", { withTimezone: true }),
    dealAskedAt: timestamp("deal_asked_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("activities_import_key").on(table.importKey),
    index("activities_champion_date_idx").on(table.championId, table.activityDate),
  ],
);

/** What the program gave back: recognition, access, early features. Asks without gives burn people out. */
export const gives = pgTable(
  "gives",
  {
    id: serial("id").primaryKey(),
    championId: integer("champion_id")
      .notNull()
      .references(() => champions.id, { onDelete: "cascade" }),
    kind: giveKindEnum("kind").notNull(),
    description: text("description").notNull(),
    givenBy: text("given_by").notNull(),
    activityId: integer("activity_id").references(() => activities.id),
    /** What an automatic thank-you was for ("completed", "deal_won"); null for a give recorded by hand. */
    trigger: text("trigger"),
    givenAt: timestamp("given_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("gives_champion_idx").on(table.championId),
    // One thank-you per activity and reason, however often (or concurrently) the flow runs.
    uniqueIndex("gives_activity_trigger_key").on(table.activityId, table.trigger),
    check(
      "gives_trigger_known",
      sql`${table.trigger} is null or ${table.trigger} in ('completed', 'deal_won')`,
    ),
  ],
);

/** Append-only record of every state change (a trigger rejects UPDATE and DELETE). */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actor: text("actor").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    action: text("action").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    data: jsonb("data").notNull().default({}),
  },
  (table) => [index("audit_log_entity_idx").on(table.entityType, table.entityId)],
);

/**
 * Bumped (by triggers) whenever anything that matching reads changes, so an in-memory roster
 * snapshot can be revalidated with one tiny query, across processes.
 */
export const revisions = pgTable("revisions", {
  name: text("name").primaryKey(),
  revision: bigint("revision", { mode: "number" }).notNull().default(0),
});

/**
 * Events API deliveries already handled. Slack retries a delivery up to three times and Bolt does
 * not deduplicate; the primary key makes "handle once" hold across processes.
 */
export const processedEvents = pgTable("processed_events", {
  eventId: text("event_id").primaryKey(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One row per call to the language model: what it was for, the tokens it used and what it cost,
 * and how it ended. The monthly token budget is summed from here, so it holds across restarts and
 * instances.
 */
export const llmCalls = pgTable(
  "llm_calls",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    task: text("task").notNull(),
    model: text("model").notNull(),
    promptTokens: integer("prompt_tokens").notNull().default(0),
    completionTokens: integer("completion_tokens").notNull().default(0),
    costUsd: numeric("cost_usd", { precision: 12, scale: 6, mode: "number" }).notNull().default(0),
    outcome: text("outcome").notNull(),
    durationMs: integer("duration_ms").notNull().default(0),
  },
  (table) => [index("llm_calls_at_idx").on(table.at)],
);

/**
 * Workspaces other than the company's that installed the app through Slack's OAuth flow (a
 * customer community, say): their bot token, so champions there are reached in their own workspace.
 */
export const slackInstallations = pgTable("slack_installations", {
  teamId: text("team_id").primaryKey(),
  teamName: text("team_name").notNull().default(""),
  botToken: text("bot_token").notNull(),
  botUserId: text("bot_user_id").notNull(),
  botId: text("bot_id").notNull().default(""),
  /** The whole installation as Slack returned it (scopes, the installing user), for the OAuth library. */
  installation: jsonb("installation").notNull(),
  installedAt: timestamp("installed_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Per-channel preferences set with `/advocacy settings` (absent row = defaults). */
export const channelSettings = pgTable("channel_settings", {
  channelId: text("channel_id").primaryKey(),
  /** Whether messages in the channel are checked for reference requests. */
  recognition: boolean("recognition").notNull().default(true),
  updatedBy: text("updated_by").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
