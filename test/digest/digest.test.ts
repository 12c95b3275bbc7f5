import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ProgramMetrics } from "../../src/core/metrics";
import { CHART_SIZE, renderDigestChart } from "../../src/digest/chart";
import { digestFacts, digestMessage, digestSummary, postDigest } from "../../src/digest/digest";
import { webGateway } from "../../src/slack/gateway";
import { assertWithinLimits, visibleText } from "../slack/blocks/fixtures";
import { NOW } from "../support/builders";
import { decodePng } from "../support/png";
import { type SlackApiStandIn, startSlackApi } from "../support/slack-api";
import { digestMetrics } from "./fixtures";

const LEADS_CHANNEL = "C0LEADS001";

describe("digestMessage", () => {
  it("shows the week's numbers", () => {
    const metrics = digestMetrics();
    const message = digestMessage(metrics);
    assertWithinLimits(message);
    const text = visibleText(message);
    expect(Object.fromEntries(digestFacts(metrics).map((fact) => [fact.label, fact.value]))).toEqual({
      "Requests opened": "15",
      "Request funnel": "requested 15 → proposed 13 → approved / invited 9 → accepted 6 → completed 2",
      "Median time to first proposal": "4.0 hours",
      "Acceptance rate": "75% (3 of 4)",
      "Champions at risk": "1",
      "Asks to gives": "4 asks, 1 give (4 per give)",
    });
    for (const fact of digestFacts(metrics)) expect(text).toContain(fact.label);
    expect(text).toContain("Champion 1");
    expect(message.text).toBe(digestSummary(metrics));
    expect(message.text).toContain("15 requests opened");
  });

  it("stays within Block Kit's limits for a quiet week and for a crowd at risk", () => {
    const quiet = digestMetrics();
    quiet.atRisk = [];
    quiet.acceptance = { ...quiet.acceptance, answered: 0, accepted: 0, rate: null };
    const quietMessage = digestMessage(quiet);
    assertWithinLimits(quietMessage);
    expect(visibleText(quietMessage)).toContain("no answers yet");
    expect(visibleText(quietMessage)).not.toContain("At risk");

    const crowded: ProgramMetrics = digestMetrics();
    crowded.atRisk = Array.from({ length: 400 }, (_, index) => ({
      championId: index,
      name: `${"Very Long Name <&> ".repeat(20)}${index}`,
      load: 9,
      capacity: 4,
      asks: 9,
      gives: 0,
      reasons: ["load 9.0 of 4 (225% of capacity)", "asked 9 times in 7 days with nothing given back"],
    }));
    const message = digestMessage(crowded);
    assertWithinLimits(message);
    expect(visibleText(message)).toContain("and 395 more");
    expect(visibleText(message)).not.toContain("<&>");
  });
});

describe("postDigest", () => {
  let slack: SlackApiStandIn;

  beforeAll(async () => {
    slack = await startSlackApi();
  });
  beforeEach(() => slack.reset());
  afterAll(() => slack.close());

  it("uploads the chart to the leads' channel with the summary, then posts the numbers", async () => {
    const gateway = webGateway(new WebClient("xoxb-test", { slackApiUrl: slack.url }));
    const metrics = digestMetrics();
    const posted = await postDigest({ gateway, channel: LEADS_CHANNEL, metrics, now: NOW });
    const png = await renderDigestChart(metrics);

    const [asked] = slack.callsTo("files.getUploadURLExternal");
    expect(asked?.args).toMatchObject({
      filename: "refdesk-digest-2026-11-23.png",
      length: String(png.length),
    });
    expect(String(asked?.args.alt_text)).toContain("Request funnel (requested: 15");

    expect(slack.uploads).toHaveLength(1);
    const upload = slack.uploads[0];
    expect(upload?.bytes.equals(png)).toBe(true);
    expect(decodePng(upload?.bytes ?? Buffer.alloc(0))).toMatchObject(CHART_SIZE);

    const [completed] = slack.callsTo("files.completeUploadExternal");
    expect(completed?.args).toMatchObject({
      channel_id: LEADS_CHANNEL,
      initial_comment: digestSummary(metrics),
      files: [{ id: upload?.fileId, title: "Reference program, week to 23 Nov 2026" }],
    });
    expect(posted.fileId).toBe(upload?.fileId);

    const [message] = slack.callsTo("chat.postMessage");
    expect(message?.args).toMatchObject({ channel: LEADS_CHANNEL, blocks: digestMessage(metrics).blocks });
    expect(posted).toMatchObject({ channel: LEADS_CHANNEL, ts: expect.any(String) });
    // The chart first, so the numbers read under it.
    expect(slack.calls.map((call) => call.method)).toEqual([
      "files.getUploadURLExternal",
      "files.completeUploadExternal",
      "chat.postMessage",
    ]);
  });

  it("shares the file in a thread when asked", async () => {
    const gateway = webGateway(new WebClient("xoxb-test", { slackApiUrl: slack.url }));
    await gateway.uploadFile(LEADS_CHANNEL, {
      filename: "chart.png",
      title: "Chart",
      bytes: await renderDigestChart(digestMetrics()),
      threadTs: "1700000000.000100",
    });
    expect(slack.callsTo("files.completeUploadExternal")[0]?.args).toMatchObject({
      channel_id: LEADS_CHANNEL,
      thread_ts: "1700000000.000100",
    });
  });
});
