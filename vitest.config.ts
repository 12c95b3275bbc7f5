import { defineConfig } from "vitest/config";

/** node-postgres failing to reach a database the outage tests cut on purpose. */
const DATABASE_CUT = /ECONNREFUSED|ECONNRESET|Connection terminated/;
const UNDER_THE_JOB_QUEUE = /node_modules\/(pg-boss|pg-pool|pg)\//;

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    // A worker runs many files in one module graph: Bolt, pg-boss and PGlite's WebAssembly are loaded
    // and compiled once per worker rather than once per file (about 30 s of a run). Files share no
    // state but what they create, and each gets its own database.
    isolate: false,
    // Most of a Slack test's time is spent waiting on the app's background work or on a child
    // process, not on the CPU: three workers keep two cores busy.
    maxWorkers: 3,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // pg-boss 10 marks a job done without awaiting it (manager.js, onFetch): with the database cut
    // at that moment the promise rejects with nobody to catch it. The app logs such a rejection
    // and goes on (src/main.ts); in a test only that one is let through, every other one fails the run.
    onUnhandledError(error) {
      const text = `${error.message ?? ""}\n${error.stack ?? ""}`;
      if (DATABASE_CUT.test(text) && UNDER_THE_JOB_QUEUE.test(text)) return false;
    },
  },
});
