import { describe, expect, it } from "vitest";
import { isAppError } from "../src/core/errors";
import { loadConfig, requireSlackSettings } from "../src/env";

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
