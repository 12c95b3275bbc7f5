import { describe, expect, it } from "vitest";
import { type BenchSegment, benchGaps, gapWords } from "../../src/core/bench";
import { addDays } from "../../src/core/dates";
import { prepareRoster } from "../../src/core/matching";
import { champion, NOW, request, TODAY } from "../support/builders";

const REGION = (region: string) => (region === "NA" ? "North America" : region);
const fintechCfo = () => request({ industry: "fintech", region: "EMEA", persona: "CFO" });
const asked = (times: number) => Array.from({ length: times }, (_, k) => addDays(TODAY, -10 - k));
const gaps = (requests: ReturnType<typeof request>[], champions: ReturnType<typeof champion>[]) =>
  benchGaps(requests, prepareRoster(champions, NOW), 4);

const segment = (overrides: Partial<BenchSegment>): BenchSegment => ({
  industry: null,
  region: null,
  role: null,
  product: null,
  ...overrides,
});

describe("the bench ahead of demand", () => {
  it("finds a segment whose requests outnumber the asks its champions have left", () => {
    const requests = Array.from({ length: 9 }, fintechCfo);
    // Two EMEA fintech CFOs with room (1 and 2 asks left); one at their cap; one in another region.
    const champions = [
      champion({ asks: asked(3) }),
      champion({ asks: asked(2) }),
      champion({ asks: asked(4) }),
      champion({ region: "APAC", timezone: "Asia/Singapore" }),
    ];
    const [gap] = gaps(requests, champions);
    expect(gap).toEqual({
      segment: segment({ industry: "fintech", region: "EMEA", role: "CFO" }),
      requests: 9,
      championsWithRoom: 2,
      asksLeft: 3,
    });
    expect(gap && gapWords(gap, REGION)).toBe(
      "fintech CFOs in EMEA: 9 requests, 2 champions with room (3 asks left): recruit.",
    );
  });

  it("says nothing where the bench can take the demand, or for a one-off request", () => {
    const champions = [champion(), champion()];
    expect(gaps(Array.from({ length: 8 }, fintechCfo), champions)).toEqual([]);
    expect(gaps([request({ industry: "healthcare" })], [])).toEqual([]);
  });

  it("counts no room for champions paused, resting, unresponsive or inactive", () => {
    const champions = [
      champion({ status: "paused" }),
      champion({ status: "inactive" }),
      champion({ restUntil: addDays(TODAY, 10) }),
      champion({ ignored: [addDays(TODAY, -5), addDays(TODAY, -20)] }),
    ];
    const [gap] = gaps([fintechCfo(), fintechCfo()], champions);
    expect(gap).toMatchObject({ requests: 2, championsWithRoom: 0, asksLeft: 0 });
    expect(gap && gapWords(gap, REGION)).toBe(
      "fintech CFOs in EMEA: 2 requests, no champion with room: recruit.",
    );
  });

  it("reads products as segments of their own, and puts the widest shortfall first", () => {
    const requests = [
      ...Array.from({ length: 3 }, () => request({ products: ["Ledger Cloud"] })),
      ...Array.from({ length: 6 }, () => request({ industry: "healthcare", region: "NA" })),
    ];
    const result = gaps(requests, [champion({ products: ["Payments API"] })]);
    expect(result.map((gap) => gapWords(gap, REGION))).toEqual([
      "healthcare customers in North America: 6 requests, no champion with room: recruit.",
      "Ledger Cloud customers: 3 requests, no champion with room: recruit.",
    ]);
  });
});
