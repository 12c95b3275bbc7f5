import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");

describe("npm start without Slack tokens", () => {
  it("exits non-zero with the setup steps instead of a stack trace", () => {
    // An empty working directory: no .env to pick up.
    const result = spawnSync(
      process.execPath,
      [join(root, "node_modules/.bin/tsx"), join(root, "src/main.ts")],
      {
        cwd: mkdtempSync(join(tmpdir(), "refdesk-start-")),
        env: { PATH: process.env.PATH ?? "" },
        encoding: "utf8",
        timeout: 20_000,
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /^Slack is not configured: SLACK_BOT_TOKEN and SLACK_APP_TOKEN or SLACK_SIGNING_SECRET and ADVOCACY_CHANNEL missing\./,
    );
    expect(result.stderr).toContain("From a manifest");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
