// `npm run bench:import`: `refdesk roster import` of a generated roster (parse, validate, upsert,
// audit) against its anchor, a plain COPY of the same rows into a fresh migrated database, on the
// embedded engine and (when reachable) the PostgreSQL server. Prints each time beside its anchor
// and the ratio, and the CPU time each took beside the anchor's (steadier than the wall time on a
// machine others use); never asserts. Usage:
//   npm run bench:import                          # 100k champions, the median of 3 runs each
//   npm run bench:import -- --size 10000 --runs 1
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { stringify } from "csv-stringify/sync";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import postgres from "postgres";
import { decodeUtf8 } from "../src/cli/io";
import { toIsoDate } from "../src/core/dates";
import { MIGRATIONS_FOLDER, openDatabase } from "../src/db/client";
import { importChampions } from "../src/db/roster-repository";
import { generateDemoProgram } from "../src/demo/generate";
import {
  CHAMPION_COLUMNS,
  type ChampionInput,
  championsToCsv,
  parseChampionsCsv,
} from "../src/roster/champions-csv";
import { cpuMicros } from "./cpu";
import { dropServerDatabase, freshServerDatabase, serverUrl } from "./server";

type Engine = "pglite" | "postgres";
type Method = "import" | "copy";

const option = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(name);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};

/**
 * The anchor's file: the same rows as the roster file, with the list cells (`a;b`) written as the
 * array literals (`{"a","b"}`) COPY needs for an array column; every other cell is as exported.
 */
function copyCsv(champions: readonly ChampionInput[]): string {
  const array = (items: readonly string[]) =>
    `{${items.map((item) => `"${item.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`;
  return stringify(
    champions.map((champion) => [
      champion.name,
      champion.email,
      champion.slackUserId,
      champion.company,
      champion.title,
      champion.industry,
      champion.companySize,
      champion.region,
      champion.timezone,
      array(champion.products),
      array(champion.motivations),
      array(champion.activities),
      champion.maxAsksPerQuarter,
      champion.status,
      champion.restUntil,
      champion.notes,
      champion.emailOk ? "yes" : "no",
      champion.sharedChannelId,
      champion.slackTeamId,
    ]),
  );
}

// An unquoted empty cell is NULL to COPY; these columns are NOT NULL and take the empty string.
const COPY_SQL = `copy champions (${CHAMPION_COLUMNS.join(", ")}) from stdin with (format csv, force_not_null (title, industry, notes))`;

interface Timing {
  ms: number;
  /**
   * CPU time over the same span: this process's (the embedded engine runs in it), and on the
   * server its backends serving the database too; absent when they cannot be read. On a machine
   * others use, it varies less than the wall time.
   */
  cpuMs?: number;
}

interface Measured extends Timing {
  /** Of `ms`, the import's reading and checking of the file. */
  parseMs?: number;
  /** Champions the table holds afterwards. */
  rows: number;
}

/** Starts timing; `server` is the database's URL when it is on the server. */
async function startClock(server?: string): Promise<{ stop(): Promise<Timing> }> {
  const admin = server ? postgres(server, { max: 1, onnotice: () => {} }) : undefined;
  const serverBefore = admin ? await backendCpuMs(admin) : new Map<number, number>();
  const cpuBefore = cpuMicros();
  const start = performance.now();
  return {
    async stop() {
      const ms = performance.now() - start;
      const ownMs = (cpuMicros() - cpuBefore) / 1000;
      if (!admin) return { ms, cpuMs: ownMs };
      const serverAfter = await backendCpuMs(admin);
      await admin.end();
      if (!serverBefore || !serverAfter) return { ms };
      let serverMs = 0;
      for (const [pid, cpuMs] of serverAfter) serverMs += cpuMs - (serverBefore.get(pid) ?? 0);
      return { ms, cpuMs: ownMs + serverMs };
    },
  };
}

/**
 * The CPU each server backend on `admin`'s database (but admin's own) has used, by pid, read from
 * /proc: undefined unless the server runs on this machine (Linux).
 */
async function backendCpuMs(admin: postgres.Sql): Promise<Map<number, number> | undefined> {
  const backends = await admin<{ pid: number }[]>`
    select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
  const cpu = new Map<number, number>();
  for (const { pid } of backends) {
    const stat = (() => {
      try {
        return readFileSync(`/proc/${pid}/stat`, "utf8");
      } catch {
        return undefined;
      }
    })();
    if (!stat?.includes("(postgres)")) return undefined;
    // utime and stime, the 14th and 15th fields, in clock ticks: 100 a second on Linux.
    const [utime, stime] = stat
      .slice(stat.lastIndexOf(")") + 2)
      .split(" ")
      .slice(11, 13)
      .map(Number);
    cpu.set(pid, ((utime ?? 0) + (stime ?? 0)) * 10);
  }
  return cpu;
}

/** The anchor: one COPY of `bytes` into a fresh migrated database at `target`. */
async function copyInto(engine: Engine, target: string, bytes: Buffer): Promise<Measured> {
  if (engine === "pglite") {
    const client = await PGlite.create(target);
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
    const blob = new Blob([bytes]);
    const clock = await startClock();
    await client.query(COPY_SQL.replace("from stdin", "from '/dev/blob'"), [], { blob });
    const timing = await clock.stop();
    const { rows } = await client.query<{ n: number }>("select count(*)::int as n from champions");
    await client.close();
    return { ...timing, rows: rows[0]?.n ?? 0 };
  }
  await (await openDatabase({ url: target })).close(); // migrates
  const client = postgres(target, { max: 1, onnotice: () => {} });
  const clock = await startClock(target);
  await pipeline(Readable.from([bytes]), await client.unsafe(COPY_SQL).writable());
  const timing = await clock.stop();
  const [counted] = await client<{ n: number }[]>`select count(*)::int as n from champions`;
  await client.end();
  return { ...timing, rows: counted?.n ?? 0 };
}

/** `refdesk roster import`'s path: decode, parse and validate the file, then upsert with progress. */
async function importInto(engine: Engine, target: string, bytes: Buffer): Promise<Measured> {
  const handle = await openDatabase(engine === "pglite" ? { dataDir: target } : { url: target });
  let reported = 0;
  const clock = await startClock(engine === "postgres" ? target : undefined);
  const start = performance.now();
  const parsed = parseChampionsCsv(decodeUtf8(bytes, "champions.csv"), "champions.csv");
  const parseMs = performance.now() - start;
  const summary = await importChampions(handle.db, parsed, "cli", "roster import", (written) => {
    reported = written;
  });
  const timing = await clock.stop();
  await handle.close();
  if (reported !== parsed.entries.length) throw new Error(`progress stopped at ${reported}`);
  return { ...timing, parseMs, rows: summary.created };
}

/**
 * One measurement in this process: prints its result as JSON (see `inOwnProcess`). `target` is the
 * server database's URL, or the embedded engine's data directory: files on disk, as `refdesk` keeps
 * them (in memory, PGlite grows each file by copying it, which is not what a user waits for).
 */
async function measureOne(method: Method, engine: Engine, file: string, target: string): Promise<void> {
  const bytes = readFileSync(file);
  const result = await (method === "copy" ? copyInto : importInto)(engine, target, bytes);
  console.log(JSON.stringify(result));
}

/** Each run in a fresh process, as each `refdesk roster import` is: nothing warmed up or left over. */
async function inOwnProcess(
  method: Method,
  engine: Engine,
  file: string,
  target: string,
  size: number,
): Promise<Measured> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(import.meta.url), "--one", method, engine, file, target],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const [code] = await once(child, "exit");
  if (code !== 0) throw new Error(`the ${engine} ${method} run exited with ${code}`);
  const measured = JSON.parse(output.trim().split("\n").at(-1) ?? "") as Measured;
  if (measured.rows !== size)
    throw new Error(`the ${engine} ${method} run left ${measured.rows} champions, not ${size}`);
  return measured;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function main() {
  const size = option("--size", 100_000);
  const runs = option("--runs", 3);
  const dir = mkdtempSync(join(tmpdir(), "refdesk-bench-import-"));
  const server = await serverUrl();
  const database = "refdesk_bench_import";
  try {
    const { champions } = generateDemoProgram({ champions: size, today: toIsoDate(new Date()), seed: 7 });
    const files: Record<Method, string> = { import: join(dir, "champions.csv"), copy: join(dir, "copy.csv") };
    writeFileSync(files.import, championsToCsv(champions));
    writeFileSync(files.copy, copyCsv(champions));

    const engines: Engine[] = server ? ["pglite", "postgres"] : ["pglite"];
    console.log(
      `roster import of ${size.toLocaleString("en")} champions, the median of ${runs} run${runs === 1 ? "" : "s"} each`,
    );
    console.log(
      "engine    import(s)  of which parsing(s)  COPY(s)  ratio  target     CPU: import(s)  COPY(s)  ratio",
    );
    for (const engine of engines) {
      const measured: Record<Method, Measured[]> = { import: [], copy: [] };
      for (let run = 0; run < runs; run++) {
        for (const method of ["copy", "import"] as const) {
          const target =
            server && engine === "postgres"
              ? await freshServerDatabase(server, database)
              : mkdtempSync(join(dir, `${method}-`));
          measured[method].push(await inOwnProcess(method, engine, files[method], target, size));
          if (engine === "pglite") rmSync(target, { recursive: true, force: true });
        }
      }
      const seconds = (method: Method, figure: "ms" | "parseMs" | "cpuMs") =>
        median(measured[method].map((run) => (run[figure] ?? Number.NaN) / 1000));
      const ratio = seconds("import", "ms") / seconds("copy", "ms");
      const cpuRatio = seconds("import", "cpuMs") / seconds("copy", "cpuMs");
      const figure = (value: number, width: number, digits = 2) =>
        (Number.isNaN(value) ? "—" : value.toFixed(digits)).padStart(width);
      console.log(
        `${engine.padEnd(9)} ${figure(seconds("import", "ms"), 9)}  ${figure(seconds("import", "parseMs"), 19)}  ${figure(seconds("copy", "ms"), 7)}  ${figure(ratio, 4, 1)}×  ≤ 2× ${(ratio <= 2 ? "met" : "MISSED").padEnd(6)}  ${figure(seconds("import", "cpuMs"), 14)}  ${figure(seconds("copy", "cpuMs"), 7)}  ${figure(cpuRatio, 4, 1)}×`,
      );
    }
    if (!server) console.log("(PostgreSQL server not reachable: embedded engine only)");
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (server) await dropServerDatabase(server, database);
  }
}

const one = process.argv.indexOf("--one");
if (one > 0) {
  const [method, engine, file, target] = process.argv.slice(one + 1);
  await measureOne(method as Method, engine as Engine, file ?? "", target ?? "");
} else {
  await main();
}
