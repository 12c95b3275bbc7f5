import type { KnownBlock } from "@slack/types";
import { formatDay } from "../../core/dates";
import type { ActivityType, Motivation } from "../../core/domain";
import {
  activityPlural,
  MOTIVATION_WORDS,
  SURVEY,
  type SurveyAnswers,
  type SurveyQuestion,
  surveyOption,
} from "../../core/self-service";
import type { ChampionInput } from "../../roster/champions-csv";
import type { SlackMessage } from "../gateway";
import { escapeMrkdwn, LIMITS, mrkdwn, plain } from "./limits";

// A champion's own settings in their DM: the help with where they stand, and the preferences survey
// as one message per question. Each answer button carries the answers given so far, so the survey
// needs no state of its own: the last click has all five.

export const SURVEY_ACTION_PREFIX = "survey.answer:";

export const surveyActionId = (questionId: string, optionId: string): string =>
  `${SURVEY_ACTION_PREFIX}${questionId}:${optionId}`;

/** "enjoy=stage;why=believe": compact, and far under a button value's 2,000 characters. */
export function encodeSurveyAnswers(answers: SurveyAnswers): string {
  return SURVEY.flatMap((question) => {
    const option = answers[question.id];
    return option ? [`${question.id}=${option}`] : [];
  }).join(";");
}

/** The answers a button carried; anything that is not a question's own option is dropped. */
export function decodeSurveyAnswers(value: string | undefined): SurveyAnswers {
  const answers: Record<string, string> = {};
  for (const pair of (value ?? "").split(";")) {
    const [questionId = "", optionId = ""] = pair.split("=");
    if (surveyOption(questionId, optionId)) answers[questionId] = optionId;
  }
  return answers;
}

const position = (question: SurveyQuestion): string => `${SURVEY.indexOf(question) + 1} of ${SURVEY.length}`;

/** One question with a button per answer; the answers so far ride along in each button. */
export function surveyQuestionMessage(question: SurveyQuestion, answers: SurveyAnswers): SlackMessage {
  const value = encodeSurveyAnswers(answers);
  const text = `*Preferences, ${position(question)}.* ${question.prompt}`;
  return {
    text: `Preferences, ${position(question)}: ${question.prompt}`,
    blocks: [
      { type: "section", text: mrkdwn(text) },
      {
        type: "actions",
        block_id: `survey:${question.id}`,
        elements: question.options.map((option) => ({
          type: "button" as const,
          text: plain(option.label, LIMITS.buttonText),
          action_id: surveyActionId(question.id, option.id),
          ...(value ? { value } : {}),
        })),
      },
    ],
  };
}

/** The question once answered: the buttons are gone and the choice is shown. */
export function surveyAnsweredMessage(question: SurveyQuestion, optionLabel: string): SlackMessage {
  const text = `*Preferences, ${position(question)}.* ${question.prompt}\n:white_check_mark: ${optionLabel}`;
  return { text: `${question.prompt} ${optionLabel}`, blocks: [{ type: "section", text: mrkdwn(text) }] };
}

/** "a, b and c" */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** What the survey told us, and what it means for what they will be asked. */
export function surveySummaryMessage(motivations: readonly Motivation[], favoured: readonly ActivityType[]) {
  const enjoys = listWords(motivations.map((motivation) => MOTIVATION_WORDS[motivation]));
  const asks = listWords(favoured.map(activityPlural));
  const text = `Thank you! What you care about most, in order: ${enjoys}. When a request fits, I'll lead with ${asks}. Say “preferences” any time to answer again.`;
  return { text, blocks: [{ type: "section", text: mrkdwn(text) }] satisfies KnownBlock[] };
}

const COMMANDS = [
  "“pause until 3 March” or “pause me for two weeks”: no asks until then; “I'm back” ends it sooner",
  "“no more webinars” or “stop asking me for case studies”; “webinars again” undoes it",
  "“max 2 asks a quarter”; “reset my cap” goes back to the program's usual number",
  "“preferences”: five quick questions about what you enjoy, so I suggest the right things",
];

/** Where the champion stands now, in the words they would use. */
function standing(champion: ChampionInput, today: string, defaultCapacity: number): string[] {
  const availability =
    champion.status === "inactive"
      ? "You're marked inactive on the program, so I don't suggest you for anything."
      : champion.status === "paused"
        ? "You're paused, so I don't suggest you for anything until you say “I'm back”."
        : champion.restUntil && champion.restUntil > today
          ? `You're resting until ${formatDay(champion.restUntil)}.`
          : "You're available.";
  const cap = champion.maxAsksPerQuarter ?? defaultCapacity;
  const own = champion.maxAsksPerQuarter === null ? " (the program's usual number)" : "";
  const down =
    champion.activities.length === 0
      ? "You're down for every kind of ask."
      : `You're down for ${listWords(champion.activities.map(activityPlural))}.`;
  const cares =
    champion.motivations.length === 0
      ? "I don't know yet what you enjoy most: say “preferences” to tell me."
      : `What you care about most: ${listWords(champion.motivations.map((m) => MOTIVATION_WORDS[m]))}.`;
  return [availability, `About ${cap} asks a quarter at most${own}.`, down, cares];
}

/** The commands a champion can write, and where they stand now. */
export function selfServiceHelpMessage(
  champion: ChampionInput,
  today: string,
  defaultCapacity: number,
): SlackMessage {
  const commands = `Here's what you can tell me here:\n${COMMANDS.map((line) => `• ${line}`).join("\n")}`;
  const now = `*Right now:* ${escapeMrkdwn(standing(champion, today, defaultCapacity).join(" "))}`;
  return {
    text: commands,
    blocks: [
      { type: "section", text: mrkdwn(commands) },
      { type: "section", text: mrkdwn(now) },
    ],
  };
}
