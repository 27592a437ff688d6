/** A picture as favourites and boards keep it: a job, and the number of one of its pictures (from 1). */
export interface PictureRef {
  jobId: string;
  picture: number;
}

/** A row of a favourites or board list: the picture, and when it was put there. */
export interface PictureRow extends PictureRef {
  addedAt: Date;
}

export class InvalidPictureCursorError extends Error {
  override name = "InvalidPictureCursorError";
}

/** Cursors name the last row seen by (addedAt, jobId, picture), the order of the lists' indexes. */
export function encodePictureCursor(row: PictureRow): string {
  return Buffer.from(JSON.stringify([row.addedAt.getTime(), row.jobId, row.picture])).toString("base64url");
}

export function decodePictureCursor(cursor: string): PictureRow {
  try {
    const [ms, jobId, picture] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [unknown, unknown, unknown];
    if (typeof ms === "number" && Number.isFinite(ms) && typeof jobId === "string" && Number.isInteger(picture)) {
      return { addedAt: new Date(ms), jobId, picture: picture as number };
    }
  } catch {
    // fall through to the error below
  }
  throw new InvalidPictureCursorError("the cursor is not one this API returned");
}
