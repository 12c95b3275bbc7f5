import { describe, expect, it } from "vitest";
import { ACTIVITY_TYPES, MOTIVATIONS, type Motivation } from "../../src/core/domain";
import { motivationFit } from "../../src/core/motivation";
import { interpretReply } from "../../src/core/reply-interpreter";
import {
  activityPlural,
  changeActivities,
  DEFAULT_PAUSE_DAYS,
  favouredActivities,
  motivationsFromSurvey,
  nextSurveyQuestion,
  readSelfServiceCommand,
  type SelfServiceCommand,
  SURVEY,
  type SurveyAnswers,
} from "../../src/core/self-service";

// Monday 23 November 2026, 15:00 UTC: 10:00 in New York, already Tuesday the 24th in Auckland.
const now = new Date("2026-11-23T15:00:00Z");
const NEW_YORK = "America/New_York";
const AUCKLAND = "Pacific/Auckland";

const read = (text: string, timezone: string | null = NEW_YORK) =>
  readSelfServiceCommand(text, { now, timezone });

const pause = (until: string): SelfServiceCommand => ({ kind: "pause", until });
const optOut = (activity: (typeof ACTIVITY_TYPES)[number]): SelfServiceCommand => ({
  kind: "opt_out",
  activity,
});
const optIn = (activity: (typeof ACTIVITY_TYPES)[number]): SelfServiceCommand => ({
  kind: "opt_in",
  activity,
});
const cap = (perQuarter: number | null): SelfServiceCommand => ({ kind: "cap", perQuarter });
const resume: SelfServiceCommand = { kind: "resume" };
const survey: SelfServiceCommand = { kind: "survey" };
const help: SelfServiceCommand = { kind: "help" };

const rows: { text: string; command: SelfServiceCommand | null; timezone?: string }[] = [
  // Pausing, with the first day they may be asked again.
  { text: "pause until March 3", command: pause("2027-03-03") },
  { text: "Pause until 3 March, please", command: pause("2027-03-03") },
  { text: "pause me for two weeks", command: pause("2026-12-07") },
  { text: "pause me for 10 days", command: pause("2026-12-03") },
  { text: "snooze me for a month", command: pause("2026-12-23") },
  { text: "pause for a couple of weeks", command: pause("2026-12-07") },
  { text: "pause until April", command: pause("2027-04-01") },
  { text: "pause till mid-January", command: pause("2027-01-15") },
  { text: "pause until the end of January", command: pause("2027-01-31") },
  { text: "please pause me until 5 December", command: pause("2026-12-05") },
  { text: "pause until after Q1", command: pause("2027-04-01") },
  { text: "pause until Q2", command: pause("2027-04-01") },
  { text: "pause until the new year", command: pause("2027-01-01") },
  { text: "pause until next month", command: pause("2026-12-01") },
  { text: "pause until 2027-02-14", command: pause("2027-02-14") },
  { text: "pause until after March 3", command: pause("2027-03-04") },
  { text: "pause until may", command: pause("2027-05-01") },
  { text: "I'm away until Jan 10", command: pause("2027-01-10") },
  { text: "I'm on parental leave until June", command: pause("2027-06-01") },
  { text: "take a break until February", command: pause("2027-02-01") },
  { text: "hold off until April", command: pause("2027-04-01") },
  { text: "don't ask me for anything until March", command: pause("2027-03-01") },
  // Without a date: the same rest as an invitation's "Not now".
  { text: "pause", command: pause("2026-12-23") },
  { text: "pause me for now", command: pause("2026-12-23") },
  { text: "I'd like to take a break", command: pause("2026-12-23") },
  { text: "put me on hold for a bit", command: pause("2026-12-23") },
  // A date that is not ahead: the help says how to write one.
  { text: "pause until yesterday", command: help },
  { text: "pause until the blue moon", command: help },
  // Their own today: in Auckland it is already the 24th, so two weeks end on 8 December.
  { text: "pause me for two weeks", command: pause("2026-12-08"), timezone: AUCKLAND },
  { text: "pause until Monday", command: pause("2026-11-30") },

  // Coming back.
  { text: "I'm back", command: resume },
  { text: "I'm back!", command: resume },
  { text: "im back now", command: resume },
  { text: "I'm back from parental leave", command: resume },
  { text: "resume", command: resume },
  { text: "unpause me", command: resume },
  { text: "you can ask me again", command: resume },
  { text: "I'm available again", command: resume },

  // Opting out of a kind of ask, and back in.
  { text: "no more webinars", command: optOut("webinar") },
  { text: "No more reference calls please", command: optOut("reference_call") },
  { text: "stop asking me for case studies", command: optOut("case_study") },
  { text: "don't ask me to do panels anymore", command: optOut("panel") },
  { text: "I don't do webinars", command: optOut("webinar") },
  { text: "no more advisory board meetings", command: optOut("advisory_board") },
  { text: "opt me out of press quotes", command: optOut("press_quote") },
  { text: "no more product feedback calls", command: optOut("product_feedback") },
  { text: "I'm done with site visits", command: optOut("site_visit") },
  { text: "no dinners for me", command: optOut("peer_event") },
  { text: "I'm happy to do panels again", command: optIn("panel") },
  { text: "webinars again", command: optIn("webinar") },
  { text: "Webinars again 👍", command: optIn("webinar") },
  { text: "you can ask me for case studies again", command: optIn("case_study") },
  { text: "opt me back in to reference calls", command: optIn("reference_call") },
  { text: "put me back down for conference talks", command: optIn("conference_talk") },
  { text: "no more webinars or panels", command: help },

  // Capacity.
  { text: "max 2 asks a quarter", command: cap(2) },
  { text: "no more than three asks per quarter", command: cap(3) },
  { text: "only one ask a month", command: cap(3) },
  { text: "at most 6 requests a year", command: cap(2) },
  { text: "2 asks a quarter max", command: cap(2) },
  { text: "cap me at 3", command: cap(3) },
  { text: "set my limit to 5", command: cap(5) },
  { text: "reset my cap", command: cap(null) },
  { text: "max 0 asks", command: help },

  // Consent to public thanks.
  { text: "You can thank me publicly", command: { kind: "public_thanks", allowed: true } },
  { text: "a shout-out is fine!", command: { kind: "public_thanks", allowed: true } },
  { text: "public shout-outs are fine", command: { kind: "public_thanks", allowed: true } },
  { text: "keep it private", command: { kind: "public_thanks", allowed: false } },
  { text: "Please don't thank me publicly", command: { kind: "public_thanks", allowed: false } },

  // The survey and the help.
  { text: "preferences", command: survey },
  { text: "survey", command: survey },
  { text: "Update my preferences", command: survey },
  { text: "take the survey", command: survey },
  { text: "my preferences?", command: survey },
  { text: "help", command: help },
  { text: "Help!", command: help },
  { text: "what can I say?", command: help },

  // Not commands: answers to an invitation, questions, chat. They fall through to the desk.
  { text: "sure, Tuesday works", command: null },
  { text: "what would I need to prepare?", command: null },
  { text: "not this quarter, try me in April", command: null },
  { text: "not now", command: null },
  { text: "I'll pass", command: null },
  { text: "no thanks", command: null },
  { text: "no thanks, not for me", command: null },
  { text: "take me off this list", command: null },
  { text: "stop asking me", command: null },
  { text: "happy to do the panel again", command: null },
  { text: "I'd rather not do the panel", command: null },
  { text: "don't call me again", command: null },
  { text: "no more than 30 minutes please", command: null },
  { text: "no more than 2 webinars a year", command: null },
  { text: "I can do max 30 minutes", command: null },
  { text: "only one question: is it recorded?", command: null },
  { text: "I'm back at my desk tomorrow, will reply then", command: null },
  { text: "I did a webinar last month", command: null },
  { text: "can we do it next week?", command: null },
  { text: "hmm", command: null },
  { text: "", command: null },
  { text: ":wave:", command: null },
];

describe("readSelfServiceCommand", () => {
  it.each(rows)("$text", ({ text, command, timezone }) => {
    expect(read(text, timezone ?? NEW_YORK)).toEqual(command);
  });

  it("has a table of at least 40 phrasings, commands and not", () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(rows.filter((row) => row.command === null).length).toBeGreaterThanOrEqual(15);
  });

  it("rests a champion without a date as long as an invitation's Not now", () => {
    expect(read("pause", null)).toEqual(pause("2026-12-23"));
    expect(DEFAULT_PAUSE_DAYS).toBe(30);
  });

  it("leaves every invitation answer in the reply interpreter's table alone unless it names a setting", () => {
    // The desk reads a command first; an answer that reads as a yes must never become a command.
    for (const text of ["sure, Tuesday works", "count me in", "happy to do the panel again", "sounds good"]) {
      expect(interpretReply(text, { now, timezone: NEW_YORK }).kind).toBe("accept");
      expect(read(text)).toBeNull();
    }
  });
});

describe("changeActivities", () => {
  it("opting out of a list with no restriction leaves every other type", () => {
    const change = changeActivities([], "webinar", false);
    expect(change).toEqual({
      changed: true,
      activities: ACTIVITY_TYPES.filter((type) => type !== "webinar"),
    });
  });

  it("opting back into the last missing type is no restriction again", () => {
    const all = ACTIVITY_TYPES.filter((type) => type !== "webinar");
    expect(changeActivities(all, "webinar", true)).toEqual({ changed: true, activities: [] });
  });

  it("keeps the roster's order and says when nothing changes", () => {
    expect(changeActivities(["panel"], "reference_call", true)).toEqual({
      changed: true,
      activities: ["reference_call", "panel"],
    });
    expect(changeActivities(["panel"], "webinar", false)).toEqual({ changed: false, reason: "already" });
    expect(changeActivities([], "webinar", true)).toEqual({ changed: false, reason: "already" });
  });

  it("never empties a list, which would mean every type", () => {
    expect(changeActivities(["panel"], "panel", false)).toEqual({ changed: false, reason: "last_one" });
  });
});

describe("the preferences survey", () => {
  const answersFor = (wanted: readonly Motivation[]): SurveyAnswers =>
    Object.fromEntries(
      SURVEY.map((question, index) => {
        const option = question.options.find((o) => o.motivation === wanted[index]) ?? question.options[0];
        return [question.id, option?.id ?? ""];
      }),
    );

  it("has five questions of two to four options, each mapping to a motivation", () => {
    expect(SURVEY).toHaveLength(5);
    for (const question of SURVEY) {
      expect(question.options.length).toBeGreaterThanOrEqual(2);
      expect(question.options.length).toBeLessThanOrEqual(4);
      expect(new Set(question.options.map((o) => o.id)).size).toBe(question.options.length);
      expect(new Set(question.options.map((o) => o.motivation)).size).toBe(question.options.length);
    }
  });

  it("offers every motivation equally often, so the questionnaire itself favours none", () => {
    const offered = SURVEY.flatMap((question) => question.options.map((o) => o.motivation));
    for (const motivation of MOTIVATIONS) {
      expect(offered.filter((m) => m === motivation)).toHaveLength(3);
    }
  });

  it("ranks the motivation chosen most often first", () => {
    // enjoy: stage (spotlight), first_yes: panel (spotlight), why: people (camaraderie),
    // shape_of_ask: together (camaraderie), afterwards: thanks (spotlight).
    const answers = {
      enjoy: "stage",
      first_yes: "panel",
      why: "people",
      shape_of_ask: "together",
      afterwards: "thanks",
    };
    expect(motivationsFromSurvey(answers)).toEqual(["spotlight", "camaraderie"]);
  });

  it("breaks ties by the earlier question, whatever the order of the answers", () => {
    // voice (q1), duty (q2), altruism (q3), mastery (q4), voice (q5): voice twice, then by question.
    const answers = {
      afterwards: "roadmap",
      why: "believe",
      enjoy: "shape",
      shape_of_ask: "stretch",
      first_yes: "call",
    };
    expect(motivationsFromSurvey(answers)).toEqual(["voice", "duty", "altruism", "mastery"]);
    const fiveWays = answersFor(["mastery", "duty", "camaraderie", "duty", "altruism"]);
    expect(motivationsFromSurvey(fiveWays)).toEqual(["duty", "mastery", "camaraderie", "altruism"]);
  });

  it("ignores unknown questions and options", () => {
    expect(motivationsFromSurvey({ enjoy: "stage", nope: "x", why: "zzz" })).toEqual(["spotlight"]);
    expect(motivationsFromSurvey({})).toEqual([]);
  });

  it("asks the questions in order until all five are answered", () => {
    expect(nextSurveyQuestion({})?.id).toBe("enjoy");
    expect(nextSurveyQuestion({ enjoy: "stage" })?.id).toBe("first_yes");
    expect(
      nextSurveyQuestion(answersFor(["spotlight", "spotlight", "duty", "duty", "spotlight"])),
    ).toBeNull();
  });

  it("favours the activities that fit the motivations, among those they do", () => {
    const favoured = favouredActivities(["spotlight"], []);
    expect(favoured).toEqual(["conference_talk", "panel", "webinar"]);
    for (const activity of favoured) {
      expect(motivationFit(["spotlight"], activity)).toBeGreaterThan(
        motivationFit(["spotlight"], "case_study"),
      );
    }
    expect(favouredActivities(["voice"], ["reference_call", "product_feedback"], 1)).toEqual([
      "product_feedback",
    ]);
  });

  it("names kinds of ask as champions do", () => {
    expect(activityPlural("webinar")).toBe("webinars");
    expect(activityPlural("case_study")).toBe("case studies");
    expect(activityPlural("reference_call")).toBe("reference calls");
    expect(activityPlural("press_quote")).toBe("press quotes");
  });
});
