import { imageSize } from "image-size";
import { z } from "zod";
import type { GeneratedImage, JobDocument } from "../../shared/db/mongo/job-schema.js";
import { BlockedUrlError, guardedFetch, readCapped } from "../../shared/net/ssrf.js";
import { imageCost } from "../../shared/pricing.js";
import { generatedImageKey, thumbnailKey } from "../../shared/storage/keys.js";
import {
  describeEndpoint,
  imageEndpointFor,
  imageOperationEndpoints,
  isFillOperation,
  referenceEndpointFor,
  referencesRefusal,
} from "../../shared/jobs/image-endpoints.js";
import { type ImageGenerationParams, type PictureRef, imageGenerationParams } from "../../shared/jobs/input.js";
import { MAX_PICTURE_BYTES } from "../../shared/jobs/picture-limits.js";
import { presignDownload } from "../../shared/storage/presign.js";
import { makeThumbnail, THUMBNAIL_CONTENT_TYPE } from "../../shared/storage/thumbnails.js";
import { falImageInput } from "../providers/fal-image-input.js";
import { falBlendInput, falDescribeInput, falOperationInput, falReferencesInput } from "../providers/fal-image-operation.js";
import type { WorkerDeps } from "../worker-deps.js";
import { beginJob } from "./begin-job.js";
import type { CanceledRunBill } from "./fal-cancel.js";
import { assertStillWanted, JobCanceled, PermanentJobError } from "./outcome.js";
import { recordUsage } from "./record-usage.js";
import { storeFile } from "./store-file.js";
import { falWebhookFinder, resumeSubmission, submitToFal } from "./submit-once.js";
import { readFalResult, waitForFal } from "./wait-for-fal.js";
import { setJobStatus } from "./job-status.js";
import { fillCanvas, fillRequestBody, fillResult } from "./image/fill.js";
import { resolvePicture, sourcePicture } from "./image/source.js";
import { billCanceledDescribe, completeDescribe } from "./image/describe.js";

const falImage = z.object({
  url: z.string(),
  content_type: z.string().optional(),
  width: z.number().int().nonnegative().optional(),
  height: z.number().int().nonnegative().optional(),
});
/**
 * What the worker reads of a FLUX result (`images`), or an upscaler's (`image`, one); the seed
 * arrives exact (a string past 2^53, see exactIntegersFetch).
 */
const falResult = z
  .object({
    images: z.array(falImage).optional(),
    image: falImage.optional(),
    seed: z
      .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)])
      .transform(String)
      .optional(),
    has_nsfw_concepts: z.array(z.boolean()).optional(),
  })
  .refine((r) => r.images !== undefined || r.image !== undefined, { message: "has neither images nor image", path: ["images"] })
  .transform(({ image, images, ...rest }) => ({ ...rest, images: images ?? (image ? [image] : []) }));

const extOf = (contentType: string) => (contentType.includes("jpeg") ? "jpg" : contentType.includes("webp") ? "webp" : "png");

/**
 * Submits the job to fal once (see resumeSubmission: a retry resumes the stored request, or finds the
 * one an interrupted attempt submitted), waits, then streams each image into S3 and records the version, usage and completion.
 */
export async function runImageGeneration(deps: WorkerDeps, jobId: string, signal?: AbortSignal): Promise<void> {
  const begun = await beginJob(deps, jobId, imageGenerationParams, "image request");
  if (!begun) return;
  const { job, input } = begun;
  const operation = input.operation && input.operation !== "generate" ? input.operation : undefined;
  const routed: string =
    operation === "describe"
      ? describeEndpoint
      : operation
        ? imageOperationEndpoints[operation]
        : (referenceEndpointFor(input) ?? imageEndpointFor(input, deps.config.providers.imageModels));
  // A Fill job's picture and mask come from its source, built the same on every attempt: the
  // result is composited over them whether this attempt submitted or resumed the request.
  const fill = isFillOperation(operation) ? await fillCanvas(deps, job, { ...input, operation }) : undefined;

  let requestId = await resumeSubmission(
    deps,
    jobId,
    "fal",
    job.provider,
    falWebhookFinder(deps, jobId, deps.config.providers.falLostSubmissionWaitMs.image, signal),
  );
  // A resumed request is asked for at the endpoint it went to, even if FAL_MODEL changed since.
  let model: string = requestId && job.provider?.endpoint ? job.provider.endpoint : routed;
  if (!requestId) {
    model = routed;
    const body = fill
      ? await fillRequestBody(deps, job, input, fill, input.prompt ?? job.sourcePrompt)
      : await requestBody(deps, job, input, job.sourcePrompt);
    requestId = await submitToFal(deps, jobId, routed, body);
  }

  const describe = operation === "describe";
  await waitForFal(deps, jobId, model, requestId, signal, describe ? billCanceledDescribe(deps) : billCanceledRun(deps, model));
  if (describe) return completeDescribe(deps, job, model, requestId, signal);
  const result = await readFalResult(deps, model, requestId, falResult, "images");

  const images: GeneratedImage[] = [];
  let flagged = 0;
  for (const [i, img] of result.images.entries()) {
    if (result.has_nsfw_concepts?.[i]) {
      // The safety checker answers a black square for a flagged image: keep none of it.
      flagged++;
      continue;
    }
    await assertStillWanted(deps, jobId, signal);
    let bytes: Buffer;
    try {
      const res = await guardedFetch(img.url, { allowOrigins: deps.trustedOrigins, maxBytes: MAX_PICTURE_BYTES, timeoutMs: 60_000 });
      if (!res.ok) throw new Error(`image download answered ${res.status}`);
      bytes = await readCapped(res, MAX_PICTURE_BYTES);
    } catch (err) {
      if (err instanceof BlockedUrlError)
        throw new PermanentJobError(`the provider's image URL was refused: ${err.message}`, "BLOCKED_URL");
      throw err;
    }
    if (fill) bytes = await fillResult(fill, bytes, input.outputFormat);
    const size = imageSize(bytes);
    if (!size.width || !size.height) throw new PermanentJobError("the provider returned a file that is not an image", "BAD_RESULT");
    const contentType = size.type === "jpg" ? "image/jpeg" : `image/${size.type ?? "png"}`;
    const n = images.length + 1;
    const key = generatedImageKey(job.userId, jobId, n, extOf(contentType));
    await storeFile(deps, key, bytes, contentType);
    await storeThumbnail(deps, job.userId, jobId, n, bytes);
    images.push({ url: key, s3Key: key, width: size.width, height: size.height, sizeBytes: bytes.length, contentType });
  }
  if (images.length === 0) {
    throw new PermanentJobError(
      `the provider flagged ${flagged === 1 ? "the image" : `all ${flagged} images`} as unsafe; nothing was stored`,
      "NSFW",
    );
  }
  await assertStillWanted(deps, jobId, signal);
  await deps.jobs.pushVersion(jobId, {
    version: 1,
    images,
    ...(result.seed !== undefined ? { seed: result.seed } : {}),
    endpoint: model,
    createdAt: new Date(),
  });
  await deps.jobs.addSearchTerms(
    jobId,
    images
      .map((i) => i.s3Key.split("/").pop() ?? "")
      .flatMap((f) => [f.toLowerCase(), ...f.toLowerCase().split(/[^a-z0-9]+/)])
      .filter((t) => t.length > 1),
  );
  // Usage first: the provider has done the work whatever happens next, and a reader who sees
  // the job completed also sees its charge.
  await recordUsage(
    deps,
    job,
    images.reduce((sum, i) => sum + imageCost(i.width, i.height, model), 0),
    { images: images.length },
  );
  const done = await setJobStatus(deps, jobId, "completed", {
    progress: 100,
    ...(flagged
      ? { error: { message: `${flagged} of ${result.images.length} images were flagged as unsafe and not stored`, code: "NSFW_PARTIAL" } }
      : {}),
  });
  if (!done) throw new JobCanceled("canceled while storing");
}

/**
 * A request canceled while fal ran it finishes and is billed: its pictures' cost, at the sizes its
 * result gives (fal's Image has width and height; without them, the least the endpoint bills for
 * a picture), is recorded though none is stored.
 */
function billCanceledRun(deps: WorkerDeps, model: string): CanceledRunBill {
  return async (job, data) => {
    const parsed = falResult.safeParse(data);
    if (!parsed.success) return;
    const { images } = parsed.data;
    await recordUsage(
      deps,
      job,
      images.reduce((sum, i) => sum + imageCost(i.width ?? 0, i.height ?? 0, model), 0),
      { images: images.length },
    );
  };
}

/**
 * The gallery's thumbnail of a picture just stored, made from the bytes in hand. Not worth failing
 * the job over: a thumbnail that could not be made is made on the gallery's first view instead.
 */
async function storeThumbnail(deps: WorkerDeps, userId: string, jobId: string, n: number, picture: Buffer): Promise<void> {
  const key = thumbnailKey(userId, jobId, n);
  try {
    await storeFile(deps, key, await makeThumbnail(picture), THUMBNAIL_CONTENT_TYPE);
  } catch (err) {
    deps.logger.warn({ err, jobId, key }, "thumbnail not made; the gallery makes it on first view");
  }
}

/** The fal request for the job: a generation from its prompt, or an operation on its source picture. */
async function requestBody(
  deps: WorkerDeps,
  job: Pick<JobDocument, "jobId" | "userId">,
  input: ImageGenerationParams,
  sourcePrompt: string | undefined,
): Promise<Record<string, unknown>> {
  if (input.operation === "describe") return falDescribeInput(await sourcePictureUrl(deps, job, input));
  if (input.operation === "blend") return falBlendInput(input, await pictureUrls(deps, job, input.sources ?? []));
  if (input.operation && input.operation !== "generate") {
    return falOperationInput(input, await sourcePictureUrl(deps, job, input), input.prompt ?? sourcePrompt).body as Record<string, unknown>;
  }
  const prompt = input.prompt;
  if (prompt === undefined) throw new PermanentJobError("an image job needs a prompt", "BAD_INPUT");
  const withReferences = referenceEndpointFor(input);
  if (withReferences) {
    const refused = referencesRefusal(input);
    if (refused) throw new PermanentJobError(refused, "BAD_INPUT");
    const refs = input.references ?? [];
    const urls = await pictureUrls(
      deps,
      job,
      refs.map((r) => r.source ?? { uploadKey: r.uploadKey ?? "" }),
    );
    return falReferencesInput(
      withReferences,
      { ...input, prompt },
      refs.map((r, i) => ({ role: r.role, weight: r.weight, url: urls[i] ?? "" })),
    );
  }
  const endpoint = imageEndpointFor(input, deps.config.providers.imageModels);
  const loraUrl = input.lora ? await loraModelUrl(deps, input.lora.jobId) : undefined;
  return falImageInput(endpoint, { ...input, prompt }, loraUrl);
}

/** How long fal has to fetch a source picture: it does so when the request runs, often at once, at worst after a queue. */
const SOURCE_URL_SECONDS = 3600;

/** The picture an upscale, variation or edit works on, as a short-lived presigned URL for fal to fetch. */
async function sourcePictureUrl(
  deps: WorkerDeps,
  job: Pick<JobDocument, "jobId" | "userId">,
  input: ImageGenerationParams,
): Promise<string> {
  const picture = await sourcePicture(deps, job, input);
  return (await presignDownload(deps.storage, picture.s3Key, { expiresIn: SOURCE_URL_SECONDS })).url;
}

/** Several pictures (a blend's), each resolved as a source is and given as a presigned URL. */
async function pictureUrls(deps: WorkerDeps, job: Pick<JobDocument, "jobId" | "userId">, refs: PictureRef[]): Promise<string[]> {
  const urls: string[] = [];
  for (const [i, ref] of refs.entries()) {
    const picture = await resolvePicture(deps, job, ref, i + 1);
    urls.push((await presignDownload(deps.storage, picture.s3Key, { expiresIn: SOURCE_URL_SECONDS })).url);
  }
  return urls;
}

/** A short-lived presigned URL to one of the caller's trained LoRA models, for the provider to fetch. */
async function loraModelUrl(deps: WorkerDeps, loraJobId: string): Promise<string> {
  const lora = await deps.jobs.get(loraJobId);
  const latest = lora?.versions.filter((v) => "modelUrl" in v).at(-1);
  if (!lora || !latest || !("s3Key" in latest)) throw new PermanentJobError(`LoRA ${loraJobId} has no trained model`, "BAD_INPUT");
  return (await presignDownload(deps.storage, latest.s3Key, { expiresIn: 3600 })).url;
}
