import type { Registrar } from "../../listener-router";
import { readAction } from "../../payloads";
import type { ListenerDeps } from "../deps";

// Answers to the questions sent around an activity: did it happen (rep), a rating (champion), the
// deal (rep). Each action_id names the activity; the button's value is the answer.

const clicked = (action: ReturnType<typeof readAction>) => ({
  userId: action.userId,
  channelId: action.channelId,
  messageTs: action.threadTs,
});

export function registerActivityAnswers(app: Registrar, deps: ListenerDeps): void {
  app.action(/^activity\.happened:/, async ({ ack, body }) => {
    await ack();
    const action = readAction(body);
    if (action.selected !== "yes" && action.selected !== "no") return;
    await deps.steps.happened(clicked(action), action.targetId, action.selected === "yes");
  });

  app.action(/^activity\.rate:/, async ({ ack, body }) => {
    await ack();
    const action = readAction(body);
    const rating = Number(action.selected);
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) return;
    await deps.steps.rate(clicked(action), action.targetId, rating);
  });

  app.action(/^activity\.deal:/, async ({ ack, body }) => {
    await ack();
    const action = readAction(body);
    const result = action.selected;
    if (result !== "won" && result !== "lost" && result !== "open") return;
    await deps.steps.deal(clicked(action), action.targetId, result, action.triggerId);
  });
}
