import { z } from "zod";
import { formatDay } from "../core/dates";
import type { ActivityType } from "../core/domain";
import { AppError } from "../core/errors";
import {
  activityPlural,
  changeActivities,
  favouredActivities,
  localToday,
  motivationsFromSurvey,
  nextSurveyQuestion,
  readSelfServiceCommand,
  type SelfServiceCommand,
  SURVEY,
  type SurveyAnswers,
  surveyOption,
} from "../core/self-service";
import { capitalize } from "../core/text";
import type { Database } from "../db/client";
import { findChampion, saveChampion, setPublicThanks } from "../db/roster-repository";
import type { ChampionColumn, ChampionInput } from "../roster/champions-csv";
import {
  decodeSurveyAnswers,
  SURVEY_ACTION_PREFIX,
  selfServiceHelpMessage,
  surveyAnsweredMessage,
  surveyQuestionMessage,
  surveySummaryMessage,
} from "./blocks/self-service";
import type { SlackGateway } from "./gateway";
import type { Outbox } from "./outbox";

// A champion changing their own settings by DM: each change goes through the roster's upsert and
// audit like a lead's edit (matching sees it at its next request, the roster revision having moved),
// and the answer says in plain words what changed and what it means.

export interface SelfServiceDeps {
  db: Database;
  /** Updates a survey question in place; everything posted goes through the outbox. */
  gateway: SlackGateway;
  outbox: Outbox;
  clock: () => Date;
  /** The program's cap for champions without their own. */
  defaultCapacity: number;
}

/** An invitation awaiting the champion's answer while they write a command. */
export interface PendingInvitation {
  activity: ActivityType;
  /** Answers it "not now", resting them until the day: what a pause means for it. */
  later(until: string): Promise<void>;
  /** Declines it in their words: what opting out of its kind of activity means for it. */
  decline(text: string): Promise<void>;
}

/** One click on a survey answer. */
export interface SurveyClick {
  userId: string;
  questionId: string;
  optionId: string;
  /** The answers given before this one, as the button carried them. */
  answers: SurveyAnswers;
  /** The question's message, to show the answer in place of its buttons. */
  message: { channel: string; ts: string } | null;
}

const SOURCE = "slack self-service";

const NOT_A_CHAMPION =
  "I only keep preferences for champions on the program, and I couldn't find you on it. If you'd like to join, the program team can add you.";

const STILL_WAITING = " The invitation above is still waiting for your answer.";

const surveyClick = z.object({
  user: z.object({ id: z.string().min(1) }),
  channel: z.object({ id: z.string().min(1) }).optional(),
  container: z.object({ message_ts: z.string().optional() }).optional(),
  actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() })).min(1),
});

/** Reads a survey button's payload: `survey.answer:<question>:<option>`, the answers so far as its value. */
export function readSurveyClick(body: unknown): SurveyClick {
  const parsed = surveyClick.safeParse(body);
  const action = parsed.data?.actions[0];
  const [questionId = "", optionId = ""] = (action?.action_id ?? "")
    .slice(SURVEY_ACTION_PREFIX.length)
    .split(":");
  if (!parsed.success || !action || !surveyOption(questionId, optionId)) {
    throw new AppError(
      "input_invalid",
      "That answer arrived incomplete; please say “preferences” to start again.",
    );
  }
  const channel = parsed.data.channel?.id;
  const ts = parsed.data.container?.message_ts;
  return {
    userId: parsed.data.user.id,
    questionId,
    optionId,
    answers: decodeSurveyAnswers(action.value),
    message: channel && ts ? { channel, ts } : null,
  };
}

/** "1 ask", "3 asks" */
const asks = (count: number): string => `${count} ask${count === 1 ? "" : "s"}`;

export function createSelfService(deps: SelfServiceDeps) {
  const { db, gateway } = deps;

  const say = (userId: string, text: string) => deps.outbox.deliver(userId, { text });

  const save = (champion: ChampionInput, columns: readonly ChampionColumn[], userId: string) =>
    saveChampion(db, champion, columns, userId, SOURCE);

  const todayOf = (champion: ChampionInput): string =>
    localToday({ now: deps.clock(), timezone: champion.timezone });

  /**
   * A rest until the day. A champion paused with no end comes back by themselves on that day (as a
   * lead's dated pause does); an inactive one stays inactive: that is the program's call.
   */
  async function pause(
    champion: ChampionInput,
    until: string,
    userId: string,
    pending: PendingInvitation | null,
  ) {
    if (champion.status === "inactive") {
      return say(
        userId,
        "You're marked inactive on the program, so I'm not suggesting you for anything. The program team can change that.",
      );
    }
    await save({ ...champion, status: "active", restUntil: until }, ["status", "rest_until"], userId);
    if (pending) await pending.later(until);
    const invitation = pending
      ? " I've also answered the invitation waiting for you with “not now”, so the program team will ask someone else."
      : "";
    await say(
      userId,
      `Done: I won't suggest you for anything until ${formatDay(until)}. From that day you're back by yourself; say “I'm back” to come back sooner.${invitation}`,
    );
  }

  async function resume(champion: ChampionInput, userId: string): Promise<string> {
    if (champion.status === "inactive") {
      return "You're marked inactive on the program, so I'm not suggesting you for anything. The program team can change that.";
    }
    const resting = champion.restUntil !== null && champion.restUntil > todayOf(champion);
    if (champion.status === "active" && !resting)
      return "You're not paused, so I can already suggest you. Nothing changed.";
    await save({ ...champion, status: "active", restUntil: null }, ["status", "rest_until"], userId);
    return "Welcome back! I can suggest you again from today.";
  }

  /** Opts them in or out of a kind of activity; `off` says whether they are now off its list. */
  async function setActivity(
    champion: ChampionInput,
    activity: ActivityType,
    willing: boolean,
    userId: string,
  ): Promise<{ words: string; off: boolean }> {
    const plural = activityPlural(activity);
    const change = changeActivities(champion.activities, activity, willing);
    if (change.changed) {
      await save({ ...champion, activities: change.activities }, ["activities"], userId);
      return willing
        ? { words: `Great: I can suggest you for ${plural} again.`, off: false }
        : { words: `Done: I won't suggest you for ${plural}. Say “${plural} again” to undo.`, off: true };
    }
    if (change.reason === "last_one") {
      return {
        words: `${capitalize(plural)} are the only thing you're down for, so I've left them on: with nothing left I'd have nothing to ask you about. To take a break instead, say “pause until” a day.`,
        off: false,
      };
    }
    return willing
      ? { words: `You're already down for ${plural}, so nothing changed.`, off: false }
      : {
          words: `You're already off the list for ${plural}, so nothing changed. Say “${plural} again” to have them back.`,
          off: true,
        };
  }

  async function setCap(champion: ChampionInput, perQuarter: number | null, userId: string) {
    const words =
      perQuarter === null
        ? `the program's usual ${asks(deps.defaultCapacity)} a quarter`
        : `about ${asks(perQuarter)} a quarter at most`;
    if (champion.maxAsksPerQuarter === perQuarter) return `You're already on ${words}, so nothing changed.`;
    await save({ ...champion, maxAsksPerQuarter: perQuarter }, ["max_asks_per_quarter"], userId);
    return `Done: ${words}. A bigger ask, like a talk or a case study, counts as more than one, and once you're at your limit I leave you be.`;
  }

  async function startSurvey(userId: string): Promise<void> {
    const [first] = SURVEY;
    if (first) await deps.outbox.deliver(userId, surveyQuestionMessage(first, {}));
  }

  return {
    /**
     * Reads a DM as a self-service command and carries it out. Returns the command, or null when the
     * DM is not one (it is then an answer to an invitation, or nothing). `pending` is the invitation
     * awaiting their answer, if any: a pause answers it "not now" until the same day.
     */
    async handle(
      userId: string,
      text: string,
      pending: PendingInvitation | null,
    ): Promise<SelfServiceCommand | null> {
      const champion = await findChampion(db, { slackUserId: userId });
      const command = readSelfServiceCommand(text, {
        now: deps.clock(),
        timezone: champion?.timezone ?? null,
      });
      if (!command) return null;
      if (!champion) {
        await say(userId, NOT_A_CHAMPION);
        return command;
      }
      const waiting = pending ? STILL_WAITING : "";
      switch (command.kind) {
        case "pause":
          await pause(champion, command.until, userId, pending);
          break;
        case "resume":
          await say(userId, (await resume(champion, userId)) + waiting);
          break;
        case "opt_in":
          await say(userId, (await setActivity(champion, command.activity, true, userId)).words + waiting);
          break;
        case "opt_out": {
          const outcome = await setActivity(champion, command.activity, false, userId);
          // Off the list for this kind of activity: the invitation to one is declined with it.
          if (pending?.activity === command.activity && outcome.off) {
            await pending.decline(text);
            await say(
              userId,
              `${outcome.words} I've also declined the invitation waiting for you, as it was one of those, so the program team will ask someone else.`,
            );
          } else {
            await say(userId, outcome.words + waiting);
          }
          break;
        }
        case "cap":
          await say(userId, (await setCap(champion, command.perQuarter, userId)) + waiting);
          break;
        case "survey":
          await startSurvey(userId);
          break;
        case "public_thanks":
          await setPublicThanks(db, { slackUserId: userId, allowed: command.allowed });
          await say(
            userId,
            (command.allowed
              ? "Noted: when your help makes a difference, we may thank you publicly with a shout-out. Say “keep it private” to undo."
              : "Noted: we'll thank you privately, never in public. Say “public shout-outs are fine” to change it.") +
              waiting,
          );
          break;
        case "help":
          await deps.outbox.deliver(
            userId,
            selfServiceHelpMessage(champion, todayOf(champion), deps.defaultCapacity),
          );
      }
      return command;
    },

    /** One survey answer: shown in place of its buttons, then the next question, or the result saved. */
    async answerSurvey(click: SurveyClick): Promise<void> {
      const question = SURVEY.find((candidate) => candidate.id === click.questionId);
      const option = surveyOption(click.questionId, click.optionId);
      if (!question || !option) return;
      const champion = await findChampion(db, { slackUserId: click.userId });
      if (!champion) {
        await say(click.userId, NOT_A_CHAMPION);
        return;
      }
      if (click.message) {
        await gateway.update(
          click.message.channel,
          click.message.ts,
          surveyAnsweredMessage(question, option.label),
        );
      }
      const answers = { ...click.answers, [question.id]: option.id };
      const next = nextSurveyQuestion(answers);
      if (next) {
        await deps.outbox.deliver(click.userId, surveyQuestionMessage(next, answers));
        return;
      }
      const motivations = motivationsFromSurvey(answers);
      await save({ ...champion, motivations }, ["motivations"], click.userId);
      await deps.outbox.deliver(
        click.userId,
        surveySummaryMessage(motivations, favouredActivities(motivations, champion.activities)),
      );
    },
  };
}

export type SelfService = ReturnType<typeof createSelfService>;
