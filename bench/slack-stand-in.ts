// The local Slack Web API stand-in as its own process for benchmarks; prints "ready <url>".
import { startSlackApi } from "../test/support/slack-api";

const api = await startSlackApi();
console.log(`ready ${api.url}`);
