/** @jsxImportSource hono/jsx */
import { TRPCError } from "@trpc/server";
import { Hono } from "hono";
import type { AppDeps } from "../../deps.js";
import type { WebEnv } from "../env.js";
import { MeetingsPage } from "../pages/meetings.js";
import { problemPage } from "../problem-page.js";
import { viewerOf } from "../session.js";
import { sessionCaller } from "../session-caller.js";

/** The search across the team's meetings: a refused query is said on the page, beside the box to fix it. */
export function meetingRoutes(deps: AppDeps) {
  const meetings = new Hono<WebEnv>();

  meetings.get("/", async (c) => {
    try {
      const viewer = viewerOf(c);
      if (!viewer) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in first" });
      const query = (c.req.query("q") ?? "").slice(0, 200);
      const cursor = c.req.query("cursor");
      if (!query.trim()) return c.html(<MeetingsPage viewer={viewer} query="" found={null} refusal={null} />);
      try {
        const found = await sessionCaller(deps, c).transcripts.search({ query, limit: 20, ...(cursor ? { cursor } : {}) });
        return c.html(<MeetingsPage viewer={viewer} query={query} found={found} refusal={null} />);
      } catch (err) {
        if (!(err instanceof TRPCError) || err.code !== "BAD_REQUEST") throw err;
        return c.html(<MeetingsPage viewer={viewer} query={query} found={null} refusal={err.message} />, 400);
      }
    } catch (err) {
      return problemPage(c, err);
    }
  });

  return meetings;
}
