/** @jsxImportSource hono/jsx */
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { retryAfterOf } from "../trpc/unavailable.js";
import type { WebContext } from "./env.js";
import { inViewerLocale } from "./locale/current.js";
import { problemText } from "./locale/layout-text.js";
import { PageRefusal } from "./page-refusal.js";
import { MessagePage } from "./pages/layout.js";
import { viewerOf } from "./session.js";

/**
 * A procedure's refusal (or a route's own, PageRefusal) as a page, with the status the API would
 * answer; any other error goes on to the app's handler.
 */
export function problemPage(c: WebContext, err: unknown) {
  if (!(err instanceof TRPCError)) throw err;
  const status = getHTTPStatusCodeFromError(err);
  c.status(status as 400);
  const wait = retryAfterOf(err);
  if (wait !== undefined) c.header("Retry-After", String(wait));
  // A not-found message would repeat the id from the address: text anyone could put in a link.
  const text = inViewerLocale(problemText);
  const message = status === 404 ? text.notYours : err instanceof PageRefusal ? err.message : text.apiSaid(err.message);
  return c.html(<MessagePage title={status === 404 ? text.notFound : text.didNotWork} message={message} viewer={viewerOf(c)} />);
}
