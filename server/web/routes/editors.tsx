/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import type { AppDeps } from "../../deps.js";
import type { WebEnv } from "../env.js";
import { type EditedPicture, RegionEditorPage, ZoomEditorPage } from "../pages/editors.js";
import { problemPage } from "../problem-page.js";
import { viewerOf } from "../session.js";
import { sessionCaller } from "../session-caller.js";
import { PageRefusal } from "../page-refusal.js";

/** The editors of one picture of a finished image job: Vary Region, and Zoom Out / Pan with its preview. */
export function editorRoutes(deps: AppDeps) {
  const editors = new Hono<WebEnv>();

  editors.get("/:jobId/pictures/:image/:editor{region|zoom}", async (c) => {
    try {
      const job = await sessionCaller(deps, c).jobs.get({ jobId: c.req.param("jobId") });
      const viewer = viewerOf(c);
      if (!viewer) throw new PageRefusal("UNAUTHORIZED", (t) => t.signInFirst);
      const image = Number(c.req.param("image"));
      const latest = job.versions.at(-1);
      const img = latest && "images" in latest && Number.isInteger(image) ? latest.images[image - 1] : undefined;
      if (!latest || !img) throw new PageRefusal("NOT_FOUND", (t) => t.notAPicture);
      if (job.status !== "completed") throw new PageRefusal("PRECONDITION_FAILED", (t) => t.notFinishedToEdit);
      const prompt = typeof job.input.prompt === "string" ? job.input.prompt : (job.parent?.prompt ?? null);
      const picture: EditedPicture = {
        jobId: job.jobId,
        image,
        version: latest.version,
        width: img.width,
        height: img.height,
        prompt,
        visibility: job.visibility,
      };
      if (c.req.param("editor") === "region") return c.html(<RegionEditorPage viewer={viewer} picture={picture} />);
      return c.html(<ZoomEditorPage viewer={viewer} picture={picture} mode={c.req.query("mode") === "pan" ? "pan" : "zoom-out"} />);
    } catch (err) {
      return problemPage(c, err);
    }
  });

  return editors;
}
