import { describe, expect, it } from "vitest";
import { activityCalendar } from "../../src/core/calendar";
import { MOTIVATIONS, type Motivation } from "../../src/core/domain";
import {
  firstNameOf,
  invitationPitch,
  type PitchInput,
  personaWithout,
} from "../../src/core/invitation-pitch";

const base: PitchInput = {
  firstName: "Dana",
  motivations: [],
  activity: "reference_call",
  event: null,
  prospectIndustry: "healthcare",
  persona: "CFO",
  deadline: "2026-12-11",
};

const pitch = (overrides: Partial<PitchInput> = {}) => invitationPitch({ ...base, ...overrides });
const strongest = (motivation: Motivation, overrides: Partial<PitchInput> = {}) =>
  pitch({ motivations: [motivation], ...overrides });
const sentences = (text: string) => text.split(/(?<=[.!?])\s+(?=[A-Z])/).filter((s) => s.trim() !== "");

describe("firstNameOf", () => {
  it.each([
    ["Dana Whitfield", "Dana"],
    ["  Chidi   Okafor ", "Chidi"],
    ["Dr. Ingrid Solberg", "Ingrid"],
    ["Prof Ana María López", "Ana"],
    ["Okafor, Chidi", "Chidi"],
    ["Madonna", "Madonna"],
    ["", ""],
    ["🌟 Dana Whitfield", "Dana"],
    [":star: Dana", "Dana"],
    ["🦄", ""],
    ["J. Robert Smith", "Robert"],
    ["Mr Smith", ""],
    ["Anne-Marie O'Neil", "Anne-Marie"],
  ])("%j → %j", (full, first) => {
    expect(firstNameOf(full)).toBe(first);
  });
});

describe("invitationPitch", () => {
  it("is different for every strongest motivation, and for none", () => {
    const pitches = [...MOTIVATIONS.map((m) => strongest(m)), pitch()];
    expect(new Set(pitches).size).toBe(MOTIVATIONS.length + 1);
  });

  it("frames the ask around what each motivation gets out of it", () => {
    expect(strongest("spotlight", { activity: "panel" })).toMatch(/stage/);
    expect(strongest("spotlight", { activity: "panel" })).toMatch(/credit you publicly|by name/);
    expect(strongest("camaraderie", { activity: "peer_event" })).toMatch(/other customers/);
    expect(strongest("camaraderie")).toMatch(/share the win|together/);
    expect(strongest("duty")).toContain("30 minutes, one call, done");
    expect(strongest("duty")).toContain("11 Dec 2026");
    expect(strongest("altruism")).toMatch(/problem you've already solved/);
    expect(strongest("altruism")).toMatch(/what your help made possible/);
    expect(strongest("voice")).toMatch(/product team and senior leaders/);
    expect(strongest("voice", { activity: "advisory_board" })).toMatch(/real influence.*roadmap/);
    expect(strongest("mastery")).toMatch(/swap notes with expert peers/);
    expect(pitch()).toMatch(/No pressure/);
  });

  it("follows only the strongest motivation", () => {
    expect(pitch({ motivations: ["duty", "spotlight"] })).toBe(strongest("duty"));
    expect(pitch({ motivations: ["spotlight", "duty"] })).not.toBe(strongest("duty"));
  });

  it("greets the champion and describes the prospect by industry and role only", () => {
    const text = strongest("altruism");
    expect(text.startsWith("Hi Dana,")).toBe(true);
    expect(text).toContain("a healthcare CFO");
    expect(text.match(/healthcare CFO/g)).toHaveLength(1);
  });

  it("never names the prospect's company nor an email, even when the persona carries them", () => {
    for (const motivation of [...MOTIVATIONS, undefined]) {
      const text = pitch({
        motivations: motivation ? [motivation] : [],
        persona: "CFO at Acme Health (jane.doe@acme-health.example)",
        firstName: "Dana dana@northwind.example",
      });
      expect(text).not.toMatch(/acme/i);
      expect(text).not.toMatch(/@/);
      expect(text).toContain("CFO");
    }
  });

  it("leaves out the prospect's name however the persona carries it", () => {
    for (const persona of [
      "CFO of Acme Health",
      "Acme Health's CFO",
      "CFO - Acme Health",
      "CFO for ACME HEALTH",
    ]) {
      const text = pitch({ persona, prospect: "Acme Health" });
      expect(text, persona).not.toMatch(/acme/i);
      expect(text, persona).toContain("healthcare CFO");
    }
  });

  it("is 2 to 4 sentences", () => {
    for (const motivation of [...MOTIVATIONS, undefined]) {
      for (const activity of ["reference_call", "panel", "case_study", "advisory_board"] as const) {
        const text = pitch({ motivations: motivation ? [motivation] : [], activity });
        const count = sentences(text).length;
        expect(count, text).toBeGreaterThanOrEqual(2);
        expect(count, text).toBeLessThanOrEqual(4);
      }
    }
  });

  it("names the program event and its date", () => {
    const text = strongest("spotlight", {
      activity: "panel",
      event: { name: "Fintech Leaders Panel", date: "2026-12-15" },
      prospectIndustry: "fintech",
    });
    expect(text).toContain("a speaking slot at Fintech Leaders Panel on 15 Dec 2026");
    expect(text).toContain("a fintech CFO");
  });

  it("asks by the deadline and reads sensibly without industry or persona", () => {
    const text = strongest("mastery", { prospectIndustry: null, persona: null, activity: "case_study" });
    expect(text).toContain("a case study with a peer by 11 Dec 2026?");
  });

  it("is deterministic", () => {
    expect(strongest("voice")).toBe(strongest("voice"));
  });
});

describe("personaWithout", () => {
  it.each([
    ["CFO of Acme Health", "Acme Health", "CFO"],
    ["Acme Health’s CFO", "Acme Health", "CFO"],
    ["VP of Engineering at Acme", "Acme", "VP of Engineering"],
    ["Head of Finance", "Acme", "Head of Finance"],
    ["CFO of Acme", null, "CFO of Acme"],
  ])("%j without %j → %j", (persona, prospect, role) => {
    expect(personaWithout(persona, prospect)).toBe(role);
  });
});

describe("the champion's calendar file", () => {
  it("names the prospect by role and industry only, never its company", () => {
    const file = activityCalendar(
      {
        activityId: 1,
        date: "2027-01-12",
        activity: "reference_call",
        eventName: null,
        championName: "Dana Whitfield",
        prospectCompany: "Acme Health",
        prospectIndustry: "healthcare",
        persona: "CFO of Acme Health",
        now: new Date("2026-12-07T10:00:00Z"),
      },
      "champion",
    );
    const text = JSON.stringify(file);
    expect(text).not.toMatch(/acme/i);
    expect(text).toContain("CFO at a healthcare company");
  });
});
