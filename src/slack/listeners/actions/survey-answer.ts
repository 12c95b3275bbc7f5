import type { App } from "@slack/bolt";
import { SURVEY_ACTION_PREFIX } from "../../blocks/self-service";
import { createSelfService, readSurveyClick } from "../../self-service";
import type { ListenerDeps } from "../deps";

/** A champion's answer to one question of the preferences survey in their DM. */
export function registerSurveyAnswer(app: App, deps: ListenerDeps): void {
  const selfService = createSelfService({
    db: deps.db,
    gateway: deps.gateway,
    clock: deps.clock,
    defaultCapacity: deps.matcher.defaultCapacity,
  });
  app.action(new RegExp(`^${SURVEY_ACTION_PREFIX.replace(".", "\\.")}`), async ({ ack, body }) => {
    await ack();
    await selfService.answerSurvey(readSurveyClick(body));
  });
}
