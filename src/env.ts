import { z } from "zod";
import { isTimeZone } from "./core/dates";
import { AppError } from "./core/errors";

// The one place that reads process.env. Every other module receives a parsed Config.

// A copied .env.example leaves variables empty: treat blank as unset, so defaults apply.
const blank = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema);

const slackIdList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? "")
      .split(",")
      .map((id) => id.trim())
      .filter((id) => id !== ""),
  )
  .pipe(z.array(z.string().regex(/^[UW][A-Z0-9]+$/, "each entry must be a Slack user ID such as U0123ABCD")));

const configSchema = z.object({
  SLACK_BOT_TOKEN: blank(z.string().trim().startsWith("xoxb-", "must start with xoxb-").optional()),
  SLACK_APP_TOKEN: blank(z.string().trim().startsWith("xapp-", "must start with xapp-").optional()),
  SLACK_SIGNING_SECRET: blank(z.string().trim().optional()),
  SLACK_API_URL: blank(z.url().optional()),
  /** Installing the app in more workspaces (a customer community) through Slack's OAuth flow. */
  SLACK_CLIENT_ID: blank(z.string().trim().optional()),
  SLACK_CLIENT_SECRET: blank(z.string().trim().optional()),
  SLACK_STATE_SECRET: blank(z.string().min(16, "must be at least 16 characters").optional()),
  ADVOCACY_CHANNEL: blank(
    z
      .string()
      .regex(/^[CG][A-Z0-9]+$/, "must be a Slack channel ID such as C0123ABCD")
      .optional(),
  ),
  ADVOCACY_LEADS: slackIdList,
  /** Where champions who agreed to public thanks get their shout-out; unset = thanks by DM only. */
  SHOUTOUT_CHANNEL: blank(
    z
      .string()
      .regex(/^[CG][A-Z0-9]+$/, "must be a Slack channel ID such as C0123ABCD")
      .optional(),
  ),
  DATABASE_URL: blank(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection string")
      .optional(),
  ),
  DATA_DIR: blank(z.string().default("./.data")),
  PORT: blank(z.coerce.number().int().min(1).max(65535).default(3000)),
  OPENAI_API_KEY: blank(z.string().trim().optional()),
  OPENAI_BASE_URL: blank(z.url().optional()),
  OPENAI_MODEL: blank(z.string().default("gpt-4o-mini")),
  /** Per attempt; after the retries the deterministic logic answers instead. */
  OPENAI_TIMEOUT_MS: blank(z.coerce.number().int().min(100).max(120_000).default(8000)),
  OPENAI_MAX_RETRIES: blank(z.coerce.number().int().min(0).max(5).default(1)),
  /** Tokens (prompt + completion) the app may spend per calendar month (UTC); unset = no cap. */
  OPENAI_MONTHLY_TOKEN_BUDGET: blank(z.coerce.number().int().min(0).optional()),
  /** US dollars per million tokens, for the cost logged per call. */
  OPENAI_PRICE_INPUT_PER_MTOK: blank(z.coerce.number().min(0).default(0.15)),
  OPENAI_PRICE_OUTPUT_PER_MTOK: blank(z.coerce.number().min(0).default(0.6)),
  /** Hours before an unanswered invitation gets its one nudge (moved into the champion's working hours). */
  INVITATION_NUDGE_AFTER_HOURS: blank(
    z.coerce
      .number()
      .min(1)
      .max(24 * 30)
      .default(48),
  ),
  /** Hours after the nudge before the invitation closes and the next champion is proposed. */
  INVITATION_EXPIRE_AFTER_HOURS: blank(
    z.coerce
      .number()
      .min(1)
      .max(24 * 30)
      .default(48),
  ),
  /** Days after an activity's follow-up before the rep is asked how the deal went. */
  DEAL_ASK_AFTER_DAYS: blank(z.coerce.number().int().min(1).max(365).default(30)),
  /** When the weekly digest is posted (cron, in DIGEST_TIMEZONE), or "off". */
  DIGEST_CRON: blank(
    z
      .string()
      .regex(/^(off|(\S+\s+){4}\S+)$/, "must be a five-field cron expression such as 0 9 * * 1, or off")
      .default("0 9 * * 1"),
  ),
  DIGEST_TIMEZONE: blank(
    z.string().refine(isTimeZone, "must be an IANA time zone such as Europe/London").default("UTC"),
  ),
  /** How the app offers to open a request it recognized in a channel. */
  RECOGNITION_REPLY: blank(z.enum(["ephemeral", "thread", "off"]).default("ephemeral")),
  DEFAULT_MAX_ASKS_PER_QUARTER: blank(z.coerce.number().int().min(1).max(100).default(4)),
  /** How long one Slack Web API call may take before it fails (and its message waits in the outbox). */
  SLACK_TIMEOUT_SECONDS: blank(z.coerce.number().min(1).max(60).default(10)),
  /** How long start-up keeps trying to reach Slack before it gives up. */
  SLACK_STARTUP_WAIT_SECONDS: blank(z.coerce.number().int().min(0).max(3600).default(60)),
  /** Email invitations for champions Slack cannot reach: smtp(s)://user:pass@host:port; unset = off. */
  SMTP_URL: blank(
    z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
      .optional(),
  ),
  /** The sender champions see, e.g. "Acme Customer Programs <advocacy@acme.example>". */
  EMAIL_FROM: blank(z.string().trim().optional()),
  /** Where champions reach the app's answer page (its HTTP port, behind your proxy), e.g. https://refdesk.acme.example. */
  PUBLIC_URL: blank(z.url().optional()),
  /** Signs answer links; keep it secret and stable (openssl rand -hex 32). */
  LINK_SECRET: blank(z.string().min(32, "must be at least 32 characters (openssl rand -hex 32)").optional()),
  /** Your company's name as customers know it: the email and the answer page speak for it. */
  COMPANY_NAME: blank(z.string().trim().max(80).optional()),
  /** The answer page's accent colour. */
  BRAND_COLOR: blank(
    z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, "must be a colour such as #4a154b")
      .default("#4a154b"),
  ),
  LOG_LEVEL: blank(z.enum(["debug", "info", "warn", "error"]).default("info")),
  /** Set (to anything): the CLI prints no colour, even on a terminal (https://no-color.org). */
  NO_COLOR: blank(z.string().optional()),
});

export type Config = z.infer<typeof configSchema>;

/**
 * Parses configuration from the given environment (process.env by default), failing fast with
 * every problem named.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  throw new AppError("config_invalid", `Invalid configuration: ${problems.join("; ")}`);
}

/** Loads `.env` from the working directory when present (Node's own loader; no dependency). */
export function loadDotEnvFile(path = ".env"): void {
  try {
    process.loadEnvFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

export interface OAuthSettings {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  /** `<PUBLIC_URL>/slack/oauth_redirect` when PUBLIC_URL is set; else the app's configured one. */
  redirectUri?: string;
}

interface SlackCommon {
  /** The app's HTTP port: Slack's requests in HTTP mode, the answer page in either mode. */
  port: number;
  botToken: string;
  apiUrl: string | undefined;
  advocacyChannel: string;
  leads: string[];
  /** Set when other workspaces may install the app (SLACK_CLIENT_ID and friends). */
  oauth?: OAuthSettings;
}

export type SlackSettings =
  | (SlackCommon & { mode: "socket"; appToken: string })
  | (SlackCommon & { mode: "http"; signingSecret: string });

export const SLACK_SETUP_STEPS = `To connect refdesk to Slack:
  1. Create an app at https://api.slack.com/apps → "Create New App" → "From a manifest", and paste manifest.yml.
  2. Install it to your workspace; copy the Bot User OAuth Token (xoxb-…) into .env as SLACK_BOT_TOKEN.
  3. Socket Mode (development): Basic Information → App-Level Tokens → generate one with the
     connections:write scope; put it in .env as SLACK_APP_TOKEN (xapp-…).
     HTTP mode (production): leave SLACK_APP_TOKEN unset and put the Signing Secret in SLACK_SIGNING_SECRET.
  4. Set ADVOCACY_CHANNEL (a channel ID) and ADVOCACY_LEADS (user IDs), then run npm start again.
See .env.example and the README for every setting.`;

/** The Slack part of the configuration, or a config_invalid error that says how to set it up. */
export function requireSlackSettings(config: Config): SlackSettings {
  const missing: string[] = [];
  if (!config.SLACK_BOT_TOKEN) missing.push("SLACK_BOT_TOKEN");
  if (!config.SLACK_APP_TOKEN && !config.SLACK_SIGNING_SECRET)
    missing.push("SLACK_APP_TOKEN or SLACK_SIGNING_SECRET");
  if (!config.ADVOCACY_CHANNEL) missing.push("ADVOCACY_CHANNEL");
  if (missing.length > 0 || !config.SLACK_BOT_TOKEN || !config.ADVOCACY_CHANNEL) {
    throw new AppError(
      "config_invalid",
      `Slack is not configured: ${missing.join(" and ")} missing.\n\n${SLACK_SETUP_STEPS}`,
    );
  }
  const oauth = oauthSettings(config);
  const common: SlackCommon = {
    ...(oauth ? { oauth } : {}),
    botToken: config.SLACK_BOT_TOKEN,
    apiUrl: config.SLACK_API_URL,
    advocacyChannel: config.ADVOCACY_CHANNEL,
    leads: config.ADVOCACY_LEADS,
    port: config.PORT,
  };
  if (config.SLACK_APP_TOKEN) return { ...common, mode: "socket", appToken: config.SLACK_APP_TOKEN };
  return { ...common, mode: "http", signingSecret: config.SLACK_SIGNING_SECRET ?? "" };
}

/** Installs in other workspaces: all three variables, or none; a config_invalid error names the rest. */
function oauthSettings(config: Config): OAuthSettings | undefined {
  const given = {
    SLACK_CLIENT_ID: config.SLACK_CLIENT_ID,
    SLACK_CLIENT_SECRET: config.SLACK_CLIENT_SECRET,
    SLACK_STATE_SECRET: config.SLACK_STATE_SECRET,
  };
  const missing = Object.entries(given)
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (missing.length === 3) return undefined;
  if (!given.SLACK_CLIENT_ID || !given.SLACK_CLIENT_SECRET || !given.SLACK_STATE_SECRET)
    throw new AppError(
      "config_invalid",
      `Installing in other workspaces needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET; ${missing.join(", ")} missing.`,
    );
  return {
    clientId: given.SLACK_CLIENT_ID,
    clientSecret: given.SLACK_CLIENT_SECRET,
    stateSecret: given.SLACK_STATE_SECRET,
    ...(config.PUBLIC_URL
      ? { redirectUri: `${config.PUBLIC_URL.replace(/\/+$/, "")}/slack/oauth_redirect` }
      : {}),
  };
}

export interface EmailSettings {
  smtpUrl: string;
  from: string;
  publicUrl: string;
  linkSecret: string;
  companyName: string;
  brandColor: string;
}

/** The email channel's settings, null when SMTP_URL is unset; a config_invalid error names what is missing. */
export function emailSettings(config: Config): EmailSettings | null {
  if (!config.SMTP_URL) return null;
  const {
    EMAIL_FROM: from,
    PUBLIC_URL: publicUrl,
    LINK_SECRET: linkSecret,
    COMPANY_NAME: companyName,
  } = config;
  if (!from || !publicUrl || !linkSecret || !companyName) {
    const missing = Object.entries({
      EMAIL_FROM: from,
      PUBLIC_URL: publicUrl,
      LINK_SECRET: linkSecret,
      COMPANY_NAME: companyName,
    })
      .filter(([, value]) => !value)
      .map(([name]) => name);
    throw new AppError(
      "config_invalid",
      `SMTP_URL is set, so email invitations are on, but ${missing.join(", ")} ${missing.length > 1 ? "are" : "is"} missing. See "Reaching champions by email" in the README.`,
    );
  }
  return {
    smtpUrl: config.SMTP_URL,
    from,
    publicUrl: publicUrl.replace(/\/+$/, ""),
    linkSecret,
    companyName,
    brandColor: config.BRAND_COLOR,
  };
}
