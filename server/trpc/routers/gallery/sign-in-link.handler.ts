import { TRPCError } from "@trpc/server";
import { createSignInLink } from "../../../../shared/db/sql/web-sessions.js";
import type { z } from "zod";
import type { AuthedContext } from "../../context.js";
import type { signInLinkInput } from "./sign-in-link.schema.js";

/**
 * A one-time link that signs the caller into the web gallery as themselves, in their workspace
 * (`/gallery` in chat, `npm run cli -- login-link`), opening `next` (a gallery path) once signed
 * in, as Vary (Region) opens a picture's region editor. A signed-in page cannot ask for another:
 * a session does not extend itself.
 */
export async function signInLinkHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof signInLinkInput> }) {
  const p = ctx.principal;
  if (p.via === "web-session")
    throw new TRPCError({ code: "FORBIDDEN", message: "ask for a sign-in link from chat (/gallery) or with an API key" });
  if (p.via === "service-key")
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "a service key cannot sign anyone in; use the member's own key or /gallery in chat",
    });
  const origin = p.chat?.platform ?? "api";
  const { token, expiresAt } = await createSignInLink(ctx.deps.sql.db, {
    workspaceId: p.workspaceId,
    userId: p.userId,
    origin,
    keyId: p.keyId,
  });
  // The page to open once signed in rides on the link and through the sign-in form, checked at each step.
  const next = input?.next ? `&next=${encodeURIComponent(input.next)}` : "";
  return { url: `${ctx.baseUrl}/app/sign-in?token=${token}${next}`, expiresAt: expiresAt.toISOString() };
}
