import type { GeneratedImage } from "../../../shared/db/mongo/job-schema.js";
import type { ImageGenerationParams } from "../../../shared/jobs/input.js";
import { pictureOperationRefusal } from "../../../shared/jobs/picture-limits.js";
import type { WorkerDeps } from "../../worker-deps.js";
import { PermanentJobError } from "../outcome.js";

/**
 * The picture an operation works on: image n of its source job's latest version. Checked at
 * create; a source deleted since fails the job, and one too big for the operation's result (an
 * upscale, a grown frame) is refused again before fal is paid for it.
 */
export async function sourcePicture(deps: WorkerDeps, input: ImageGenerationParams): Promise<GeneratedImage> {
  const ref = input.source;
  const source = ref ? await deps.jobs.get(ref.jobId) : undefined;
  const latest = source?.versions.filter((v) => "images" in v).at(-1);
  const picture = ref && latest && "images" in latest ? latest.images[ref.image - 1] : undefined;
  if (!ref || !source || source.deletedAt || !picture)
    throw new PermanentJobError(
      `the source picture (job ${ref?.jobId ?? "none"}, image ${ref?.image ?? "none"}) no longer exists`,
      "SOURCE_GONE",
    );
  const tooBig = pictureOperationRefusal(input, picture);
  if (tooBig) throw new PermanentJobError(tooBig, "TOO_LARGE");
  return picture;
}
