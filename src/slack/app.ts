import { App, type LogLevel } from "@slack/bolt";
import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import type { SlackSettings } from "../env";

export interface SlackAppDeps {
  settings: SlackSettings;
  db: Database;
  logLevel: "debug" | "info" | "warn" | "error";
}

/** Builds the Bolt app for the configured mode. Listeners are registered by the Slack surface modules. */
export function createSlackApp({ settings, db, logLevel }: SlackAppDeps): App {
  const clientOptions = settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {};
  const common = { token: settings.botToken, logLevel: logLevel as LogLevel, clientOptions };
  if (settings.mode === "socket") {
    return new App({ ...common, socketMode: true, appToken: settings.appToken });
  }
  return new App({
    ...common,
    signingSecret: settings.signingSecret,
    port: settings.port,
    customRoutes: [
      {
        path: "/healthz",
        method: ["GET"],
        handler: (_req, res) => {
          db.execute(sql`select 1`).then(
            () => {
              res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
            },
            () => {
              res
                .writeHead(503, { "content-type": "application/json" })
                .end('{"status":"database unavailable"}');
            },
          );
        },
      },
    ],
  });
}
