import type { KnownBlock } from "@slack/types";
import { activityLabel } from "../../core/activities";
import { formatDay } from "../../core/dates";
import { REQUEST_STATUSES } from "../../core/lifecycle";
import {
  type AcceptanceRate,
  AT_RISK_ASKS_WITHOUT_GIVES,
  AT_RISK_LOAD_RATIO,
  type ProgramMetrics,
  type StepTiming,
  UNSTATED,
} from "../../core/metrics";
import { MOTIVATION_LABELS } from "../../core/motivation";
import {
  calibrationWords,
  concentrationWords,
  duration,
  money,
  percent,
  plural,
} from "../../core/report-words";
import type { SlackMessage } from "../gateway";
import { escapeMrkdwn, LIMITS, mrkdwn, plain } from "./limits";
import { STAGE_WORDS } from "./request-stages";

// The program metrics for a lead in Slack (`/advocacy report`, the App Home's Report button): the
// same numbers as the `report` CLI, as a handful of sections well inside a message's limits.

/** Named at-risk champions; the rest are counted, so a long list never crowds out the numbers. */
export const AT_RISK_SHOWN = 15;

const section = (text: string): KnownBlock => ({ type: "section", text: mrkdwn(text) });

const rateWords = (label: string, rate: AcceptanceRate) =>
  `${label} ${rate.accepted} of ${rate.answered} (${percent(rate.rate)})`;

const timingLine = (step: string, timing: StepTiming) =>
  timing.requests === 0
    ? `• ${step}: no request got there yet`
    : `• ${step}: median ${duration(timing.medianHours)}, 90th percentile ${duration(timing.p90Hours)} (${plural(timing.requests, "request")})`;

function requestsText({ requests }: ProgramMetrics): string {
  const counts = REQUEST_STATUSES.filter((status) => requests.byStatus[status] > 0).map(
    (status) => `${requests.byStatus[status]} ${STAGE_WORDS[status].toLowerCase()}`,
  );
  return [`*Requests opened: ${requests.total}*`, ...(counts.length > 0 ? [counts.join(" · ")] : [])].join(
    "\n",
  );
}

function acceptanceText({ acceptance, calibration }: ProgramMetrics): string {
  if (acceptance.answered === 0) return "*Acceptance*: no invitations were answered.";
  const byActivity = acceptance.byActivity.map((rate) => rateWords(activityLabel(rate.activityType), rate));
  const byMotivation = acceptance.byMotivation.map((rate) =>
    rateWords(rate.motivation === UNSTATED ? "none stated" : MOTIVATION_LABELS[rate.motivation], rate),
  );
  return [
    `*Acceptance*: ${acceptance.accepted} of ${plural(acceptance.answered, "answered invitation")} accepted (${percent(acceptance.rate)})`,
    `By activity: ${byActivity.join(", ")}`,
    `By strongest motivation: ${byMotivation.join(", ")}`,
    calibrationWords(calibration),
  ].join("\n");
}

function loadText({ load, concentration }: ProgramMetrics): string {
  const buckets = load.buckets.map((bucket) => `${bucket.bucket}: ${bucket.champions}`);
  return [
    `*Load against capacity* (${plural(load.champions, "champion")})`,
    buckets.join(" · "),
    concentrationWords(concentration, load.champions),
  ].join("\n");
}

function atRiskText({ atRisk }: ProgramMetrics): string {
  const heading = `*Champions at risk* (at or over ${AT_RISK_LOAD_RATIO * 100}% of capacity, or asked ${AT_RISK_ASKS_WITHOUT_GIVES}+ times with nothing given back): ${atRisk.length === 0 ? "none" : atRisk.length}`;
  const named = atRisk
    .slice(0, AT_RISK_SHOWN)
    .map((champion) => `• ${escapeMrkdwn(champion.name)}: ${champion.reasons.join("; ")}`);
  const more = atRisk.length > AT_RISK_SHOWN ? [`…and ${atRisk.length - AT_RISK_SHOWN} more`] : [];
  return [heading, ...named, ...more].join("\n");
}

function outcomesText(metrics: ProgramMetrics): string {
  const { influencedPipeline, wonRevenue, asksToGives } = metrics;
  return [
    `*Influenced pipeline*: ${money(influencedPipeline.value)} (${plural(influencedPipeline.deals, "deal")} open or won)`,
    `*Won revenue*: ${money(wonRevenue.value)} (${plural(wonRevenue.deals, "deal")})`,
    `*Asks to gives*: ${plural(asksToGives.asks, "ask")}, ${plural(asksToGives.gives, "give")}${
      asksToGives.ratio === null ? "" : ` (${asksToGives.ratio} asks per give)`
    }`,
  ].join("\n");
}

export function reportMessage(metrics: ProgramMetrics): Required<SlackMessage> {
  const { window, requests, acceptance } = metrics;
  const title = `Program report, last ${plural(window.days, "day")}`;
  return {
    text: `${title}: ${plural(requests.total, "request")}, acceptance ${percent(acceptance.rate)}, ${plural(metrics.atRisk.length, "champion")} at risk.`,
    blocks: [
      { type: "header", text: plain(title, LIMITS.headerText) },
      {
        type: "context",
        elements: [
          mrkdwn(
            `${formatDay(window.from.slice(0, 10))} to ${formatDay(window.to.slice(0, 10))}`,
            LIMITS.contextText,
          ),
        ],
      },
      section(requestsText(metrics)),
      section(
        [
          "*Time from request to*",
          timingLine("first proposal", metrics.timeTo.proposal),
          timingLine("approval", metrics.timeTo.approval),
          timingLine("acceptance", metrics.timeTo.acceptance),
        ].join("\n"),
      ),
      section(acceptanceText(metrics)),
      section(loadText(metrics)),
      section(atRiskText(metrics)),
      section(outcomesText(metrics)),
    ],
  };
}
