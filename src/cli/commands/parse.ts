import type { Command } from "commander";
import { AppError } from "../../core/errors";
import { formatRequest } from "../format";
import { type CliContext, openMatcher } from "../program";

export function parseCommand(program: Command, context: CliContext): void {
  program
    .command("parse")
    .argument("<text>", 'a message, e.g. "does anyone have a healthcare CFO who could talk to Acme?"')
    .option("--json", "print JSON: {isRequest, confidence, request}")
    .description("Say whether the text is a reference request and which fields it carries.")
    .action(async (text: string, options: { json?: boolean }) => {
      if (text.trim() === "") throw new AppError("input_invalid", "parse needs some text to read");
      const result = await openMatcher(context, (matcher) => matcher.parse(text));
      if (options.json) {
        context.io.stdout(`${JSON.stringify(result, null, 2)}\n`);
        return;
      }
      const verdict = result.isRequest ? "a reference request" : "not a reference request";
      context.io.stdout(
        `${verdict} (confidence ${result.confidence.toFixed(2)})\n${formatRequest(result.request)}\n`,
      );
    });
}
