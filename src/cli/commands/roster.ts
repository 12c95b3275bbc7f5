import type { Command } from "commander";
import { toIsoDate } from "../../core/dates";
import { listChampionsWithLoad } from "../../db/exports-repository";
import {
  importChampions,
  importHistory,
  knownChampionEmails,
  listChampions,
} from "../../db/roster-repository";
import { championsToCsv, championsWithLoadToCsv, parseChampionsCsv } from "../../roster/champions-csv";
import { parseHistoryCsv } from "../../roster/history-csv";
import { type CliContext, withDatabase, writeOutput } from "../program";

const CLI_ACTOR = "cli";

export function rosterCommand(program: Command, context: CliContext): void {
  const roster = program
    .command("roster")
    .description("Import and export the champion roster and its history.");

  roster
    .command("import")
    .argument("<file>", "champions.csv (name,email,company required; lists separated by ;)")
    .description(
      "Upsert champions by email. All or nothing: any bad row rejects the file, every problem listed.",
    )
    .action(async (file: string) => {
      const parsed = parseChampionsCsv(await context.io.readFile(file), file);
      const { progress } = context.io;
      // Redrawn in place; the last one ends its line, so the summary starts on a line of its own.
      const report =
        progress &&
        ((written: number, total: number) =>
          progress(
            `Importing ${file}: ${written.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} champions${written === total ? "\n" : ""}`,
          ));
      const summary = await withDatabase(context, ({ db }) =>
        importChampions(db, parsed, CLI_ACTOR, "roster import", report),
      );
      context.io.stdout(
        `Imported ${file}: ${summary.created} added, ${summary.updated} updated, ${summary.unchanged} unchanged.\n`,
      );
    });

  roster
    .command("import-history")
    .argument("<file>", "activities.csv: champion_email,activity_type,date,outcome")
    .description(
      "Add past activities so load is right from day one. Re-importing the same file adds nothing.",
    )
    .action(async (file: string) => {
      const text = await context.io.readFile(file);
      const summary = await withDatabase(context, async ({ db }) => {
        const rows = parseHistoryCsv(
          text,
          { knownEmails: await knownChampionEmails(db), today: toIsoDate(context.clock()) },
          file,
        );
        return importHistory(db, rows, CLI_ACTOR);
      });
      context.io.stdout(
        `Imported ${file}: ${summary.added} activities added, ${summary.alreadyPresent} already present.\n`,
      );
    });

  roster
    .command("export")
    .option("--out <file>", "write to this file instead of standard output")
    .option("--with-load", "add each champion's load and capacity, as matching sees them today")
    .description("Write the roster as champions.csv (the format import reads).")
    .action(async (options: { out?: string; withLoad?: boolean }) => {
      const csv = await withDatabase(context, async ({ db }) =>
        options.withLoad
          ? championsWithLoadToCsv(
              await listChampionsWithLoad(db, {
                now: context.clock(),
                defaultCapacity: context.defaultCapacity,
              }),
            )
          : championsToCsv(await listChampions(db)),
      );
      await writeOutput(context, csv, options.out);
    });
}
