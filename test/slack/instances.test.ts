import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importChampions } from "../../src/db/roster-repository";
import { referenceRequests } from "../../src/db/schema";
import { parseChampionsCsv } from "../../src/roster/champions-csv";
import { testEngine, useTestDatabase } from "../support/database";
import { DANA_AND_OMAR } from "../support/rosters";
import {
  approveFirst,
  LEADS_CHANNEL,
  requestThroughForm,
  startTestSlackApp,
  type TestSlackApp,
  valuesAsPrefilled,
} from "../support/slack-app";

// Two app instances on one database, as a load balancer would run them: Slack's deliveries and
// retries land on either, and each thing happens once.

const database = useTestDatabase();
let first: TestSlackApp;
let second: TestSlackApp;

beforeEach(async () => {
  await importChampions(database.db, parseChampionsCsv(DANA_AND_OMAR), "test");
  [first, second] = [await startTestSlackApp(database.handle), await startTestSlackApp(database.handle)];
});
afterEach(async () => {
  for (const instance of [first, second]) {
    await instance.settle();
    await instance.stop();
  }
});

const allCalls = (method: string) => [...first.api.callsTo(method), ...second.api.callsTo(method)];

describe(`two instances on one database (${testEngine})`, () => {
  it("handle an Events API delivery once when its retries land on the other instance", async () => {
    await approveFirst(
      first,
      await requestThroughForm(first, "EMEA fintech CFO to talk to Acme, call or panel", "U0REP"),
      "U0DANA",
    );
    const dm = {
      type: "message",
      channel: "DU0DANA",
      channel_type: "im",
      user: "U0DANA",
      text: "What would I need to prepare?",
    };
    await Promise.all([
      first.event({ eventId: "Ev1", event: dm }),
      second.event({ eventId: "Ev1", event: dm, retry: 1 }),
      second.event({ eventId: "Ev1", event: dm, retry: 2 }),
    ]);
    await first.settle();
    await second.settle();
    const forwarded = allCalls("chat.postMessage").filter(
      (call) => call.args.channel === LEADS_CHANNEL && /Dana Whitfield wrote/.test(String(call.args.text)),
    );
    expect(forwarded).toHaveLength(1);
  });

  it("offer a request written in a channel once, whichever instance gets each delivery", async () => {
    const message = {
      type: "message",
      channel: "C0SALES",
      channel_type: "channel",
      user: "U0REP",
      text: "Does anyone have an EMEA fintech CFO who could talk to Acme?",
      ts: "1700000001.000100",
    };
    await Promise.all([
      first.event({ eventId: "Ev1", event: message }),
      second.event({ eventId: "Ev2", event: message }),
    ]);
    await first.settle();
    await second.settle();
    expect(allCalls("chat.postEphemeral")).toHaveLength(1);
  });

  it("spread requests across both and store each once", async () => {
    const texts = [
      "fintech CFO for Acme",
      "banking VP for Initech",
      "EMEA payments lead for Globex",
      "fintech for Hooli",
    ];
    await Promise.all(
      texts.map((text, index) =>
        (index % 2 === 0 ? first : second).command({ command: "/reference", text, userId: "U0REP" }),
      ),
    );
    await first.api.waitFor("views.open", () => first.api.callsTo("views.open").length === 2);
    await second.api.waitFor("views.open", () => second.api.callsTo("views.open").length === 2);
    for (const instance of [first, second]) {
      for (const opened of instance.api.callsTo("views.open")) {
        const view = opened.args.view as { private_metadata: string; blocks: unknown[] };
        await instance.submitView({
          userId: "U0REP",
          callbackId: "request.submit",
          values: valuesAsPrefilled(view),
          privateMetadata: view.private_metadata,
        });
      }
    }
    await first.settle();
    await second.settle();
    const stored = await database.db.select().from(referenceRequests);
    expect(stored.map((row) => row.rawText).sort()).toEqual([...texts].sort());
  });
});
