// `npm run bench`: match latency against rosters of growing size, on the embedded engine and (when
// reachable) the PostgreSQL server. Prints a table; never asserts. Usage:
//   npm run bench:match                      # 1k, 10k and 100k champions, both engines
//   npm run bench:match -- --sizes 1000,10000
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { toIsoDate } from "../src/core/dates";
import { matchChampions } from "../src/core/matching";
import { type DatabaseHandle, openDatabase } from "../src/db/client";
import { importChampions, importHistory, knownChampionEmails } from "../src/db/roster-repository";
import { createRosterSnapshotSource } from "../src/db/roster-snapshot";
import { generateDemoProgram } from "../src/demo/generate";
import { championsToCsv, parseChampionsCsv } from "../src/roster/champions-csv";
import { historyToCsv, parseHistoryCsv } from "../src/roster/history-csv";
import { createMatcher, deterministicParser } from "../src/services/matcher";
import { dropServerDatabase, freshServerDatabase, serverUrl } from "./server";

const REQUESTS = [
  "does anyone have a healthcare CFO who could talk to Acme by Friday?",
  "Need an EMEA fintech reference for Globex, Payments API, enterprise",
  "looking for a retail customer in APAC for a panel or webinar",
  "can we get a banking CIO on a call with Initech before March 3",
  "any software CTO in North America for a reference call with a 2,000 employee prospect?",
];
const ITERATIONS = 60;
const CORE_ITERATIONS = 200;

const sizesArg = process.argv.indexOf("--sizes");
const sizes = (sizesArg > 0 ? (process.argv[sizesArg + 1] ?? "") : "1000,10000,100000")
  .split(",")
  .map(Number);

const now = new Date();
const today = toIsoDate(now);

interface Row {
  engine: string;
  size: number;
  importMs: number;
  coldMs: number;
  medianMs: number;
  p90Ms: number;
  coreMedianMs: number;
  /** The process's heap with this roster's snapshot live (the embedded engine's WASM memory is outside it). */
  heapMb: number;
  /** The whole process's resident memory, the embedded engine included. */
  rssMb: number;
  /** The most it was resident at any moment: loading the snapshot included. */
  peakRssMb: number;
}

/** Heap in use after a collection (the scripts run node with --expose-gc), so the number is what stays live. */
function memoryMb(): { heapMb: number; rssMb: number; peakRssMb: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  return {
    heapMb: heapUsed / 2 ** 20,
    rssMb: rss / 2 ** 20,
    peakRssMb: process.resourceUsage().maxRSS / 2 ** 10,
  };
}

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

/** Imports a generated roster of `size` champions and their history through the real importers. */
async function importRoster(handle: DatabaseHandle, size: number): Promise<number> {
  const demo = generateDemoProgram({ champions: size, today, seed: 7 });
  const importStart = performance.now();
  await importChampions(handle.db, parseChampionsCsv(championsToCsv(demo.champions)), "bench");
  const history = parseHistoryCsv(historyToCsv(demo.history), {
    knownEmails: await knownChampionEmails(handle.db),
    today,
  });
  await importHistory(handle.db, history, "bench");
  return performance.now() - importStart;
}

/** Match latency and memory in a process that, like the app, only opened the database and matches. */
async function measure(engine: string, handle: DatabaseHandle, size: number): Promise<Omit<Row, "importMs">> {
  const snapshots = createRosterSnapshotSource(handle.db, () => now);
  const matcher = createMatcher({
    snapshots,
    parser: deterministicParser,
    clock: () => now,
    defaultCapacity: 4,
  });
  const run = async (text: string) => {
    const { request } = await matcher.parse(text);
    return matcher.propose(request, 3);
  };

  const coldStart = performance.now();
  await run(REQUESTS[0] ?? "");
  const coldMs = performance.now() - coldStart;

  const latencies: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    await run(REQUESTS[i % REQUESTS.length] ?? "");
    latencies.push(performance.now() - start);
  }

  // The pure ranking alone, to show its cost grows linearly with the roster.
  const snapshot = await snapshots.current();
  const { request } = await matcher.parse(REQUESTS[1] ?? "");
  const core: number[] = [];
  const rank = () =>
    matchChampions(request, snapshot.roster, { defaultCapacity: 4, events: snapshot.events, limit: 3 });
  for (let i = 0; i < 20; i++) rank();
  for (let i = 0; i < CORE_ITERATIONS; i++) {
    const start = performance.now();
    rank();
    core.push(performance.now() - start);
  }
  return {
    engine,
    size,
    coldMs,
    medianMs: quantile(latencies, 0.5),
    p90Ms: quantile(latencies, 0.9),
    coreMedianMs: quantile(core, 0.5),
    ...memoryMb(),
  };
}

/** Where an engine's database is: a server URL, or a folder for the embedded engine's files. */
const openAt = (engine: string, location: string) =>
  openDatabase(engine === "postgres" ? { url: location } : { dataDir: location });

/**
 * One step in this process, its result printed as JSON (see `inOwnProcess`): `import` fills the
 * database, `measure` then opens it as the app would, so the generated roster, the CSV and the
 * importers' garbage are not counted in the memory of the process that matches.
 */
async function runStep(step: string, engine: string, size: number, location: string): Promise<void> {
  const handle = await openAt(engine, location);
  const result =
    step === "import" ? { importMs: await importRoster(handle, size) } : await measure(engine, handle, size);
  await handle.close();
  console.log(JSON.stringify(result));
}

/** Each step in a fresh process, so its memory is its own and not what earlier ones left. */
async function inOwnProcess<T>(step: string, engine: string, size: number, location: string): Promise<T> {
  const child = spawn(
    process.execPath,
    [
      "--expose-gc",
      "--import",
      "tsx",
      fileURLToPath(import.meta.url),
      "--step",
      step,
      engine,
      String(size),
      location,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const [code] = await once(child, "exit");
  if (code !== 0) throw new Error(`the ${engine} ${size} ${step} exited with ${code}`);
  return JSON.parse(output.trim().split("\n").at(-1) ?? "") as T;
}

async function measureEngine(engine: string, size: number, location: string): Promise<Row> {
  const { importMs } = await inOwnProcess<{ importMs: number }>("import", engine, size, location);
  return { importMs, ...(await inOwnProcess<Omit<Row, "importMs">>("measure", engine, size, location)) };
}

async function main() {
  const rows: Row[] = [];
  const server = await serverUrl();
  for (const size of sizes) {
    // On disk, as the app keeps it (DATA_DIR), so the measuring process can open what the import wrote.
    const dataDir = await mkdtemp(join(tmpdir(), "refdesk-bench-match-"));
    try {
      rows.push(await measureEngine("pglite", size, dataDir));
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
    if (server) {
      const name = `refdesk_bench_${size}`;
      rows.push(await measureEngine("postgres", size, await freshServerDatabase(server, name)));
      await dropServerDatabase(server, name);
    }
  }
  if (!server) console.log("(PostgreSQL server not reachable: embedded engine only)");

  console.log("\nmatch latency: parse → snapshot revision check → rank (per request, after the first)");
  console.log(
    "engine    champions  import(s)  first(ms)  median(ms)  p90(ms)  core median(ms)  core µs/champion  heap(MB)  rss(MB)  peak rss(MB)",
  );
  for (const row of rows) {
    console.log(
      `${row.engine.padEnd(9)} ${String(row.size).padStart(9)}  ${(row.importMs / 1000).toFixed(1).padStart(9)}  ${row.coldMs.toFixed(0).padStart(9)}  ${row.medianMs.toFixed(2).padStart(10)}  ${row.p90Ms.toFixed(2).padStart(7)}  ${row.coreMedianMs.toFixed(2).padStart(15)}  ${((row.coreMedianMs * 1000) / row.size).toFixed(2).padStart(16)}  ${row.heapMb.toFixed(0).padStart(8)}  ${row.rssMb.toFixed(0).padStart(7)}  ${row.peakRssMb.toFixed(0).padStart(12)}`,
    );
  }
  for (const engine of new Set(rows.map((row) => row.engine))) {
    const list = rows.filter((row) => row.engine === engine);
    for (let i = 1; i < list.length; i++) {
      const small = list[i - 1];
      const large = list[i];
      if (!small || !large) continue;
      console.log(
        `${engine}: ${large.size / small.size}× the roster → ${(large.coreMedianMs / small.coreMedianMs).toFixed(1)}× the core ranking time`,
      );
    }
  }
  for (const row of rows.filter((candidate) => candidate.size === 100_000)) {
    console.log(
      `memory at 100k on ${row.engine}: ${row.heapMb.toFixed(0)} MB of live heap, ${row.rssMb.toFixed(0)} MB resident (${row.peakRssMb.toFixed(0)} MB at its peak; ${row.engine === "pglite" ? "the embedded database included" : "the app's process; the server's memory is its own"})`,
    );
  }
  const targets = [
    { size: 10_000, ms: 100 },
    { size: 100_000, ms: 150 },
  ];
  for (const target of targets) {
    for (const row of rows.filter((candidate) => candidate.size === target.size)) {
      console.log(
        `target (${target.size / 1000}k, median < ${target.ms} ms) on ${row.engine}: ${row.medianMs < target.ms ? "met" : "MISSED"} (${row.medianMs.toFixed(2)} ms)`,
      );
    }
  }
}

const step = process.argv.indexOf("--step");
if (step > 0) {
  const [name = "", engine = "", size = "", location = ""] = process.argv.slice(step + 1);
  await runStep(name, engine, Number(size), location);
} else {
  await main();
}
