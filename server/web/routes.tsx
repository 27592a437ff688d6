/** @jsxImportSource hono/jsx */
import { randomUUID } from "node:crypto";
import { trpcServer } from "@hono/trpc-server";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { type Context, Hono } from "hono";
import { loadVisibleJob } from "../../jobs/read.js";
import { listMembers } from "../../shared/db/sql/members.js";
import { peekSignInLink, redeemSignInLink, revokeSession } from "../../shared/db/sql/web-sessions.js";
import type { PublicJob } from "../../shared/jobs/view.js";
import { headObject, readObject } from "../../shared/storage/objects.js";
import { presignDownload } from "../../shared/storage/presign.js";
import { jobFiles } from "../../shared/jobs/files.js";
import { findThumbnail } from "../../shared/storage/thumbnails.js";
import { CallPermits } from "../auth/call-permits.js";
import { clientAddress } from "../auth/client-address.js";
import type { AppDeps } from "../deps.js";
import { createContext } from "../trpc/context.js";
import { MAX_BATCH_CALLS } from "../trpc/init.js";
import { appRouter, createCaller } from "../trpc/router.js";
import { webAssets } from "./assets.js";
import { listInput, parseFilters } from "./filters.js";
import { GalleryPage, MoreLink, Tiles } from "./pages/gallery.js";
import { JobPage, type TranscriptView } from "./pages/job.js";
import { LorasPage } from "./pages/loras.js";
import { UsagePage } from "./pages/usage.js";
import { transcriptLines } from "./transcript-lines.js";
import { MessagePage, type Viewer } from "./pages/layout.js";
import { SignInPage, SignedOutPage } from "./pages/sign-in.js";
import { type WebEnv, clearSessionCookie, csrfTokenMatches, loadSession, sameOrigin, setSessionCookie } from "./session.js";

/** Pictures a gallery page asks the API for at a time (jobs; a job can hold several pictures). */
export const GALLERY_PAGE_JOBS = 24;
/** How long a picture's presigned URL works, and how long a browser may reuse the redirect to it. */
const PICTURE_URL_SECONDS = 300;
const PICTURE_CACHE_SECONDS = 60;
/** Pictures a member may load a minute, per API call they may make (RATE_LIMIT_PER_MINUTE). */
const PICTURES_PER_REQUEST = 4;

type WebContext = Context<WebEnv>;

/**
 * The web gallery at /app: server-rendered pages (Hono JSX) that read and act through the same
 * tRPC procedures as the API and the bots (a server-side caller, so a changed procedure breaks
 * these pages' typecheck), a session cookie from a one-time sign-in link, and /app/trpc for the
 * page script's live job updates.
 */
export function webRoutes(deps: AppDeps) {
  const web = new Hono<WebEnv>();
  const storageOrigin = presignDownload(deps.storage, "thumbnails/origin-probe").then((p) => new URL(p.url).origin);
  // Pictures have their own per-member budget, beside the API calls': a page shows up to a
  // hundred, and takes its hits in blocks rather than one write to the member's row each.
  const picturesPerMinute = deps.config.limits.requestsPerMinute * PICTURES_PER_REQUEST;
  const picturePermits = new CallPermits(deps.sql.db, {
    memberLimit: picturesPerMinute,
    workspaceDefault: picturesPerMinute,
    buckets: (workspaceId, userId) => ({ member: `pictures:${workspaceId}:${userId}`, workspace: null }),
  });

  web.use(async (c, next) => {
    await next();
    c.header(
      "Content-Security-Policy",
      `default-src 'self'; img-src 'self' ${await storageOrigin}; media-src ${await storageOrigin}; script-src 'self'; style-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'`,
    );
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "same-origin");
    if (!c.res.headers.has("Cache-Control")) c.header("Cache-Control", "no-store");
  });
  web.use(loadSession(deps));

  /** The tRPC context of a gallery request: the signed-in member, as the API's own context would have it. */
  const sessionContext = (c: WebContext) => {
    const principal = c.get("principal");
    return createContext(deps, {
      requestId: c.get("requestId"),
      auth: principal ? { ok: true, principal } : { ok: false, reason: "sign in to the gallery first" },
      baseUrl: deps.config.publicUrl ?? new URL(c.req.url).origin,
      clientAddress: clientAddress(c, deps.config.trustProxy),
    });
  };
  const caller = (c: WebContext) => {
    if (!c.get("principal")) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in first" });
    return createCaller(sessionContext(c));
  };
  const viewerOf = (c: WebContext): Viewer | undefined => {
    const s = c.get("session");
    return s ? { userId: s.userId, workspaceSlug: s.workspaceSlug, csrfToken: s.csrfToken } : undefined;
  };
  const problem = (c: WebContext, err: unknown) => {
    if (!(err instanceof TRPCError)) throw err;
    const status = getHTTPStatusCodeFromError(err);
    c.status(status as 400);
    // A not-found message would repeat the id from the address: text anyone could put in a link.
    const message = status === 404 ? "There is nothing here, or it is not yours to see." : err.message;
    return c.html(<MessagePage title={status === 404 ? "Not found" : "That did not work"} message={message} viewer={viewerOf(c)} />);
  };

  web.get("/static/:file{app\\.(js|css)}", async (c) => {
    const file = c.req.param("file") as "app.js" | "app.css";
    const assets = await webAssets();
    c.header("Content-Type", file.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8");
    c.header("Cache-Control", "public, max-age=300");
    return c.body(assets[file]);
  });

  web.get("/sign-in", async (c) => {
    const token = c.req.query("token") ?? "";
    const state = await peekSignInLink(deps.sql.db, token);
    if (!state.ok) return signInRefused(c, state.reason);
    return c.html(<SignInPage token={token} userId={state.userId} workspaceName={state.workspaceName} expiresAt={state.expiresAt} />);
  });

  web.post("/sign-in", async (c) => {
    // A page on another site must not sign a browser into someone else's gallery.
    if (!sameOrigin(c, deps)) return c.html(<MessagePage title="Refused" message="Sign in from the link itself." />, 403);
    const form = await c.req.parseBody();
    const result = await redeemSignInLink(deps.sql.db, typeof form.token === "string" ? form.token : "", {
      userAgent: c.req.header("user-agent") ?? null,
    });
    if (!result.ok) return signInRefused(c, result.reason);
    setSessionCookie(c, deps, result.sessionToken);
    deps.logger.info(
      { sessionId: result.session.id, workspaceId: result.session.workspaceId, userId: result.session.userId },
      "gallery sign-in",
    );
    return c.redirect("/app", 303);
  });

  web.post("/sign-out", async (c) => {
    const session = c.get("session");
    const form = await c.req.parseBody();
    if (session) {
      if (!sameOrigin(c, deps) || !csrfTokenMatches(session, typeof form._csrf === "string" ? form._csrf : undefined)) {
        return c.html(
          <MessagePage title="Refused" message="This request did not come from the gallery's own page." viewer={viewerOf(c)} />,
          403,
        );
      }
      await revokeSession(deps.sql.db, session.id);
    }
    clearSessionCookie(c, deps);
    return c.redirect("/app", 303);
  });

  // Every route below is for signed-in members only.
  web.use("*", async (c, next) => {
    if (c.get("session")) return next();
    if (c.req.path.startsWith("/app/trpc"))
      return c.json({ error: { code: "UNAUTHORIZED", message: "sign in to the gallery first" } }, 401);
    return c.html(<SignedOutPage />, 401);
  });

  // Changes need the page's CSRF token (a form field or, from the script, a header), from this origin.
  web.on(["POST", "PUT", "PATCH", "DELETE"], "*", async (c, next) => {
    const session = c.get("session");
    const sent = c.req.header("x-csrf-token") ?? (c.req.path.startsWith("/app/trpc") ? undefined : await formField(c, "_csrf"));
    if (!session || !sameOrigin(c, deps) || !csrfTokenMatches(session, sent)) {
      return c.req.path.startsWith("/app/trpc")
        ? c.json({ error: { code: "FORBIDDEN", message: "missing or wrong CSRF token" } }, 403)
        : c.html(
            <MessagePage
              title="Refused"
              message="This request did not come from the gallery's own page; reload it and try again."
              viewer={viewerOf(c)}
            />,
            403,
          );
    }
    return next();
  });

  web.use(
    "/trpc/*",
    trpcServer({
      endpoint: "/app/trpc",
      router: appRouter,
      maxBatchSize: MAX_BATCH_CALLS,
      createContext: (_opts, c) => ({ ...sessionContext(c as unknown as WebContext) }),
      onError: ({ error, path }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") deps.logger.error({ err: error.cause ?? error, path }, "gallery tRPC procedure failed");
      },
    }),
  );

  web.get("/", async (c) => {
    const filters = parseFilters(c.req.query());
    try {
      const api = caller(c);
      const principal = c.get("principal");
      const [page, loras, members] = await Promise.all([
        api.jobs.list(listInput(filters, c.req.query("cursor"), GALLERY_PAGE_JOBS)),
        api.jobs.list({ type: "lora-training", status: "completed", limit: 100 }),
        principal ? listMembers(deps.sql.db, principal.workspaceId) : [],
      ]);
      const viewer = viewerOf(c);
      if (!viewer) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in first" });
      return c.html(
        <GalleryPage
          viewer={viewer}
          filters={filters}
          items={page.items}
          nextCursor={page.nextCursor}
          members={members}
          loras={loras.items.map((l) => ({
            jobId: l.jobId,
            name: typeof l.input.triggerWord === "string" ? l.input.triggerWord : l.jobId,
          }))}
        />,
      );
    } catch (err) {
      return problem(c, err);
    }
  });

  // The next page of tiles, for the page script's infinite scroll.
  web.get("/grid", async (c) => {
    const filters = parseFilters(c.req.query());
    try {
      const page = await caller(c).jobs.list(listInput(filters, c.req.query("cursor"), GALLERY_PAGE_JOBS));
      return c.html(
        <>
          <ul class="grid">
            <Tiles items={page.items} />
          </ul>
          <MoreLink filters={filters} nextCursor={page.nextCursor} />
        </>,
      );
    } catch (err) {
      return problem(c, err);
    }
  });

  web.get("/jobs/:jobId", async (c) => {
    try {
      const job = await caller(c).jobs.get({ jobId: c.req.param("jobId") });
      const viewer = viewerOf(c);
      if (!viewer) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in first" });
      const transcript =
        job.type === "transcription" && job.status === "completed" ? await transcriptView(job, c.req.query("q") ?? "") : undefined;
      return c.html(<JobPage viewer={viewer} job={job} transcript={transcript} />);
    } catch (err) {
      return problem(c, err);
    }
  });

  /** The latest transcript's lines, read from the bucket (the job was just read through jobs.get, so the caller may see it). */
  async function transcriptView(job: PublicJob, q: string): Promise<TranscriptView> {
    const latest = job.versions.at(-1);
    const key = latest && "s3Keys" in latest ? latest.s3Keys?.json : undefined;
    const lines = key ? transcriptLines(JSON.parse((await readObject(deps.storage, key)).toString("utf8"))) : [];
    const upload = typeof job.input.uploadKey === "string" ? job.input.uploadKey : undefined;
    const audioUrl =
      upload && (await headObject(deps.storage, upload)) ? (await presignDownload(deps.storage, upload, { expiresIn: 3600 })).url : null;
    return { lines, audioUrl, q: q.slice(0, 200) };
  }

  web.get("/loras", async (c) => {
    try {
      const api = caller(c);
      const viewer = viewerOf(c);
      if (!viewer) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in first" });
      const loras = await api.jobs.list({ type: "lora-training", limit: 50 });
      const cards = await Promise.all(
        loras.items.map(async (job) => ({
          job,
          samples: (await api.jobs.list({ type: "image-generation", status: "completed", loraJobId: job.jobId, limit: 4 })).items,
        })),
      );
      return c.html(<LorasPage viewer={viewer} loras={cards} />);
    } catch (err) {
      return problem(c, err);
    }
  });

  web.post("/loras/:jobId/generate", async (c) => {
    const form = await c.req.parseBody();
    const prompt = typeof form.prompt === "string" ? form.prompt : "";
    const scale = Number(typeof form.scale === "string" && form.scale !== "" ? form.scale : "1");
    try {
      const created = await caller(c).jobs.create({
        type: "image-generation",
        prompt,
        lora: { jobId: c.req.param("jobId"), scale },
        idempotencyKey: typeof form._once === "string" ? form._once : randomUUID(),
      });
      return c.redirect(`/app/jobs/${created.jobId}`, 303);
    } catch (err) {
      return problem(c, err);
    }
  });

  web.post("/loras/:jobId/retrain", async (c) => {
    try {
      const retrained = await caller(c).jobs.retrain({ jobId: c.req.param("jobId") });
      return c.redirect(`/app/jobs/${retrained.jobId}`, 303);
    } catch (err) {
      return problem(c, err);
    }
  });

  web.get("/usage", async (c) => {
    try {
      const history = await caller(c).usage.history({ months: 12 });
      const viewer = viewerOf(c);
      if (!viewer) throw new TRPCError({ code: "UNAUTHORIZED", message: "sign in first" });
      return c.html(<UsagePage viewer={viewer} history={history} />);
    } catch (err) {
      return problem(c, err);
    }
  });

  web.post("/jobs/:jobId/actions", async (c) => {
    const jobId = c.req.param("jobId");
    const form = await c.req.parseBody();
    const field = (name: string) => (typeof form[name] === "string" ? (form[name] as string) : undefined);
    const image = Number(field("image") ?? "1");
    // The form's one-time value makes a double click or a resent form one job, not two.
    const idempotencyKey = field("_once") ?? randomUUID();
    try {
      const api = caller(c);
      const source = await api.jobs.get({ jobId });
      const create = (params: { operation: "vary" | "upscale" | "edit"; strength?: "strong" | "subtle"; prompt?: string }) =>
        api.jobs.create({ type: "image-generation", source: { jobId, image }, visibility: source.visibility, idempotencyKey, ...params });
      switch (field("action")) {
        case "vary":
          return c.redirect(`/app/jobs/${(await create({ operation: "vary", strength: "strong" })).jobId}`, 303);
        case "vary-subtle":
          return c.redirect(`/app/jobs/${(await create({ operation: "vary", strength: "subtle" })).jobId}`, 303);
        case "upscale":
          return c.redirect(`/app/jobs/${(await create({ operation: "upscale" })).jobId}`, 303);
        case "edit":
          return c.redirect(`/app/jobs/${(await create({ operation: "edit", prompt: field("prompt") ?? "" })).jobId}`, 303);
        case "rerun": {
          const seed = String(Math.floor(Math.random() * 2 ** 32));
          return c.redirect(`/app/jobs/${(await api.jobs.rerun({ jobId, seed, idempotencyKey })).jobId}`, 303);
        }
        case "cancel":
          await api.jobs.cancel({ jobId });
          return c.redirect(`/app/jobs/${jobId}`, 303);
        case "share":
          await api.jobs.share({ jobId });
          return c.redirect(`/app/jobs/${jobId}`, 303);
        case "delete":
          await api.jobs.delete({ jobId });
          return c.redirect("/app", 303);
        default:
          throw new TRPCError({ code: "BAD_REQUEST", message: "unknown action" });
      }
    } catch (err) {
      return problem(c, err);
    }
  });

  // A picture's thumbnail (made now if the worker did not) or the picture itself: a redirect to a short-lived presigned URL, after the same visibility check as every read.
  web.get("/thumbnails/:jobId/:n{[0-9]+}", async (c) => pictureRedirect(c, "thumbnail"));
  web.get("/images/:jobId/:n{[0-9]+}", async (c) => pictureRedirect(c, "image"));

  async function pictureRedirect(c: WebContext, what: "thumbnail" | "image") {
    const principal = c.get("principal");
    if (!principal) return c.body(null, 401);
    const refused = await picturePermits.take(principal.workspaceId, principal.userId);
    if (refused) {
      c.header("Retry-After", String(refused.retryAfterSeconds));
      return c.body(null, 429);
    }
    let job: Awaited<ReturnType<typeof loadVisibleJob>>;
    try {
      job = await loadVisibleJob({ deps, principal }, c.req.param("jobId") ?? "");
    } catch {
      return c.body(null, 404);
    }
    const n = Number(c.req.param("n"));
    let key: string | undefined;
    if (what === "thumbnail") {
      key = await findThumbnail(deps.storage, job, n);
    } else {
      // Picture n of the asked version (the latest by default), numbered as jobs.get numbers them.
      const images = jobFiles(job).filter((f) => f.kind === "images");
      const asked = Number(c.req.query("version"));
      const version = Number.isInteger(asked) ? asked : Math.max(0, ...images.map((f) => f.version));
      key = images.filter((f) => f.version === version)[n - 1]?.key;
    }
    if (!key) return c.body(null, 404);
    const { url } = await presignDownload(deps.storage, key, { expiresIn: PICTURE_URL_SECONDS + 60 });
    // Short, and per cookie: after a sign-out the browser must ask again, not follow a kept redirect.
    c.header("Cache-Control", `private, max-age=${PICTURE_CACHE_SECONDS}`);
    c.header("Vary", "Cookie");
    return c.redirect(url, 302);
  }

  return web;
}

async function formField(c: WebContext, name: string): Promise<string | undefined> {
  const type = c.req.header("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) return undefined;
  const value = (await c.req.parseBody())[name];
  return typeof value === "string" ? value : undefined;
}

function signInRefused(c: WebContext, reason: "unknown" | "used" | "expired") {
  const text = {
    unknown: ["Not a sign-in link", "This link does not sign anyone in. Ask for a new one with /gallery in chat."],
    used: ["Link already used", "A sign-in link works once. Ask for a new one with /gallery in chat, or npm run cli -- login-link."],
    expired: [
      "Link expired",
      "A sign-in link works for ten minutes. Ask for a new one with /gallery in chat, or npm run cli -- login-link.",
    ],
  }[reason];
  return c.html(<MessagePage title={text[0] ?? ""} message={text[1] ?? ""} />, reason === "unknown" ? 404 : 410);
}
