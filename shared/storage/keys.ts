import { randomUUID } from "node:crypto";

/**
 * The bucket's key layout, exactly as existing callers expect it:
 *   loras/{userId}/{jobId}/v{n}/model.safetensors + config.json
 *   datasets/{userId}/{jobId}/images/… + captions/…
 *   generated-images/{userId}/{jobId}/image_{n}.png
 *   transcripts/{userId}/{jobId}/transcript.json + transcript.txt
 *   generated-videos/{userId}/{jobId}/video_{n}.mp4 + video_{n}.webp (poster) + video_{n}_preview.mp4
 *   temp/{workspaceId}/{userId}/… for uploaded inputs (expired after 24 h)
 * and, beside the seed's layout, thumbnails/{userId}/{jobId}/image_{n}.webp for the gallery.
 */

/** A key segment must not be able to climb out of, or split, its folder. */
const segmentPattern = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/;

export function assertSegment(value: string, what: string): string {
  if (!segmentPattern.test(value) || value.includes("..")) {
    throw new RangeError(`${what} may only contain letters, digits, '.', '_', '@' and '-' (got ${JSON.stringify(value)})`);
  }
  return value;
}

function positiveInt(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${what} must be a positive integer (got ${n})`);
  return n;
}

export function loraPrefix(userId: string, jobId: string): string {
  return `loras/${assertSegment(userId, "userId")}/${assertSegment(jobId, "jobId")}/`;
}

export function loraModelKey(userId: string, jobId: string, version: number): string {
  return `${loraPrefix(userId, jobId)}v${positiveInt(version, "version")}/model.safetensors`;
}

export function loraConfigKey(userId: string, jobId: string, version: number): string {
  return `${loraPrefix(userId, jobId)}v${positiveInt(version, "version")}/config.json`;
}

export function datasetKeys(userId: string, jobId: string) {
  const prefix = `datasets/${assertSegment(userId, "userId")}/${assertSegment(jobId, "jobId")}/`;
  return {
    prefix,
    image: (fileName: string) => `${prefix}images/${assertSegment(fileName, "file name")}`,
    caption: (fileName: string) => `${prefix}captions/${assertSegment(fileName, "file name")}`,
  };
}

export type ImageExtension = "png" | "jpg" | "jpeg" | "webp";

export function generatedImagesPrefix(userId: string, jobId: string): string {
  return `generated-images/${assertSegment(userId, "userId")}/${assertSegment(jobId, "jobId")}/`;
}

export function generatedImageKey(userId: string, jobId: string, n: number, ext: ImageExtension = "png"): string {
  return `${generatedImagesPrefix(userId, jobId)}image_${positiveInt(n, "image number")}.${ext}`;
}

/** What a FLUX Fill job sends: the picture it grew or masks, and the mask, beside its results (deleted with the job). */
export function fillInputKey(userId: string, jobId: string, what: "image" | "mask"): string {
  return `${generatedImagesPrefix(userId, jobId)}fill_${what}.png`;
}

export function generatedVideosPrefix(userId: string, jobId: string): string {
  return `generated-videos/${assertSegment(userId, "userId")}/${assertSegment(jobId, "jobId")}/`;
}

/** A clip, its poster (a WebP of frame 0, sized as thumbnails are) and its short looping preview. */
export function generatedVideoKeys(userId: string, jobId: string, n: number) {
  const base = `${generatedVideosPrefix(userId, jobId)}video_${positiveInt(n, "video number")}`;
  return { video: `${base}.mp4`, poster: `${base}.webp`, preview: `${base}_preview.mp4` };
}

export function thumbnailsPrefix(userId: string, jobId: string): string {
  return `thumbnails/${assertSegment(userId, "userId")}/${assertSegment(jobId, "jobId")}/`;
}

/** The WebP thumbnail of generated image n, whatever the image's own format. */
export function thumbnailKey(userId: string, jobId: string, n: number): string {
  return `${thumbnailsPrefix(userId, jobId)}image_${positiveInt(n, "image number")}.webp`;
}

export function transcriptKeys(userId: string, jobId: string) {
  const prefix = `transcripts/${assertSegment(userId, "userId")}/${assertSegment(jobId, "jobId")}/`;
  return {
    prefix,
    json: `${prefix}transcript.json`,
    text: `${prefix}transcript.txt`,
    srt: `${prefix}transcript.srt`,
    vtt: `${prefix}transcript.vtt`,
    /** Meeting notes: notes.md and notes.json, and notes.v<n>.* for each regeneration after the first. */
    notes: (revision: number, ext: "md" | "json") =>
      `${prefix}notes${positiveInt(revision, "revision") === 1 ? "" : `.v${revision}`}.${ext}`,
    /** The notes translated into a language, beside them: notes.de.md and notes.de.json (notes.v<n>.de.* for a regeneration). */
    translatedNotes: (revision: number, language: string, ext: "md" | "json") =>
      `${prefix}notes${positiveInt(revision, "revision") === 1 ? "" : `.v${revision}`}.${assertSegment(language, "language")}.${ext}`,
    /** The recording with the redacted words beeped out, as AssemblyAI's redact_pii_audio makes it. */
    redactedAudio: (ext: string) => `${prefix}redacted-audio.${ext}`,
    /** The transcript translated into a language, beside the original: transcript.de.txt, .srt, .vtt. */
    translated: (language: string) => {
      const name = `${prefix}transcript.${assertSegment(language, "language")}`;
      return { text: `${name}.txt`, srt: `${name}.srt`, vtt: `${name}.vtt` };
    },
  };
}

/**
 * Uploaded inputs live under temp/{workspaceId}/{userId}/ with a random folder so names never
 * collide. The workspace is part of the key because user ids repeat across workspaces (two
 * teams each have an "alice"): an upload is its uploader's in one workspace only.
 */
export function tempKey(workspaceId: string, userId: string, fileName: string, id: string = randomUUID()): string {
  return `temp/${assertSegment(workspaceId, "workspaceId")}/${assertSegment(userId, "userId")}/${assertSegment(id, "upload id")}/${assertSegment(fileName, "file name")}`;
}

/** The prefix of one member's uploads: a job may use only keys under it. */
export function tempPrefix(workspaceId: string, userId: string): string {
  return `temp/${assertSegment(workspaceId, "workspaceId")}/${assertSegment(userId, "userId")}/`;
}

/**
 * Every prefix a job can own files under, for listing or deleting them. Thumbnails come after the
 * images: a thumbnail made from an image while the job is deleted is then either removed here or
 * finds its source gone (see ensureThumbnail).
 */
export function jobPrefixes(userId: string, jobId: string): string[] {
  return [
    loraPrefix(userId, jobId),
    datasetKeys(userId, jobId).prefix,
    generatedImagesPrefix(userId, jobId),
    transcriptKeys(userId, jobId).prefix,
    generatedVideosPrefix(userId, jobId),
    thumbnailsPrefix(userId, jobId),
  ];
}
