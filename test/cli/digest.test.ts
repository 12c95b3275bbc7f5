import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { nodeIo } from "../../src/cli/io";
import { type CliContext, runCli } from "../../src/cli/program";
import { CHART_SIZE } from "../../src/digest/chart";
import { assertWithinLimits } from "../slack/blocks/fixtures";
import { NOW } from "../support/builders";
import { testEngine, useTestDatabase } from "../support/database";
import { decodePng } from "../support/png";

const database = useTestDatabase();
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "refdesk-digest-"));
});

async function refdesk(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const context: CliContext = {
    io: {
      ...nodeIo,
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
    },
    clock: () => NOW,
    defaultCapacity: 4,
    // The test owns the database; commands must not close it.
    openDatabase: async () => ({ ...database.handle, close: async () => {} }),
  };
  const code = await runCli(argv, context);
  return { code, stdout, stderr };
}

describe(`digest CLI on ${testEngine}`, () => {
  it("documents itself in --help", async () => {
    expect((await refdesk("--help")).stdout).toContain("digest");
    const help = await refdesk("digest", "--help");
    expect(help.stdout).toContain("--out <file>");
    expect(help.stdout).toContain("--json");
  });

  it("writes the chart as a PNG and prints the week's numbers", async () => {
    expect((await refdesk("demo", "--champions", "12")).code).toBe(0);
    const out = join(dir, "week.png");
    const result = await refdesk("digest", "--out", out);
    expect(result).toMatchObject({ code: 0, stderr: `Wrote ${out} (1200×540 PNG).\n` });
    expect(result.stdout).toContain("Weekly reference digest, 16 Nov 2026 to 23 Nov 2026");
    expect(result.stdout).toContain("  Requests opened: 0\n");
    expect(result.stdout).toContain("  Request funnel: requested 0 → proposed 0");

    const png = decodePng(await readFile(out));
    expect({ width: png.width, height: png.height }).toEqual(CHART_SIZE);
  });

  it("prints the Slack message as JSON with --json", async () => {
    const out = join(dir, "json.png");
    const result = await refdesk("digest", "--json", "--out", out);
    expect(result.code).toBe(0);
    const message = JSON.parse(result.stdout);
    assertWithinLimits(message);
    expect(message.blocks[0].text.text).toBe("Weekly reference digest");
    expect(decodePng(await readFile(out)).width).toBe(CHART_SIZE.width);
  });

  it("says why it cannot write the file", async () => {
    const result = await refdesk("digest", "--out", join(dir, "missing", "week.png"));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^refdesk: cannot write .*missing\/week\.png: ENOENT/);
  });
});
