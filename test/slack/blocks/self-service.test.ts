import type { KnownBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { SURVEY } from "../../../src/core/self-service";
import type { ChampionInput } from "../../../src/roster/champions-csv";
import {
  decodeSurveyAnswers,
  encodeSurveyAnswers,
  listWords,
  selfServiceHelpMessage,
  surveyAnsweredMessage,
  surveyQuestionMessage,
  surveySummaryMessage,
} from "../../../src/slack/blocks/self-service";
import type { SlackMessage } from "../../../src/slack/gateway";
import { actionIds, assertWithinLimits, interactiveElements, TODAY, visibleText } from "./fixtures";

const withBlocks = (message: SlackMessage) => ({
  text: message.text,
  blocks: message.blocks ?? ([] as KnownBlock[]),
});

const OMAR: ChampionInput = {
  name: "Omar Haddad",
  email: "omar@cedar.example",
  slackUserId: "U0OMAR0001",
  company: "Cedar Bank",
  title: "VP Finance",
  industry: "Banking",
  companySize: null,
  region: "EMEA",
  timezone: "Europe/Berlin",
  products: [],
  motivations: [],
  activities: [],
  maxAsksPerQuarter: null,
  status: "active",
  restUntil: null,
  notes: "",
  emailOk: true,
  sharedChannelId: null,
  slackTeamId: null,
};

describe("the survey messages", () => {
  it("asks each question with one button per option, named survey.answer:<question>:<option>", () => {
    for (const question of SURVEY) {
      const message = withBlocks(surveyQuestionMessage(question, {}));
      assertWithinLimits(message);
      expect(actionIds(message.blocks)).toEqual(
        question.options.map((option) => `survey.answer:${question.id}:${option.id}`),
      );
      expect(message.text).toContain(question.prompt);
    }
  });

  it("carries the answers so far in every button", () => {
    const [, second] = SURVEY;
    if (!second) throw new Error("the survey has five questions");
    const message = withBlocks(surveyQuestionMessage(second, { enjoy: "learn" }));
    for (const element of interactiveElements(message.blocks)) expect(element.value).toBe("enjoy=learn");
    expect(message.text).toContain("2 of 5");
  });

  it("round-trips the answers and drops anything a button could not have carried", () => {
    const answers = { enjoy: "stage", why: "people", afterwards: "impact" };
    expect(decodeSurveyAnswers(encodeSurveyAnswers(answers))).toEqual(answers);
    expect(decodeSurveyAnswers("enjoy=stage;why=nonsense;forged=1;=;afterwards")).toEqual({ enjoy: "stage" });
    expect(decodeSurveyAnswers(undefined)).toEqual({});
  });

  it("shows the answer without buttons once chosen", () => {
    const [first] = SURVEY;
    if (!first) throw new Error("the survey has five questions");
    const message = withBlocks(surveyAnsweredMessage(first, "Learning from other experts"));
    assertWithinLimits(message);
    expect(interactiveElements(message.blocks)).toEqual([]);
    expect(visibleText(message)).toContain("Learning from other experts");
  });

  it("sums up the motivations and the asks they lead to", () => {
    const message = surveySummaryMessage(
      ["spotlight", "camaraderie"],
      ["conference_talk", "panel", "webinar"],
    );
    assertWithinLimits(message);
    expect(message.text).toContain("the stage and time with peers");
    expect(message.text).toContain("conference talks, panels and webinars");
  });
});

describe("selfServiceHelpMessage", () => {
  it("lists the commands and where the champion stands", () => {
    const message = withBlocks(selfServiceHelpMessage(OMAR, TODAY, 4));
    assertWithinLimits(message);
    const text = visibleText(message);
    for (const command of [
      "pause until",
      "I'm back",
      "no more webinars",
      "max 2 asks a quarter",
      "preferences",
    ]) {
      expect(text).toContain(command);
    }
    expect(text).toContain("You're available.");
    expect(text).toContain("About 4 asks a quarter at most (the program's usual number)");
    expect(text).toContain("every kind of ask");
  });

  it("says when they rest, their own cap, the asks they're down for and what they care about", () => {
    const resting: ChampionInput = {
      ...OMAR,
      restUntil: "2027-03-03",
      maxAsksPerQuarter: 2,
      activities: ["reference_call", "case_study"],
      motivations: ["duty", "altruism"],
    };
    const text = visibleText(withBlocks(selfServiceHelpMessage(resting, TODAY, 4)));
    expect(text).toContain("resting until 3 Mar 2027");
    expect(text).toContain("About 2 asks a quarter at most.");
    expect(text).toContain("reference calls and case studies");
    expect(text).toContain("clear, time-boxed asks and helping a peer");
    expect(
      visibleText(withBlocks(selfServiceHelpMessage({ ...OMAR, status: "paused" }, TODAY, 4))),
    ).toContain("You're paused");
  });

  it("joins words as a person would", () => {
    expect(listWords([])).toBe("");
    expect(listWords(["a"])).toBe("a");
    expect(listWords(["a", "b"])).toBe("a and b");
    expect(listWords(["a", "b", "c"])).toBe("a, b and c");
  });
});
