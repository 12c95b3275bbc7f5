// `npm run eval [-- --verbose [--mistakes N]]`: how well requests written in Slack are recognized,
// on the labelled examples in test/fixtures/messages.jsonl (the set the rules were tuned on) and on
// the held-out set test/fixtures/heldout-messages.jsonl (written without reading the rules), and how
// well champions' replies are read, on test/fixtures/heldout-replies.jsonl.

import { parseArgs } from "node:util";
import { mightBeReferenceRequest, recognizeDeterministically } from "../src/core/parser/prefilter";
import { interpretReply } from "../src/core/reply-interpreter";
import { openDatabase } from "../src/db/client";
import { DEMO_PRODUCTS } from "../src/demo/generate";
import { loadConfig, loadDotEnvFile } from "../src/env";
import { EVAL_NOW, HELDOUT_EXAMPLES_PATH, loadExamples } from "../src/eval/examples";
import { DETERMINISTIC_TARGETS, missedTargets, runEval } from "../src/eval/parser-eval";
import { loadReplyExamples, printReplyReport, runReplyEval } from "../src/eval/replies";
import { printEvalReport } from "../src/eval/report";
import { createUnderstandingFromConfig } from "../src/llm/factory";
import { deterministicUnderstanding } from "../src/services/understanding";

const { values } = parseArgs({
  options: { verbose: { type: "boolean", default: false }, mistakes: { type: "string", default: "30" } },
});
const report = { verbose: values.verbose, mistakes: Number(values.mistakes) };

const examples = await loadExamples();
const context = { now: EVAL_NOW, products: DEMO_PRODUCTS };

const deterministic = await runEval(examples, async (text) => recognizeDeterministically(text, context));
printEvalReport("deterministic", deterministic, { ...report, targets: DETERMINISTIC_TARGETS });

if (missedTargets(deterministic, DETERMINISTIC_TARGETS).length > 0) process.exitCode = 1;

// Held-out: measured, not held to the tuning set's targets (test/eval/heldout.test.ts keeps floors).
const heldout = await loadExamples(HELDOUT_EXAMPLES_PATH);
const heldoutResult = await runEval(heldout, async (text) => recognizeDeterministically(text, context));
printEvalReport("deterministic, held-out messages", heldoutResult, report);

const replies = await loadReplyExamples();
printReplyReport("deterministic, held-out replies", await runReplyEval(replies, interpretReply), report);

// The model's path, when a key is configured: the same examples through the app's own Understanding
// (pre-filter, model, merge with the rules), with its calls and tokens recorded in the database.
loadDotEnvFile();
const config = loadConfig();
if (config.OPENAI_API_KEY) {
  // A failed call falls back to the rules for that message; the tally says how often that happened.
  const outcomes = new Map<string, number>();
  // One log line per call carries its outcome; other lines (the breaker resting) are not calls.
  const count = (_message: string, data: Record<string, unknown>) => {
    if (data.outcome === undefined) return;
    const outcome = String(data.outcome);
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  };
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    const understanding = createUnderstandingFromConfig({
      config,
      db: database.db,
      fallback: deterministicUnderstanding,
      prefilter: mightBeReferenceRequest,
      logger: { info: count, warn: count },
      clock: () => EVAL_NOW,
    });
    const model = await runEval(examples, (text) => understanding.recognize(text, context), {
      concurrency: 4,
    });
    console.log(`model calls by outcome: ${JSON.stringify(Object.fromEntries(outcomes))}`);
    // A call that fell back answered with the rules: its numbers would be the rules' under the
    // model's name. Said, and the run fails, rather than reported as the model's.
    const fellBack = [...outcomes].filter(([outcome]) => outcome !== "ok").reduce((sum, [, n]) => sum + n, 0);
    if (fellBack > 0) {
      console.log(
        `model: ${fellBack} of ${[...outcomes.values()].reduce((a, b) => a + b, 0)} calls fell back to the rules, so these are not the model's numbers; fix the model's set-up and run again`,
      );
      process.exitCode = 1;
    } else {
      printEvalReport(`model (${config.OPENAI_MODEL})`, model, report);
    }
  } finally {
    await database.close();
  }
} else {
  console.log(
    "\nmodel: skipped (set OPENAI_API_KEY, and OPENAI_BASE_URL for a compatible server, to evaluate it)",
  );
}
