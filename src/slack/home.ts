import { toIsoDate } from "../core/dates";
import { loadChampionHome, loadLeadHome, loadRepHome } from "../db/home-repository";
import { HOME_LIMITS, homeView } from "./blocks/home";
import type { ListenerDeps } from "./listeners/deps";

/**
 * Builds one user's App Home from the roles they have (lead, champion, rep: any of them, or none)
 * and publishes it; `page` is the lead's roster page.
 */
export async function publishHome(
  deps: Pick<ListenerDeps, "db" | "leads" | "matcher" | "gateway" | "clock">,
  userId: string,
  page = 1,
): Promise<void> {
  const now = deps.clock();
  const { defaultCapacity } = deps.matcher;
  const [lead, rep, champion] = await Promise.all([
    deps.leads.has(userId) ? loadLeadHome(deps.db, { now, defaultCapacity }) : null,
    loadRepHome(deps.db, userId, HOME_LIMITS.rep),
    loadChampionHome(deps.db, userId, { now, limit: HOME_LIMITS.champion }),
  ]);
  const view = homeView({
    today: toIsoDate(now),
    defaultCapacity,
    rep,
    ...(lead ? { lead: { data: lead, page } } : {}),
    ...(champion ? { champion } : {}),
  });
  await deps.gateway.publishHome(userId, view);
}
