import { eq } from "drizzle-orm";
import type { Database } from "./client";
import { champions, invitations } from "./schema";

/**
 * The workspace a message to `recipient` goes to, when it is not the company's: a champion's user
 * ID, or the DM an invitation to them went to, with a `slack_team_id` on the roster. Null for
 * everyone and everything else (leads, reps, channels).
 */
export async function teamOfRecipient(db: Database, recipient: string): Promise<string | null> {
  if (/^[UW]/.test(recipient)) {
    const [row] = await db
      .select({ team: champions.slackTeamId })
      .from(champions)
      .where(eq(champions.slackUserId, recipient));
    return row?.team ?? null;
  }
  if (/^D/.test(recipient)) {
    const [row] = await db
      .select({ team: champions.slackTeamId })
      .from(invitations)
      .innerJoin(champions, eq(champions.id, invitations.championId))
      .where(eq(invitations.channelId, recipient))
      .limit(1);
    return row?.team ?? null;
  }
  return null;
}
