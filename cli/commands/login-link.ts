import type { CliContext } from "./context.js";

/** `login-link`: a one-time link into the web gallery as the API key's member (ten minutes, one use). */
export async function loginLink(ctx: CliContext): Promise<void> {
  const link = await ctx.api.gallery.signInLink.mutate();
  if (ctx.json) return ctx.result(link);
  ctx.out(`Open this within ten minutes; it works once:\n${link.url}`);
}
