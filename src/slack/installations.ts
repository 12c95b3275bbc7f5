import type { IncomingMessage, ServerResponse } from "node:http";
import type { Authorize, CustomRoute } from "@slack/bolt";
import { type Installation, type InstallationStore, InstallProvider } from "@slack/oauth";
import type { WebClientOptions } from "@slack/web-api";
import { eq } from "drizzle-orm";
import { AppError } from "../core/errors";
import { audit } from "../db/audit";
import type { Database } from "../db/client";
import { slackInstallations } from "../db/schema";
import type { OAuthSettings } from "../env";
import { escapeHtml } from "../web/html";
import type { BotIdentity } from "./preflight";

// More than one workspace: the company's (its token from SLACK_BOT_TOKEN, as always) and any other
// workspace that installs the app through Slack's OAuth flow, such as a customer community where
// champions are. Installations are kept in the database; Bolt asks `authorize` for the token of
// the workspace each request comes from, and the gateway picks the token of the workspace a
// message goes to (src/slack/workspaces.ts).

export const INSTALL_PATH = "/slack/install";
export const REDIRECT_PATH = "/slack/oauth_redirect";

/** What the app asks for in a community workspace: DMs to champions, and reading their replies. */
export const COMMUNITY_SCOPES = ["chat:write", "im:history", "im:write"];

/** Installations of other workspaces, in Postgres, in the shape Slack's OAuth library reads. */
export function installationStore(db: Database): InstallationStore & {
  botToken(teamId: string): Promise<{ token: string; botUserId: string; botId: string } | null>;
} {
  return {
    async storeInstallation(installation) {
      const teamId = installation.team?.id;
      const bot = installation.bot;
      if (!teamId || !bot)
        throw new AppError("input_invalid", "Only a workspace installation with a bot can be kept.");
      const row = {
        teamId,
        teamName: installation.team?.name ?? "",
        botToken: bot.token,
        botUserId: bot.userId,
        botId: bot.id ?? "",
        installation: installation as unknown as Record<string, unknown>,
      };
      await db.transaction(async (tx) => {
        await tx
          .insert(slackInstallations)
          .values(row)
          .onConflictDoUpdate({
            target: slackInstallations.teamId,
            set: { ...row, installedAt: new Date() },
          });
        await audit(tx, {
          actor: installation.user?.id ?? "slack",
          entityType: "slack_installation",
          entityId: teamId,
          action: "slack.installed",
          data: { teamName: row.teamName, scopes: bot.scopes },
        });
      });
    },

    async fetchInstallation(query) {
      const [row] = query.teamId
        ? await db.select().from(slackInstallations).where(eq(slackInstallations.teamId, query.teamId))
        : [];
      if (!row)
        throw new AppError(
          "slack_not_installed",
          `The app is not installed in workspace ${query.teamId ?? "?"}.`,
        );
      return row.installation as unknown as Installation;
    },

    async deleteInstallation(query) {
      if (query.teamId)
        await db.delete(slackInstallations).where(eq(slackInstallations.teamId, query.teamId));
    },

    async botToken(teamId) {
      const [row] = await db
        .select({
          token: slackInstallations.botToken,
          botUserId: slackInstallations.botUserId,
          botId: slackInstallations.botId,
        })
        .from(slackInstallations)
        .where(eq(slackInstallations.teamId, teamId));
      return row ?? null;
    },
  };
}

/**
 * Bolt's `authorize`: the company's workspace answers with its own token, any other with the token
 * its installation left; a workspace that never installed the app is refused.
 */
export function workspaceAuthorize(
  home: { token: string; identity: BotIdentity },
  store: ReturnType<typeof installationStore>,
): Authorize<boolean> {
  return async (source) => {
    if (!source.teamId || source.teamId === home.identity.teamId)
      return {
        botToken: home.token,
        botId: home.identity.botId,
        botUserId: home.identity.botUserId,
        teamId: home.identity.teamId,
      };
    const installed = await store.botToken(source.teamId);
    if (!installed)
      throw new AppError("slack_not_installed", `The app is not installed in workspace ${source.teamId}.`);
    return {
      botToken: installed.token,
      botId: installed.botId,
      botUserId: installed.botUserId,
      teamId: source.teamId,
    };
  };
}

/** The install link and Slack's redirect back, as routes on the app's HTTP server. */
export function installRoutes(options: {
  settings: OAuthSettings;
  store: InstallationStore;
  clientOptions: WebClientOptions;
}): CustomRoute[] {
  const installer = new InstallProvider({
    clientId: options.settings.clientId,
    clientSecret: options.settings.clientSecret,
    stateSecret: options.settings.stateSecret,
    installationStore: options.store,
    clientOptions: options.clientOptions,
    directInstall: true,
  });
  const installOptions = {
    scopes: COMMUNITY_SCOPES,
    ...(options.settings.redirectUri ? { redirectUri: options.settings.redirectUri } : {}),
  };
  const done = (res: ServerResponse, status: number, words: string) =>
    res
      .writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" })
      .end(`<!doctype html><html lang="en"><title>refdesk</title><p>${words}</p></html>`);
  return [
    {
      path: INSTALL_PATH,
      method: ["GET"],
      handler: (req: IncomingMessage, res: ServerResponse) =>
        void installer.handleInstallPath(req, res, {}, installOptions),
    },
    {
      path: REDIRECT_PATH,
      method: ["GET"],
      handler: (req: IncomingMessage, res: ServerResponse) =>
        void installer.handleCallback(
          req,
          res,
          {
            success: (installation, _options, _req, response) =>
              done(
                response,
                200,
                `refdesk is installed in ${escapeHtml(installation.team?.name ?? "your workspace")}. Champions there can now be invited by DM; add the workspace's ID (${escapeHtml(installation.team?.id ?? "")}) to their slack_team_id on the roster.`,
              ),
            failure: (_error, _options, _req, response) =>
              done(
                response,
                400,
                "The installation did not complete. Please start again from the install link.",
              ),
          },
          installOptions,
        ),
    },
  ];
}

/** Everything the app needs to work in more than one workspace, built once from the settings. */
export function multiWorkspace(options: {
  settings: OAuthSettings;
  db: Database;
  home: { token: string; identity: BotIdentity };
  clientOptions: WebClientOptions;
}) {
  const store = installationStore(options.db);
  return {
    store,
    authorize: workspaceAuthorize(options.home, store),
    routes: installRoutes({ settings: options.settings, store, clientOptions: options.clientOptions }),
  };
}
