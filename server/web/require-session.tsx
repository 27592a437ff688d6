/** @jsxImportSource hono/jsx */
import { createMiddleware } from "hono/factory";
import type { WebEnv } from "./env.js";
import { SignedOutPage } from "./pages/sign-in.js";

/** Lets only a signed-in member through: a page answers with the signed-out page, the page script's tRPC with a 401 it reads. */
export const requireSession = createMiddleware<WebEnv>(async (c, next) => {
  if (c.get("session")) return next();
  if (c.req.path.startsWith("/app/trpc")) return c.json({ error: { code: "UNAUTHORIZED", message: "sign in to the gallery first" } }, 401);
  return c.html(<SignedOutPage />, 401);
});
