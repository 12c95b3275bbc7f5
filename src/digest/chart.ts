import { createRequire } from "node:module";
import type { TopLevelSpec } from "vega-lite";
import { formatDay } from "../core/dates";
import type { RequestStatus } from "../core/lifecycle";
import { LOAD_BUCKETS, type ProgramMetrics } from "../core/metrics";

// The weekly digest's picture: two bar charts side by side, declared in Vega-Lite, rendered to SVG by
// Vega (no browser, no canvas) and rasterized to PNG by resvg with a font shipped in node_modules,
// so the same metrics give the same bytes on any machine and nothing is fetched at run time.
// Vega, Vega-Lite and resvg are loaded with the first chart: a weekly job needs them, start-up does not.

/** The PNG's size in pixels, whatever the data: the charts are fitted inside it. */
export const CHART_SIZE = { width: 1200, height: 540 } as const;

const FONT_FAMILY = "DejaVu Sans";
const fontFile = (name: string) => createRequire(import.meta.url).resolve(`dejavu-fonts-ttf/ttf/${name}`);

/**
 * The request funnel from the requests' current statuses. A status implies every step before it,
 * so each stage counts the requests at that step or past it:
 *   requested          every request opened in the window
 *   proposed           proposed, approved, rejected, invited, accepted, declined, expired, scheduled, completed
 *   approved / invited approved, invited, accepted, declined, expired, scheduled, completed
 *   accepted           accepted, scheduled, completed
 *   completed          completed
 * A cancelled request counts only as requested (it may have stopped at any step), and a request
 * back at "proposed" after a decline counts where it is now, not where it once got to.
 */
const FUNNEL: readonly { stage: string; statuses: readonly RequestStatus[] | "all" }[] = [
  { stage: "requested", statuses: "all" },
  {
    stage: "proposed",
    statuses: [
      "proposed",
      "approved",
      "rejected",
      "invited",
      "accepted",
      "declined",
      "expired",
      "scheduled",
      "completed",
    ],
  },
  {
    stage: "approved / invited",
    statuses: ["approved", "invited", "accepted", "declined", "expired", "scheduled", "completed"],
  },
  { stage: "accepted", statuses: ["accepted", "scheduled", "completed"] },
  { stage: "completed", statuses: ["completed"] },
];

export interface FunnelStage {
  stage: string;
  requests: number;
}

export function requestFunnel(requests: ProgramMetrics["requests"]): FunnelStage[] {
  return FUNNEL.map(({ stage, statuses }) => ({
    stage,
    requests:
      statuses === "all"
        ? requests.total
        : statuses.reduce((sum, status) => sum + requests.byStatus[status], 0),
  }));
}

// From comfortable to overloaded, one colour per load bucket.
const LOAD_COLOURS = ["#4c9f70", "#8cc084", "#f2c14e", "#f08a4b", "#d64545"];
const FUNNEL_COLOUR = "#3d6fb4";

/**
 * An axis from zero with room past the longest bar for its label (so the label stays inside the
 * panel), and a top even when everything is zero, so an empty week still draws a chart.
 */
const countScale = (counts: readonly number[], labelRoom: number) => ({
  domain: [0, Math.max(1, ...counts) * (1 + labelRoom)],
  nice: true,
});

function chartSpec(metrics: ProgramMetrics): TopLevelSpec {
  const buckets = metrics.load.buckets;
  const funnel = requestFunnel(metrics.requests);
  const requested = metrics.requests.total;
  const share = (count: number) => (requested === 0 ? "" : ` (${Math.round((count / requested) * 100)}%)`);
  const from = formatDay(metrics.window.from.slice(0, 10));
  const to = formatDay(metrics.window.to.slice(0, 10));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: "Reference program, weekly digest", subtitle: `${from} to ${to}` },
    background: "white",
    padding: 16,
    config: {
      font: FONT_FAMILY,
      view: { stroke: null },
      title: { fontSize: 20, subtitleFontSize: 14, anchor: "start", offset: 16 },
      concat: { spacing: 64 },
      axis: { labelFontSize: 13, titleFontSize: 13, labelLimit: 240, grid: false },
      // The end labels stay inside the panel, so both panels' titles sit at the same height.
      axisQuantitative: { labelFlush: true },
    },
    hconcat: [
      {
        title: { text: `Load against capacity (${metrics.load.champions} champions)`, fontSize: 15 },
        width: 440,
        height: 340,
        data: { values: buckets },
        encoding: {
          x: {
            field: "bucket",
            type: "ordinal",
            sort: [...LOAD_BUCKETS],
            title: "load as a share of capacity",
            axis: { labelAngle: 0 },
          },
          y: {
            field: "champions",
            type: "quantitative",
            title: "champions",
            axis: { tickMinStep: 1 },
            scale: countScale(
              buckets.map((bucket) => bucket.champions),
              0.1,
            ),
          },
        },
        layer: [
          {
            mark: { type: "bar", cornerRadiusEnd: 3 },
            encoding: {
              color: {
                field: "bucket",
                type: "ordinal",
                scale: { domain: [...LOAD_BUCKETS], range: LOAD_COLOURS },
                legend: null,
              },
            },
          },
          {
            mark: { type: "text", dy: -8, fontSize: 13 },
            encoding: { text: { field: "champions", type: "quantitative" } },
          },
        ],
      },
      {
        title: { text: `Request funnel (${requested} opened)`, fontSize: 15 },
        width: 440,
        height: 340,
        data: {
          values: funnel.map((step) => ({ ...step, label: `${step.requests}${share(step.requests)}` })),
        },
        encoding: {
          y: { field: "stage", type: "ordinal", sort: FUNNEL.map((step) => step.stage), title: null },
          x: {
            field: "requests",
            type: "quantitative",
            title: "requests",
            axis: { tickMinStep: 1 },
            scale: countScale(
              funnel.map((step) => step.requests),
              0.25,
            ),
          },
        },
        layer: [
          { mark: { type: "bar", color: FUNNEL_COLOUR, cornerRadiusEnd: 3 } },
          {
            mark: { type: "text", align: "left", dx: 6, fontSize: 13 },
            encoding: { text: { field: "label", type: "nominal" } },
          },
        ],
      },
    ],
  };
}

/** The Vega-Lite spec's own size varies with its labels; fixing the root's size fits it in CHART_SIZE. */
function fitTo(svg: string, size: { width: number; height: number }): string {
  return svg.replace(
    /^<svg([^>]*?) width="[\d.]+" height="[\d.]+"/,
    `<svg$1 width="${size.width}" height="${size.height}" preserveAspectRatio="xMidYMid meet"`,
  );
}

/** The digest chart as PNG bytes (CHART_SIZE): load distribution and the request funnel. */
export async function renderDigestChart(metrics: ProgramMetrics): Promise<Buffer> {
  const [{ Resvg }, { parse, View }, { compile }] = await Promise.all([
    import("@resvg/resvg-js"),
    import("vega"),
    import("vega-lite"),
  ]);
  const view = new View(parse(compile(chartSpec(metrics)).spec), { renderer: "none" });
  const svg = fitTo(await view.toSVG(), CHART_SIZE);
  view.finalize();
  const png = new Resvg(svg, {
    background: "white",
    font: {
      loadSystemFonts: false,
      fontFiles: [fontFile("DejaVuSans.ttf"), fontFile("DejaVuSans-Bold.ttf")],
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
  });
  return png.render().asPng();
}
