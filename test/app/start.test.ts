import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { freePort, refuses, startRunning } from "../support/processes";
import { DANA_AND_OMAR } from "../support/rosters";
import { type SlackApiStandIn, startSlackApi } from "../support/slack-api";
import { LEAD, LEADS_CHANNEL, SIGNING_SECRET } from "../support/slack-app";

// The app as production runs it: `npm start` builds dist/main.js and execs node on it. Start-up
// problems are one line and a non-zero exit; SIGTERM to the npm process stops the app itself; the
// CLI works on the embedded database the running app holds, through the app's socket, and nothing
// it writes is lost when the app stops.

const root = resolve(import.meta.dirname, "../..");
const main = join(root, "dist/main.js");

beforeAll(() => {
  execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "pipe" });
}, 60_000);

let api: SlackApiStandIn;
let dataDir: string;
beforeEach(async () => {
  api = await startSlackApi();
  dataDir = mkdtempSync(join(tmpdir(), "refdesk-start-"));
});
afterEach(async () => {
  await api.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** HTTP mode against the stand-in, on a fresh embedded database; nothing from a developer's .env. */
function environment(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    SLACK_BOT_TOKEN: "xoxb-test",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_APP_TOKEN: "",
    SLACK_API_URL: api.url,
    ADVOCACY_CHANNEL: LEADS_CHANNEL,
    ADVOCACY_LEADS: LEAD,
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    OPENAI_API_KEY: "",
    DIGEST_CRON: "off",
    LOG_LEVEL: "warn",
    ...overrides,
  };
}

/** `command` run to its end, its output collected (asynchronously: the stand-in answers in this process). */
async function runToEnd(command: string, args: string[], env: Record<string, string>, cwd: string) {
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const [status] = (await once(child, "exit")) as [number | null];
  return { status, stdout, stderr };
}

/** node dist/main.js in an empty folder (no .env). */
const startApp = (env: Record<string, string>) =>
  runToEnd(process.execPath, [main], env, mkdtempSync(join(tmpdir(), "refdesk-cwd-")));

/** The CLI on the same configuration. */
const cli = (env: Record<string, string>, ...argv: string[]) =>
  runToEnd(process.execPath, [join(root, "bin/refdesk.js"), ...argv], env, root);

/** `npm start` as a supervisor runs it, resolved once the app says it is running. */
const npmStart = (env: Record<string, string>) =>
  startRunning("npm", ["start", "--silent"], { cwd: root, env });

describe("starting the app", () => {
  it("without Slack tokens: exits 1 with the setup steps instead of a stack trace", async () => {
    const result = await startApp({ PATH: process.env.PATH ?? "" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^Slack is not configured: SLACK_BOT_TOKEN and SLACK_APP_TOKEN or SLACK_SIGNING_SECRET and ADVOCACY_CHANNEL missing\./,
    );
    expect(result.stderr).toContain("From a manifest");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("with a token Slack rejects: one line naming the variable and Slack's error, exit 1", async () => {
    api.failNext("auth.test", { error: "invalid_auth" });
    const result = await startApp(environment());
    expect(result.status).toBe(1);
    expect(result.stdout).not.toMatch(/running/);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Slack rejected SLACK_BOT_TOKEN \(invalid_auth\)\./);
  });

  it("with Slack unreachable: says so while it retries, then one line and exit 1", async () => {
    const closed = await freePort();
    const result = await startApp(
      environment({ SLACK_API_URL: `http://127.0.0.1:${closed}/api/`, SLACK_STARTUP_WAIT_SECONDS: "2" }),
    );
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines[0]).toMatch(/^Slack is not reachable yet \(ECONNREFUSED\); trying again in 1 s\.$/);
    expect(lines.at(-1)).toMatch(
      new RegExp(`^Could not reach Slack at http://127.0.0.1:${closed}/api/ for 2 s \\(ECONNREFUSED\\)`),
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("npm start, as a supervisor runs it", () => {
  it("stops the app itself on SIGTERM to the npm process; the CLI meanwhile works on the app's database, and keeps what it wrote", {
    timeout: 60_000,
  }, async () => {
    const port = await freePort();
    const { child, exited } = await npmStart(environment({ PORT: String(port) }));
    try {
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);

      // While it runs, the CLI on the same embedded database goes through the app: it imports, and
      // reads back what it wrote; the app goes on answering from the same database.
      const roster = join(dataDir, "champions.csv");
      writeFileSync(roster, DANA_AND_OMAR);
      const imported = await cli(environment(), "roster", "import", roster);
      expect(imported.stderr).toBe("");
      expect(imported.stdout).toMatch(/2 added/);
      const during = await cli(environment(), "roster", "export");
      expect(during.stdout).toMatch(/Dana Whitfield[\s\S]*Omar Haddad/);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

      child.kill("SIGTERM");
      await once(child, "exit").catch(() => {});
      await exited;
      await expect.poll(() => refuses(port), { timeout: 10_000 }).toBe(true);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }

    // Stopped, it let go of the database: the CLI opens the files itself and finds its import.
    const after = await cli(environment(), "roster", "export");
    expect(after.stderr).toBe("");
    expect(after.status).toBe(0);
    expect(after.stdout).toMatch(/Dana Whitfield[\s\S]*Omar Haddad/);
  });
});
