import { publishHome } from "../../home";
import type { Registrar } from "../../listener-router";
import { readAction } from "../../payloads";
import type { ListenerDeps } from "../deps";

/** "Previous" / "Next" under the roster on the App Home: the same Home at the chosen page. */
export function registerHomePage(app: Registrar, deps: ListenerDeps): void {
  app.action(/^home\.page:/, async ({ ack, body }) => {
    await ack();
    const action = readAction(body);
    await publishHome(deps, action.userId, action.targetId);
  });
}
