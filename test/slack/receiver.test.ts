import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testEngine, useTestDatabase } from "../support/database";
import { startTestSlackApp, type TestSlackApp } from "../support/slack-app";

// Signed requests whose bodies no Slack would send: each is answered, and the app goes on serving.

const database = useTestDatabase();
let slack: TestSlackApp;

beforeEach(async () => {
  slack = await startTestSlackApp(database.handle);
});
afterEach(async () => {
  await slack.stop();
});

const FORM = "application/x-www-form-urlencoded";
const BODIES: [string, string, string][] = [
  ["payload=null", "payload=null", FORM],
  ["payload=a number", "payload=42", FORM],
  ["payload=a string", `payload=${encodeURIComponent('"hello"')}`, FORM],
  ["payload=an array", `payload=${encodeURIComponent("[]")}`, FORM],
  ["payload=broken JSON", "payload=%7B", FORM],
  ["JSON null", "null", "application/json"],
  ["JSON array", "[1,2]", "application/json"],
];

describe(`the HTTP receiver on ${testEngine}`, () => {
  it.each(BODIES)(
    "answers a correctly signed %s with a 400, and goes on serving",
    async (_name, body, contentType) => {
      const response = await slack.send(body, contentType);
      expect(response.status).toBe(400);
      // Still serving: a real request is acknowledged after it.
      const command = await slack.command({ command: "/reference", text: "", userId: "U0REP" });
      expect(command.status).toBe(200);
      await slack.api.waitFor("views.open");
    },
  );
});
