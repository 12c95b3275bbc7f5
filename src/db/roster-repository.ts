import { asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { ChampionProfile } from "../core/domain";
import type { ChampionColumn, ChampionInput, ParsedChampionsFile } from "../roster/champions-csv";
import { type CsvProblem, csvInvalid } from "../roster/csv";
import type { HistoryInput } from "../roster/history-csv";
import { audit } from "./audit";
import { atomically, type Database } from "./client";
import { activities, auditLog, champions } from "./schema";

const CHUNK = 1000;

/** Each roster column with the table column it fills. */
const COLUMN_MAP: Readonly<Record<ChampionColumn, { key: keyof ChampionInput; column: PgColumn }>> = {
  name: { key: "name", column: champions.name },
  email: { key: "email", column: champions.email },
  slack_user_id: { key: "slackUserId", column: champions.slackUserId },
  company: { key: "company", column: champions.company },
  title: { key: "title", column: champions.title },
  industry: { key: "industry", column: champions.industry },
  company_size: { key: "companySize", column: champions.companySize },
  region: { key: "region", column: champions.region },
  timezone: { key: "timezone", column: champions.timezone },
  products: { key: "products", column: champions.products },
  motivations: { key: "motivations", column: champions.motivations },
  activities: { key: "activities", column: champions.activities },
  max_asks_per_quarter: { key: "maxAsksPerQuarter", column: champions.maxAsksPerQuarter },
  status: { key: "status", column: champions.status },
  rest_until: { key: "restUntil", column: champions.restUntil },
  notes: { key: "notes", column: champions.notes },
  email_ok: { key: "emailOk", column: champions.emailOk },
  shared_channel_id: { key: "sharedChannelId", column: champions.sharedChannelId },
  slack_team_id: { key: "slackTeamId", column: champions.slackTeamId },
};

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
}

const excluded = (column: PgColumn): SQL => sql.raw(`excluded."${column.name}"`);

/**
 * Upserts champions by email in one transaction. Only the columns the file carries are written,
 * so a file with fewer columns never blanks the others.
 */
export async function importChampions(
  db: Database,
  file: ParsedChampionsFile,
  actor: string,
  /** Where the change came from, for the audit log. */
  source = "roster import",
  /** Told after each chunk is written: champions written so far, of how many. */
  onProgress?: (written: number, total: number) => void,
): Promise<ImportSummary> {
  const releasing = await checkSlackIds(db, file);
  const columns = file.columns.filter((name) => name !== "email").map((name) => COLUMN_MAP[name]);
  const set: Record<string, SQL> = { updatedAt: sql`now()` };
  for (const { key, column } of columns) set[key] = excluded(column);
  const changed =
    columns.length === 0
      ? sql`false`
      : sql`(${sql.join(
          columns.map(({ column }) => sql`${column}`),
          sql`, `,
        )}) is distinct from (${sql.join(
          columns.map(({ column }) => excluded(column)),
          sql`, `,
        )})`;

  return atomically(db, async (tx) => {
    if (releasing.length > 0) {
      await tx.update(champions).set({ slackUserId: null }).where(inArray(champions.email, releasing));
    }
    let created = 0;
    let updated = 0;
    for (let start = 0; start < file.entries.length; start += CHUNK) {
      const rows = file.entries.slice(start, start + CHUNK).map(({ champion }) => {
        const row: Record<string, unknown> = { email: champion.email };
        for (const { key } of columns) row[key] = champion[key];
        return row as typeof champions.$inferInsert;
      });
      const written = await tx
        .insert(champions)
        .values(rows)
        .onConflictDoUpdate({ target: champions.email, set, setWhere: changed })
        .returning({ id: champions.id, inserted: sql<boolean>`xmax = 0` });
      if (written.length > 0) {
        await tx.insert(auditLog).values(
          written.map(({ id, inserted }) => ({
            actor,
            entityType: "champion",
            entityId: String(id),
            action: inserted ? "champion.created" : "champion.updated",
            data: { source, columns: file.columns },
          })),
        );
      }
      for (const row of written) {
        if (row.inserted) created++;
        else updated++;
      }
      onProgress?.(Math.min(start + CHUNK, file.entries.length), file.entries.length);
    }
    return { created, updated, unchanged: file.entries.length - created - updated };
  });
}

/**
 * Fails with line and column when a Slack ID in the file belongs to a champion who keeps it.
 * Returns the champions who give theirs up in the same file (a swap), to be cleared first.
 */
async function checkSlackIds(db: Database, file: ParsedChampionsFile): Promise<string[]> {
  const bySlackId = new Map(
    file.entries.flatMap(({ line, champion }) =>
      champion.slackUserId ? [[champion.slackUserId, { line, champion }]] : [],
    ),
  );
  if (bySlackId.size === 0) return [];
  const fileSlackIdOf = new Map(file.entries.map(({ champion }) => [champion.email, champion.slackUserId]));
  const slackIds = [...bySlackId.keys()];
  const holders: { email: string; slackUserId: string | null }[] = [];
  // Chunked: a large roster would exceed Postgres's 65,535 bind parameters in one IN list.
  for (let start = 0; start < slackIds.length; start += CHUNK) {
    holders.push(
      ...(await db
        .select({ email: champions.email, slackUserId: champions.slackUserId })
        .from(champions)
        .where(inArray(champions.slackUserId, slackIds.slice(start, start + CHUNK)))),
    );
  }
  const releasing: string[] = [];
  const problems: CsvProblem[] = [];
  for (const { email, slackUserId } of holders) {
    const entry = slackUserId ? bySlackId.get(slackUserId) : undefined;
    if (!entry || entry.champion.email === email) continue;
    if (fileSlackIdOf.has(email) && fileSlackIdOf.get(email) !== slackUserId) releasing.push(email);
    else
      problems.push({
        line: entry.line,
        column: "slack_user_id",
        message: `${slackUserId} already belongs to ${email}`,
      });
  }
  if (problems.length > 0) throw csvInvalid("champions.csv", problems);
  return releasing;
}

export interface HistoryImportSummary {
  added: number;
  alreadyPresent: number;
}

export async function knownChampionEmails(db: Database): Promise<Set<string>> {
  const rows = await db.select({ email: champions.email }).from(champions);
  return new Set(rows.map((row) => row.email));
}

/**
 * Adds history rows. Re-importing the same file adds nothing: each row's key is its content plus
 * its occurrence number, so two identical rows in one file still count twice.
 */
export async function importHistory(
  db: Database,
  rows: readonly HistoryInput[],
  actor: string,
): Promise<HistoryImportSummary> {
  const emails = [...new Set(rows.map((row) => row.championEmail))];
  return atomically(db, async (tx) => {
    const ids = new Map<string, number>();
    for (let start = 0; start < emails.length; start += CHUNK) {
      const found = await tx
        .select({ id: champions.id, email: champions.email })
        .from(champions)
        .where(inArray(champions.email, emails.slice(start, start + CHUNK)));
      for (const { id, email } of found) ids.set(email, id);
    }
    const occurrences = new Map<string, number>();
    const values = rows.map((row) => {
      const content = `${row.championEmail}|${row.activityType}|${row.date}|${row.outcome}`;
      const occurrence = (occurrences.get(content) ?? 0) + 1;
      occurrences.set(content, occurrence);
      const championId = ids.get(row.championEmail);
      if (championId === undefined) throw new Error(`champion ${row.championEmail} vanished during import`);
      return {
        championId,
        activityType: row.activityType,
        activityDate: row.date,
        outcome: row.outcome,
        importKey: `${content}#${occurrence}`,
      };
    });
    let added = 0;
    for (let start = 0; start < values.length; start += CHUNK) {
      const inserted = await tx
        .insert(activities)
        .values(values.slice(start, start + CHUNK))
        .onConflictDoNothing({ target: activities.importKey })
        .returning({ id: activities.id });
      added += inserted.length;
    }
    await audit(tx, {
      actor,
      entityType: "history",
      entityId: "import",
      action: "history.imported",
      data: { rows: rows.length, added },
    });
    return { added, alreadyPresent: rows.length - added };
  });
}

/** The roster profile of a champions row. */
export function toChampionProfile(row: typeof champions.$inferSelect): ChampionProfile {
  return {
    name: row.name,
    email: row.email,
    slackUserId: row.slackUserId,
    company: row.company,
    title: row.title,
    industry: row.industry,
    companySize: row.companySize,
    region: row.region,
    timezone: row.timezone,
    products: row.products,
    motivations: row.motivations,
    activities: row.activities,
    maxAsksPerQuarter: row.maxAsksPerQuarter,
    status: row.status,
    restUntil: row.restUntil,
  };
}

/**
 * Writes one champion's `columns` (the add/edit modal, pause and resume) through the import's upsert
 * and audit. The columns every file must carry are always written: the insert half of the upsert
 * needs them even when the row exists.
 */
export function saveChampion(
  db: Database,
  champion: ChampionInput,
  columns: readonly ChampionColumn[],
  actor: string,
  source: string,
): Promise<ImportSummary> {
  const written = [...new Set<ChampionColumn>(["name", "email", "company", ...columns])];
  return importChampions(db, { entries: [{ line: 1, champion }], columns: written }, actor, source);
}

/** One champion by email (case-insensitive) or by Slack ID; null when nobody matches. */
export async function findChampion(
  db: Database,
  by: { email: string } | { slackUserId: string },
): Promise<ChampionInput | null> {
  const [row] = await db
    .select()
    .from(champions)
    .where(
      "email" in by ? eq(champions.email, by.email.toLowerCase()) : eq(champions.slackUserId, by.slackUserId),
    );
  return row ? toChampionInput(row) : null;
}

/** A stored champion as the roster file and the forms describe it. */
function toChampionInput(row: typeof champions.$inferSelect): ChampionInput {
  return {
    ...toChampionProfile(row),
    notes: row.notes,
    emailOk: row.emailOk,
    sharedChannelId: row.sharedChannelId,
    slackTeamId: row.slackTeamId,
  };
}

export async function listChampions(db: Database): Promise<ChampionInput[]> {
  const rows = await db.select().from(champions).orderBy(asc(champions.email));
  return rows.map(toChampionInput);
}

/**
 * The champion's own consent to public thanks (a shout-out); only they set it, from their DM (by
 * their Slack ID) or their answer page (by the champion the link belongs to).
 */
export async function setPublicThanks(
  db: Database,
  input: ({ slackUserId: string } | { championId: number; actor: string }) & { allowed: boolean },
): Promise<boolean> {
  return atomically(db, async (tx) => {
    const updated = await tx
      .update(champions)
      .set({ publicThanks: input.allowed, updatedAt: sql`now()` })
      .where(
        "slackUserId" in input
          ? eq(champions.slackUserId, input.slackUserId)
          : eq(champions.id, input.championId),
      )
      .returning({ id: champions.id });
    const [champion] = updated;
    if (!champion) return false;
    await audit(tx, {
      actor: "slackUserId" in input ? input.slackUserId : input.actor,
      entityType: "champion",
      entityId: champion.id,
      action: input.allowed ? "champion.public_thanks_on" : "champion.public_thanks_off",
    });
    return true;
  });
}
