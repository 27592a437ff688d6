import type { WebClient } from "@slack/web-api";
import sharp from "sharp";
import type { SlackDelivery } from "../../../shared/chat/delivery.js";
import type { JobDocument } from "../../../shared/db/mongo/job-schema.js";
import type { Logger } from "../../../shared/logger.js";
import type { DeliverDeps } from "./deps.js";
import { type DeliveryState, rememberSlackFiles } from "./delivery-state.js";
import { slackFileGone, slackMissingScope } from "./refusals.js";
import { type ResultFile, resultFiles } from "./result-files.js";

/** Deletes the result's files from Slack, as a deleted job's pictures leave it. */
export async function deleteSlackFiles(slack: WebClient, ids: string[], log: Logger): Promise<void> {
  for (const file of ids) {
    try {
      await slack.files.delete({ file });
    } catch (err) {
      // Gone already (deleted by hand, or by an earlier attempt of this delivery).
      if (!slackFileGone(err)) throw err;
      log.debug({ file }, "the Slack file was gone already");
    }
  }
}

/**
 * The most Slack takes in one file is 1 GB; the deliver worker holds a file in memory while it
 * uploads it, so 100 MiB bounds that. Pictures and transcripts are far smaller, and so is any clip
 * the video endpoints make (10 s at 1080p is tens of MB); a clip over it comes as its poster, with
 * the clip's link in the message.
 */
const SLACK_FILE_MAX_BYTES = 100 * 1024 * 1024;

/** Whether the job's result is a clip (with a WebP poster), not pictures or a transcript. */
export function isVideo(job: JobDocument): boolean {
  const latest = job.versions.at(-1);
  return Boolean(latest && "video" in latest);
}

/** Whether a finished video job's MP4 goes up to Slack (else its poster does). */
export function uploadsClip(job: JobDocument): boolean {
  const latest = job.versions.at(-1);
  return !job.deletedAt && Boolean(latest && "video" in latest && latest.video.sizeBytes <= SLACK_FILE_MAX_BYTES);
}

/** Whether the job's result shows pictures (an image job's, or a clip's poster in its stead), which its message then shows from Slack. */
export function hasPictures(job: JobDocument): boolean {
  const latest = job.versions.at(-1);
  if (job.deletedAt || !latest) return false;
  if ("video" in latest) return !uploadsClip(job) && Boolean(latest.posterKey);
  return "images" in latest && latest.images.length > 0;
}

/**
 * The pictures Slack shows from a Slack file in an image block: PNG, JPEG and GIF only
 * (docs.slack.dev, "Slack file object"). A message naming any other is refused as invalid_blocks.
 */
const SLACK_SHOWN_PICTURES = new Set(["image/png", "image/jpeg", "image/gif"]);

/**
 * A file as it goes up to Slack: a picture Slack would not show (a clip's WebP poster) as a JPEG
 * of it, so the message can show it; a poster is a single frame, small enough to convert in memory.
 */
async function forSlack(f: ResultFile): Promise<{ file: Buffer; filename: string }> {
  if (!f.picture || SLACK_SHOWN_PICTURES.has(f.contentType)) return { file: f.data, filename: f.name };
  return { file: await sharp(f.data).jpeg({ quality: 90 }).toBuffer(), filename: f.name.replace(/\.[^.]+$/, ".jpg") };
}

/**
 * A channel result's files (pictures, or a transcript's text and subtitles), uploaded to Slack
 * (the SDK's uploadV2: an upload URL per file, the bytes, one completion) and shared in the
 * thread under its message: pictures then show from Slack with no public URL of ours, and all
 * outlive the signed links. Once per job: the file ids are kept, and a retry shows the same
 * files. Without the files:write scope (an older install) none: the links remain, as before.
 * Returns the uploaded files' ids in resultFiles' order: an image job's are its pictures, in
 * order, for the message's image blocks.
 */
export async function uploadResultFiles(
  deps: DeliverDeps,
  slack: WebClient,
  job: JobDocument,
  d: SlackDelivery,
  state: DeliveryState,
  threadTs: string,
  log: Logger,
): Promise<string[] | undefined> {
  if (state.slackFileIds?.length) return state.slackFileIds;
  const files = await resultFiles(deps.storage, job, SLACK_FILE_MAX_BYTES);
  if (!files) return undefined;
  const fileUploads = await Promise.all(files.map(forSlack));
  try {
    const res = (await slack.filesUploadV2({ file_uploads: fileUploads, channel_id: d.channelId, thread_ts: threadTs })) as {
      files?: Array<{ files?: Array<{ id?: string }> }>;
    };
    const ids = (res.files ?? []).flatMap((c) => c.files ?? []).flatMap((f) => (f.id ? [f.id] : []));
    if (ids.length !== fileUploads.length) throw new Error(`Slack completed ${ids.length} of ${fileUploads.length} uploads`);
    await rememberSlackFiles(deps.sql.db, job.jobId, ids);
    return ids;
  } catch (err) {
    if (!slackMissingScope(err)) throw err;
    log.info("the Slack app is installed without files:write: the result's files stay links");
    return undefined;
  }
}
