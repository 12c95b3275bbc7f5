// The local Slack Web API stand-in as its own process for benchmarks; prints "ready <url>". Asked
// "opened" over IPC, it answers when each modal was opened: [trigger_id, epoch ms] pairs.
import { startSlackApi } from "../test/support/slack-api";

const api = await startSlackApi();
const opened = new Map<string, number>();
const now = () => performance.timeOrigin + performance.now();

process.on("message", (message) => {
  if (message === "opened") process.send?.([...opened]);
});
console.log(`ready ${api.url}`);

for (;;) {
  const call = await api.waitFor("views.open", (args) => !opened.has(String(args.trigger_id)), 2e9);
  opened.set(String(call.args.trigger_id), now());
}
