import { describe, expect, it } from "vitest";
import { MOTIVATIONS, type Motivation } from "../../src/core/domain";
import {
  isThanksDue,
  THANKS_TRIGGERS,
  type ThanksInput,
  type ThanksTrigger,
  thanksFor,
} from "../../src/core/impact";

const base: ThanksInput = {
  firstName: "Dana",
  publicName: "<@U0DANA>",
  motivations: [],
  activity: "reference_call",
  eventName: null,
  trigger: "completed",
  prospectIndustry: "fintech",
  publicConsent: false,
  shoutoutChannelConfigured: false,
};

const thanks = (overrides: Partial<ThanksInput> = {}) => thanksFor({ ...base, ...overrides });
const strongest = (motivation: Motivation, overrides: Partial<ThanksInput> = {}) =>
  thanks({ motivations: [motivation], ...overrides });
const inPublic = { publicConsent: true, shoutoutChannelConfigured: true };

describe("thanksFor", () => {
  it("differs for every strongest motivation (and none), for each trigger", () => {
    for (const trigger of THANKS_TRIGGERS) {
      const texts = [
        ...MOTIVATIONS.map((m) => strongest(m, { trigger }).privateText),
        thanks({ trigger }).privateText,
      ];
      expect(new Set(texts).size).toBe(MOTIVATIONS.length + 1);
    }
  });

  it("differs by trigger for every motivation", () => {
    for (const motivation of [...MOTIVATIONS, undefined]) {
      const motivations = motivation ? [motivation] : [];
      const completed = thanks({ motivations, trigger: "completed" });
      const won = thanks({ motivations, trigger: "deal_won" });
      expect(won.privateText).not.toBe(completed.privateText);
      expect(won.summary).toMatch(/deal it supported was won/);
      expect(completed.summary).not.toMatch(/deal/);
    }
  });

  it.each<[Motivation, ThanksTrigger, RegExp, string]>([
    ["spotlight", "completed", /went down really well.*knows it was you/, "thanks"],
    ["camaraderie", "completed", /win for our whole customer community/, "thanks"],
    ["altruism", "completed", /now knows how you solved the problem they're facing/, "thanks"],
    ["altruism", "deal_won", /decided to go ahead\. Your experience made that possible/, "thanks"],
    ["voice", "completed", /Your view changed the conversation/, "thanks"],
    ["voice", "deal_won", /what you told them changed their decision/, "thanks"],
    ["mastery", "completed", /deep-dive with our product experts and early access/, "learning"],
    [
      "duty",
      "completed",
      /^Done and counted: your reference call is complete and recorded\. Thank you, Dana\.$/,
      "thanks",
    ],
    [
      "duty",
      "deal_won",
      /^Done and counted: the deal your reference call supported has closed\. Thank you, Dana\.$/,
      "thanks",
    ],
  ])("%s, %s: says what the motivation calls for", (motivation, trigger, words, kind) => {
    const result = strongest(motivation, { trigger });
    expect(result.privateText).toMatch(words);
    expect(result.kind).toBe(kind);
    expect(result.publicText).toBeNull();
  });

  it("tells a voice-driven champion their product input reached the product team", () => {
    expect(strongest("voice", { activity: "product_feedback" }).privateText).toMatch(
      /product feedback session is now with our product team.*what changes because of it/,
    );
  });

  it("keeps duty crisp: two short sentences", () => {
    for (const trigger of THANKS_TRIGGERS) {
      const text = strongest("duty", { trigger }).privateText;
      expect(text.split(/(?<=\.)\s+/)).toHaveLength(2);
      expect(text.length).toBeLessThan(100);
    }
  });

  describe("public thanks", () => {
    it("goes public for spotlight only with consent and a channel", () => {
      const shared = strongest("spotlight", inPublic);
      expect(shared.kind).toBe("recognition");
      expect(shared.publicText).toBe(
        "Shout-out to <@U0DANA> for sharing their story with a prospective customer (reference call). Thank you!",
      );
      expect(shared.privateText).toMatch(/public shout-out for it/);
      expect(shared.summary).toBe("a public shout-out for your reference call");

      for (const rules of [
        { publicConsent: true, shoutoutChannelConfigured: false },
        { publicConsent: false, shoutoutChannelConfigured: true },
        { publicConsent: false, shoutoutChannelConfigured: false },
      ]) {
        const kept = strongest("spotlight", rules);
        expect(kept.publicText).toBeNull();
        expect(kept.kind).toBe("thanks");
        // Still credited by name, privately.
        expect(kept.privateText).toMatch(/^Thank you, Dana! .*it was you who made it happen/);
        expect(kept.privateText).not.toMatch(/public shout-out for it/);
      }
    });

    it("offers a shout-out next time only when there is a channel and no consent yet", () => {
      const offer = /If you'd like a public shout-out next time/;
      expect(strongest("spotlight", { shoutoutChannelConfigured: true }).privateText).toMatch(offer);
      expect(strongest("spotlight", { publicConsent: true }).privateText).not.toMatch(offer);
      expect(strongest("spotlight").privateText).not.toMatch(offer);
    });

    it("recognizes a camaraderie-driven champion with their peers, with the same consent", () => {
      const shared = strongest("camaraderie", { ...inPublic, trigger: "deal_won" });
      expect(shared.publicText).toMatch(/^Team win: <@U0DANA> helped a new customer join the community/);
      expect(shared.privateText).toMatch(/shared the win with your fellow champions/);
      const kept = strongest("camaraderie", { shoutoutChannelConfigured: true });
      expect(kept.publicText).toBeNull();
      expect(kept.privateText).toMatch(/If you'd like your fellow champions to hear about it next time/);
    });

    it("never goes public for the other motivations, whatever the consent", () => {
      for (const motivation of ["altruism", "voice", "mastery", "duty"] as const) {
        expect(strongest(motivation, inPublic).publicText).toBeNull();
      }
      expect(thanks(inPublic).publicText).toBeNull();
    });

    it("names neither the prospect nor its industry in public, and the event by its name", () => {
      for (const motivation of ["spotlight", "camaraderie"] as const) {
        for (const trigger of THANKS_TRIGGERS) {
          const result = strongest(motivation, {
            ...inPublic,
            trigger,
            activity: "panel",
            eventName: "Payments Leaders Panel",
            prospectIndustry: "healthcare",
          });
          expect(result.publicText).toContain("panel at Payments Leaders Panel");
          expect(result.publicText).not.toMatch(/health/i);
        }
      }
    });
  });

  it("describes the prospect to the champion by industry only", () => {
    const text = strongest("altruism", { prospectIndustry: "healthcare" }).privateText;
    expect(text).toContain("the healthcare team you spoke with");
    expect(strongest("altruism", { prospectIndustry: null }).privateText).toContain(
      "the team you spoke with",
    );
  });

  it("greets without a name when the roster has none", () => {
    expect(strongest("altruism", { firstName: "" }).privateText).toMatch(/^Thank you\. Because of/);
    expect(strongest("duty", { firstName: "" }).privateText).toMatch(/Thank you\.$/);
  });

  it("is deterministic", () => {
    expect(strongest("spotlight", inPublic)).toEqual(strongest("spotlight", inPublic));
  });
});

describe("isThanksDue", () => {
  it.each<[ThanksTrigger, boolean | null, string | null, boolean]>([
    ["completed", true, null, true],
    ["completed", false, null, false],
    ["completed", null, null, false],
    ["deal_won", true, "won", true],
    ["deal_won", null, "won", true],
    ["deal_won", false, "won", false],
    ["deal_won", true, "lost", false],
    ["deal_won", true, "open", false],
  ])("%s with held %s and deal %s: %s", (trigger, held, dealResult, due) => {
    expect(isThanksDue(trigger, { held, dealResult })).toBe(due);
  });
});
