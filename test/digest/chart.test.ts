import { describe, expect, it } from "vitest";
import { REQUEST_STATUSES, type RequestStatus } from "../../src/core/lifecycle";
import type { ProgramMetrics } from "../../src/core/metrics";
import { CHART_SIZE, renderDigestChart, requestFunnel } from "../../src/digest/chart";
import { decodePng, PNG_SIGNATURE } from "../support/png";
import { digestMetrics } from "./fixtures";

const requestsWith = (statuses: Partial<Record<RequestStatus, number>>): ProgramMetrics["requests"] => {
  const byStatus = Object.fromEntries(
    REQUEST_STATUSES.map((status) => [status, statuses[status] ?? 0]),
  ) as Record<RequestStatus, number>;
  return { total: Object.values(byStatus).reduce((sum, count) => sum + count, 0), byStatus };
};

describe("requestFunnel", () => {
  it("counts each request at its step and every step before it", () => {
    const stages = (status: RequestStatus) =>
      requestFunnel(requestsWith({ [status]: 1 }))
        .filter((step) => step.requests === 1)
        .map((step) => step.stage);
    expect(stages("request")).toEqual(["requested"]);
    expect(stages("proposed")).toEqual(["requested", "proposed"]);
    expect(stages("rejected")).toEqual(["requested", "proposed"]);
    expect(stages("invited")).toEqual(["requested", "proposed", "approved / invited"]);
    expect(stages("declined")).toEqual(["requested", "proposed", "approved / invited"]);
    expect(stages("scheduled")).toEqual(["requested", "proposed", "approved / invited", "accepted"]);
    expect(stages("completed")).toEqual([
      "requested",
      "proposed",
      "approved / invited",
      "accepted",
      "completed",
    ]);
    // It may have stopped at any step: only the request itself is certain.
    expect(stages("cancelled")).toEqual(["requested"]);
  });

  it("never widens: each stage holds at most the one before", () => {
    const funnel = requestFunnel(digestMetrics().requests);
    expect(funnel.map((step) => step.requests)).toEqual([15, 13, 9, 6, 2]);
  });
});

describe("renderDigestChart", () => {
  it("renders a PNG of the fixed size that decodes", async () => {
    const png = await renderDigestChart(digestMetrics());
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    const decoded = decodePng(png);
    expect({ width: decoded.width, height: decoded.height }).toEqual(CHART_SIZE);
    expect(decoded.chunks[0]).toBe("IHDR");
    expect(decoded.chunks).toContain("IDAT");
  });

  it("is read by a checker that notices a damaged byte", async () => {
    const png = await renderDigestChart(digestMetrics());
    const damaged = Buffer.from(png);
    const inImageData = png.indexOf("IDAT") + 20;
    damaged.writeUInt8(damaged.readUInt8(inImageData) ^ 0xff, inImageData);
    expect(() => decodePng(damaged)).toThrow(/bad CRC in IDAT/);
  });

  it("gives the same bytes for the same metrics and different ones for different metrics", async () => {
    const metrics = digestMetrics();
    const first = await renderDigestChart(metrics);
    expect((await renderDigestChart(structuredClone(metrics))).equals(first)).toBe(true);

    const busier = digestMetrics();
    busier.requests.byStatus.completed += 3;
    busier.requests.total += 3;
    expect((await renderDigestChart(busier)).equals(first)).toBe(false);

    const loaded = digestMetrics();
    loaded.load.buckets = loaded.load.buckets.map((bucket) => ({ ...bucket, champions: 7 }));
    expect((await renderDigestChart(loaded)).equals(first)).toBe(false);
  });

  it("draws an empty week at the same size", async () => {
    const empty = digestMetrics();
    empty.requests = requestsWith({});
    empty.load = { champions: 0, buckets: empty.load.buckets.map((bucket) => ({ ...bucket, champions: 0 })) };
    const decoded = decodePng(await renderDigestChart(empty));
    expect({ width: decoded.width, height: decoded.height }).toEqual(CHART_SIZE);
  });
});
