import type { Answer } from "../../../db/requests-repository";
import type { Registrar } from "../../listener-router";
import { readAction } from "../../payloads";
import type { ListenerDeps } from "../deps";

const ANSWERS: Readonly<Record<string, Answer>> = { accept: "accepted", decline: "declined", later: "later" };

/** Accept / Not now / Decline in the champion's DM: only the invited champion's click counts. */
export function registerInvitationAnswer(app: Registrar, deps: ListenerDeps): void {
  app.action(/^invitation\.(accept|decline|later):/, async ({ ack, body, action }) => {
    await ack();
    const payload = readAction(body);
    const kind = "action_id" in action ? action.action_id.split(/[.:]/)[1] : undefined;
    const answer = kind ? ANSWERS[kind] : undefined;
    if (!answer) return;
    await deps.workflow.answer(payload, payload.targetId, answer);
  });
}
