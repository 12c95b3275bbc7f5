import { z } from "zod";
import { publishHome } from "../../home";
import type { Registrar } from "../../listener-router";
import type { ListenerDeps } from "../deps";

const homeOpened = z.object({
  event: z.object({ user: z.string().min(1), tab: z.literal("home") }),
});

/** The user opened the app's Home tab: it is drawn afresh for them (the Messages tab needs nothing). */
export function registerAppHomeOpened(app: Registrar, deps: ListenerDeps): void {
  app.event("app_home_opened", async ({ body }) => {
    const parsed = homeOpened.safeParse(body);
    if (!parsed.success) return;
    await publishHome(deps, parsed.data.event.user);
  });
}
