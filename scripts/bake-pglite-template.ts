// Run by `npm run build` when the embedded database's template is missing or made from other
// migrations or another PGlite (src/db/pglite-template.ts): creates a database as the app's first
// start does (PGlite's initdb, the migrations, the job queue's schema and every queue the app
// uses, the weekly digest's included) and keeps its files for new DATA_DIRs to start from.

import { openDatabase } from "../src/db/client";
import { bakeTemplate } from "../src/db/pglite-template";
import { createJobQueue } from "../src/jobs/queue";
import { APP_QUEUES } from "../src/slack/app";
import { DIGEST_JOB } from "../src/slack/digest";

const started = performance.now();
await bakeTemplate(async (dataDir) => {
  const database = await openDatabase({ dataDir, purpose: "refdesk build" });
  try {
    const jobs = createJobQueue(database.jobs, {
      onError: (error) => console.error(`job queue: ${error.message}`),
    });
    await jobs.start([...APP_QUEUES, DIGEST_JOB]);
    await jobs.stop();
  } finally {
    await database.close();
  }
});
console.log(
  `Made the embedded database's template in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
);
