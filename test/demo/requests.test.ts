import { describe, expect, it } from "vitest";
import { type DemoStep, planDemoRequests } from "../../src/demo/requests";
import { NOW, TODAY } from "../support/builders";

// The demo's past requests as planned: every step in the past and in the lifecycle's order.

const DAY_MS = 86_400_000;
const plan = planDemoRequests(NOW);
/** What may come after each step: a no or silence moves on to the next proposal. */
const FOLLOWS: Readonly<Record<string, readonly DemoStep["kind"][]>> = {
  propose: ["approve"],
  approve: ["answer", "expire"],
  "answer:declined": ["propose"],
  expire: ["propose"],
  "answer:accepted": ["schedule"],
  schedule: ["complete"],
};
const stepName = (step: DemoStep) => (step.kind === "answer" ? `answer:${step.answer}` : step.kind);
const timed = (step: DemoStep): Date[] =>
  step.kind === "expire" ? [step.nudgedAt, step.at] : "at" in step ? [step.at] : [];

describe("the demo's past requests", () => {
  it("are the same on every run", () => {
    expect(planDemoRequests(NOW)).toEqual(plan);
  });

  it("span the last six weeks, a few of them in the last seven days", () => {
    const ages = plan.map((request) => (NOW.getTime() - request.openedAt.getTime()) / DAY_MS);
    expect(Math.max(...ages)).toBeLessThanOrEqual(42);
    expect(Math.min(...ages)).toBeGreaterThan(0);
    expect(ages.filter((age) => age < 7).length).toBeGreaterThanOrEqual(5);
  });

  it("happened step after step, all before now; what was held is dated before today", () => {
    for (const request of plan) {
      const times = [request.openedAt, ...request.steps.flatMap(timed)].map((at) => at.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(Math.max(...times)).toBeLessThan(NOW.getTime());
      const held = request.steps.find((step) => step.kind === "schedule");
      if (held?.kind !== "schedule") continue;
      // What was completed was held before today; what is only scheduled is still to come.
      const completed = request.steps.some((step) => step.kind === "complete");
      expect(completed ? held.date < TODAY : held.date > TODAY).toBe(true);
    }
  });

  it("go as far as the lifecycle allows: proposed, invited, declined, expired, accepted, scheduled, completed", () => {
    const ends = plan.map((request) => request.steps.at(-1)?.kind);
    for (const end of ["propose", "approve", "answer", "schedule", "complete"]) expect(ends).toContain(end);
    const steps = plan.flatMap((request) => request.steps);
    expect(steps.filter((step) => step.kind === "answer").map((step) => step.answer)).toEqual(
      expect.arrayContaining(["accepted", "declined"]),
    );
    expect(steps.some((step) => step.kind === "expire")).toBe(true);
    // Each step follows one the lifecycle allows it after.
    for (const request of plan) {
      request.steps.slice(1).forEach((step, index) => {
        const previous = request.steps[index] as DemoStep;
        expect(FOLLOWS[stepName(previous)]).toContain(step.kind);
      });
    }
  });
});
