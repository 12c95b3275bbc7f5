// The local Slack Web API stand-in as its own process for benchmarks; prints "ready <url>". Asked
// "opened" over IPC, it answers when each modal was opened: [trigger_id, epoch ms] pairs; asked
// "cpu", the CPU time it has used.
import { startSlackApi } from "../test/support/slack-api";
import { cpuMicros } from "./cpu";

const api = await startSlackApi();
const opened = new Map<string, number>();
const now = () => performance.timeOrigin + performance.now();

process.on("message", (message) => {
  if (message === "opened") process.send?.([...opened]);
  if (message === "cpu") process.send?.(cpuMicros());
});
console.log(`ready ${api.url}`);

// Takes the recorded calls as they come, so finding the next one never scans those already seen.
for (;;) {
  await api.waitFor("views.open", () => true, 2e9);
  const at = now();
  for (const call of api.calls.splice(0)) {
    const triggerId = String(call.args.trigger_id);
    if (call.method === "views.open" && !opened.has(triggerId)) opened.set(triggerId, at);
  }
}
