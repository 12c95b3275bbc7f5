import { SURVEY_ACTION_PREFIX } from "../../blocks/self-service";
import type { Registrar } from "../../listener-router";
import { readSurveyClick } from "../../self-service";
import type { ListenerDeps } from "../deps";

/** A champion's answer to one question of the preferences survey in their DM. */
export function registerSurveyAnswer(app: Registrar, deps: ListenerDeps): void {
  app.action(new RegExp(`^${SURVEY_ACTION_PREFIX.replace(".", "\\.")}`), async ({ ack, body }) => {
    await ack();
    await deps.workflow.answerSurvey(readSurveyClick(body));
  });
}
