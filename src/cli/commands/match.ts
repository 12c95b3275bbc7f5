import type { Command } from "commander";
import { AppError } from "../../core/errors";
import { formatProposal, proposalJson } from "../format";
import { type CliContext, openMatcher, styled } from "../program";

export function matchCommand(program: Command, context: CliContext): void {
  program
    .command("match")
    .argument("<request>", "a free-text reference request")
    .option(
      "--json",
      "print JSON: {request, candidates: [{email, name, activity, event, score, fit, yes, load, capacity, flags, reasons}], considered, excluded}",
    )
    .option("--limit <n>", "how many candidates to show", "3")
    .description("Parse a request and rank champions for it, with the activity that suits each and why.")
    .action(async (text: string, options: { json?: boolean; limit: string }) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
        throw new AppError(
          "input_invalid",
          `--limit must be a whole number from 1 to 50, not "${options.limit}"`,
        );
      }
      if (text.trim() === "") throw new AppError("input_invalid", "match needs a request to read");
      const { proposal, isRequest } = await openMatcher(context, async (matcher) => {
        const { request, isRequest } = await matcher.parse(text);
        return { proposal: await matcher.propose(request, limit), isRequest };
      });
      // Said on stderr: --json output stays the contract, whatever the words.
      if (!isRequest) {
        context.io.stderr(
          "This does not read like a reference request (no customer, role or activity asked for); ranked anyway.\n",
        );
      }
      if (proposal.considered === 0) {
        context.io.stderr(
          "The roster is empty. Load champions with `refdesk roster import <champions.csv>`, or try the demo: `npm run seed:demo`.\n",
        );
      }
      context.io.stdout(
        options.json
          ? `${JSON.stringify(proposalJson(proposal), null, 2)}\n`
          : formatProposal(proposal, (name) => styled(context, "bold", name)),
      );
    });
}
