import { describe, expect, it } from "vitest";
import { listenerRouter } from "../../src/slack/listener-router";

// Routing itself is tested through the real Bolt app by every Slack test (each button, form,
// command and event reaches its handler through it); these are the forms it refuses to route.

describe("listenerRouter", () => {
  const handler = async () => {};

  it("refuses constraints it would match differently from Bolt", () => {
    const { registrar } = listenerRouter();
    expect(() => registrar.action({ block_id: "b" }, handler)).toThrow(/by an ID or a pattern/);
    expect(() => registrar.action(/^proposal\./g, handler)).toThrow(/global or sticky/);
    expect(() => registrar.view("form", async ({ next }) => next(), handler)).toThrow(/one handler/);
  });

  it("takes IDs and patterns", () => {
    const { registrar } = listenerRouter();
    expect(() => registrar.action(/^proposal\.approve:/, handler)).not.toThrow();
    expect(() => registrar.command("/reference", handler)).not.toThrow();
    expect(() => registrar.event("message", handler)).not.toThrow();
  });
});
