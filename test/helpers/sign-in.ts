import { expect } from "vitest";

/** What a gallery sign-in link's "Continue" does, without a browser: its form posted from the gallery's own origin. */
export async function redeemSignInLink(link: string, apiUrl: string): Promise<{ status: number; cookie: string }> {
  const token = new URL(link).searchParams.get("token") ?? "";
  const origin = new URL(apiUrl).origin;
  const res = await fetch(`${origin}/app/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin },
    body: new URLSearchParams({ token }).toString(),
  });
  await res.arrayBuffer();
  return { status: res.status, cookie: (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "" };
}

/**
 * The gallery's first page as the browser holding `cookie` gets it, and its header, which names
 * the signed-in member and workspace (the page's filters name teammates too).
 */
export async function galleryAs(cookie: string, apiUrl: string): Promise<{ status: number; html: string; header: string }> {
  const res = await fetch(`${new URL(apiUrl).origin}/app`, { headers: { cookie }, redirect: "manual" });
  const html = await res.text();
  return { status: res.status, html, header: /<header[\s>][\s\S]*?<\/header>/.exec(html)?.[0] ?? "" };
}

/** Signs in with a link, as its "Continue" does, and opens the gallery with the session: the page, once the redeem answered 303. */
export async function signInWith(link: string, apiUrl: string): Promise<{ status: number; html: string; header: string }> {
  const redeemed = await redeemSignInLink(link, apiUrl);
  expect(redeemed.status).toBe(303);
  return galleryAs(redeemed.cookie, apiUrl);
}
