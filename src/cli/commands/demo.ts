import type { Command } from "commander";
import { toIsoDate } from "../../core/dates";
import { AppError } from "../../core/errors";
import { addProgramEvent, upcomingEventSlots } from "../../db/events-repository";
import { importChampions, importHistory, knownChampionEmails } from "../../db/roster-repository";
import { generateDemoProgram } from "../../demo/generate";
import { loadDemoRequests } from "../../demo/request-loader";
import { championsToCsv, parseChampionsCsv } from "../../roster/champions-csv";
import { historyToCsv, parseHistoryCsv } from "../../roster/history-csv";
import { type CliContext, withDatabase } from "../program";

export function demoCommand(program: Command, context: CliContext): void {
  program
    .command("demo")
    .option("--champions <n>", "roster size", "60")
    .option("--seed <n>", "a different seed gives a different roster", "42")
    .description(
      "Load a deterministic demo roster, history and events (through the same importers as real files), " +
        "and six weeks of past requests taken through the request lifecycle.",
    )
    .action(async (options: { champions: string; seed: string }) => {
      const size = Number(options.champions);
      const seed = Number(options.seed);
      if (!Number.isInteger(size) || size < 1 || size > 200_000) {
        throw new AppError(
          "input_invalid",
          `--champions must be a whole number from 1 to 200000, not "${options.champions}"`,
        );
      }
      if (!Number.isInteger(seed))
        throw new AppError("input_invalid", `--seed must be a whole number, not "${options.seed}"`);
      const now = context.clock();
      const today = toIsoDate(now);
      const demo = generateDemoProgram({ champions: size, today, seed });
      const summary = await withDatabase(context, async ({ db }) => {
        const roster = await importChampions(
          db,
          parseChampionsCsv(championsToCsv(demo.champions), "demo champions"),
          "demo",
        );
        const rows = parseHistoryCsv(
          historyToCsv(demo.history),
          { knownEmails: await knownChampionEmails(db), today },
          "demo history",
        );
        const history = await importHistory(db, rows, "demo");
        const existing = new Set((await upcomingEventSlots(db, today)).map((event) => event.name));
        const fresh = demo.events.filter((event) => !existing.has(event.name));
        for (const event of fresh) await addProgramEvent(db, event, "demo");
        const requests = await loadDemoRequests(db, { now, defaultCapacity: context.defaultCapacity });
        return { roster, history, events: fresh.length, requests };
      });
      const nothingNew =
        summary.roster.created === 0 &&
        summary.roster.updated === 0 &&
        summary.history.added === 0 &&
        summary.events === 0 &&
        summary.requests === 0;
      context.io.stdout(
        (nothingNew
          ? `The demo program (seed ${seed}, ${size} champions) is already loaded: nothing to add.\n`
          : `Demo program loaded: ${summary.roster.created} champions added (${summary.roster.updated} updated), ` +
            `${summary.history.added} past activities, ${summary.events} upcoming events, ` +
            `${summary.requests} past requests.\n`) +
          `Try: npx refdesk match "need an EMEA fintech CFO to talk to Acme about Payments API by Friday"\n` +
          "     npx refdesk report\n",
      );
    });
}
