// `npm run bench:startup`: how long the app takes from its process being spawned to its first 200
// from `/healthz`, started as production starts it (`node --enable-source-maps dist/main.js`, built
// once here as `npm start` builds it) in HTTP mode, against the local Slack Web API stand-in with
// fake tokens, on (a) a migrated PostgreSQL database and (b) a fresh, empty embedded DATA_DIR.
// Beside each, in the same run, the anchor: a bare `node -e` that answers /healthz (for the embedded
// case, after opening PGlite on a fresh folder too), so the ratio is refdesk's own cost over what
// node (and PGlite's initdb) cost anyway. refdesk starts a fresh DATA_DIR from the database the
// build made (src/db/pglite-template.ts), so it skips the initdb its anchor pays: a ratio under 1
// there says so. Runs alternate between the app and its anchor, so a busy moment on the machine
// falls on both. Beside the wall-clock time, the CPU the process had used by then (Linux, from
// /proc), which other work on the machine inflates less. Prints medians; never asserts.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { openDatabase } from "../src/db/client";
import { freePort } from "../test/support/processes";
import { startSlackApi } from "../test/support/slack-api";
import { LEAD, LEADS_CHANNEL, SIGNING_SECRET } from "../test/support/slack-app";
import { dropServerDatabase, freshServerDatabase, serverUrl } from "./server";

const RUNS = Number(process.env.STARTUP_RUNS ?? 7);
/** What a start may take before the run is called failed (a fresh embedded database is the slowest). */
const GIVE_UP_MS = 120_000;
const POLL_MS = 5;
const TARGETS_MS = { server: 1000, embedded: 2000 };

const root = resolve(import.meta.dirname, "..");

/** Answers /healthz once listening; with PGlite, only after opening it on a fresh folder. */
const HTTP_ANCHOR = `
import { createServer } from "node:http";
createServer((req, res) => res.writeHead(req.url === "/healthz" ? 200 : 404).end()).listen(process.env.PORT);
`;
const PGLITE_ANCHOR = `
import { createServer } from "node:http";
import { PGlite } from "@electric-sql/pglite";
const db = await PGlite.create(process.env.DATA_DIR);
createServer(async (req, res) => {
  await db.query("select 1");
  res.writeHead(req.url === "/healthz" ? 200 : 404).end();
}).listen(process.env.PORT);
`;

interface Contender {
  name: string;
  args: string[];
  /** Its environment and working folder, given a fresh folder of the run's own (its DATA_DIR, if embedded). */
  env: (folder: string) => Record<string, string>;
  cwd: (folder: string) => string;
}

async function main() {
  const building = performance.now();
  execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "inherit" });
  console.log(`npm run build (what npm start runs first): ${(performance.now() - building).toFixed(0)} ms`);
  const api = await startSlackApi();
  const appEnvironment = (database: Record<string, string>) => ({
    PATH: process.env.PATH ?? "",
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: api.url,
    ADVOCACY_CHANNEL: LEADS_CHANNEL,
    ADVOCACY_LEADS: LEAD,
    ...database,
  });
  // Exactly what `npm start` execs, after its build; in an empty folder, so no .env is read. The
  // anchors import from this repository's node_modules, so they run in it.
  const app = ["--enable-source-maps", join(root, "dist/main.js")];
  const anchor = (source: string) => ["--input-type=module", "-e", source];

  const server = await serverUrl();
  const database = "refdesk_bench_startup";
  try {
    if (server) {
      const url = await freshServerDatabase(server, database);
      await (await openDatabase({ url })).close();
      await compare("migrated PostgreSQL", TARGETS_MS.server, [
        { name: "anchor (node -e, HTTP)", args: anchor(HTTP_ANCHOR), env: () => ({}), cwd: () => root },
        {
          name: "refdesk",
          args: app,
          env: () => appEnvironment({ DATABASE_URL: url }),
          cwd: (folder) => folder,
        },
      ]);
    } else console.log("\nNo PostgreSQL server answers (DATABASE_URL or the local default): skipped.");
    await compare("fresh embedded DATA_DIR", TARGETS_MS.embedded, [
      {
        name: "anchor (node -e, PGlite + HTTP)",
        args: anchor(PGLITE_ANCHOR),
        env: (folder) => ({ DATA_DIR: join(folder, "pglite") }),
        cwd: () => root,
      },
      {
        name: "refdesk",
        args: app,
        env: (folder) => appEnvironment({ DATA_DIR: folder }),
        cwd: (folder) => folder,
      },
    ]);
  } finally {
    if (server) await dropServerDatabase(server, database);
    await api.close();
  }
}

interface Start {
  wallMs: number;
  /** CPU time (user + system) the process had used when /healthz first answered; null off Linux. */
  cpuMs: number | null;
}

/** Times each contender RUNS times, alternating, after one unmeasured start each to warm the caches. */
async function compare(label: string, targetMs: number, [anchor, app]: [Contender, Contender]) {
  const starts = new Map<Contender, Start[]>([
    [anchor, []],
    [app, []],
  ]);
  for (let run = 0; run <= RUNS; run++) {
    for (const contender of [anchor, app]) {
      const start = await timeStart(contender);
      if (run > 0) starts.get(contender)?.push(start);
    }
  }
  const wall = (contender: Contender) => median((starts.get(contender) ?? []).map((start) => start.wallMs));
  const cpu = (contender: Contender) =>
    median((starts.get(contender) ?? []).map((start) => start.cpuMs ?? Number.NaN));
  console.log(`\nStart-up on a ${label}: spawn → first 200 from /healthz, median of ${RUNS} (ms)`);
  // Other work on the machine slows both alike; the ratio holds better than the times.
  console.log(
    `  (${availableParallelism()} cores; load average ${loadavg()[0]?.toFixed(1)} over the last minute at the end)`,
  );
  console.log(`  ${"".padEnd(34)}   wall    CPU   (each run's wall time)`);
  for (const [contender, runs] of starts) {
    const all = runs.map((start) => start.wallMs.toFixed(0)).join(" ");
    console.log(
      `  ${contender.name.padEnd(34)} ${wall(contender).toFixed(0).padStart(6)} ${cpu(contender).toFixed(0).padStart(6)}   (${all})`,
    );
  }
  const verdict = wall(app) < targetMs ? "met" : "MISSED";
  console.log(
    `  refdesk / anchor: ${(wall(app) / wall(anchor)).toFixed(2)}× wall, ${(cpu(app) / cpu(anchor)).toFixed(2)}× CPU; refdesk − anchor: ${(wall(app) - wall(anchor)).toFixed(0)} ms; refdesk ${wall(app).toFixed(0)} ms (target < ${targetMs} ms: ${verdict})`,
  );
}

/** Spawns the contender and polls /healthz until it answers 200. */
async function timeStart(contender: Contender): Promise<Start> {
  const folder = mkdtempSync(join(tmpdir(), "refdesk-startup-"));
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, contender.args, {
    cwd: contender.cwd(folder),
    env: { ...contender.env(folder), PORT: String(port) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  try {
    await healthy(port, child, () => stderr);
    return { wallMs: performance.now() - started, cpuMs: cpuMsOf(child.pid) };
  } finally {
    await stop(child);
    rmSync(folder, { recursive: true, force: true });
  }
}

async function healthy(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = performance.now() + GIVE_UP_MS;
  while (performance.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`exited with ${child.exitCode} before answering:\n${stderr()}`);
    const status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((done) => setTimeout(done, POLL_MS));
  }
  throw new Error(`/healthz did not answer 200 within ${GIVE_UP_MS} ms:\n${stderr()}`);
}

/** utime + stime from /proc/<pid>/stat, in clock ticks of 10 ms (Linux's USER_HZ). */
function cpuMsOf(pid: number | undefined): number | null {
  const path = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(path)) return null;
  const stat = readFileSync(path, "utf8");
  // The fields after the command name, which is in parentheses and may hold spaces: state first.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  await exited;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

await main();
