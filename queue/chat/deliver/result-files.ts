import type { JobDocument } from "../../../shared/db/mongo/job-schema.js";
import type { Storage } from "../../../shared/storage/client.js";
import { readObject } from "../../../shared/storage/objects.js";
import { THUMBNAIL_CONTENT_TYPE } from "../../../shared/storage/thumbnails.js";

/** A file a finished job's chat result carries: a picture it shows, a clip that plays, or a transcript to open. */
export interface ResultFile {
  name: string;
  data: Buffer;
  contentType: string;
  picture: boolean;
  /** A video job's MP4, which the platform plays in place of its poster. */
  video?: boolean;
}

/**
 * What a finished job's result carries as files, so they stay in the chat without a public URL
 * of ours and outlive the signed links: an image job's pictures (4 at most), a transcription's
 * text, subtitles and meeting notes, a video job's MP4 or, when the MP4 is over `maxBytes`, its
 * poster (the message's link then downloads the clip). None for other jobs, a deleted one, or
 * when one is over `maxBytes`.
 */
export async function resultFiles(storage: Storage, job: JobDocument, maxBytes: number): Promise<ResultFile[] | undefined> {
  const latest = job.versions.at(-1);
  if (job.deletedAt || !latest) return undefined;
  let wanted: Array<{ key: string; contentType: string; picture: boolean; video?: boolean; size?: number }> = [];
  if ("images" in latest) {
    wanted = latest.images
      .slice(0, 4)
      .map((img) => ({ key: img.s3Key, contentType: img.contentType ?? "image/png", picture: true, size: img.sizeBytes }));
  } else if ("video" in latest) {
    const { video, posterKey } = latest;
    if (video.sizeBytes <= maxBytes) wanted = [{ key: video.s3Key, contentType: video.contentType, picture: false, video: true }];
    else if (posterKey) wanted = [{ key: posterKey, contentType: THUMBNAIL_CONTENT_TYPE, picture: true }];
  } else if ("transcriptUrl" in latest && latest.s3Keys) {
    wanted = [
      { key: latest.s3Keys.text, contentType: "text/plain; charset=utf-8", picture: false },
      ...(latest.s3Keys.srt ? [{ key: latest.s3Keys.srt, contentType: "application/x-subrip", picture: false }] : []),
      ...(job.notes?.md ? [{ key: job.notes.md, contentType: "text/markdown; charset=utf-8", picture: false }] : []),
    ];
  }
  if (wanted.length === 0 || wanted.some((w) => (w.size ?? 0) > maxBytes)) return undefined;
  const files = await Promise.all(
    wanted.map(async (w) => ({
      name: w.key.split("/").pop() ?? "file",
      data: await readObject(storage, w.key),
      contentType: w.contentType,
      picture: w.picture,
      ...(w.video ? { video: true } : {}),
    })),
  );
  return files.some((f) => f.data.length > maxBytes) ? undefined : files;
}

/** Whether the job's result carries files (resultFiles), without reading them. */
export function carriesFiles(job: JobDocument): boolean {
  const latest = job.versions.at(-1);
  if (job.deletedAt || !latest) return false;
  return ("images" in latest && latest.images.length > 0) || ("transcriptUrl" in latest && Boolean(latest.s3Keys)) || "video" in latest;
}

/** The first words of a finished transcription, for the result to quote; undefined for other jobs. */
export async function transcriptPreview(storage: Storage, job: JobDocument, chars = 280): Promise<string | undefined> {
  const latest = job.versions.at(-1);
  if (job.deletedAt || !latest || !("transcriptUrl" in latest) || !latest.s3Keys) return undefined;
  const text = (await readObject(storage, latest.s3Keys.text)).toString("utf8").replace(/\s+/g, " ").trim();
  if (!text) return undefined;
  return text.length <= chars ? text : `${text.slice(0, chars).replace(/\s+\S*$/, "")}…`;
}
