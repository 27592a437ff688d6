import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { SqlDb } from "./client.js";
import { favourites } from "./organize-schema.js";
import { type PictureRef, decodePictureCursor } from "./picture-rows.js";

export interface Favouriter {
  workspaceId: string;
  userId: string;
}

/** Marks a picture as the member's favourite; true when it was not one yet. */
export async function addFavourite(db: SqlDb, who: Favouriter, ref: PictureRef, now = new Date()): Promise<boolean> {
  const rows = await db
    .insert(favourites)
    .values({ ...who, ...ref, createdAt: now })
    .onConflictDoNothing()
    .returning({ jobId: favourites.jobId });
  return rows.length === 1;
}

export async function removeFavourite(db: SqlDb, who: Favouriter, ref: PictureRef): Promise<boolean> {
  const rows = await db
    .delete(favourites)
    .where(
      and(
        eq(favourites.workspaceId, who.workspaceId),
        eq(favourites.userId, who.userId),
        eq(favourites.jobId, ref.jobId),
        eq(favourites.picture, ref.picture),
      ),
    )
    .returning({ jobId: favourites.jobId });
  return rows.length === 1;
}

/**
 * One page of the member's favourites, the newest first, after the cursor: a range of the
 * favourites_recent index (the row comparison matches its column order).
 */
export function favouriteRows(db: SqlDb, who: Favouriter, opts: { limit: number; cursor?: string | null }) {
  const after = opts.cursor ? decodePictureCursor(opts.cursor) : null;
  return db
    .select({ jobId: favourites.jobId, picture: favourites.picture, addedAt: favourites.createdAt })
    .from(favourites)
    .where(
      and(
        eq(favourites.workspaceId, who.workspaceId),
        eq(favourites.userId, who.userId),
        after
          ? sql`(${favourites.createdAt}, ${favourites.jobId}, ${favourites.picture}) < (${after.addedAt.toISOString()}::timestamptz, ${after.jobId}, ${after.picture})`
          : undefined,
      ),
    )
    .orderBy(desc(favourites.createdAt), desc(favourites.jobId), desc(favourites.picture))
    .limit(opts.limit);
}

/** Which of these jobs' pictures the member has as favourites, as `jobId/picture` keys: the tiles' stars. */
export async function favouriteKeys(db: SqlDb, who: Favouriter, jobIds: string[]): Promise<Set<string>> {
  if (jobIds.length === 0) return new Set();
  const rows = await db
    .select({ jobId: favourites.jobId, picture: favourites.picture })
    .from(favourites)
    .where(and(eq(favourites.workspaceId, who.workspaceId), eq(favourites.userId, who.userId), inArray(favourites.jobId, jobIds)));
  return new Set(rows.map((r) => `${r.jobId}/${r.picture}`));
}

/** A deleted job leaves every favourite list. */
export async function forgetFavouritesOf(db: SqlDb, jobId: string): Promise<void> {
  await db.delete(favourites).where(eq(favourites.jobId, jobId));
}
