import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importChampions } from "../../src/db/roster-repository";
import { referenceRequests } from "../../src/db/schema";
import { parseChampionsCsv } from "../../src/roster/champions-csv";
import { testEngine, useTestDatabase } from "../support/database";
import { DANA_AND_OMAR } from "../support/rosters";
import {
  hasAction,
  LEAD,
  LEADS_CHANNEL,
  requestThroughForm,
  startTestSlackApp,
  type TestSlackApp,
} from "../support/slack-app";

// Slack calls that never answer: each one gives up after its timeout (half a second here, ten in
// production), its message waits in the outbox and goes out on a later attempt, and calls stuck
// meanwhile never hold up the app's other calls.

const database = useTestDatabase();
const TIMEOUT_MS = 500;
let slack: TestSlackApp;
/** Lets go of every call a test held, so the stand-in can close. */
const releases: (() => void)[] = [];

beforeEach(async () => {
  await importChampions(database.db, parseChampionsCsv(DANA_AND_OMAR), "test");
  slack = await startTestSlackApp(database.handle, { slackTimeoutMs: TIMEOUT_MS });
});
afterEach(async () => {
  await slack.settle();
  for (const release of releases.splice(0)) release();
  await slack.stop();
});

describe(`Slack calls that never answer, on ${testEngine}`, () => {
  it("deliver the proposal on a later attempt, with its thread recorded", async () => {
    // The first post to the leads' channel is never answered.
    releases.push(slack.api.holdNext("chat.postMessage", LEADS_CHANNEL));
    const proposal = await requestThroughForm(
      slack,
      "EMEA fintech CFO to talk to Acme, call or panel",
      "U0REP",
    );
    const proposals = () =>
      slack.api
        .callsTo("chat.postMessage")
        .filter((call) => call.args.channel === LEADS_CHANNEL && hasAction("proposal.approve:")(call.args));
    await slack.api.waitFor("chat.postMessage", () => proposals().length === 2);
    expect(proposal).toBe(proposals()[0]);
    await slack.settle();
    const [stored] = await database.db.select().from(referenceRequests);
    expect(stored).toMatchObject({ status: "proposed", leadChannelId: LEADS_CHANNEL });
    expect(stored?.leadThreadTs).toEqual(expect.any(String));
  });

  it("give up on a response_url that never answers, so the command's work ends", async () => {
    // Bolt's respond() brings no timeout of its own: the app's fetch gives it one.
    releases.push(slack.api.holdNext("response_url"));
    const response = await slack.command({ command: "/advocacy", text: "help", userId: LEAD });
    expect(response.status).toBe(200);
    await slack.api.waitFor("response_url", () => true);
    // Settles only once the held answer was given up on: the test lets go of it after this.
    await slack.settle();
    expect(slack.takeErrors(/TimeoutError|aborted due to timeout/)).not.toHaveLength(0);
  });

  it("never hold up new calls, however many are stuck", async () => {
    const STUCK = 120;
    for (let i = 0; i < STUCK; i++) releases.push(slack.api.holdNext("views.open"));
    for (let i = 0; i < STUCK; i++) {
      const response = await slack.command({ command: "/reference", text: "", userId: `U0REP${i}` });
      expect(response.status).toBe(200);
    }
    await slack.api.waitFor("views.open", () => slack.api.callsTo("views.open").length === STUCK, 10_000);
    // A new /reference opens its form, though every earlier one is still waiting on Slack.
    const started = Date.now();
    await slack.command({ command: "/reference", text: "", userId: "U0LATE" });
    await slack.api.waitFor("views.open", () => slack.api.callsTo("views.open").length > STUCK, 10_000);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
