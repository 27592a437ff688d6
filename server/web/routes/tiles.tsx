/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import type { AppDeps } from "../../deps.js";
import type { WebEnv } from "../env.js";
import { Tiles } from "../pages/gallery.js";
import { problemPage } from "../problem-page.js";
import { sessionCaller } from "../session-caller.js";

/**
 * One job's tiles as the grid shows them, for the create bar's script: the tile of a job it just
 * made, and its pictures once the job is done. The markup stays the grid's own (Tiles).
 */
export function tileRoutes(deps: AppDeps) {
  const tiles = new Hono<WebEnv>();
  tiles.get("/:jobId", async (c) => {
    try {
      const job = await sessionCaller(deps, c).jobs.get({ jobId: c.req.param("jobId") });
      return c.html(
        <ul class="grid">
          <Tiles items={[job]} />
        </ul>,
      );
    } catch (err) {
      return problemPage(c, err);
    }
  });
  return tiles;
}
