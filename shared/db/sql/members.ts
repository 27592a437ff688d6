import { eq } from "drizzle-orm";
import type { SqlDb } from "./client.js";
import { members } from "./schema.js";

/** A workspace's members, for pickers (the gallery's member filter): user ids and display names. */
export async function listMembers(db: SqlDb, workspaceId: string): Promise<Array<{ userId: string; displayName: string | null }>> {
  return db
    .select({ userId: members.userId, displayName: members.displayName })
    .from(members)
    .where(eq(members.workspaceId, workspaceId))
    .orderBy(members.userId);
}
