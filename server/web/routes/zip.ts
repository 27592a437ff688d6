import path from "node:path";
import { TRPCError } from "@trpc/server";
import { Hono } from "hono";
import { JobsError } from "../../../jobs/errors.js";
import { loadVisiblePictures } from "../../../jobs/pictures.js";
import type { JobDocument } from "../../../shared/db/mongo/job-schema.js";
import type { ZipSource } from "../../../shared/storage/zip-stream.js";
import { zipObjects } from "../../../shared/storage/zip-stream.js";
import type { AppDeps } from "../../deps.js";
import type { WebEnv } from "../env.js";
import { problemPage } from "../problem-page.js";
import { MAX_PICTURES_PER_CALL } from "../../trpc/routers/picture-refs.js";
import { pictureRefOf } from "./organize.js";
import { PageRefusal } from "../page-refusal.js";

/** A name for a picture or clip in the archive, unique in it: its prompt's first words, the job id, the picture number and the file's own extension. */
function entryName(prompt: unknown, jobId: string, picture: number, key: string): string {
  const words =
    typeof prompt === "string"
      ? prompt
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^-|-$/g, "")
          .slice(0, 40)
      : "";
  return `${words ? `${words}-` : ""}${jobId}-${picture}${path.extname(key) || ".png"}`;
}

/**
 * The selection's "Download zip": the ticked pictures and clips as one archive, streamed from the bucket
 * (zipObjects) while the browser saves it. Every picture is checked first, their jobs read at
 * once, with the same visibility rule as every read, so a refusal is a page and never a broken archive.
 */
export function zipRoutes(deps: AppDeps) {
  const zip = new Hono<WebEnv>();
  zip.get("/zip", async (c) => {
    const principal = c.get("principal");
    if (!principal) return c.body(null, 401);
    const refs = [...new Set(c.req.queries("p") ?? [])].map(pictureRefOf);
    try {
      if (refs.length === 0) throw new PageRefusal("BAD_REQUEST", (t) => t.tickFirst);
      if (refs.length > MAX_PICTURES_PER_CALL) throw new PageRefusal("BAD_REQUEST", (t) => t.zipAtMost(MAX_PICTURES_PER_CALL));
      for (const ref of refs)
        if (!Number.isInteger(ref.picture) || ref.picture < 1) throw new PageRefusal("BAD_REQUEST", (t) => t.notAPicture);
      const call = { principal, deps, requestId: c.get("requestId") };
      const jobs = await loadVisiblePictures(call, refs).catch((err: unknown) => {
        if (err instanceof JobsError) throw new TRPCError({ code: err.code, message: err.message });
        throw err;
      });
      const sources = refs.map((ref, i): ZipSource => {
        const job = jobs[i] as JobDocument;
        const latest = job.versions.at(-1);
        // A clip is its job's one tile: its MP4 goes in, as the picture of a picture's tile does.
        const file = latest && "images" in latest ? latest.images[ref.picture - 1] : latest && "video" in latest ? latest.video : undefined;
        if (!file) throw new PageRefusal("BAD_REQUEST", (t) => t.noPictureToDownload(job.jobId));
        return { name: entryName(job.input?.prompt ?? job.sourcePrompt, job.jobId, ref.picture, file.s3Key), key: file.s3Key };
      });
      const stream = ReadableStream.from(zipObjects(deps.storage, sources));
      const day = new Date().toISOString().slice(0, 10);
      return new Response(stream, {
        headers: {
          "content-type": "application/zip",
          "content-disposition": `attachment; filename="pictures-${day}.zip"`,
          "cache-control": "private, no-store",
        },
      });
    } catch (err) {
      return problemPage(c, err);
    }
  });
  return zip;
}
