import type { Database } from "../../src/db/client";
import { importChampions, importHistory, knownChampionEmails } from "../../src/db/roster-repository";
import { createRosterSnapshotSource } from "../../src/db/roster-snapshot";
import { parseChampionsCsv } from "../../src/roster/champions-csv";
import { parseHistoryCsv } from "../../src/roster/history-csv";
import { createMatcher, deterministicParser, type Matcher } from "../../src/services/matcher";
import { NOW, TODAY } from "./builders";

/** Imports a roster and its history through the real importers; returns a matcher on them, at NOW. */
export async function importProgram(db: Database, roster: string, history: string): Promise<Matcher> {
  await importChampions(db, parseChampionsCsv(roster), "test");
  const rows = parseHistoryCsv(history, { knownEmails: await knownChampionEmails(db), today: TODAY });
  await importHistory(db, rows, "test");
  return createMatcher({
    snapshots: createRosterSnapshotSource(db, () => NOW),
    parser: deterministicParser,
    clock: () => NOW,
    defaultCapacity: 4,
  });
}
