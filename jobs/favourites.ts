import * as store from "../shared/db/sql/favourites.js";
import type { PictureRef } from "../shared/db/sql/picture-rows.js";
import type { JobsCall } from "./deps.js";
import { type PicturePage, loadVisiblePicture, picturePage } from "./pictures.js";

/**
 * A member's favourite pictures: their own list, which no one else reads. A picture can be a
 * favourite while the member may see it; one deleted or made private since drops out of the list.
 */
const memberOf = (call: JobsCall) => ({ workspaceId: call.principal.workspaceId, userId: call.principal.userId });

export async function addFavourite(call: JobsCall, ref: PictureRef): Promise<{ added: boolean }> {
  await loadVisiblePicture(call, ref);
  return { added: await store.addFavourite(call.deps.sql.db, memberOf(call), ref) };
}

/** Removing needs no look at the job: the row is the member's own, and a deleted job's may go too. */
export async function removeFavourite(call: JobsCall, ref: PictureRef): Promise<{ removed: boolean }> {
  return { removed: await store.removeFavourite(call.deps.sql.db, memberOf(call), ref) };
}

export async function listFavourites(call: JobsCall, q: { limit: number; cursor?: string | null | undefined }): Promise<PicturePage> {
  return picturePage(call, q.limit, (limit) => store.favouriteRows(call.deps.sql.db, memberOf(call), { limit, cursor: q.cursor ?? null }));
}
