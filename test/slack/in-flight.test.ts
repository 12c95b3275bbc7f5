import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, LogLevel } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { settleInFlight, trackInFlight } from "../../src/slack/in-flight";
import { type SlackApiStandIn, startSlackApi } from "../support/slack-api";
import { SIGNING_SECRET, signedHeaders } from "../support/slack-app";

// A real Bolt app whose one command acknowledges at once and then waits for the test to let its
// work finish, as a listener waits on a slow Web API call.

let api: SlackApiStandIn;
let app: App;
let url: string;
let finishWork: () => void;
let log: string[];

beforeEach(async () => {
  api = await startSlackApi();
  log = [];
  const work = new Promise<void>((resolve) => {
    finishWork = resolve;
  });
  app = new App({
    token: "xoxb-test",
    signingSecret: SIGNING_SECRET,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: api.url, retryConfig: { retries: 0 } },
  });
  trackInFlight(app);
  app.command("/work", async ({ ack }) => {
    await ack();
    await work;
    log.push("work finished");
  });
  const server = (await app.start(0)) as Server;
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
});
afterEach(async () => {
  finishWork();
  await app.stop();
  await api.close();
});

async function command(): Promise<Response> {
  const body = new URLSearchParams({
    command: "/work",
    text: "",
    user_id: "U0REP",
    trigger_id: "t1",
  }).toString();
  return fetch(url, {
    method: "POST",
    headers: signedHeaders(body, "application/x-www-form-urlencoded"),
    body,
  });
}

describe("work in flight", () => {
  it("is waited for after Slack has its acknowledgement", async () => {
    expect((await command()).status).toBe(200);
    const settled = settleInFlight(app, 10_000).then((drained) => {
      log.push("settled");
      return drained;
    });
    // The listener waits for finishWork, so after whatever was ready to run has run, nothing has settled.
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual([]);
    finishWork();
    expect(await settled).toBe(true);
    expect(log).toEqual(["work finished", "settled"]);
  });

  it("is none when every request has finished", async () => {
    finishWork();
    expect((await command()).status).toBe(200);
    await expect.poll(() => log).toEqual(["work finished"]);
    expect(await settleInFlight(app, 10_000)).toBe(true);
  });

  it("is given up on after the time allowed", async () => {
    expect((await command()).status).toBe(200);
    expect(await settleInFlight(app, 50)).toBe(false);
    expect(log).toEqual([]);
  });
});
