import type { SandboxDeps } from "./deps.js";

/**
 * A picture of a message, for the page: a file a bot uploaded to the local Discord or Slack, or
 * the app's own short link (`/d/…`), followed as a member's browser would (a redirect to a
 * presigned URL of the bucket). Nothing else is fetched.
 */

/** Beyond any picture the bots post (fal's are a few MB). */
const MAX_PICTURE_BYTES = 50 * 1024 * 1024;

const types: Record<string, string> = { png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", webp: "image/webp", gif: "image/gif" };
const typeOf = (name: string) => types[/\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? ""] ?? "application/octet-stream";

const bytes = (b: Buffer | undefined, name: string) =>
  b ? new Response(new Uint8Array(b), { headers: { "content-type": typeOf(name) } }) : new Response("no such picture", { status: 404 });

export async function picture(deps: SandboxDeps, url: string | undefined, slackFile: string | undefined): Promise<Response> {
  if (slackFile) {
    const file = deps.slack.uploaded(slackFile);
    return bytes(file?.bytes, file?.name ?? "");
  }
  let u: URL;
  try {
    u = new URL(url ?? "");
  } catch {
    return new Response("not a picture's URL", { status: 400 });
  }
  if (u.origin === deps.discord.origin) return bytes(deps.discord.attachment(u.toString()), u.pathname);
  if (!u.pathname.startsWith("/d/")) return new Response("not a picture of the bots", { status: 404 });
  const link = await deps.appFetch(`${u.pathname}${u.search}`);
  const location = link.headers.get("location");
  if (link.status !== 302 || !location) return new Response(null, { status: link.status === 200 ? 502 : link.status });
  const file = await fetch(location);
  if (Number(file.headers.get("content-length") ?? 0) > MAX_PICTURE_BYTES) {
    await file.body?.cancel();
    return new Response("picture too large to show", { status: 502 });
  }
  // Read whole before answering: a body passed on unread, when the page drops the picture (each
  // feed redraw may cancel its loading), leaves undici's parser paused until the bucket closes
  // the connection, and that end throws where nothing can catch it (nodejs/undici#5360).
  const whole = new Uint8Array(await file.arrayBuffer());
  return new Response(whole, {
    status: file.status,
    headers: { "content-type": file.headers.get("content-type") ?? typeOf(u.pathname) },
  });
}
