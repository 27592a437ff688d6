import { Hono } from "hono";
import { attachment, presignDownload } from "../../shared/storage/presign.js";
import { findThumbnail } from "../../shared/storage/thumbnails.js";
import type { AppEnv } from "../app-env.js";
import type { AppDeps } from "../deps.js";
import { findJobFile } from "../../shared/jobs/files.js";
import { verifyLinkToken } from "../../shared/links/token.js";
import { fileWithNames } from "./named-speakers.js";

/** A thumbnail's name in a link: `thumbnail_{n}.webp`, picture n of the job's latest version. */
export const THUMBNAIL_FILE = /^thumbnail_([1-9][0-9]?)\.webp$/;

/** Each click gets a presigned URL this short-lived; the link itself lives for weeks. */
export const CLICK_URL_SECONDS = 300;

/** `GET /d/:token`: 302 to a fresh presigned URL; 401 when tampered, 410 when expired or deleted. */
export function linkRoutes(deps: AppDeps) {
  const links = new Hono<AppEnv>();
  links.get("/:token", async (c) => {
    const check = verifyLinkToken(deps.config.links.signingSecret, c.req.param("token"));
    if (!check.ok) {
      return check.reason === "expired"
        ? c.json({ error: { code: "GONE", message: "this link has expired; ask for a new one" } }, 410)
        : c.json({ error: { code: "UNAUTHORIZED", message: "this link is not valid" } }, 401);
    }
    const { jobId, fileName, version } = check.target;
    const job = await deps.jobs.get(jobId);
    if (!job || job.deletedAt) return c.json({ error: { code: "GONE", message: "the file behind this link was deleted" } }, 410);
    const thumbnail = THUMBNAIL_FILE.exec(fileName);
    if (thumbnail && job.type === "image-generation") {
      // A picture's thumbnail, made now if the worker did not (jobs from before thumbnails).
      const key = await findThumbnail(deps.storage, job, Number(thumbnail[1]));
      if (!key) return c.json({ error: { code: "NOT_FOUND", message: `job ${jobId} has no ${fileName}` } }, 404);
      const { url } = await presignDownload(deps.storage, key, { expiresIn: CLICK_URL_SECONDS });
      c.header("Cache-Control", "no-store");
      c.header("Referrer-Policy", "no-referrer");
      return c.redirect(url, 302);
    }
    const file = findJobFile(job, fileName, version);
    if (!file) return c.json({ error: { code: "NOT_FOUND", message: `job ${jobId} has no file ${fileName}` } }, 404);
    // A transcript whose speakers the team named is served as it reads with the names.
    const named = await fileWithNames(deps.storage, job, file);
    if (named !== undefined) {
      c.header("Cache-Control", "no-store");
      c.header("Content-Disposition", attachment(file.fileName));
      return c.body(named, 200, { "Content-Type": file.contentType });
    }
    const { url } = await presignDownload(deps.storage, file.key, { expiresIn: CLICK_URL_SECONDS, fileName: file.fileName });
    c.header("Cache-Control", "no-store");
    c.header("Referrer-Policy", "no-referrer");
    return c.redirect(url, 302);
  });
  return links;
}
