import type { CreateJobInput } from "../shared/jobs/input.js";
import { ownPictureRefusal } from "../shared/jobs/picture-limits.js";
import { readPictureHeader } from "../shared/media/picture-header.js";
import { BlockedUrlError, assertPublicUrl } from "../shared/net/ssrf.js";
import type { JobsCall } from "./deps.js";
import { JobsError } from "./errors.js";

/**
 * A picture of the caller's own that an operation works on, checked before anything is queued:
 * an upload (already known to be the caller's and to exist) must be a PNG, JPEG or WebP within
 * the pixel limit, read from its header with one ranged GET, never decoded (a PNG declaring
 * 50,000×50,000 pixels is refused from its first bytes); a URL must pass the SSRF guard, and is
 * checked the same way by the worker when it fetches it. Answers the upload's size, if known.
 */
export async function checkOwnPicture(call: JobsCall, input: CreateJobInput): Promise<{ width: number; height: number } | undefined> {
  if (input.type !== "image-generation") return undefined;
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
