import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clarifyMessage } from "../../../src/slack/blocks/invitation";
import {
  COMPOSE_CALLBACK,
  composeModal,
  MAX_INVITATION_LENGTH,
  readComposeModal,
} from "../../../src/slack/blocks/invitation-compose";
import { recognitionOffer } from "../../../src/slack/blocks/recognition-offer";
import { decodeOfferValue, encodeOfferValue } from "../../../src/slack/payloads";
import { assertWithinLimits, interactiveElements, long, requestFields } from "./fixtures";

describe("the recognition offer", () => {
  const value = encodeOfferValue({
    authorId: "U0REP",
    channelId: "C0SALES",
    messageTs: "1.2",
    fields: requestFields(),
    rawText: "need a fintech CFO for Acme",
  });

  it("shows what was understood and carries it in the open button", () => {
    const offer = recognitionOffer({ authorId: "U0REP", fields: requestFields(), value, addressed: false });
    assertWithinLimits(offer);
    expect(JSON.stringify(offer.blocks)).toContain("Acme Payments GmbH");
    const [open, dismiss] = interactiveElements(offer.blocks);
    expect(open).toMatchObject({ action_id: "request.open", value });
    expect(dismiss).toMatchObject({ action_id: "request.dismiss", value: "U0REP" });
    expect(offer.text).not.toContain("<@U0REP>");
  });

  it("names its author when everyone in the thread can see it", () => {
    const offer = recognitionOffer({ authorId: "U0REP", fields: requestFields(), value, addressed: true });
    expect(offer.text).toMatch(/^<@U0REP>, this looks like/);
  });

  it("fits any message into a 2,000-character button value, keeping the fields whole", () => {
    for (const rawText of [long(10_000), "“quoted” \\ back\nslash ".repeat(400), "🙂".repeat(3000)]) {
      const encoded = encodeOfferValue({
        authorId: "U0REP",
        channelId: "C0SALES",
        messageTs: "1.2",
        fields: requestFields({ persona: long(300) }),
        rawText,
      });
      expect(encoded.length).toBeLessThanOrEqual(2000);
      const decoded = decodeOfferValue(encoded);
      expect(decoded.fields.persona).toHaveLength(300);
      expect(rawText.startsWith(decoded.rawText)).toBe(true);
    }
  });

  it("fits a message naming the whole catalogue: as many products as fit, and returns at once", () => {
    const products = Array.from({ length: 400 }, (_, i) => `Product number ${i} with a long catalogue name`);
    const encoded = encodeOfferValue({
      authorId: "U0REP",
      channelId: "C0SALES",
      messageTs: "1.2",
      fields: requestFields({ products, prospect_company: long(5_000), persona: long(5_000) }),
      rawText: products.join(", "),
    });
    expect(encoded.length).toBeLessThanOrEqual(2000);
    const decoded = decodeOfferValue(encoded);
    expect(decoded.fields.products.length).toBeGreaterThan(0);
    expect(products.slice(0, decoded.fields.products.length)).toEqual(decoded.fields.products);
  });

  it("always returns a value within the limit that reads back, whatever the fields and text", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 300 }), { maxLength: 300 }),
        fc.option(fc.string({ maxLength: 3000 })),
        fc.string({ maxLength: 5000 }),
        (products, persona, rawText) => {
          const encoded = encodeOfferValue({
            authorId: "U0REP",
            channelId: "C0SALES",
            messageTs: "1.2",
            fields: requestFields({ products, persona }),
            rawText,
          });
          expect(encoded.length).toBeLessThanOrEqual(2000);
          expect(rawText.startsWith(decodeOfferValue(encoded).rawText)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refuses a value that is not an offer, with a polite code", () => {
    expect(() => decodeOfferValue('{"authorId":"U1"}')).toThrow(/please use \/reference/);
    expect(() => decodeOfferValue(undefined)).toThrow(expect.objectContaining({ code: "input_invalid" }));
  });
});

describe("the invitation composer", () => {
  const modal = composeModal({
    candidateId: 42,
    championName: "Dana Whitfield",
    ask: "panel — Fintech Leaders Panel, 12 Mar 2027",
    draft: "Hi Dana, would you be up for a speaking slot?",
    source: "template",
  });
  const blockId = "message:template";
  const submit = (value: string) =>
    readComposeModal(modal.private_metadata ?? "", { [blockId]: { message: { value } } });

  it("is a modal within Slack's limits that says who gets what", () => {
    assertWithinLimits(modal);
    expect(modal.callback_id).toBe(COMPOSE_CALLBACK);
    expect(JSON.stringify(modal.blocks)).toContain("Dana Whitfield");
    expect(JSON.stringify(modal.blocks)).toContain("Hi Dana, would you be up for a speaking slot?");
  });

  it("changes the input's block when the draft's source changes, so Slack shows the new text", () => {
    const model = composeModal({ candidateId: 42, championName: "D", ask: "x", draft: "y", source: "model" });
    expect(JSON.stringify(model.blocks)).toContain('"block_id":"message:model"');
    expect(JSON.stringify(modal.blocks)).toContain('"block_id":"message:template"');
  });

  it("reads back the candidate and the trimmed words", () => {
    expect(submit("  Hello Dana!  ")).toEqual({ candidateId: 42, message: "Hello Dana!" });
  });

  it("asks for words when they are missing or too long", () => {
    expect(submit("   ")).toEqual({ blockId, error: expect.stringMatching(/Write a few words/) });
    expect(submit("x".repeat(MAX_INVITATION_LENGTH + 1))).toMatchObject({
      blockId,
      error: expect.any(String),
    });
  });

  it("refuses a submission without its candidate", () => {
    expect(() => readComposeModal("{}", {})).toThrow(expect.objectContaining({ code: "input_invalid" }));
  });
});

describe("the clarifying answer", () => {
  it("asks one short question and offers the three answers for the same invitation", () => {
    const message = clarifyMessage(7);
    assertWithinLimits(message);
    expect(interactiveElements(message.blocks).map((element) => element.action_id)).toEqual([
      "invitation.accept:7",
      "invitation.later:7",
      "invitation.decline:7",
    ]);
  });
});
