// `npx tsx scripts/digest-example.ts [out.png]`: the README's digest picture (docs/digest-example.png),
// from the demo program (its roster and six weeks of requests taken through the app's own steps),
// in a throwaway in-memory database.

import { writeFile } from "node:fs/promises";
import { nodeIo } from "../src/cli/io";
import { runCli } from "../src/cli/program";
import { openDatabase } from "../src/db/client";
import { loadProgramMetrics } from "../src/db/report-repository";
import { renderDigestChart } from "../src/digest/chart";
import { DIGEST_WINDOW_DAYS } from "../src/digest/digest";

const out = process.argv[2] ?? "docs/digest-example.png";
const DEFAULT_CAPACITY = 4;
const now = new Date();

const handle = await openDatabase({ url: undefined, dataDir: "memory://digest-example" });
try {
  const seeded = await runCli(["demo"], {
    io: { ...nodeIo(false), stdout: () => {} },
    clock: () => now,
    defaultCapacity: DEFAULT_CAPACITY,
    openDatabase: async () => ({ ...handle, close: async () => {} }),
  });
  if (seeded !== 0) throw new Error("the demo program did not load");
  const metrics = await loadProgramMetrics(handle.db, {
    now,
    windowDays: DIGEST_WINDOW_DAYS,
    defaultCapacity: DEFAULT_CAPACITY,
  });
  await writeFile(out, await renderDigestChart(metrics));
  console.log(`Wrote ${out}: ${JSON.stringify(metrics.requests.byStatus)}`);
} finally {
  await handle.close();
}
