import type { App } from "@slack/bolt";
import { publishHome } from "../../home";
import { readAction } from "../../payloads";
import type { ListenerDeps } from "../deps";

/** "Previous" / "Next" under the roster on the App Home: the same Home at the chosen page. */
export function registerHomePage(app: App, deps: ListenerDeps): void {
  app.action(/^home\.page:/, async ({ ack, body }) => {
    await ack();
    const action = readAction(body);
    await publishHome(deps, action.userId, action.targetId);
  });
}
