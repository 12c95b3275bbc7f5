import { WebClient, type WebClientOptions } from "@slack/web-api";
import type { Database } from "../db/client";
import { teamOfRecipient } from "../db/workspaces-repository";
import { type SlackGateway, webGateway } from "./gateway";
import type { installationStore } from "./installations";

// One gateway for every workspace the app is installed in. Each call goes out with the token of
// the workspace its recipient is in: a champion with a `slack_team_id` (or the DM their invitation
// went to) in their community workspace, everything else in the company's. So the workflow, the
// outbox and the follow-ups need not know where a champion is: the roster says it once.

export function workspaceGateway(deps: {
  home: SlackGateway;
  homeTeamId: string;
  db: Database;
  store: ReturnType<typeof installationStore>;
  clientOptions: WebClientOptions;
}): SlackGateway {
  const byToken = new Map<string, SlackGateway>();

  async function to(recipient: string): Promise<SlackGateway> {
    const team = await teamOfRecipient(deps.db, recipient);
    if (!team || team === deps.homeTeamId) return deps.home;
    const installed = await deps.store.botToken(team);
    // Not installed there (any more): the company's token is tried, Slack refuses, and the
    // invitation moves on to the champion's next channel like any refused DM.
    if (!installed) return deps.home;
    let gateway = byToken.get(installed.token);
    if (!gateway) {
      gateway = webGateway(new WebClient(installed.token, deps.clientOptions));
      byToken.set(installed.token, gateway);
    }
    return gateway;
  }

  return {
    post: async (channel, message, threadTs) => (await to(channel)).post(channel, message, threadTs),
    update: async (channel, ts, message) => (await to(channel)).update(channel, ts, message),
    ephemeral: async (channel, user, message, threadTs) =>
      (await to(user)).ephemeral(channel, user, message, threadTs),
    delete: async (channel, ts) => (await to(channel)).delete(channel, ts),
    messageBlocks: async (channel, ts) => (await to(channel)).messageBlocks(channel, ts),
    publishHome: async (userId, view) => (await to(userId)).publishHome(userId, view),
    openDm: async (userId) => (await to(userId)).openDm(userId),
    // Modals belong to the company's workspace: leads and reps open them.
    openView: (triggerId, view) => deps.home.openView(triggerId, view),
    updateView: (viewId, view, hash) => deps.home.updateView(viewId, view, hash),
    uploadFile: async (channel, file) => (await to(channel)).uploadFile(channel, file),
    uploadImage: async (channel, image) => (await to(channel)).uploadImage(channel, image),
  };
}
