import { asc, eq, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { ChampionProfile } from "../core/domain";
import type { ChampionColumn, ChampionInput, ParsedChampionsFile } from "../roster/champions-csv";
import { type CsvProblem, csvInvalid } from "../roster/csv";
import type { HistoryInput } from "../roster/history-csv";
import { audit, withAuditRows } from "./audit";
import { rowsOf, textArray } from "./bulk-sql";
import { atomically, type Database } from "./client";
import { activities, champions } from "./schema";

/**
 * Rows per statement: the CLI's progress moves every thousand champions, and larger statements were
 * no faster (5,000 or 20,000 a statement took as long for 100k champions).
 */
export const ROWS_PER_STATEMENT = 1000;

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
  const columns = file.columns.map((name) => COLUMN_MAP[name]);
  const auditData = { source, columns: file.columns };
  return atomically(db, async (tx) => {
    if (releasing.length > 0) {
      await tx
        .update(champions)
        .set({ slackUserId: null })
        .where(sql`${champions.email} = any(${textArray(releasing)})`);
    }
    let created = 0;
    let updated = 0;
    for (let start = 0; start < file.entries.length; start += ROWS_PER_STATEMENT) {
      const chunk = file.entries.slice(start, start + ROWS_PER_STATEMENT).map(({ champion }) => champion);
      const [written] = rowsOf<{ created: number; updated: number }>(
        await tx.execute(upsertChampions(chunk, columns, actor, auditData)),
      );
      created += written?.created ?? 0;
      updated += written?.updated ?? 0;
      onProgress?.(Math.min(start + ROWS_PER_STATEMENT, file.entries.length), file.entries.length);
    }
    return { created, updated, unchanged: file.entries.length - created - updated };
  });
}

/**
 * One statement that upserts `champions` by email, writes only `columns`, and logs each champion
 * created or changed to the audit log, returning how many of each. The rows go as one array per
 * column rather than a parameter per cell: building a multi-row INSERT with drizzle cost more than
 * the database spent running it. Arrays go as text and are cast to each column's type here; a list
 * goes joined by ";", which no item holds (the roster file splits lists on it).
 */
function upsertChampions(
  chunk: readonly ChampionInput[],
  columns: readonly { key: keyof ChampionInput; column: PgColumn }[],
  actor: string,
  auditData: object,
): SQL {
  const names = columns.map(({ column }) => sql.identifier(column.name));
  const arrays = columns.map(({ key }) => textArray(chunk.map((champion) => asText(champion[key]))));
  const typed = columns.map(({ column }) => {
    const type = column.getSQLType();
    const name = sql.identifier(column.name);
    return type.endsWith("[]")
      ? sql`string_to_array(${name}, ';')::${sql.raw(type)}`
      : sql`${name}::${sql.raw(type)}`;
  });
  const updatable = columns.map(({ column }) => column).filter((column) => column !== champions.email);
  const incoming = (column: PgColumn) => sql`excluded.${sql.identifier(column.name)}`;
  const set = updatable.map((column) => sql`${sql.identifier(column.name)} = ${incoming(column)}, `);
  const changed =
    updatable.length === 0
      ? sql`false`
      : sql`(${sql.join(updatable, sql`, `)}) is distinct from (${sql.join(updatable.map(incoming), sql`, `)})`;
  return withAuditRows(
    sql`insert into ${champions} (${sql.join(names, sql`, `)})
      select ${sql.join(typed, sql`, `)}
      from unnest(${sql.join(arrays, sql`, `)}) as input(${sql.join(names, sql`, `)})
      on conflict (${sql.identifier(champions.email.name)}) do update
      set ${sql.join(set)}${sql.identifier(champions.updatedAt.name)} = now()
      where ${changed}
      returning id, xmax = 0 as inserted`,
    {
      actor,
      entityType: "champion",
      entityId: sql`id::text`,
      action: sql`case when inserted then 'champion.created' else 'champion.updated' end`,
      data: auditData,
    },
    sql`select (count(*) filter (where inserted))::int as created, (count(*) filter (where not inserted))::int as updated
      from written`,
  );
}

/** A champion's value as its column's text: lists joined by ";", null kept. */
const asText = (value: ChampionInput[keyof ChampionInput]): string | null =>
  value === null ? null : Array.isArray(value) ? value.join(";") : String(value);

/**
 * Fails with line and column when a Slack ID in the file belongs to a champion who keeps it.
 * Returns the champions who give theirs up in the same file (a swap), to be cleared first.
 */
async function checkSlackIds(db: Database, file: ParsedChampionsFile): Promise<string[]> {
  const withSlackId = file.entries.filter(({ champion }) => champion.slackUserId !== null);
  if (withSlackId.length === 0) return [];
  // Who holds a Slack ID the file gives someone else: usually nobody, and only then is the file
  // searched further. Arrays, not an IN list, which a large roster would take past Postgres's 65,535
  // bind parameters.
  const givenInFile = sql`unnest(
    ${textArray(withSlackId.map(({ champion }) => champion.slackUserId))},
    ${textArray(withSlackId.map(({ champion }) => champion.email))}
  ) as file(slack_user_id, email)`;
  const holders = await db
    .select({ email: champions.email, slackUserId: champions.slackUserId })
    .from(champions)
    .innerJoin(
      givenInFile,
      sql`${champions.slackUserId} = file.slack_user_id and ${champions.email} <> file.email`,
    );
  if (holders.length === 0) return [];
  const holderOf = new Map(holders.map(({ email, slackUserId }) => [slackUserId, email]));
  const fileSlackIdOf = new Map(file.entries.map(({ champion }) => [champion.email, champion.slackUserId]));
  const releasing: string[] = [];
  const problems: CsvProblem[] = [];
  for (const { line, champion } of withSlackId) {
    const holder = holderOf.get(champion.slackUserId);
    if (holder === undefined) continue;
    if (fileSlackIdOf.has(holder) && fileSlackIdOf.get(holder) !== champion.slackUserId)
      releasing.push(holder);
    else
      problems.push({
        line,
        column: "slack_user_id",
        message: `${champion.slackUserId} already belongs to ${holder}`,
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
    const found = await tx
      .select({ id: champions.id, email: champions.email })
      .from(champions)
      .where(sql`${champions.email} = any(${textArray(emails)})`);
    const ids = new Map(found.map(({ id, email }) => [email, id]));
    const occurrences = new Map<string, number>();
    const values = rows.map((row) => {
      const content = `${row.championEmail}|${row.activityType}|${row.date}|${row.outcome}`;
      const occurrence = (occurrences.get(content) ?? 0) + 1;
      occurrences.set(content, occurrence);
      const championId = ids.get(row.championEmail);
      if (championId === undefined) throw new Error(`champion ${row.championEmail} vanished during import`);
      return { championId, row, importKey: `${content}#${occurrence}` };
    });
    let added = 0;
    for (let start = 0; start < values.length; start += ROWS_PER_STATEMENT) {
      const chunk = values.slice(start, start + ROWS_PER_STATEMENT);
      // Arrays per column, as for champions: one statement's parameters, whatever the chunk's size.
      const [inserted] = rowsOf<{ added: number }>(
        await tx.execute(sql`
          with inserted as (
            insert into ${activities} (champion_id, activity_type, activity_date, outcome, import_key)
            select * from unnest(
              ${textArray(chunk.map(({ championId }) => String(championId)))}::integer[],
              ${textArray(chunk.map(({ row }) => row.activityType))}::activity_type[],
              ${textArray(chunk.map(({ row }) => row.date))}::date[],
              ${textArray(chunk.map(({ row }) => row.outcome))}::activity_outcome[],
              ${textArray(chunk.map(({ importKey }) => importKey))})
            on conflict (import_key) do nothing
            returning 1
          )
          select count(*)::int as added from inserted`),
      );
      added += inserted?.added ?? 0;
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
