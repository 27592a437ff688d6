/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import type { AppDeps } from "../../deps.js";
import type { WebEnv } from "../env.js";
import { UsagePage } from "../pages/usage.js";
import { problemPage } from "../problem-page.js";
import { viewerOf } from "../session.js";
import { sessionCaller } from "../session-caller.js";
import { PageRefusal } from "../page-refusal.js";

/** The member's usage over the last twelve months. */
export function usageRoutes(deps: AppDeps) {
  const usage = new Hono<WebEnv>();

  usage.get("/", async (c) => {
    try {
      const history = await sessionCaller(deps, c).usage.history({ months: 12 });
      const viewer = viewerOf(c);
      if (!viewer) throw new PageRefusal("UNAUTHORIZED", (t) => t.signInFirst);
      return c.html(<UsagePage viewer={viewer} history={history} />);
    } catch (err) {
      return problemPage(c, err);
    }
  });

  return usage;
}
