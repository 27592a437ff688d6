/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import { ownsJob } from "../../../jobs/principal.js";
import { loadVisibleJob } from "../../../jobs/read.js";
import type { AppDeps } from "../../deps.js";
import type { WebContext, WebEnv } from "../env.js";
import { readForm } from "../form.js";
import type { TilesOrganize } from "../pages/gallery.js";
import { BoardPage, BoardsPage, FavouritesPage, PictureGrid } from "../pages/organize.js";
import { problemPage } from "../problem-page.js";
import { viewerOf } from "../session.js";
import { sessionCaller } from "../session-caller.js";
import { timed, timedHtml } from "../server-timing.js";
import { PageRefusal } from "../page-refusal.js";
import { tilesOrganize } from "../tiles-organize.js";

/** Pictures a favourites or board page shows at a time. */
const PICTURES_PER_PAGE = 48;

/** `jobId/picture` as a tile's checkbox sends it; what does not parse is left to the procedure's own refusal. */
export function pictureRefOf(value: string): { jobId: string; picture: number } {
  const at = value.lastIndexOf("/");
  return at < 0 ? { jobId: value, picture: 1 } : { jobId: value.slice(0, at), picture: Number(value.slice(at + 1)) };
}

/** Every value of a repeated form field. */
export const valuesOf = (form: Record<string, unknown>, name: string): string[] =>
  [form[name]].flat().filter((v): v is string => typeof v === "string");

/** A gallery address to return to after a change, never another site's. */
export function backTo(value: string | undefined, fallback = "/app"): string {
  return value && /^\/app(\/|\?|$)/.test(value) && !value.startsWith("//") ? value : fallback;
}

/** Favourites, boards, and what the selection bar does with the ticked pictures. */
export function organizeRoutes(deps: AppDeps) {
  const organize = new Hono<WebEnv>();

  const viewerOrThrow = (c: WebContext) => {
    const viewer = viewerOf(c);
    if (!viewer) throw new PageRefusal("UNAUTHORIZED", (t) => t.signInFirst);
    return viewer;
  };
  /** The tiles' stars and checkboxes and their LoRAs' names, for a signed-in viewer only. */
  const tilesOrganizeOf = (c: WebContext, jobs: Array<{ jobId: string; input: Record<string, unknown> }>): Promise<TilesOrganize> => {
    viewerOrThrow(c);
    return tilesOrganize(deps, c, jobs);
  };
  const moreOf = (path: string, cursor: string | null) => (cursor ? `${path}?cursor=${encodeURIComponent(cursor)}` : null);

  async function favouritesPage(c: WebContext) {
    const api = sessionCaller(deps, c);
    const [page, boards] = await Promise.all([
      timed(c, "list", api.favourites.list({ limit: PICTURES_PER_PAGE, cursor: c.req.query("cursor") ?? null })),
      timed(c, "boards", api.boards.list()),
    ]);
    const organize = await timed(
      c,
      "favourites",
      tilesOrganizeOf(
        c,
        page.items.map((i) => i.job),
      ),
    );
    return { page, boards: boards.items, organize, more: moreOf("/app/favourites", page.nextCursor) };
  }

  organize.get("/favourites", async (c) => {
    try {
      const { page, boards, organize, more } = await favouritesPage(c);
      return timedHtml(c, <FavouritesPage viewer={viewerOrThrow(c)} items={page.items} more={more} organize={organize} boards={boards} />);
    } catch (err) {
      return problemPage(c, err);
    }
  });

  organize.get("/favourites/grid", async (c) => {
    try {
      const { page, organize, more } = await favouritesPage(c);
      return timedHtml(c, <PictureGrid items={page.items} organize={organize} more={more} empty="" />);
    } catch (err) {
      return problemPage(c, err);
    }
  });

  // A tile's star: on or off, then back to the page it was on.
  organize.post("/favourites", async (c) => {
    const form = await readForm(c, deps);
    const ref = pictureRefOf(String(form.p ?? ""));
    try {
      const api = sessionCaller(deps, c);
      if (form.favourite === "0") await api.favourites.remove(ref);
      else await api.favourites.add(ref);
      const referer = c.req.header("referer");
      return c.redirect(backTo(referer ? new URL(referer).pathname + new URL(referer).search : undefined), 303);
    } catch (err) {
      return problemPage(c, err);
    }
  });

  organize.get("/boards", async (c) => {
    try {
      const boards = await sessionCaller(deps, c).boards.list();
      return c.html(<BoardsPage viewer={viewerOrThrow(c)} boards={boards.items} />);
    } catch (err) {
      return problemPage(c, err);
    }
  });

  organize.post("/boards", async (c) => {
    const form = await readForm(c, deps);
    try {
      const board = await sessionCaller(deps, c).boards.create({ name: String(form.name ?? "") });
      return c.redirect(`/app/boards/${board.boardId}`, 303);
    } catch (err) {
      return problemPage(c, err);
    }
  });

  async function boardPage(c: WebContext) {
    const api = sessionCaller(deps, c);
    const boardId = c.req.param("boardId") ?? "";
    const [page, boards] = await Promise.all([
      timed(c, "list", api.boards.pictures({ boardId, limit: PICTURES_PER_PAGE, cursor: c.req.query("cursor") ?? null })),
      timed(c, "boards", api.boards.list()),
    ]);
    const organize = await timed(
      c,
      "favourites",
      tilesOrganizeOf(
        c,
        page.items.map((i) => i.job),
      ),
    );
    return { page, boards: boards.items, organize, more: moreOf(`/app/boards/${boardId}`, page.nextCursor) };
  }

  organize.get("/boards/:boardId", async (c) => {
    try {
      const { page, boards, organize, more } = await boardPage(c);
      return timedHtml(
        c,
        <BoardPage viewer={viewerOrThrow(c)} board={page.board} items={page.items} more={more} organize={organize} boards={boards} />,
      );
    } catch (err) {
      return problemPage(c, err);
    }
  });

  organize.get("/boards/:boardId/grid", async (c) => {
    try {
      const { page, organize, more } = await boardPage(c);
      return timedHtml(c, <PictureGrid items={page.items} organize={organize} more={more} empty="" />);
    } catch (err) {
      return problemPage(c, err);
    }
  });

  organize.post("/boards/:boardId", async (c) => {
    const boardId = c.req.param("boardId");
    const form = await readForm(c, deps);
    try {
      const api = sessionCaller(deps, c);
      if (form.action === "delete") {
        await api.boards.delete({ boardId });
        return c.redirect("/app/boards", 303);
      }
      if (form.action === "rename") {
        await api.boards.rename({ boardId, name: String(form.name ?? "") });
        return c.redirect(`/app/boards/${boardId}`, 303);
      }
      throw new PageRefusal("BAD_REQUEST", (t) => t.unknownAction);
    } catch (err) {
      return problemPage(c, err);
    }
  });

  /**
   * The jobs of the ticked pictures, each once, when every one is the caller's own (and, to share,
   * finished): checked before the first change, so a refused selection changes nothing.
   */
  async function ownJobsOf(c: WebContext, pictures: Array<{ jobId: string }>, action: "share" | "delete"): Promise<string[]> {
    const principal = c.get("principal");
    if (!principal) throw new PageRefusal("UNAUTHORIZED", (t) => t.signInFirst);
    const jobIds = [...new Set(pictures.map((p) => p.jobId))];
    for (const jobId of jobIds) {
      const job = await loadVisibleJob({ principal, deps, requestId: c.get("requestId") }, jobId).catch(() => {
        throw new PageRefusal("NOT_FOUND", (t) => t.notAPicture);
      });
      if (!ownsJob(principal, job)) throw new PageRefusal("FORBIDDEN", (t) => t.onlyOwner(action, jobId, job.userId));
      if (action === "share" && job.status !== "completed")
        throw new PageRefusal("PRECONDITION_FAILED", (t) => t.notFinishedToShare(jobId));
    }
    return jobIds;
  }

  // The selection bar: what to do with the ticked pictures.
  organize.post("/selection", async (c) => {
    const form = await readForm(c, deps, { all: true });
    const field = (name: string) => valuesOf(form, name)[0];
    const pictures = valuesOf(form, "p").map(pictureRefOf);
    const back = backTo(field("back"));
    try {
      if (pictures.length === 0) throw new PageRefusal("BAD_REQUEST", (t) => t.tickFirst);
      const api = sessionCaller(deps, c);
      switch (field("action")) {
        case "add-to-board": {
          const boardId = field("board") ?? "";
          await api.boards.add({ boardId, pictures });
          return c.redirect(`/app/boards/${boardId}`, 303);
        }
        case "remove-from-board":
          await api.boards.remove({ boardId: field("from") ?? "", pictures });
          return c.redirect(back, 303);
        case "zip": {
          // A GET of its own, so the archive streams from an address without the form's token in it.
          const query = new URLSearchParams(pictures.map((p): [string, string] => ["p", `${p.jobId}/${p.picture}`]));
          return c.redirect(`/app/zip?${query}`, 303);
        }
        case "share":
        case "delete": {
          const action = field("action") as "share" | "delete";
          const jobIds = await ownJobsOf(c, pictures, action);
          for (const jobId of jobIds) await (action === "share" ? api.jobs.share({ jobId }) : api.jobs.delete({ jobId }));
          return c.redirect(back, 303);
        }
        default:
          throw new PageRefusal("BAD_REQUEST", (t) => t.unknownAction);
      }
    } catch (err) {
      return problemPage(c, err);
    }
  });

  return organize;
}
