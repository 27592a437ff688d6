import type { GeneratedImage } from "../shared/db/mongo/job-schema.js";
import type { PictureRef, VideoGenerationParams } from "../shared/jobs/input.js";
import { ownPictureRefusal } from "../shared/jobs/picture-limits.js";
import { readPictureHeader } from "../shared/media/picture-header.js";
import { BlockedUrlError, assertPublicUrl } from "../shared/net/ssrf.js";
import type { JobsCall } from "./deps.js";
import { JobsError } from "./errors.js";
import { canSeeJob } from "./principal.js";

/**
 * A picture of the caller's own that an operation works on, checked before anything is queued:
 * an upload (already known to be the caller's and to exist) must be a PNG, JPEG or WebP within
 * the pixel limit, read from its header with one ranged GET, never decoded (a PNG declaring
 * 50,000×50,000 pixels is refused from its first bytes); a URL must pass the SSRF guard, and is
 * checked the same way by the worker when it fetches it. Answers the upload's size, if known.
 */
export async function checkOwnPicture(
  call: JobsCall,
  input: { uploadKey?: string | undefined; imageUrl?: string | undefined },
): Promise<{ width: number; height: number } | undefined> {
  if (input.imageUrl) {
    // Checked again by the worker before use: DNS may change between now and then.
    try {
      await assertPublicUrl(input.imageUrl);
    } catch (err) {
      if (err instanceof BlockedUrlError) throw new JobsError("BAD_REQUEST", `imageUrl refused: ${err.message}`);
      throw err;
    }
    return undefined;
  }
  if (!input.uploadKey) return undefined;
  const header = await readPictureHeader(call.deps.storage, input.uploadKey);
  const refused = ownPictureRefusal(header, `upload ${input.uploadKey}`);
  if (refused || !header) throw new JobsError("BAD_REQUEST", refused ?? "not a picture");
  return header;
}

/**
 * A picture of one of our jobs, as a source: the job one the caller may see (else NOT_FOUND, as
 * for an id that does not exist), finished, with that picture in its latest version. Answers the
 * picture and its description: its generation's prompt, through any operations since.
 */
export async function checkJobPicture(
  call: JobsCall,
  ref: { jobId: string; image: number },
): Promise<{ picture: GeneratedImage; prompt: string | undefined }> {
  const source = await call.deps.jobs.get(ref.jobId);
  if (!source || source.deletedAt || !canSeeJob(call.principal, source) || source.type !== "image-generation") {
    throw new JobsError("NOT_FOUND", `image job ${ref.jobId} was not found`);
  }
  if (source.status !== "completed")
    throw new JobsError("PRECONDITION_FAILED", `image job ${ref.jobId} has not finished (status ${source.status})`);
  const latest = source.versions.filter((v) => "images" in v).at(-1);
  const images = latest && "images" in latest ? latest.images : [];
  const picture = images[ref.image - 1];
  if (!picture)
    throw new JobsError(
      "BAD_REQUEST",
      `image job ${ref.jobId} has ${images.length} picture${images.length === 1 ? "" : "s"}; there is no picture ${ref.image}`,
    );
  const generated = (source.input?.operation ?? "generate") === "generate";
  return { picture, prompt: generated && typeof source.input?.prompt === "string" ? source.input.prompt : source.sourcePrompt };
}

/** One of several pictures (a blend's, a reference's), checked as a single source is. Its upload was checked to be the caller's already. */
export async function checkPictureRef(call: JobsCall, ref: PictureRef): Promise<void> {
  if ("jobId" in ref) {
    await checkJobPicture(call, ref);
    return;
  }
  await checkOwnPicture(call, ref);
}

/**
 * The pictures a video job animates from and to, checked as an image operation's source is: a
 * picture of ours the caller may see, finished, or an upload within the picture limits; or the
 * clip an extend continues. Answers the source job's prompt, what a job without a prompt of its
 * own describes.
 */
export async function checkVideoPictures(call: JobsCall, input: VideoGenerationParams): Promise<string | undefined> {
  if (input.endFrame) await checkPictureRef(call, input.endFrame);
  if (input.uploadKey) await checkOwnPicture(call, input);
  if (input.source && "video" in input.source) return checkJobClip(call, input.source.jobId);
  return input.source ? (await checkJobPicture(call, input.source)).prompt : undefined;
}

/** A clip of one of our video jobs, as an extend's source: one the caller may see (else NOT_FOUND), finished. Answers its prompt. */
async function checkJobClip(call: JobsCall, jobId: string): Promise<string | undefined> {
  const source = await call.deps.jobs.get(jobId);
  if (!source || source.deletedAt || !canSeeJob(call.principal, source) || source.type !== "video-generation")
    throw new JobsError("NOT_FOUND", `video job ${jobId} was not found`);
  if (source.status !== "completed" || !source.versions.some((v) => "video" in v))
    throw new JobsError("PRECONDITION_FAILED", `video job ${jobId} has not finished (status ${source.status})`);
  return typeof source.input?.prompt === "string" ? source.input.prompt : source.sourcePrompt;
}
