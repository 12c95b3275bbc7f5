import { isIsoDate } from "../../../core/dates";
import type { Registrar } from "../../listener-router";
import { readAction } from "../../payloads";
import type { ListenerDeps } from "../deps";

export function registerActivitySchedule(app: Registrar, deps: ListenerDeps): void {
  app.action(/^activity\.schedule:/, async ({ ack, body }) => {
    await ack();
    const action = readAction(body);
    if (!action.selected || !isIsoDate(action.selected)) return;
    await deps.workflow.schedule(action, action.targetId, action.selected);
  });
}
