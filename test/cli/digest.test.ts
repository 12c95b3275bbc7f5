import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emptyRequest } from "../../src/core/domain";
import { createRequest } from "../../src/db/requests-repository";
import { importChampions } from "../../src/db/roster-repository";
import { CHART_SIZE } from "../../src/digest/chart";
import { parseChampionsCsv } from "../../src/roster/champions-csv";
import { assertWithinLimits } from "../slack/blocks/fixtures";
import { cliOn, useTempDir } from "../support/cli";
import { testEngine, useTestDatabase } from "../support/database";
import { decodePng } from "../support/png";

const database = useTestDatabase();
const tmp = useTempDir("refdesk-digest-");

const refdesk = cliOn(database);

describe(`digest CLI on ${testEngine}`, () => {
  it("documents itself in --help", async () => {
    expect((await refdesk("--help")).stdout).toContain("digest");
    const help = await refdesk("digest", "--help");
    expect(help.stdout).toContain("--out <file>");
    expect(help.stdout).toContain("--json");
  });

  it("writes the chart as a PNG and prints the week's numbers", async () => {
    expect((await refdesk("demo", "--champions", "12")).code).toBe(0);
    const out = join(tmp.path, "week.png");
    const result = await refdesk("digest", "--out", out);
    expect(result).toMatchObject({ code: 0, stderr: `Wrote ${out} (1200×540 PNG).\n` });
    expect(result.stdout).toContain("Weekly reference digest, 16 Nov 2026 to 23 Nov 2026");
    // The demo's requests of the last seven days.
    expect(result.stdout).toContain("  Requests opened: 8\n");
    expect(result.stdout).toContain("  Request funnel: requested 8 → proposed ");

    const png = decodePng(await readFile(out));
    expect({ width: png.width, height: png.height }).toEqual(CHART_SIZE);
  });

  it("prints the Slack message as JSON with --json", async () => {
    const out = join(tmp.path, "json.png");
    const result = await refdesk("digest", "--json", "--out", out);
    expect(result.code).toBe(0);
    const message = JSON.parse(result.stdout);
    assertWithinLimits(message);
    expect(message.blocks[0].text.text).toBe("Weekly reference digest");
    // In Slack the chart is an image block in this message; here it is the file.
    expect(message.blocks.map((block: { type: string }) => block.type)).not.toContain("image");
    expect(decodePng(await readFile(out)).width).toBe(CHART_SIZE.width);
  });

  it("says where last quarter's requests outran the champions with room: recruit there", async () => {
    await importChampions(
      database.db,
      parseChampionsCsv(
        "name,email,company,title,industry,region,max_asks_per_quarter\n" +
          "Dana Whitfield,dana@northwind.example,Northwind Pay,Chief Financial Officer,Fintech,EMEA,3\n",
      ),
      "test",
    );
    for (let i = 0; i < 5; i++) {
      await createRequest(database.db, {
        source: "cli",
        requestedBy: "U0REP",
        rawText: "EMEA fintech CFO",
        fields: { ...emptyRequest(), industry: "fintech", region: "EMEA", persona: "CFO" },
        notes: "",
      });
    }
    const result = await refdesk("digest", "--out", join(tmp.path, "bench.png"));
    expect(result.stdout).toContain(
      "Bench ahead of demand:\n  fintech CFOs in EMEA: 5 requests, 1 champion with room (3 asks left): recruit.",
    );
    const message = JSON.parse((await refdesk("digest", "--json", "--out", join(tmp.path, "b.png"))).stdout);
    expect(JSON.stringify(message.blocks)).toContain("*Bench ahead of demand*");
    assertWithinLimits(message);
  });

  it("says why it cannot write the file", async () => {
    const result = await refdesk("digest", "--out", join(tmp.path, "missing", "week.png"));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^refdesk: cannot write .*missing\/week\.png: ENOENT/);
  });
});
