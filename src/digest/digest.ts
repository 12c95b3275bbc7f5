import type { KnownBlock } from "@slack/types";
import type { BenchGap } from "../core/bench";
import { formatDay, toIsoDate } from "../core/dates";
import type { ProgramMetrics } from "../core/metrics";
import { duration, percent, plural } from "../core/report-words";
import { BENCH_HEADING, benchLines } from "../slack/blocks/bench";
import { escapeMrkdwn, LIMITS, mrkdwn, plain, truncate } from "../slack/blocks/limits";
import type { SlackGateway, SlackMessage } from "../slack/gateway";
import { renderDigestChart, requestFunnel } from "./chart";

// The weekly digest for the leads' channel: the chart as a file, then the numbers as a message.
// Scheduling it is the caller's: load the metrics over DIGEST_WINDOW_DAYS and call postDigest.

export const DIGEST_WINDOW_DAYS = 7;
/** At-risk champions named in the message; the rest are counted. */
const AT_RISK_NAMED = 5;
/** Slack's limit for one field of a section. */
const SECTION_FIELD_MAX = 2000;
/** Slack reads up to 1,000 characters of an image's description to screen readers. */
const ALT_TEXT_MAX = 1000;

const windowWords = (metrics: ProgramMetrics) =>
  `${formatDay(metrics.window.from.slice(0, 10))} to ${formatDay(metrics.window.to.slice(0, 10))}`;

const acceptanceWords = ({ acceptance }: ProgramMetrics) =>
  acceptance.answered === 0
    ? "no answers yet"
    : `${percent(acceptance.rate)} (${acceptance.accepted} of ${acceptance.answered})`;

const asksToGivesWords = ({ asksToGives }: ProgramMetrics) =>
  `${plural(asksToGives.asks, "ask")}, ${plural(asksToGives.gives, "give")}${
    asksToGives.ratio === null ? "" : ` (${asksToGives.ratio} per give)`
  }`;

/** One line for notifications and the file's comment. */
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

/**
 * The digest as a Slack message, within Block Kit's limits whatever the data; `bench` adds where
 * demand outruns the champions with asks left (loadBenchGaps).
 */
export function digestMessage(
  metrics: ProgramMetrics,
  bench: readonly BenchGap[] = [],
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
    {
      type: "section",
      text: mrkdwn("*This week in numbers* (the chart above draws load and the funnel)"),
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
  /** The leads' channel. */
  channel: string;
  metrics: ProgramMetrics;
  /** Segments where demand outruns the bench; none shown when empty. */
  bench?: readonly BenchGap[];
  now: Date;
}

/** Uploads the chart to the channel with the one-line summary as its comment, then posts the numbers. */
export async function postDigest({ gateway, channel, metrics, bench = [], now }: PostDigestInput) {
  const day = toIsoDate(now);
  const fileId = await gateway.uploadFile(channel, {
    filename: `refdesk-digest-${day}.png`,
    title: `Reference program, week to ${formatDay(day)}`,
    bytes: await renderDigestChart(metrics),
    initialComment: digestSummary(metrics),
    altText: chartDescription(metrics),
  });
  const posted = await gateway.post(channel, digestMessage(metrics, bench));
  return { fileId, ...posted };
}
