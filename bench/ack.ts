// `npm run bench:ack`: how fast `/reference` is acknowledged and its form opened, beside a fair
// anchor (a minimal Bolt app that acks and opens the same form) and a bare Bolt app that only acks,
// under the same signed load on this machine, and whether each modal still opened within the
// trigger's three seconds (a request whose acknowledgement failed or whose modal never opened in
// time is lost to its sender), and the CPU each process spent per request, which shows when the
// machine rather than the app sets the pace. Prints tables and the targets; never asserts.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { availableParallelism } from "node:os";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { build } from "esbuild";
import { NODE_BUILD } from "../scripts/esbuild-options.mjs";
import { signedHeaders } from "../test/support/slack-app";
import { cpuMicros } from "./cpu";
import { BENCH_REQUEST } from "./request";

/**
 * Measured requests per run, after a warm-up long enough for V8 to have optimised each app's
 * request path: servers run for days, and after only 400 requests refdesk's larger path (Block
 * Kit, parser, Bolt listeners) was still about 40% slower than it settles at.
 */
const WARMUP_REQUESTS = 2_000;
/** Before each later round: the app is warm, this only brings the load back to speed. */
const ROUND_WARMUP_REQUESTS = 500;
const REQUESTS_PER_RUN = 1_000;
const SENDERS = [1, 50];
/**
 * The anchor and refdesk take turns this many times at each load, and the median round's ratio is
 * the figure: with both cores busy, one run's ratio moves with how the machine shares them.
 */
const ROUNDS = 3;
/** Slack's limit for an acknowledgement, and the life of the trigger_id that opens the modal. */
const SLACK_LIMIT_MS = 3_000;

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

const epochMs = () => performance.timeOrigin + performance.now();

function commandBody(triggerId: string): string {
  return new URLSearchParams({
    command: "/reference",
    text: BENCH_REQUEST,
    user_id: "U0REP",
    channel_id: "C0SALES",
    team_id: "T0001",
    trigger_id: triggerId,
    response_url: "http://127.0.0.1:9/response",
  }).toString();
}

interface Sent {
  ackMs: number;
  ok: boolean;
  /** When the request left, on the clock the stand-in also uses. */
  sentAt: number;
}

/** `concurrency` senders, each sending its next request as soon as the last was acknowledged. */
async function load(
  url: string,
  concurrency: number,
  run: string,
  requests: number,
): Promise<Map<string, Sent>> {
  const sent = new Map<string, Sent>();
  let next = 0;
  const sender = async () => {
    while (next < requests) {
      const triggerId = `${run}-${next++}`;
      const body = commandBody(triggerId);
      const headers = signedHeaders(body, "application/x-www-form-urlencoded");
      const sentAt = epochMs();
      const start = performance.now();
      const response = await fetch(url, { method: "POST", headers, body });
      await response.arrayBuffer();
      sent.set(triggerId, { ackMs: performance.now() - start, ok: response.status === 200, sentAt });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, sender));
  return sent;
}

interface Started {
  child: ChildProcess;
  ready: string;
}

/** `-- --profile <dir>`: each app writes a CPU profile there when the bench stops it. */
const profileAt = process.argv.includes("--profile")
  ? process.argv[process.argv.indexOf("--profile") + 1]
  : undefined;

/**
 * The apps under test, built as `npm start` builds the app (esbuild, dependencies left in
 * node_modules) and run by plain node, as production runs it: under tsx each app also paid for
 * tsx's rewriting of its own code, refdesk (all of its code is its own) far more than the anchor.
 */
const TARGET = "dist/bench/ack-target.mjs";

async function buildTarget(): Promise<void> {
  await build({ ...NODE_BUILD, entryPoints: ["bench/ack-target.ts"], outfile: TARGET });
}

/** Starts a bench script in its own process (so Slack, the app and the load share no event loop). */
async function startProcess(args: string[]): Promise<Started> {
  const [script = "", ...rest] = args;
  const command =
    script === "bench/ack-target.ts"
      ? [...(profileAt ? ["--cpu-prof", `--cpu-prof-dir=${profileAt}`] : []), TARGET, ...rest]
      : ["--import", "tsx", ...args];
  const child = spawn(process.execPath, command, {
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  const lines = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> });
  for await (const line of lines) {
    if (line.startsWith("ready ")) return { child, ready: line.slice(6) };
  }
  throw new Error(`${args.join(" ")} exited before it was ready`);
}

/** Asks a bench process over IPC and waits for its answer. */
async function ask<T>(child: ChildProcess, question: "opened" | "cpu"): Promise<T> {
  const answer = once(child, "message");
  child.send(question);
  const [value] = (await answer) as [T];
  return value;
}

/** When the stand-in saw each modal open, by trigger_id. */
const modalsOpened = async (standIn: ChildProcess) =>
  new Map(await ask<[string, number][]>(standIn, "opened"));

/** CPU time (user + system, all threads) of the load, the app and the stand-in, in µs. */
async function cpuNow(app: ChildProcess, standIn: ChildProcess): Promise<number[]> {
  return [cpuMicros(), await ask<number>(app, "cpu"), await ask<number>(standIn, "cpu")];
}

interface Result {
  app: string;
  round: number;
  senders: number;
  ackP50: number;
  ackP99: number;
  failed: number;
  modalP50: number | null;
  modalP99: number | null;
  lost: number;
  /** CPU ms per measured request: load, app, stand-in; and cores busy on average over the run. */
  cpu: { load: number; app: number; standIn: number; cores: number };
}

async function measure(
  app: string,
  target: Started,
  standIn: ChildProcess,
  senders: number,
  opensModals: boolean,
  round = 1,
): Promise<Result> {
  const url = `http://127.0.0.1:${target.ready}/slack/events`;
  const run = `${app}-${senders}-${round}`;
  await load(url, senders, `${run}-warmup`, round === 1 ? WARMUP_REQUESTS : ROUND_WARMUP_REQUESTS);
  const cpuBefore = await cpuNow(target.child, standIn);
  const started = performance.now();
  const sent = await load(url, senders, run, REQUESTS_PER_RUN);
  const wallMs = performance.now() - started;
  const [loadCpu, appCpu, standInCpu] = (await cpuNow(target.child, standIn)).map(
    (after, index) => (after - (cpuBefore[index] ?? 0)) / 1000,
  ) as [number, number, number];
  const cpu = {
    load: loadCpu / REQUESTS_PER_RUN,
    app: appCpu / REQUESTS_PER_RUN,
    standIn: standInCpu / REQUESTS_PER_RUN,
    cores: (loadCpu + appCpu + standInCpu) / wallMs,
  };
  const acks = [...sent.values()];
  const ackMs = acks.map((request) => request.ackMs);
  const failed = acks.filter((request) => !request.ok).length;
  const result = {
    app,
    round,
    senders,
    ackP50: quantile(ackMs, 0.5),
    ackP99: quantile(ackMs, 0.99),
    failed,
    cpu,
  };
  if (!opensModals) return { ...result, modalP50: null, modalP99: null, lost: failed };
  // Give the last modal the whole of its trigger's life before counting what never opened.
  await new Promise((resolve) => setTimeout(resolve, SLACK_LIMIT_MS));
  const opened = await modalsOpened(standIn);
  const requests = [...sent].map(([triggerId, request]) => ({
    ok: request.ok,
    modalMs: (opened.get(triggerId) ?? Number.POSITIVE_INFINITY) - request.sentAt,
  }));
  const modalMs = requests.map((request) => request.modalMs);
  const lost = requests.filter((request) => !request.ok || request.modalMs > SLACK_LIMIT_MS).length;
  return { ...result, modalP50: quantile(modalMs, 0.5), modalP99: quantile(modalMs, 0.99), lost };
}

const ms = (value: number | null) => (value === null ? "—" : value.toFixed(2)).padStart(8);

const median = (values: number[]): number => quantile(values, 0.5);

/** refdesk against the anchor in each round at one load, and the median round's ratios. */
function compare(results: Result[], senders: number) {
  const rounds = Array.from({ length: ROUNDS }, (_, index) => {
    const row = (app: string) =>
      results.find(
        (result) => result.app === app && result.senders === senders && result.round === index + 1,
      );
    const ours = row("refdesk");
    const anchor = row("anchor");
    return {
      cpu: (ours?.cpu.app ?? Number.NaN) / (anchor?.cpu.app ?? Number.NaN),
      form: (ours?.modalP50 ?? Number.NaN) / (anchor?.modalP50 ?? Number.NaN),
      lost: ours?.lost ?? Number.NaN,
    };
  });
  return {
    rounds,
    cpu: median(rounds.map((round) => round.cpu)),
    form: median(rounds.map((round) => round.form)),
    lost: Math.max(...rounds.map((round) => round.lost)),
  };
}

async function main() {
  await buildTarget();
  const standIn = await startProcess(["bench/slack-stand-in.ts"]);
  const bare = await startProcess(["bench/ack-target.ts", "bare", standIn.ready]);
  const anchor = await startProcess(["bench/ack-target.ts", "anchor", standIn.ready]);
  const refdesk = await startProcess(["bench/ack-target.ts", "refdesk", standIn.ready]);
  const results: Result[] = [];
  for (const senders of SENDERS) {
    results.push(await measure("bare Bolt", bare, standIn.child, senders, false));
    for (let round = 1; round <= ROUNDS; round++) {
      results.push(await measure("anchor", anchor, standIn.child, senders, true, round));
      results.push(await measure("refdesk", refdesk, standIn.child, senders, true, round));
    }
  }
  console.log(
    `\n/reference: ${REQUESTS_PER_RUN} signed requests per run, after ${WARMUP_REQUESTS} to warm up (${ROUND_WARMUP_REQUESTS} before each later round), anchor and refdesk taking turns for ${ROUNDS} rounds (ms); app, Slack stand-in and load in separate processes`,
  );
  console.log("app        round senders  ack p50  ack p99  non-200  modal p50  modal p99  lost");
  for (const row of results) {
    console.log(
      `${row.app.padEnd(10)} ${String(row.round).padStart(5)} ${String(row.senders).padStart(7)} ${ms(row.ackP50)} ${ms(row.ackP99)} ${String(row.failed).padStart(8)}  ${ms(row.modalP50)}   ${ms(row.modalP99)} ${String(row.lost).padStart(5)}`,
    );
  }
  console.log(
    `\nCPU per measured request (ms, all threads) and cores busy on average (this machine has ${availableParallelism()})`,
  );
  console.log("app        round senders     load      app  stand-in  cores busy");
  for (const { app, round, senders, cpu } of results) {
    console.log(
      `${app.padEnd(10)} ${String(round).padStart(5)} ${String(senders).padStart(7)} ${ms(cpu.load)} ${ms(cpu.app)}  ${ms(cpu.standIn)}  ${cpu.cores.toFixed(2).padStart(10)}`,
    );
  }
  // The fair anchor opens the same form under the same load: refdesk's own cost is the difference.
  console.log("\nrefdesk against the anchor (a minimal Bolt app that acks and opens the same form)");
  const ratio = (value: number) => `${value.toFixed(2)}×`;
  for (const senders of SENDERS) {
    const { rounds, cpu, form, lost } = compare(results, senders);
    const verdict = (met: boolean) => (met ? "met" : "MISSED");
    const targets =
      senders === 50
        ? ` (targets: CPU ≤ 1.3×: ${verdict(cpu <= 1.3)}; form p50 ≤ 1.5×: ${verdict(form <= 1.5)}; lost = 0: ${verdict(lost === 0)})`
        : "";
    console.log(
      `  ${String(senders).padStart(2)} sender${senders > 1 ? "s" : " "}: CPU per request ${rounds.map((round) => ratio(round.cpu)).join(", ")}: median ${ratio(cpu)}; form p50 ${rounds.map((round) => ratio(round.form)).join(", ")}: median ${ratio(form)}${targets}`,
    );
  }
  // The apps first: they may still be talking to the stand-in.
  for (const child of [refdesk.child, anchor.child, bare.child, standIn.child]) {
    child.kill();
    await once(child, "exit");
  }
}

await main();
