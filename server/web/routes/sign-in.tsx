/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import { isGalleryPath } from "../../../shared/links/gallery-path.js";
import { peekSignInLink, redeemSignInLink, revokeSession } from "../../../shared/db/sql/web-sessions.js";
import type { AppDeps } from "../../deps.js";
import { csrfTokenMatches, sameOrigin } from "../csrf.js";
import type { WebContext, WebEnv } from "../env.js";
import { readForm } from "../form.js";
import { inViewerLocale } from "../locale/current.js";
import { problemText } from "../locale/layout-text.js";
import { MessagePage } from "../pages/layout.js";
import { SignInPage } from "../pages/sign-in.js";
import { clearSessionCookie, setSessionCookie, viewerOf } from "../session.js";

/** Signing in with a one-time link from chat (a page, then a form post that sets the session cookie), and signing out. */
export function signInRoutes(deps: AppDeps) {
  const signIn = new Hono<WebEnv>();

  signIn.get("/sign-in", async (c) => {
    const token = c.req.query("token") ?? "";
    const next = c.req.query("next");
    if (next !== undefined && !isGalleryPath(next)) return nextRefused(c);
    const state = await peekSignInLink(deps.sql.db, token);
    if (!state.ok) return signInRefused(c, state.reason);
    return c.html(
      <SignInPage token={token} next={next} userId={state.userId} workspaceName={state.workspaceName} expiresAt={state.expiresAt} />,
    );
  });

  signIn.post("/sign-in", async (c) => {
    // A page on another site must not sign a browser into someone else's gallery.
    if (!sameOrigin(c, deps)) {
      const text = inViewerLocale(problemText);
      return c.html(<MessagePage title={text.refused} message={text.signInFromLink} />, 403);
    }
    const form = await readForm(c, deps);
    // Checked again here: the form is the browser's to change. A refused one uses up nothing.
    const next = typeof form.next === "string" && form.next !== "" ? form.next : undefined;
    if (next !== undefined && !isGalleryPath(next)) return nextRefused(c);
    const result = await redeemSignInLink(deps.sql.db, typeof form.token === "string" ? form.token : "", {
      userAgent: c.req.header("user-agent") ?? null,
    });
    if (!result.ok) return signInRefused(c, result.reason);
    setSessionCookie(c, deps, result.sessionToken);
    deps.logger.info(
      { sessionId: result.session.id, workspaceId: result.session.workspaceId, userId: result.session.userId },
      "gallery sign-in",
    );
    return c.redirect(next ?? "/app", 303);
  });

  signIn.post("/sign-out", async (c) => {
    const session = c.get("session");
    const form = await readForm(c, deps);
    if (session) {
      if (!sameOrigin(c, deps) || !csrfTokenMatches(session, typeof form._csrf === "string" ? form._csrf : undefined)) {
        return c.html(
          <MessagePage
            title={inViewerLocale(problemText).refused}
            message={inViewerLocale(problemText).notFromGallery}
            viewer={viewerOf(c)}
          />,
          403,
        );
      }
      await revokeSession(deps.sql.db, session.id);
    }
    clearSessionCookie(c, deps);
    return c.redirect("/app", 303);
  });

  return signIn;
}

/** A link whose `next` is not a page of this gallery: refused whole, the link left unused. */
function nextRefused(c: WebContext) {
  return c.html(<MessagePage title={inViewerLocale(problemText).notGalleryPage} message={inViewerLocale(problemText).leadsOutside} />, 400);
}

function signInRefused(c: WebContext, reason: "unknown" | "used" | "expired") {
  const [title, message] = inViewerLocale(problemText).link[reason];
  return c.html(<MessagePage title={title} message={message} />, reason === "unknown" ? 404 : 410);
}
