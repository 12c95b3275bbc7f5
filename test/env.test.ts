import { describe, expect, it } from "vitest";
import { isAppError } from "../src/core/errors";
import { emailSettings, loadConfig, requireSlackSettings } from "../src/env";

describe("configuration", () => {
  it("applies defaults when nothing is set", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      DATA_DIR: "./.data",
      DEFAULT_MAX_ASKS_PER_QUARTER: 4,
      ADVOCACY_LEADS: [],
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("treats empty values as unset, as a copied .env.example leaves them", () => {
    expect(loadConfig({ DATABASE_URL: "", SLACK_APP_TOKEN: " ", PORT: "" }).DATABASE_URL).toBeUndefined();
  });

  it("parses the advocacy leads list", () => {
    expect(loadConfig({ ADVOCACY_LEADS: "U01ABC, U02DEF ,," }).ADVOCACY_LEADS).toEqual(["U01ABC", "U02DEF"]);
  });

  it("fails fast naming every bad variable", () => {
    try {
      loadConfig({
        SLACK_BOT_TOKEN: "xoxp-user",
        DATABASE_URL: "mysql://x",
        PORT: "99999",
        ADVOCACY_LEADS: "dana",
      });
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, "config_invalid")).toBe(true);
      const message = (error as Error).message;
      for (const name of ["SLACK_BOT_TOKEN", "DATABASE_URL", "PORT", "ADVOCACY_LEADS"])
        expect(message).toContain(name);
    }
  });
});

describe("timing and model settings", () => {
  it("has working defaults for follow-ups, the digest, recognition and the model's limits", () => {
    expect(loadConfig({})).toMatchObject({
      INVITATION_NUDGE_AFTER_HOURS: 48,
      INVITATION_EXPIRE_AFTER_HOURS: 48,
      DIGEST_CRON: "0 9 * * 1",
      DIGEST_TIMEZONE: "UTC",
      RECOGNITION_REPLY: "ephemeral",
      OPENAI_TIMEOUT_MS: 8000,
      OPENAI_MAX_RETRIES: 1,
    });
  });

  it("accepts a digest schedule or off, and names what is wrong with a bad one", () => {
    expect(loadConfig({ DIGEST_CRON: "off" }).DIGEST_CRON).toBe("off");
    expect(loadConfig({ DIGEST_CRON: "30 8 * * 5", DIGEST_TIMEZONE: "Europe/Berlin" }).DIGEST_TIMEZONE).toBe(
      "Europe/Berlin",
    );
    expect(() => loadConfig({ DIGEST_CRON: "weekly" })).toThrow(/DIGEST_CRON: must be a five-field cron/);
    expect(() => loadConfig({ DIGEST_TIMEZONE: "Mars/Olympus" })).toThrow(/DIGEST_TIMEZONE: must be an IANA/);
    expect(() => loadConfig({ RECOGNITION_REPLY: "loud" })).toThrow(/RECOGNITION_REPLY/);
  });
});

describe("Slack settings", () => {
  it("chooses Socket Mode when an app token is set", () => {
    const settings = requireSlackSettings(
      loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1", ADVOCACY_CHANNEL: "C0LEADS" }),
    );
    expect(settings.mode).toBe("socket");
  });

  it("chooses HTTP mode with a signing secret, on PORT", () => {
    const settings = requireSlackSettings(
      loadConfig({
        SLACK_BOT_TOKEN: "xoxb-1",
        SLACK_SIGNING_SECRET: "s",
        PORT: "4000",
        SLACK_API_URL: "http://127.0.0.1:9/api/",
        ADVOCACY_CHANNEL: "C0LEADS",
        ADVOCACY_LEADS: "U0LEAD",
      }),
    );
    expect(settings).toEqual({
      mode: "http",
      botToken: "xoxb-1",
      signingSecret: "s",
      port: 4000,
      apiUrl: "http://127.0.0.1:9/api/",
      advocacyChannel: "C0LEADS",
      leads: ["U0LEAD"],
    });
  });

  it("explains how to set Slack up when tokens are missing", () => {
    expect(() => requireSlackSettings(loadConfig({}))).toThrow(
      /SLACK_BOT_TOKEN and SLACK_APP_TOKEN or SLACK_SIGNING_SECRET and ADVOCACY_CHANNEL missing[\s\S]*From a manifest/,
    );
  });
});

describe("email settings", () => {
  const complete = {
    SMTP_URL: "smtps://user:pass@smtp.acme.example:465",
    EMAIL_FROM: "Acme Customer Programs <advocacy@acme.example>",
    PUBLIC_URL: "https://refdesk.acme.example/",
    LINK_SECRET: "0123456789abcdef0123456789abcdef",
    COMPANY_NAME: "Acme",
  };

  it("is off without SMTP_URL", () => {
    expect(emailSettings(loadConfig({}))).toBeNull();
  });

  it("reads a complete set-up, without the public URL's trailing slash", () => {
    expect(emailSettings(loadConfig(complete))).toEqual({
      smtpUrl: complete.SMTP_URL,
      from: complete.EMAIL_FROM,
      publicUrl: "https://refdesk.acme.example",
      linkSecret: complete.LINK_SECRET,
      companyName: "Acme",
      brandColor: "#4a154b",
    });
  });

  it("names every missing piece once SMTP_URL is set, and refuses a short secret", () => {
    expect(() => emailSettings(loadConfig({ SMTP_URL: complete.SMTP_URL, COMPANY_NAME: "Acme" }))).toThrow(
      /EMAIL_FROM, PUBLIC_URL, LINK_SECRET are missing/,
    );
    expect(() => loadConfig({ ...complete, LINK_SECRET: "short" })).toThrow(
      /LINK_SECRET: must be at least 32/,
    );
    expect(() => loadConfig({ ...complete, SMTP_URL: "http://mail" })).toThrow(/SMTP_URL: must be an smtp/);
  });
});
