import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ProgramMetrics } from "../../src/core/metrics";
import { CHART_SIZE, renderDigestChart } from "../../src/digest/chart";
import { digestFacts, digestMessage, digestSummary, postDigest } from "../../src/digest/digest";
import { type SlackMessage, webGateway } from "../../src/slack/gateway";
import type { DeliveryOptions, Outbox } from "../../src/slack/outbox";
import { assertWithinLimits, visibleText } from "../slack/blocks/fixtures";
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

  it("shows the uploaded chart between the week and the numbers, described for screen readers", () => {
    const metrics = digestMetrics();
    const message = digestMessage(metrics, { chart: { fileId: "F0DIGEST0001" } });
    assertWithinLimits(message);
    expect(message.blocks.map((block) => block.type)).toEqual([
      "header",
      "context",
      "image",
      "section",
      "section",
    ]);
    expect(message.blocks[2]).toEqual({
      type: "image",
      slack_file: { id: "F0DIGEST0001" },
      alt_text:
        "Bar charts. Champions by load against capacity (<25%: 5, 25–50%: 3, 50–75%: 3, 75–100%: 0, ≥100%: 1). " +
        "Request funnel (requested: 15, proposed: 13, approved / invited: 9, accepted: 6, completed: 2).",
      title: { type: "plain_text", text: "Reference program, week to 23 Nov 2026", emoji: true },
    });
    expect(message.text).toBe(digestSummary(metrics));
  });

  it("says so when the chart could not be attached", () => {
    const message = digestMessage(digestMetrics(), { chart: "not_attached" });
    assertWithinLimits(message);
    expect(message.blocks.map((block) => block.type)).not.toContain("image");
    expect(visibleText(message)).toContain("The chart could not be attached this time");
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
    const message = digestMessage(crowded, { chart: { fileId: "F0DIGEST0001" } });
    assertWithinLimits(message);
    expect(visibleText(message)).toContain("and 395 more");
    expect(visibleText(message)).not.toContain("<&>");
  });
});

/** An outbox that keeps what it is given: postDigest's part ends once the message is queued. */
function keptOutbox() {
  const delivered: { channel: string; message: SlackMessage; options: DeliveryOptions | undefined }[] = [];
  const outbox: Outbox = {
    deliver: async (channel, message, options) => {
      delivered.push({ channel, message, options });
    },
  };
  return { outbox, delivered };
}

describe("postDigest", () => {
  let slack: SlackApiStandIn;
  const gateway = (token = "xoxb-test") => webGateway(new WebClient(token, { slackApiUrl: slack.url }));

  beforeAll(async () => {
    slack = await startSlackApi();
  });
  beforeEach(() => slack.reset());
  afterAll(() => slack.close());

  it("uploads the chart without sharing it, then queues one message showing it above the numbers", async () => {
    const { outbox, delivered } = keptOutbox();
    const errors: string[] = [];
    const metrics = digestMetrics();
    await postDigest({
      gateway: gateway(),
      outbox,
      channel: LEADS_CHANNEL,
      metrics,
      log: { error: (line) => errors.push(line) },
    });
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
      files: [{ id: upload?.fileId, title: "Reference program, week to 23 Nov 2026" }],
    });
    expect(completed?.args).not.toHaveProperty("channel_id");
    expect(completed?.args).not.toHaveProperty("initial_comment");
    expect(slack.files.get(upload?.fileId ?? "")).toMatchObject({ completed: true, sharedIn: [] });
    // Posting is the outbox's: nothing was posted here.
    expect(slack.callsTo("chat.postMessage")).toHaveLength(0);

    const fileId = upload?.fileId ?? "";
    expect(delivered).toEqual([
      {
        channel: LEADS_CHANNEL,
        message: digestMessage(metrics, { chart: { fileId } }),
        options: { ifBlocksRefused: digestMessage(metrics, { chart: "not_attached" }) },
      },
    ]);
    expect(errors).toEqual([]);

    // Slack shows the private file to the bot that uploaded it, and to no other.
    const message = delivered[0]?.message ?? { text: "" };
    await expect(gateway().post(LEADS_CHANNEL, message)).resolves.toMatchObject({ channel: LEADS_CHANNEL });
    await expect(gateway("xoxb-another-app").post(LEADS_CHANNEL, message)).rejects.toMatchObject({
      data: { error: "invalid_blocks" },
    });
  });

  it("queues the numbers alone, saying the chart could not be attached, when the upload fails", async () => {
    const { outbox, delivered } = keptOutbox();
    const errors: string[] = [];
    const metrics = digestMetrics();
    slack.failNext("files.getUploadURLExternal", { error: "missing_scope" });
    await postDigest({
      gateway: gateway(),
      outbox,
      channel: LEADS_CHANNEL,
      metrics,
      log: { error: (line) => errors.push(line) },
    });
    expect(delivered).toEqual([
      {
        channel: LEADS_CHANNEL,
        message: digestMessage(metrics, { chart: "not_attached" }),
        options: undefined,
      },
    ]);
    expect(errors).toEqual([expect.stringMatching(/^digest_chart_not_attached: .*missing_scope/)]);
  });

  it("shares a file in a thread when asked", async () => {
    await gateway().uploadFile(LEADS_CHANNEL, {
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
