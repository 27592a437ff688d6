import { Hono } from "hono";
import type { AppDeps } from "../deps.js";
import { requireCsrfToken } from "./csrf.js";
import type { WebEnv } from "./env.js";
import { requireSession } from "./require-session.js";
import { appIconRoutes } from "./routes/app-icons.js";
import { editorRoutes } from "./routes/editors.js";
import { galleryRoutes } from "./routes/gallery.js";
import { jobRoutes } from "./routes/job.js";
import { languageRoutes } from "./routes/language.js";
import { webLocale } from "./locale/current.js";
import { loraRoutes } from "./routes/loras.js";
import { meetingRoutes } from "./routes/meetings.js";
import { organizeRoutes } from "./routes/organize.js";
import { zipRoutes } from "./routes/zip.js";
import { pictureRoutes } from "./routes/pictures.js";
import { queueRoutes } from "./routes/queue.js";
import { signInRoutes } from "./routes/sign-in.js";
import { staticAssetRoutes } from "./routes/static-assets.js";
import { tileRoutes } from "./routes/tiles.js";
import { uploadRoutes } from "./routes/uploads.js";
import { usageRoutes } from "./routes/usage.js";
import { galleryTrpcRoutes } from "./routes/trpc.js";
import { securityHeaders } from "./security-headers.js";
import { serverTiming } from "./server-timing.js";
import { loadSession } from "./session.js";

export { GALLERY_PAGE_JOBS } from "./routes/gallery.js";

/**
 * The web gallery at /app: server-rendered pages (Hono JSX) that read and act through the same
 * tRPC procedures as the API and the bots, a session cookie from a one-time sign-in link, and
 * /app/trpc for the page script's live job updates. Hono runs middleware and routes in the order
 * they are added, so the session and CSRF checks guard only the routes added after them.
 */
export function webRoutes(deps: AppDeps) {
  const web = new Hono<WebEnv>();
  web.use(serverTiming());
  web.use(securityHeaders(deps));
  web.use(loadSession(deps));
  web.use(webLocale());

  web.route("/static", staticAssetRoutes());
  web.route("/static", appIconRoutes());
  web.route("/", signInRoutes(deps));
  web.route("/", languageRoutes(deps));

  // Every route below is for signed-in members only, and a change needs the page's CSRF token.
  web.use(requireSession);
  web.on(["POST", "PUT", "PATCH", "DELETE"], "*", requireCsrfToken(deps));

  web.route("/trpc", galleryTrpcRoutes(deps));
  web.route("/", galleryRoutes(deps));
  web.route("/", organizeRoutes(deps));
  web.route("/", zipRoutes(deps));
  web.route("/jobs", jobRoutes(deps));
  web.route("/jobs", editorRoutes(deps));
  web.route("/loras", loraRoutes(deps));
  web.route("/usage", usageRoutes(deps));
  web.route("/meetings", meetingRoutes(deps));
  web.route("/", pictureRoutes(deps));
  web.route("/queue", queueRoutes(deps));
  web.route("/tiles", tileRoutes(deps));
  web.route("/uploads", uploadRoutes(deps));
  return web;
}
