/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import { loraOptions } from "../../../jobs/lora-options.js";
import { listMembers } from "../../../shared/db/sql/members.js";
import type { AppDeps } from "../../deps.js";
import type { WebEnv } from "../env.js";
import { tilesOrganize } from "../tiles-organize.js";
import { listInput, parseFilters } from "../filters.js";
import { GalleryPage, MoreLink, Tiles } from "../pages/gallery.js";
import { problemPage } from "../problem-page.js";
import { viewerOf } from "../session.js";
import { sessionCaller } from "../session-caller.js";
import { timed, timedHtml } from "../server-timing.js";
import { PageRefusal } from "../page-refusal.js";

/** Pictures a gallery page asks the API for at a time (jobs; a job can hold several pictures). */
export const GALLERY_PAGE_JOBS = 24;

/** The gallery itself: the filtered grid of the member's pictures, and its next pages. */
export function galleryRoutes(deps: AppDeps) {
  const gallery = new Hono<WebEnv>();
  gallery.get("/", async (c) => {
    const filters = parseFilters(c.req.query());
    try {
      const api = sessionCaller(deps, c);
      const principal = c.get("principal");
      const [page, loras, members, boards] = await Promise.all([
        timed(c, "list", api.jobs.list(listInput(filters, c.req.query("cursor"), GALLERY_PAGE_JOBS))),
        timed(c, "loras", principal ? loraOptions({ principal, deps, requestId: c.get("requestId") }) : Promise.resolve([])),
        timed(c, "members", principal ? listMembers(deps.sql.db, principal.workspaceId) : Promise.resolve([])),
        timed(c, "boards", api.boards.list()),
      ]);
      const viewer = viewerOf(c);
      if (!viewer) throw new PageRefusal("UNAUTHORIZED", (t) => t.signInFirst);
      const organize = await timed(c, "favourites", tilesOrganize(deps, c, page.items));
      return timedHtml(
        c,
        <GalleryPage
          viewer={viewer}
          filters={filters}
          items={page.items}
          nextCursor={page.nextCursor}
          members={members}
          organize={organize}
          boards={boards.items}
          loras={loras}
        />,
      );
    } catch (err) {
      return problemPage(c, err);
    }
  });

  // The next page of tiles, for the page script's infinite scroll.
  gallery.get("/grid", async (c) => {
    const filters = parseFilters(c.req.query());
    try {
      const page = await timed(c, "list", sessionCaller(deps, c).jobs.list(listInput(filters, c.req.query("cursor"), GALLERY_PAGE_JOBS)));
      const organize = await timed(c, "favourites", tilesOrganize(deps, c, page.items));
      return timedHtml(
        c,
        <>
          <ul class="grid">
            <Tiles items={page.items} organize={organize} />
          </ul>
          <MoreLink filters={filters} nextCursor={page.nextCursor} />
        </>,
      );
    } catch (err) {
      return problemPage(c, err);
    }
  });

  return gallery;
}
