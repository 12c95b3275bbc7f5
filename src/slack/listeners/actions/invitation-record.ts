import type { Answer } from "../../../db/requests-repository";
import type { Registrar } from "../../listener-router";
import { readAction } from "../../payloads";
import type { ListenerDeps } from "../deps";

const ANSWERS: readonly string[] = ["accepted", "declined", "later"] satisfies Answer[];

/** A lead records the answer of a champion who has no Slack ID. */
export function registerInvitationRecord(app: Registrar, deps: ListenerDeps): void {
  app.action(/^invitation\.record:/, async ({ ack, body }) => {
    await ack();
    const action = readAction(body);
    if (!action.selected || !ANSWERS.includes(action.selected)) return;
    await deps.workflow.answer(action, action.targetId, action.selected as Answer, { byLead: true });
  });
}
