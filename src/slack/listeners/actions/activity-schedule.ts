import type { App } from "@slack/bolt";
import { isIsoDate } from "../../../core/dates";
import { readAction } from "../../payloads";
import type { ListenerDeps } from "../deps";

export function registerActivitySchedule(app: App, deps: ListenerDeps): void {
  app.action(/^activity\.schedule:/, async ({ ack, body }) => {
    await ack();
    const action = readAction(body);
    if (!action.selected || !isIsoDate(action.selected)) return;
    await deps.workflow.schedule(action, action.targetId, action.selected);
  });
}
