import type { CreateJobInput } from "../shared/jobs/input.js";
import { readPictureHeader } from "../shared/media/picture-header.js";
import { regionShapesRefusal } from "../shared/media/region-mask.js";
import type { JobsCall } from "./deps.js";
import { JobsError } from "./errors.js";

/**
 * A vary-region's region against its source picture: every shape inside the picture, and an
 * uploaded mask a PNG of exactly the picture's size, read from the upload's header (the upload
 * itself was checked to be the caller's and to exist). Refused here, before anything is queued.
 */
export async function checkRegion(call: JobsCall, input: CreateJobInput, picture: { width: number; height: number }): Promise<void> {
  if (input.type !== "image-generation" || input.operation !== "vary-region" || !input.region) return;
  const shapes = regionShapesRefusal(input.region, picture);
  if (shapes) throw new JobsError("BAD_REQUEST", shapes);
  const key = input.region.maskUploadKey;
  if (!key) return;
  const header = await readPictureHeader(call.deps.storage, key);
  if (header?.type !== "png") throw new JobsError("BAD_REQUEST", "region.maskUploadKey is not a PNG: upload the mask as a PNG");
  if (header.width !== picture.width || header.height !== picture.height)
    throw new JobsError(
      "BAD_REQUEST",
      `the mask is ${header.width}×${header.height} but the picture is ${picture.width}×${picture.height}: a mask must be the picture's size`,
    );
}
