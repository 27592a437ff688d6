import type { JobDocument } from "../../../shared/db/mongo/job-schema.js";
import type { FillOperation } from "../../../shared/jobs/image-endpoints.js";
import { type ImageGenerationParams, limits } from "../../../shared/jobs/input.js";
import { type FillCanvas, compositeOver, encodePicture, fillMaskPng } from "../../../shared/media/canvas.js";
import { outpaintCanvas, outpaintLayout } from "../../../shared/media/outpaint.js";
import { decodeMask, rasterizeShapes, regionCanvas, regionShapesRefusal } from "../../../shared/media/region-mask.js";
import { fillInputKey } from "../../../shared/storage/keys.js";
import { readObject } from "../../../shared/storage/objects.js";
import { presignDownload } from "../../../shared/storage/presign.js";
import { falFillInput } from "../../providers/fal-image-operation.js";
import type { WorkerDeps } from "../../worker-deps.js";
import { PermanentJobError } from "../outcome.js";
import { storeFile } from "../store-file.js";
import { sourcePicture } from "./source.js";

/** How long fal has to fetch the picture and mask: it does so when the request runs, at worst after a queue. */
const INPUT_URL_SECONDS = 3600;

/**
 * The picture and weights of a Fill job (zoom-out, pan, vary-region), built from its source the
 * same way on every attempt: the submission sends them, the result is composited over them.
 */
export async function fillCanvas(
  deps: WorkerDeps,
  job: Pick<JobDocument, "jobId" | "userId">,
  input: ImageGenerationParams & { operation: FillOperation },
): Promise<FillCanvas> {
  const picture = await sourcePicture(deps, job, input);
  const bytes = await readStored(deps, picture.s3Key, "the source picture");
  const layout =
    input.operation === "zoom-out"
      ? outpaintLayout(picture, { kind: "zoom-out", factor: input.factor ?? limits.zoomFactor.default, aspectRatio: input.aspectRatio })
      : input.operation === "pan"
        ? outpaintLayout(picture, { kind: "pan", direction: input.direction ?? "right", amount: input.amount ?? limits.panAmount.default })
        : undefined;
  if (layout) return outpaintCanvas(bytes, layout);
  return regionCanvas(bytes, await regionOf(deps, input, picture));
}

/** The region a vary-region repaints, from its shapes and uploaded mask, at the picture's size. */
async function regionOf(deps: WorkerDeps, input: ImageGenerationParams, picture: { width: number; height: number }): Promise<Uint8Array> {
  const region = input.region;
  if (!region) throw new PermanentJobError("vary-region needs a region", "BAD_INPUT");
  const shapesRefused = regionShapesRefusal(region, picture);
  if (shapesRefused) throw new PermanentJobError(shapesRefused, "BAD_INPUT");
  const mask = rasterizeShapes(region, picture.width, picture.height);
  if (region.maskUploadKey) {
    const bytes = await readStored(deps, region.maskUploadKey, "the uploaded mask");
    let uploaded: Awaited<ReturnType<typeof decodeMask>>;
    try {
      uploaded = await decodeMask(bytes);
    } catch (err) {
      throw new PermanentJobError(`the uploaded mask could not be read as a picture: ${(err as Error).message}`, "BAD_INPUT");
    }
    if (uploaded.width !== picture.width || uploaded.height !== picture.height)
      throw new PermanentJobError(
        `the mask is ${uploaded.width}×${uploaded.height} but the picture is ${picture.width}×${picture.height}`,
        "BAD_INPUT",
      );
    for (let i = 0; i < mask.length; i++) mask[i] = (mask[i] ?? 0) | (uploaded.mask[i] ?? 0);
  }
  if (!mask.includes(1)) throw new PermanentJobError("the region is empty: the mask has no white pixel to repaint", "BAD_INPUT");
  return mask;
}

/** A stored file's bytes; one deleted since fails the job for good. */
async function readStored(deps: WorkerDeps, key: string, what: string): Promise<Buffer> {
  try {
    return await readObject(deps.storage, key);
  } catch (err) {
    if ((err as { name?: unknown }).name === "NoSuchKey") throw new PermanentJobError(`${what} no longer exists`, "SOURCE_GONE");
    throw err;
  }
}

/** Stores the picture and mask beside the job's results and answers Fill's request body with presigned URLs to them. */
export async function fillRequestBody(
  deps: WorkerDeps,
  job: Pick<JobDocument, "jobId" | "userId">,
  input: ImageGenerationParams,
  canvas: FillCanvas,
  prompt: string | undefined,
): Promise<Record<string, unknown>> {
  const imageKey = fillInputKey(job.userId, job.jobId, "image");
  const maskKey = fillInputKey(job.userId, job.jobId, "mask");
  await storeFile(deps, imageKey, await encodePicture(canvas.picture, "png"), "image/png");
  await storeFile(deps, maskKey, await fillMaskPng(canvas), "image/png");
  const url = async (key: string) => (await presignDownload(deps.storage, key, { expiresIn: INPUT_URL_SECONDS })).url;
  return falFillInput(input, await url(imageKey), await url(maskKey), prompt);
}

/** One of Fill's pictures with the source put back over it, in the job's format. */
export async function fillResult(canvas: FillCanvas, painted: Buffer, format: "png" | "jpeg"): Promise<Buffer> {
  return encodePicture(await compositeOver(canvas, painted), format);
}
