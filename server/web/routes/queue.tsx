/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import type { AppDeps } from "../../deps.js";
import type { WebContext, WebEnv } from "../env.js";
import { type QueuedJob, QueueLists, QueuePage } from "../pages/queue.js";
import { problemPage } from "../problem-page.js";
import { viewerOf } from "../session.js";
import { sessionCaller } from "../session-caller.js";
import { PageRefusal } from "../page-refusal.js";

/** The most of each status the view lists (jobs.list's page size). */
const QUEUE_PAGE = 100;

/**
 * The queue view: the member's and the team's running and waiting jobs (what jobs.list shows the
 * member: their own and the team's shared ones), a waiting job's place in its type's line, and a
 * cancel for the member's own (jobs.cancel lets only a job's owner cancel it).
 */
export function queueRoutes(deps: AppDeps) {
  const queue = new Hono<WebEnv>();

  async function entries(c: WebContext): Promise<QueuedJob[]> {
    const api = sessionCaller(deps, c);
    const [running, queued] = await Promise.all([
      api.jobs.list({ status: "running", limit: QUEUE_PAGE }),
      api.jobs.list({ status: "queued", limit: QUEUE_PAGE }),
    ]);
    // Each type is its own queue, served oldest first: a waiting job's place counts the older ones of its type.
    const waiting = [...queued.items].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.jobId.localeCompare(b.jobId));
    const ahead: Record<string, number> = {};
    const places = waiting.map((job) => {
      ahead[job.type] = (ahead[job.type] ?? 0) + 1;
      return { job, position: ahead[job.type] ?? 1 };
    });
    return [...running.items.map((job) => ({ job, position: null })), ...places];
  }

  const viewer = (c: WebContext) => {
    const v = viewerOf(c);
    if (!v) throw new PageRefusal("UNAUTHORIZED", (t) => t.signInFirst);
    return v;
  };

  queue.get("/", async (c) => {
    try {
      return c.html(<QueuePage viewer={viewer(c)} entries={await entries(c)} />);
    } catch (err) {
      return problemPage(c, err);
    }
  });

  // The lists alone, for the page script's refresh.
  queue.get("/rows", async (c) => {
    try {
      return c.html(<QueueLists viewer={viewer(c)} entries={await entries(c)} />);
    } catch (err) {
      return problemPage(c, err);
    }
  });

  queue.post("/:jobId/cancel", async (c) => {
    try {
      await sessionCaller(deps, c).jobs.cancel({ jobId: c.req.param("jobId") });
      return c.redirect("/app/queue", 303);
    } catch (err) {
      return problemPage(c, err);
    }
  });

  return queue;
}
