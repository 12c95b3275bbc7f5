import type { Command } from "commander";
import { listActivityLog } from "../../db/exports-repository";
import { activityLogToCsv } from "../../roster/activity-log-csv";
import { type CliContext, withDatabase, writeOutput } from "../program";

export function exportCommand(program: Command, context: CliContext): void {
  const exports = program.command("export").description("Write program data as CSV for spreadsheets.");

  exports
    .command("activities")
    .option("--out <file>", "write to this file instead of standard output")
    .description(
      "The activity log, oldest first: champion_email,activity_type,date,outcome,request_id,held,rating,deal_result,deal_value.",
    )
    .action(async (options: { out?: string }) => {
      const csv = activityLogToCsv(await withDatabase(context, ({ db }) => listActivityLog(db)));
      await writeOutput(context, csv, options.out);
    });
}
