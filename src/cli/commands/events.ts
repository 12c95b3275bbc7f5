import type { Command } from "commander";
import { z } from "zod";
import { ACTIVITIES } from "../../core/activities";
import { formatDay, isIsoDate, toIsoDate } from "../../core/dates";
import { ACTIVITY_TYPES, REGIONS } from "../../core/domain";
import { AppError } from "../../core/errors";
import { normalizeIndustry } from "../../core/vocabulary/industries";
import { addProgramEvent, upcomingEventSlots } from "../../db/events-repository";
import { type CliContext, withDatabase } from "../program";

const EVENT_TYPES = ACTIVITY_TYPES.filter((type) => ACTIVITIES[type].eventBased);

const newEventSchema = z.object({
  name: z.string().trim().min(1, "--name is required"),
  type: z.enum(EVENT_TYPES, { error: `--type must be one of ${EVENT_TYPES.join(", ")}` }),
  date: z.string().refine(isIsoDate, "--date must be an ISO date such as 2027-03-12"),
  slots: z.coerce
    .number({ error: "--slots must be a number" })
    .int()
    .min(1, "--slots must be at least 1")
    .max(500),
  industry: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return null;
      const key = normalizeIndustry(value);
      if (!key)
        ctx.addIssue({ code: "custom", message: `--industry "${value}" is not an industry refdesk knows` });
      return key;
    }),
  region: z.enum(REGIONS, { error: `--region must be one of ${REGIONS.join(", ")}` }).optional(),
  topic: z.string().default(""),
});

export function eventsCommand(program: Command, context: CliContext): void {
  const events = program
    .command("events")
    .description("Program events (webinars, panels, peer events…) with open slots.");

  events
    .command("add")
    .requiredOption("--name <name>", 'e.g. "Fintech leaders panel"')
    .requiredOption("--type <type>", EVENT_TYPES.join(" | "))
    .requiredOption("--date <YYYY-MM-DD>", "the day it happens")
    .requiredOption("--slots <n>", "open speaker or guest slots")
    .option("--industry <industry>", "whom it is for, e.g. fintech")
    .option("--region <region>", REGIONS.join(" | "))
    .option("--topic <topic>", "one line on what it is about")
    .description("Add a program event whose slots matching can propose.")
    .action(async (options: Record<string, string>) => {
      const parsed = newEventSchema.safeParse(options);
      if (!parsed.success)
        throw new AppError("input_invalid", parsed.error.issues.map((i) => i.message).join("; "));
      const event = parsed.data;
      const id = await withDatabase(context, ({ db }) =>
        addProgramEvent(db, { ...event, activityType: event.type, region: event.region ?? null }, "cli"),
      );
      context.io.stdout(
        `Added event ${id}: ${event.name} (${event.type}, ${formatDay(event.date)}, ${event.slots} slots).\n`,
      );
    });

  events
    .command("list")
    .option("--json", "print JSON")
    .description("Upcoming events and their open slots.")
    .action(async (options: { json?: boolean }) => {
      const slots = await withDatabase(context, ({ db }) =>
        upcomingEventSlots(db, toIsoDate(context.clock())),
      );
      if (options.json) {
        context.io.stdout(`${JSON.stringify(slots, null, 2)}\n`);
        return;
      }
      if (slots.length === 0) context.io.stdout("No upcoming events.\n");
      for (const slot of slots) {
        context.io.stdout(
          `${slot.id}. ${formatDay(slot.date)}  ${slot.name} (${slot.activityType}) ${slot.openSlots} open slot${slot.openSlots === 1 ? "" : "s"}\n`,
        );
      }
    });
}
