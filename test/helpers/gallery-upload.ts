import { expect } from "vitest";
import type { createApp } from "../../server/app.js";
import { dataOf, trpcCall } from "./http.js";

type App = ReturnType<typeof createApp>;

/**
 * What the gallery's upload form does, without a browser: sign in with a link made for the
 * member's key, send the file to /app/uploads with the page's CSRF token, then ask jobs.create at
 * /app/trpc with the upload's key. Answers the job's id, the upload's key and the session's cookie.
 */
export async function createFromGalleryUpload(
  app: App,
  key: string,
  file: { data: Buffer; name: string; contentType: string },
  input: Record<string, unknown>,
): Promise<{ jobId: string; uploadKey: string; cookie: string }> {
  const link = new URL(dataOf<{ url: string }>(await trpcCall(app, key, "gallery.signInLink", undefined, "mutation")).url);
  const redeemed = await app.request("/app/sign-in", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token: link.searchParams.get("token") ?? "" }).toString(),
  });
  const cookie = (redeemed.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const page = await (await app.request("/app", { headers: { cookie } })).text();
  const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(page)?.[1] ?? "";
  const uploaded = await app.request("/app/uploads", {
    method: "POST",
    headers: {
      cookie,
      "x-csrf-token": csrf,
      "content-type": file.contentType,
      "x-file-name": file.name,
      "content-length": String(file.data.length),
    },
    body: file.data,
  });
  expect(uploaded.status).toBe(200);
  const { uploadKey } = (await uploaded.json()) as { uploadKey: string };
  const created = await app.request("/app/trpc/jobs.create", {
    method: "POST",
    headers: { cookie, "x-csrf-token": csrf, "content-type": "application/json" },
    body: JSON.stringify({ ...input, uploadKey }),
  });
  expect(created.status).toBe(200);
  const { jobId } = ((await created.json()) as { result: { data: { jobId: string } } }).result.data;
  return { jobId, uploadKey, cookie };
}
