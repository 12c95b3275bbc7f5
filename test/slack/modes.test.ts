import { describe, expect, it } from "vitest";
import { createRosterSnapshotSource } from "../../src/db/roster-snapshot";
import { createJobQueue } from "../../src/jobs/queue";
import { createMatcher, deterministicParser } from "../../src/services/matcher";
import { deterministicUnderstanding } from "../../src/services/understanding";
import { createSlackApp } from "../../src/slack/app";
import { NOW } from "../support/builders";
import { useTestDatabase } from "../support/database";
import { startSlackApi } from "../support/slack-api";
import { keptErrors, startTestSlackApp } from "../support/slack-app";

const database = useTestDatabase();

describe("Slack API URL", () => {
  it("is used by Socket Mode's own connection call too", async () => {
    const api = await startSlackApi();
    const matcher = createMatcher({
      snapshots: createRosterSnapshotSource(database.db, () => NOW),
      parser: deterministicParser,
      clock: () => NOW,
      defaultCapacity: 4,
    });
    const { app } = createSlackApp({
      settings: {
        mode: "socket",
        botToken: "xoxb-test",
        appToken: "xapp-test",
        port: 0,
        apiUrl: api.url,
        advocacyChannel: "C0LEADS",
        leads: [],
      },
      db: database.db,
      matcher,
      understanding: deterministicUnderstanding,
      recognitionReply: "off",
      followUps: { nudgeAfterHours: 48, expireAfterHours: 48, dealAskAfterDays: 30 },
      // Never started: this test only opens the socket.
      jobs: createJobQueue(database.handle.jobs, { onError: () => {} }),
      clock: () => NOW,
      logLevel: "error",
      // The WebSocket it is given leads nowhere (Bolt logs that); the point is where it asked for it.
      logger: keptErrors([]),
      retryConfig: { retries: 0 },
    });
    app.start().catch(() => {});
    const call = await api.waitFor("apps.connections.open");
    expect(call.token).toBe("xapp-test");
    await app.stop().catch(() => {});
    await api.close();
  });

  it("is used by Bolt's own calls in HTTP mode, which also serves /healthz", async () => {
    const slack = await startTestSlackApp(database.handle);
    try {
      const health = await fetch(slack.url.replace("/slack/events", "/healthz"));
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: "ok" });
      await slack.command({ command: "/reference", text: "", userId: "U0REP" });
      const authTest = await slack.api.waitFor("auth.test");
      expect(authTest.token).toBe("xoxb-test");
      await slack.api.waitFor("views.open");
    } finally {
      await slack.settle();
      await slack.stop();
    }
  });
});
