import { Hono } from "hono";
import { loadVisibleJob } from "../../../jobs/read.js";
import type { JobDocument } from "../../../shared/db/mongo/job-schema.js";
import { jobFiles } from "../../../shared/jobs/files.js";
import { presignDownload } from "../../../shared/storage/presign.js";
import { findThumbnail } from "../../../shared/storage/thumbnails.js";
import { CallPermits } from "../../auth/call-permits.js";
import type { AppDeps } from "../../deps.js";
import type { WebContext, WebEnv } from "../env.js";

/** How long a picture's presigned URL works, and how long a browser may reuse the redirect to it. */
const PICTURE_URL_SECONDS = 300;
const PICTURE_CACHE_SECONDS = 60;
/** Pictures a member may load a minute, per API call they may make (RATE_LIMIT_PER_MINUTE). */
const PICTURES_PER_REQUEST = 4;

/** A video job's files the gallery shows: the clip (video_1.mp4), its poster (WebP) and its looping preview. */
type VideoFile = "clip" | "poster" | "preview";

/** The latest version's clip, poster or preview; nothing for a job without a clip. */
function videoKey(job: JobDocument, file: VideoFile): string | undefined {
  const latest = job.versions.at(-1);
  if (!latest || !("video" in latest)) return undefined;
  return file === "clip" ? latest.video.s3Key : file === "poster" ? latest.posterKey : latest.previewKey;
}

/**
 * A picture's thumbnail (made now if the worker did not) or the picture itself: a redirect to a
 * short-lived presigned URL, after the same visibility check as every read.
 */
export function pictureRoutes(deps: AppDeps) {
  const pictures = new Hono<WebEnv>();
  // Pictures have their own per-member budget, beside the API calls': a page shows up to a
  // hundred, and takes its hits in blocks rather than one write to the member's row each.
  const picturesPerMinute = deps.config.limits.requestsPerMinute * PICTURES_PER_REQUEST;
  const picturePermits = new CallPermits(deps.sql.db, {
    memberLimit: picturesPerMinute,
    workspaceDefault: picturesPerMinute,
    buckets: (workspaceId, userId) => ({ member: `pictures:${workspaceId}:${userId}`, workspace: null }),
  });

  pictures.get("/thumbnails/:jobId/:n{[0-9]+}", async (c) => pictureRedirect(c, "thumbnail"));
  pictures.get("/images/:jobId/:n{[0-9]+}", async (c) => pictureRedirect(c, "image"));
  pictures.get("/videos/:jobId/:file{clip|poster|preview}", async (c) => pictureRedirect(c, c.req.param("file") as VideoFile));

  async function pictureRedirect(c: WebContext, what: "thumbnail" | "image" | VideoFile) {
    const principal = c.get("principal");
    if (!principal) return c.body(null, 401);
    const refused = await picturePermits.take(principal.workspaceId, principal.userId);
    if (refused) {
      c.header("Retry-After", String(refused.retryAfterSeconds));
      return c.body(null, 429);
    }
    let job: Awaited<ReturnType<typeof loadVisibleJob>>;
    try {
      job = await loadVisibleJob({ deps, principal }, c.req.param("jobId") ?? "");
    } catch {
      return c.body(null, 404);
    }
    const n = Number(c.req.param("n"));
    let key: string | undefined;
    if (what === "clip" || what === "poster" || what === "preview") {
      key = videoKey(job, what);
    } else if (what === "thumbnail") {
      key = await findThumbnail(deps.storage, job, n);
    } else {
      // Picture n of the asked version (the latest by default), numbered as jobs.get numbers them.
      const images = jobFiles(job).filter((f) => f.kind === "images");
      const asked = Number(c.req.query("version"));
      const version = Number.isInteger(asked) ? asked : Math.max(0, ...images.map((f) => f.version));
      key = images.filter((f) => f.version === version)[n - 1]?.key;
    }
    if (!key) return c.body(null, 404);
    const { url } = await presignDownload(deps.storage, key, { expiresIn: PICTURE_URL_SECONDS + 60 });
    // Short, and per cookie: after a sign-out the browser must ask again, not follow a kept redirect.
    c.header("Cache-Control", `private, max-age=${PICTURE_CACHE_SECONDS}`);
    c.header("Vary", "Cookie");
    return c.redirect(url, 302);
  }

  return pictures;
}
