import { eq } from "drizzle-orm";
import { audit } from "./audit";
import { atomically, type Database } from "./client";
import { channelSettings } from "./schema";

// Per-channel preferences. A channel without a row has the defaults (recognition on), so the
// app works in a new channel the moment it is invited.

export async function recognitionEnabled(db: Database, channelId: string): Promise<boolean> {
  const [row] = await db
    .select({ recognition: channelSettings.recognition })
    .from(channelSettings)
    .where(eq(channelSettings.channelId, channelId));
  return row?.recognition ?? true;
}

export async function setRecognition(
  db: Database,
  input: { channelId: string; enabled: boolean; by: string },
): Promise<void> {
  await atomically(db, async (tx) => {
    await tx
      .insert(channelSettings)
      .values({ channelId: input.channelId, recognition: input.enabled, updatedBy: input.by })
      .onConflictDoUpdate({
        target: channelSettings.channelId,
        set: { recognition: input.enabled, updatedBy: input.by, updatedAt: new Date() },
      });
    await audit(tx, {
      actor: input.by,
      entityType: "channel",
      entityId: input.channelId,
      action: input.enabled ? "channel.recognition_on" : "channel.recognition_off",
    });
  });
}
