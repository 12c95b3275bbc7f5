// `npm run bench:ack`: how fast `/reference` is acknowledged, beside a bare Bolt app that only acks,
// under the same signed load on this machine (Slack's budget is 3 seconds). Prints a table.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { sign } from "../test/support/slack-app";

const REQUESTS_PER_RUN = 400;

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

function commandBody(i: number): string {
  return new URLSearchParams({
    command: "/reference",
    text: "need an EMEA fintech CFO to talk to Acme by Friday",
    user_id: "U0REP",
    channel_id: "C0SALES",
    team_id: "T0001",
    trigger_id: `trigger-${i}`,
    response_url: "http://127.0.0.1:9/response",
  }).toString();
}

async function load(url: string, concurrency: number): Promise<{ latencies: number[]; failed: number }> {
  const latencies: number[] = [];
  let failed = 0;
  let next = 0;
  const worker = async () => {
    while (next < REQUESTS_PER_RUN) {
      const i = next++;
      const body = commandBody(i);
      const timestamp = Math.floor(Date.now() / 1000);
      const start = performance.now();
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-slack-request-timestamp": String(timestamp),
          "x-slack-signature": sign(body, timestamp),
        },
        body,
      });
      await response.arrayBuffer();
      latencies.push(performance.now() - start);
      if (response.status !== 200) failed++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies, failed };
}

/** Starts a bench script in its own process (so Slack, the app and the load share no event loop). */
async function startProcess(args: string[]): Promise<{ child: ChildProcess; ready: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> });
  for await (const line of lines) {
    if (line.startsWith("ready ")) return { child, ready: line.slice(6) };
  }
  throw new Error(`${args.join(" ")} exited before it was ready`);
}

async function main() {
  const standIn = await startProcess(["bench/slack-stand-in.ts"]);
  const targets = [
    ["bare Bolt", await startProcess(["bench/ack-target.ts", "bare", standIn.ready])],
    ["refdesk", await startProcess(["bench/ack-target.ts", "refdesk", standIn.ready])],
  ] as const;
  console.log(
    `/reference ack latency, ${REQUESTS_PER_RUN} signed requests per run (ms); app, Slack and load in separate processes`,
  );
  console.log("app        senders   p50     p99     non-200");
  for (const concurrency of [1, 50]) {
    for (const [name, target] of targets) {
      const url = `http://127.0.0.1:${target.ready}/slack/events`;
      await load(url, concurrency); // warm-up
      const { latencies, failed } = await load(url, concurrency);
      console.log(
        `${name.padEnd(10)} ${String(concurrency).padStart(7)}  ${quantile(latencies, 0.5).toFixed(2).padStart(6)}  ${quantile(latencies, 0.99).toFixed(2).padStart(6)}  ${String(failed).padStart(7)}`,
      );
    }
  }
  // The apps first: they may still be talking to the stand-in.
  for (const process of [...targets.map(([, target]) => target.child), standIn.child]) {
    process.kill();
    await once(process, "exit");
  }
}

await main();
