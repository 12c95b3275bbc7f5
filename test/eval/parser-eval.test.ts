import { describe, expect, it } from "vitest";
import { emptyRequest, type ParseResult, type RequestFields } from "../../src/core/domain";
import { isAppError } from "../../src/core/errors";
import { mightBeReferenceRequest, recognizeDeterministically } from "../../src/core/parser/prefilter";
import { DEMO_PRODUCTS } from "../../src/demo/generate";
import { EVAL_NOW, type Example, loadExamples, parseExamples } from "../../src/eval/examples";
import { DETERMINISTIC_TARGETS, missedTargets, runEval } from "../../src/eval/parser-eval";
import { formatEvalReport } from "../../src/eval/report";

const fields = (overrides: Partial<RequestFields>): RequestFields => ({ ...emptyRequest(), ...overrides });

const request = (id: string, expected: Partial<RequestFields>): Example => ({
  id,
  text: `text of ${id}`,
  isRequest: true,
  expected: fields(expected),
});
const chatter = (id: string): Example => ({ id, text: `text of ${id}`, isRequest: false, expected: null });

/** A recognizer that answers from a table: the text's answer, or null when the table has none. */
const fromTable =
  (answers: Record<string, ParseResult>) =>
  async (text: string): Promise<ParseResult | null> =>
    answers[text] ?? null;

const detected = (request: Partial<RequestFields>): ParseResult => ({
  isRequest: true,
  confidence: 0.9,
  request: fields(request),
});

describe("runEval", () => {
  // Four requests and two non-requests: three requests found, one missed, one non-request taken for a request.
  const examples = [
    request("r1", { prospect_company: "Acme", industry: "healthcare", products: ["Billing", "Analytics"] }),
    request("r2", { industry: "banking", persona: "VP Engineering", activities: ["panel", "webinar"] }),
    request("r3", { industry: "retail", region: "EMEA" }),
    request("r4", { industry: "energy" }),
    chatter("n1"),
    chatter("n2"),
  ];
  const recognize = fromTable({
    "text of r1": detected({
      prospect_company: "ACME",
      industry: "healthcare",
      products: ["analytics", "Billing"],
    }),
    "text of r2": detected({
      industry: "banking",
      persona: "vp  engineering",
      activities: ["webinar", "panel"],
    }),
    "text of r3": detected({ industry: "fintech", region: "EMEA" }),
    "text of n1": detected({}),
    // A result that says "not a request" counts as not detected.
    "text of r4": { isRequest: false, confidence: 0.2, request: fields({ industry: "energy" }) },
  });

  it("counts detections and computes precision and recall", async () => {
    const result = await runEval(examples, recognize);
    expect(result.examples).toBe(6);
    expect(result.detection).toEqual({
      truePositives: 3,
      falsePositives: 1,
      falseNegatives: 1,
      trueNegatives: 1,
    });
    expect(result.precision).toBeCloseTo(0.75);
    expect(result.recall).toBeCloseTo(0.75);
  });

  it("scores fields over the requests detected: names case-insensitively, lists as sets", async () => {
    const result = await runEval(examples, recognize);
    expect(result.fields.industry).toEqual({ correct: 2, total: 3, accuracy: 2 / 3 });
    expect(result.fields.prospect_company.accuracy).toBe(1);
    expect(result.fields.products.accuracy).toBe(1);
    expect(result.fields.persona.accuracy).toBe(1);
    expect(result.fields.activities.accuracy).toBe(1);
    expect(result.fields.region).toEqual({ correct: 3, total: 3, accuracy: 1 });
  });

  it("lists every mistake with what was expected and what came back", async () => {
    const result = await runEval(examples, recognize);
    expect(result.mistakes.map(({ id, field, expected, got }) => ({ id, field, expected, got }))).toEqual([
      { id: "r3", field: "industry", expected: "retail", got: "fintech" },
      { id: "r4", field: "detection", expected: true, got: false },
      { id: "n1", field: "detection", expected: false, got: true },
    ]);
  });

  it("gives the same answer however many recognitions run at once", async () => {
    const one = await runEval(examples, recognize, { concurrency: 1 });
    const many = await runEval(examples, recognize, { concurrency: 4 });
    expect(many).toEqual(one);
  });

  it("has no precision when nothing is detected and no recall without requests", async () => {
    const silent = await runEval(examples, fromTable({}));
    expect(silent.precision).toBeNull();
    expect(silent.recall).toBe(0);
    expect(silent.fields.industry).toEqual({ correct: 0, total: 0, accuracy: null });
    const noRequests = await runEval([chatter("n1")], fromTable({}));
    expect(noRequests.recall).toBeNull();
  });

  it("names the targets a result misses", async () => {
    const result = await runEval(examples, recognize);
    expect(
      missedTargets(result, { precision: 0.7, recall: 0.8, fields: { industry: 0.9, region: 0.9 } }),
    ).toEqual(["recall 0.750 < 0.80", "industry 0.667 < 0.90"]);
  });

  it("reports the numbers, the denominator and, when verbose, the mistakes", async () => {
    const result = await runEval(examples, recognize);
    const report = formatEvalReport("rules", result, { verbose: true, targets: DETERMINISTIC_TARGETS });
    expect(report).toContain("precision  0.750");
    expect(report).toContain("TP 3  FP 1  FN 1  TN 1");
    expect(report).toContain("over the 3 true requests detected");
    expect(report).toContain('r3 industry: expected "retail", got "fintech"');
    expect(report).toContain("targets missed: precision 0.750 < 0.95");
    expect(formatEvalReport("rules", result)).not.toContain("r3 industry");
  });
});

describe("parseExamples", () => {
  const good = JSON.stringify({
    id: "r1",
    text: "need a ref for Acme",
    isRequest: true,
    expected: fields({ prospect_company: "Acme" }),
  });

  const problem = (text: string): string => {
    try {
      parseExamples(text, "messages.jsonl");
    } catch (error) {
      expect(isAppError(error, "input_invalid")).toBe(true);
      return (error as Error).message;
    }
    throw new Error("expected the examples to be rejected");
  };

  it("reads requests and non-requests, skipping blank lines", () => {
    const examples = parseExamples(
      `${good}\n\n${JSON.stringify({ id: "n1", text: "lunch?", isRequest: false })}\n`,
    );
    expect(examples).toEqual([
      {
        id: "r1",
        text: "need a ref for Acme",
        isRequest: true,
        expected: fields({ prospect_company: "Acme" }),
      },
      { id: "n1", text: "lunch?", isRequest: false, expected: null },
    ]);
  });

  it("names the line and the field of the first bad line", () => {
    expect(problem(`${good}\n{not json`)).toMatch(/^messages\.jsonl line 2: not JSON/);
    const badRegion = good.replace('"region":null', '"region":"Mars"');
    expect(problem(`${good.replace('"r1"', '"r0"')}\n\n${badRegion}`)).toMatch(
      /^messages\.jsonl line 3: expected\.region: /,
    );
    const noExpected = JSON.stringify({ id: "r2", text: "need a ref", isRequest: true });
    expect(problem(noExpected)).toBe("messages.jsonl line 1: expected: a request needs its expected fields");
    const misspelt = good.replace('"persona"', '"personna"');
    expect(problem(misspelt)).toMatch(/^messages\.jsonl line 1: expected/);
    expect(problem(good.replace('"deadline":null', '"deadline":"Friday"'))).toMatch(
      /line 1: expected\.deadline: /,
    );
    expect(problem(`${good}\n${good}`)).toBe('messages.jsonl line 2: id: "r1" appears twice');
  });
});

describe("the fixture set", () => {
  it("holds at least 170 labelled messages, about two requests to one look-alike", async () => {
    const examples = await loadExamples();
    expect(examples.length).toBeGreaterThanOrEqual(170);
    expect(examples.filter((example) => example.isRequest).length).toBeGreaterThanOrEqual(110);
    expect(examples.filter((example) => !example.isRequest).length).toBeGreaterThanOrEqual(60);
  });

  it("meets the deterministic path's targets", async () => {
    const examples = await loadExamples();
    const context = { now: EVAL_NOW, products: DEMO_PRODUCTS };
    const result = await runEval(examples, async (text) => recognizeDeterministically(text, context));
    expect(missedTargets(result, DETERMINISTIC_TARGETS)).toEqual([]);
    expect(result.precision).toBeGreaterThanOrEqual(0.95);
    expect(result.recall).toBeGreaterThanOrEqual(0.85);
    for (const field of ["industry", "region", "company_size", "activities"] as const)
      expect(result.fields[field].accuracy, field).toBeGreaterThanOrEqual(0.9);
  });
});

describe("mightBeReferenceRequest", () => {
  it.each([
    "does anyone have a healthcare CFO who could talk to Acme?",
    "need a ref for globex, fin serv, EU, by friday",
    "can we get a champion for our panel on Dec 10?",
    "Looking for a case study on Fraud Shield in banking",
    "who'd be up for a G2 review?",
    "Initech wants to hear from a peer before Thanksgiving",
  ])("lets a request through: %s", (text) => {
    expect(mightBeReferenceRequest(text)).toBe(true);
  });

  it.each([
    "lunch is here 🍕",
    "moving our 1:1 to 3pm, something came up",
    "the deploy failed again",
    "Globex renewed! 3 years",
    "the panel last night was great",
  ])("stops chatter: %s", (text) => {
    expect(mightBeReferenceRequest(text)).toBe(false);
  });

  it("lets every request of the fixture set through", async () => {
    const missed = (await loadExamples()).filter(
      (example) => example.isRequest && !mightBeReferenceRequest(example.text),
    );
    expect(missed.map((example) => example.id)).toEqual([]);
  });
});

describe("recognizeDeterministically", () => {
  const context = { now: EVAL_NOW, products: DEMO_PRODUCTS };

  it("returns the parsed request for a request", () => {
    const result = recognizeDeterministically("need a ref for Globex, fintech, EMEA, by Friday", context);
    expect(result?.request).toMatchObject({
      prospect_company: "Globex",
      industry: "fintech",
      region: "EMEA",
    });
  });

  it("returns null for a message that is not one, whether the pre-filter or the parser says so", () => {
    expect(recognizeDeterministically("lunch is here", context)).toBeNull();
    expect(recognizeDeterministically("anyone seen the Acme reference doc?", context)).toBeNull();
  });
});
