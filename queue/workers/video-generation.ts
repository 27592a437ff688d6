import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { z } from "zod";
import type { JobDocument, VideoVersion } from "../../shared/db/mongo/job-schema.js";
import { type VideoGenerationParams, videoGenerationParams } from "../../shared/jobs/input.js";
import {
  DEFAULT_EXTEND_PROMPT,
  DEFAULT_VIDEO_ASPECT_RATIO,
  isVideoEndpoint,
  type VideoEndpoint,
  type VideoEndpointId,
  videoEndpointFor,
  videoEndpoints,
  videoModeOf,
  videoRequestOf,
} from "../../shared/jobs/video-endpoints.js";
import { videoCost } from "../../shared/pricing.js";
import { deleteAllVersions } from "../../shared/storage/objects.js";
import { generatedVideoKeys } from "../../shared/storage/keys.js";
import { presignDownload } from "../../shared/storage/presign.js";
import { makeThumbnail, THUMBNAIL_CONTENT_TYPE } from "../../shared/storage/thumbnails.js";
import { animatePrompt, falVideoInput } from "../providers/fal-video-input.js";
import type { WorkerDeps } from "../worker-deps.js";
import { beginJob } from "./begin-job.js";
import type { CanceledRunBill } from "./fal-cancel.js";
import { resolvePicture } from "./image/source.js";
import { setJobStatus } from "./job-status.js";
import { assertStillWanted, JobCanceled, PermanentJobError } from "./outcome.js";
import { recordUsage } from "./record-usage.js";
import { storeFile } from "./store-file.js";
import { falWebhookFinder, resumeSubmission, submitToFal } from "./submit-once.js";
import { ClipRefused, checkClip, firstFrame, makePreview, probeClip } from "./video/clip-file.js";
import { storeClip } from "./video/store-clip.js";
import { readFalResult, waitForFal } from "./wait-for-fal.js";

/** What every video endpoint answers (@fal-ai/client's I2VOutput): the clip as a File. */
const falVideoResult = z.object({
  video: z.object({ url: z.string(), content_type: z.string().optional(), file_size: z.number().optional() }),
});

/** How long fal has to fetch a picture: it does so when the request runs, after a queue that can be long for video. */
const SOURCE_URL_SECONDS = 3 * 3600;

/**
 * Submits the job to fal once (a retry resumes the stored request), waits with the provider's
 * progress and queue position on the job, then streams the clip into S3, probes it, refuses a
 * clip that is not the one asked for, and stores its poster and preview beside it.
 */
export async function runVideoGeneration(deps: WorkerDeps, jobId: string, signal?: AbortSignal): Promise<void> {
  const begun = await beginJob(deps, jobId, videoGenerationParams, "video request");
  if (!begun) return;
  const { job, input } = begun;
  const routed = videoEndpointFor(input);
  if (!routed) throw new PermanentJobError(`model ${input.model} has no ${videoModeOf(input)} endpoint`, "BAD_INPUT");
  let requestId = await resumeSubmission(
    deps,
    jobId,
    "fal",
    job.provider,
    falWebhookFinder(deps, jobId, deps.config.providers.falLostSubmissionWaitMs.image, signal),
  );
  const stored = job.provider?.endpoint;
  const endpoint: VideoEndpointId = requestId && stored && isVideoEndpoint(stored) ? stored : routed;
  const mode = videoModeOf(input);
  // What the clip starts from, and whose shape it keeps: the picture animated, or the clip extended.
  const picture = mode === "animate" ? await sourceOf(deps, job, input) : mode === "extend" ? await sourceClipOf(deps, input) : undefined;
  if (!requestId) {
    const endFrameUrl = input.endFrame ? await pictureUrl(deps, job, input.endFrame) : undefined;
    const prompt =
      mode === "animate" ? animatePrompt(input, job.sourcePrompt) : (input.prompt ?? job.sourcePrompt ?? DEFAULT_EXTEND_PROMPT);
    const urls = mode === "extend" ? { videoUrl: picture?.url } : { imageUrl: picture?.url };
    const body = falVideoInput(endpoint, input, { prompt, ...urls, endFrameUrl });
    requestId = await submitToFal(deps, jobId, endpoint, body as Record<string, unknown>);
  }
  const asked = videoRequestOf(input, endpoint);
  const bill = (j: Pick<JobDocument, "jobId" | "userId" | "workspaceId" | "type" | "delivery">) =>
    recordUsage(deps, j, videoCost(endpoint, asked.duration, asked.resolution), { seconds: asked.duration });
  const billCanceled: CanceledRunBill = async (j, data) => {
    if (falVideoResult.safeParse(data).success) await bill(j);
  };
  await waitForFal(deps, jobId, endpoint, requestId, signal, billCanceled);
  const result = await readFalResult(deps, endpoint, requestId, falVideoResult, "video");
  await assertStillWanted(deps, jobId, signal);

  const spec: VideoEndpoint = videoEndpoints[endpoint];
  const keys = generatedVideoKeys(job.userId, jobId, 1);
  const dir = await mkdtemp(path.join(tmpdir(), "video-job-"));
  try {
    const file = path.join(dir, "clip.mp4");
    const { sizeBytes } = await storeClip(deps, result.video.url, keys.video, file, signal);
    let probe: Awaited<ReturnType<typeof probeClip>>;
    try {
      probe = await probeClip(file);
      checkClip(probe, {
        duration: asked.duration,
        shortSide: spec.heights[asked.resolution ?? "default"] ?? 0,
        aspect: picture ? picture.width / picture.height : ratio(input.aspectRatio ?? spec.aspectRatios?.[0] ?? DEFAULT_VIDEO_ASPECT_RATIO),
      });
    } catch (err) {
      if (!(err instanceof ClipRefused)) throw err;
      // fal bills a request that completed, whatever its file holds: the charge stands, the clip does not.
      await bill(job);
      await deleteAllVersions(deps.storage, keys.video);
      throw new PermanentJobError(err.message, err.code);
    }
    const poster = await storeDerived(deps, jobId, keys.poster, THUMBNAIL_CONTENT_TYPE, async () =>
      makeThumbnail(await firstFrame(file, dir)),
    );
    const preview = await storeDerived(deps, jobId, keys.preview, "video/mp4", () => makePreview(file, dir));
    await assertStillWanted(deps, jobId, signal);
    const version: VideoVersion = {
      version: 1,
      video: { s3Key: keys.video, sizeBytes, contentType: "video/mp4", ...probe },
      ...(poster ? { posterKey: keys.poster } : {}),
      ...(preview ? { previewKey: keys.preview } : {}),
      endpoint,
      billedSeconds: asked.duration,
      ...(asked.resolution ? { resolution: asked.resolution } : {}),
      createdAt: new Date(),
    };
    await deps.jobs.pushVersion(jobId, version);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  await deps.jobs.addSearchTerms(jobId, ["video", "video_1.mp4"]);
  // Usage first: the provider has done the work whatever happens next.
  await bill(job);
  const done = await setJobStatus(deps, jobId, "completed", { progress: 100 });
  if (!done) throw new JobCanceled("canceled while storing");
}

const ratio = (ar: string) => {
  const [w, h] = ar.split(":").map(Number);
  return (w ?? 16) / (h ?? 9);
};

/** The picture an animate starts from, in our bucket, as a presigned URL fal fetches, with its size. */
async function sourceOf(deps: WorkerDeps, job: Pick<JobDocument, "jobId" | "userId">, input: VideoGenerationParams) {
  const ref = input.uploadKey ? { uploadKey: input.uploadKey } : input.source && "image" in input.source ? input.source : undefined;
  const picture = await resolvePicture(deps, job, ref);
  const { url } = await presignDownload(deps.storage, picture.s3Key, { expiresIn: SOURCE_URL_SECONDS });
  return { url, width: picture.width, height: picture.height };
}

/** The clip an extend continues, as a presigned URL fal fetches, with its size; one deleted since fails the job. */
async function sourceClipOf(deps: WorkerDeps, input: VideoGenerationParams) {
  const jobId = input.source?.jobId ?? "";
  const source = await deps.jobs.get(jobId);
  const clip = source && !source.deletedAt ? source.versions.findLast((v) => "video" in v) : undefined;
  if (!clip || !("video" in clip)) throw new PermanentJobError(`the clip of video job ${jobId} is no longer there`, "SOURCE_GONE");
  const { url } = await presignDownload(deps.storage, clip.video.s3Key, { expiresIn: SOURCE_URL_SECONDS });
  return { url, width: clip.video.width, height: clip.video.height };
}

async function pictureUrl(
  deps: WorkerDeps,
  job: Pick<JobDocument, "jobId" | "userId">,
  ref: NonNullable<VideoGenerationParams["endFrame"]>,
) {
  const picture = await resolvePicture(deps, job, ref, 2);
  return (await presignDownload(deps.storage, picture.s3Key, { expiresIn: SOURCE_URL_SECONDS })).url;
}

/**
 * A poster or preview made from the clip. Not worth failing the job over: the clip is the
 * result; a job without them shows the clip alone.
 */
async function storeDerived(
  deps: WorkerDeps,
  jobId: string,
  key: string,
  contentType: string,
  make: () => Promise<Buffer>,
): Promise<boolean> {
  try {
    await storeFile(deps, key, await make(), contentType);
    return true;
  } catch (err) {
    deps.logger.warn({ err: err instanceof Error ? err.message : String(err), jobId, key }, "a clip's poster or preview was not made");
    return false;
  }
}
