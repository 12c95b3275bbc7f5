import { describe, expect, it } from "vitest";
import {
  escapeMrkdwn,
  LIMITS,
  mention,
  mrkdwn,
  truncate,
  truncateMrkdwn,
} from "../../../src/slack/blocks/limits";
import { limitViolations } from "./fixtures";

describe("Block Kit limits", () => {
  it("match Slack's published numbers", () => {
    expect(LIMITS).toMatchObject({
      messageBlocks: 50,
      modalBlocks: 100,
      sectionText: 3000,
      buttonText: 75,
      buttonValue: 2000,
      privateMetadata: 3000,
      modalTitle: 24,
      optionText: 75,
      inputInitialValue: 3000,
      contextText: 2000,
      headerText: 150,
    });
  });
});

describe("truncate", () => {
  it("leaves short text alone", () => {
    expect(truncate("Payments API", 75)).toBe("Payments API");
    expect(truncate("x".repeat(75), 75)).toBe("x".repeat(75));
  });

  it("never exceeds the limit and ends with an ellipsis when it cuts", () => {
    for (const max of [1, 2, 24, 75, 3000]) {
      const cut = truncate("word ".repeat(2000), max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut.endsWith("…")).toBe(true);
    }
    expect(truncate("anything", 0)).toBe("");
  });

  it("does not split an emoji in half", () => {
    const cut = truncate(`${"a".repeat(8)}😀😀😀`, 10);
    expect(cut.length).toBeLessThanOrEqual(10);
    expect(cut).toBe("aaaaaaaa…");
  });
});

describe("mrkdwn helpers", () => {
  it("escapes the characters Slack treats as markup", () => {
    expect(escapeMrkdwn("R&D <@U123> > 3")).toBe("R&amp;D &lt;@U123&gt; &gt; 3");
  });

  it("cuts without leaving half an escape or half a mention", () => {
    expect(truncateMrkdwn("abc &amp; def", 8)).toBe("abc …");
    expect(truncateMrkdwn("hello <@U0LEAD0001> there", 12)).toBe("hello …");
  });

  it("never builds an empty text object", () => {
    expect(mrkdwn("").text).toBe(" ");
  });

  it("only turns well-formed user IDs into mentions", () => {
    expect(mention("U0LEAD0001")).toBe("<@U0LEAD0001>");
    expect(mention("<!channel>")).toBe("&lt;!channel&gt;");
  });
});

describe("limitViolations (the checker the builder tests rely on)", () => {
  it("accepts a small valid message", () => {
    expect(limitViolations({ text: "hi", blocks: [{ type: "section", text: mrkdwn("hi") }] })).toEqual([]);
  });

  it("catches what Slack would reject", () => {
    const button = (text: string, value: string) => ({
      type: "button" as const,
      action_id: "a",
      text: { type: "plain_text" as const, text },
      value,
    });
    const problems = limitViolations({
      text: "",
      blocks: [
        ...Array.from({ length: 50 }, () => ({ type: "divider" as const })),
        { type: "header", text: { type: "plain_text", text: "h".repeat(151) } },
        { type: "section", text: { type: "mrkdwn", text: "s".repeat(3001) } },
        { type: "context", elements: [{ type: "mrkdwn", text: "c".repeat(2001) }] },
        { type: "actions", elements: [button("b".repeat(76), "v".repeat(2001))] },
        {
          type: "section",
          text: { type: "mrkdwn", text: "" },
          accessory: {
            type: "static_select",
            action_id: "s",
            options: [{ text: { type: "plain_text", text: "o".repeat(76) }, value: "x".repeat(76) }],
            initial_option: { text: { type: "plain_text", text: "nope" }, value: "nope" },
          },
        },
      ],
    });
    for (const expected of [
      /55 blocks > 50/,
      /fallback text/,
      /header.*151 > 150/,
      /section.*3001 > 3000/,
      /context.*2001 > 2000/,
      /text: 76 > 75/,
      /value too long/,
      /empty text/,
      /options\[0\].*76 > 75/,
      /options\[0\]: value too long/,
      /initial option nope/,
    ]) {
      expect(
        problems.some((problem) => expected.test(problem)),
        String(expected),
      ).toBe(true);
    }
  });

  it("holds modals to 100 blocks, a 24-character title and 3,000 characters of metadata", () => {
    const problems = limitViolations({
      type: "modal",
      title: { type: "plain_text", text: "A title that is far too long" },
      private_metadata: "m".repeat(3001),
      blocks: Array.from({ length: 101 }, () => ({ type: "divider" as const })),
    });
    expect(problems).toEqual(
      expect.arrayContaining(["101 blocks > 100", "title: 28 > 24 characters", "private_metadata too long"]),
    );
  });
});
