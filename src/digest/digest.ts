import type { KnownBlock } from "@slack/types";
import type { BenchGap } from "../core/bench";
import { formatDay } from "../core/dates";
import { describeError } from "../core/errors";
import type { ProgramMetrics } from "../core/metrics";
import { duration, percent, plural } from "../core/report-words";
import { BENCH_HEADING, benchLines } from "../slack/blocks/bench";
import { escapeMrkdwn, LIMITS, mrkdwn, plain, truncate } from "../slack/blocks/limits";
import type { SlackGateway, SlackMessage } from "../slack/gateway";
import type { Outbox } from "../slack/outbox";
import { renderDigestChart, requestFunnel } from "./chart";

// The weekly digest for the leads' channel: one message, the chart in it (an image uploaded to
// Slack without being shared, shown by its file ID) above the numbers. Scheduling it is the
// caller's: load the metrics over DIGEST_WINDOW_DAYS and call postDigest.

export const DIGEST_WINDOW_DAYS = 7;
/** At-risk champions named in the message; the rest are counted. */
const AT_RISK_NAMED = 5;
/** Slack's limit for one field of a section. */
const SECTION_FIELD_MAX = 2000;
/** Slack reads up to 1,000 characters of an image's description to screen readers. */
const ALT_TEXT_MAX = 1000;
/** Slack's limit for an image block's title. */
const IMAGE_TITLE_MAX = 2000;

/** The last day of the digest's window (ISO). */
const lastDay = (metrics: ProgramMetrics) => metrics.window.to.slice(0, 10);

const windowWords = (metrics: ProgramMetrics) =>
  `${formatDay(metrics.window.from.slice(0, 10))} to ${formatDay(lastDay(metrics))}`;

const chartTitle = (metrics: ProgramMetrics) => `Reference program, week to ${formatDay(lastDay(metrics))}`;

const acceptanceWords = ({ acceptance }: ProgramMetrics) =>
  acceptance.answered === 0
    ? "no answers yet"
    : `${percent(acceptance.rate)} (${acceptance.accepted} of ${acceptance.answered})`;

const asksToGivesWords = ({ asksToGives }: ProgramMetrics) =>
  `${plural(asksToGives.asks, "ask")}, ${plural(asksToGives.gives, "give")}${
    asksToGives.ratio === null ? "" : ` (${asksToGives.ratio} per give)`
  }`;

/** One line for notifications and screen readers: the message's text. */
export function digestSummary(metrics: ProgramMetrics): string {
  return (
    `Weekly reference digest, ${windowWords(metrics)}: ${plural(metrics.requests.total, "request")} opened, ` +
    `acceptance ${acceptanceWords(metrics)}, ${plural(metrics.atRisk.length, "champion")} at risk.`
  );
}

export interface DigestFact {
  label: string;
  value: string;
}

/** The numbers a lead scans on Monday morning, in the order they are shown (Slack and the CLI). */
export function digestFacts(metrics: ProgramMetrics): DigestFact[] {
  return [
    { label: "Requests opened", value: String(metrics.requests.total) },
    {
      label: "Request funnel",
      value: requestFunnel(metrics.requests)
        .map((step) => `${step.stage} ${step.requests}`)
        .join(" → "),
    },
    { label: "Median time to first proposal", value: duration(metrics.timeTo.proposal.medianHours) },
    { label: "Acceptance rate", value: acceptanceWords(metrics) },
    { label: "Champions at risk", value: String(metrics.atRisk.length) },
    { label: "Asks to gives", value: asksToGivesWords(metrics) },
  ];
}

/** The chart in the message: an uploaded image, by its Slack file ID, or one that failed to upload. */
export type DigestChart = { fileId: string } | "not_attached";

export interface DigestMessageOptions {
  /** Segments where demand outruns the champions with asks left (loadBenchGaps); none shown when empty. */
  bench?: readonly BenchGap[];
  /** Absent: the numbers alone (the CLI writes the chart to a file of its own). */
  chart?: DigestChart;
}

/** The chart as an image block, or a line saying it is missing and where else to see it. */
function chartBlock(metrics: ProgramMetrics, chart: DigestChart): KnownBlock {
  if (chart === "not_attached") {
    return {
      type: "context",
      elements: [
        mrkdwn("The chart could not be attached this time; `refdesk digest` draws it.", LIMITS.contextText),
      ],
    };
  }
  return {
    type: "image",
    slack_file: { id: chart.fileId },
    alt_text: chartDescription(metrics),
    title: plain(chartTitle(metrics), IMAGE_TITLE_MAX),
  };
}

/** The digest as a Slack message, within Block Kit's limits whatever the data. */
export function digestMessage(
  metrics: ProgramMetrics,
  { bench = [], chart }: DigestMessageOptions = {},
): SlackMessage & { blocks: KnownBlock[] } {
  const named = metrics.atRisk.slice(0, AT_RISK_NAMED);
  const unnamed = metrics.atRisk.length - named.length;
  const atRiskLines = [
    ...named.map(
      (champion) =>
        `• *${escapeMrkdwn(truncate(champion.name, 100))}*: ${escapeMrkdwn(champion.reasons.join("; "))}`,
    ),
    ...(unnamed > 0
      ? [`…and ${unnamed} more (\`refdesk report --window ${metrics.window.days}\` lists them all)`]
      : []),
  ];

  const blocks: KnownBlock[] = [
    { type: "header", text: plain("Weekly reference digest", LIMITS.headerText) },
    { type: "context", elements: [mrkdwn(windowWords(metrics), LIMITS.contextText)] },
    ...(chart ? [chartBlock(metrics, chart)] : []),
    {
      type: "section",
      text: mrkdwn("*This week in numbers*"),
      fields: digestFacts(metrics).map((fact) =>
        mrkdwn(`*${fact.label}*\n${escapeMrkdwn(fact.value)}`, SECTION_FIELD_MAX),
      ),
    },
  ];
  if (atRiskLines.length > 0) {
    blocks.push({ type: "section", text: mrkdwn(`*At risk*\n${atRiskLines.join("\n")}`) });
  }
  if (bench.length > 0) {
    const lines = benchLines(bench).map((line) => `• ${escapeMrkdwn(line)}`);
    blocks.push({
      type: "section",
      text: mrkdwn(`${BENCH_HEADING}\n${lines.join("\n")}`),
    });
  }
  return { text: truncate(digestSummary(metrics), LIMITS.fallbackText), blocks };
}

/** What the chart shows, for screen readers. */
function chartDescription(metrics: ProgramMetrics): string {
  const load = metrics.load.buckets.map((bucket) => `${bucket.bucket}: ${bucket.champions}`).join(", ");
  const funnel = requestFunnel(metrics.requests)
    .map((step) => `${step.stage}: ${step.requests}`)
    .join(", ");
  return truncate(
    `Bar charts. Champions by load against capacity (${load}). Request funnel (${funnel}).`,
    ALT_TEXT_MAX,
  );
}

export interface PostDigestInput {
  gateway: SlackGateway;
  outbox: Outbox;
  /** The leads' channel. */
  channel: string;
  metrics: ProgramMetrics;
  /** Segments where demand outruns the bench; none shown when empty. */
  bench?: readonly BenchGap[];
  log: { error(message: string): void };
}

/**
 * Uploads the chart (shared nowhere), then queues the one message that shows it above the numbers.
 * A failed upload is logged and the numbers go anyway, saying so; the message is the outbox's to
 * deliver, and should Slack refuse the image (still processing it), it goes without.
 */
export async function postDigest({ gateway, outbox, channel, metrics, bench = [], log }: PostDigestInput) {
  const chart = await uploadChart(gateway, channel, metrics).catch((error: unknown): DigestChart => {
    log.error(`digest_chart_not_attached: ${describeError(error)}`);
    return "not_attached";
  });
  const withoutChart = digestMessage(metrics, { bench, chart: "not_attached" });
  if (chart === "not_attached") return outbox.deliver(channel, withoutChart);
  await outbox.deliver(channel, digestMessage(metrics, { bench, chart }), { ifBlocksRefused: withoutChart });
}

async function uploadChart(
  gateway: SlackGateway,
  channel: string,
  metrics: ProgramMetrics,
): Promise<DigestChart> {
  const fileId = await gateway.uploadImage(channel, {
    filename: `refdesk-digest-${lastDay(metrics)}.png`,
    title: chartTitle(metrics),
    bytes: await renderDigestChart(metrics),
    altText: chartDescription(metrics),
  });
  return { fileId };
}
