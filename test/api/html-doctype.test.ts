import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type TestApi, startTestApi } from "../helpers/api.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { completedImageJob } from "../helpers/stored-jobs.js";
import { useFixture } from "../helpers/use-fixture.js";

const DOCTYPE = /^<!doctype html>\s*<html lang="[a-z]{2}">/;

/**
 * The answers the gallery's script puts into a page it already has (the grid's next page, a job's
 * tiles, the queue's rows): markup for DOMParser, not pages, so no doctype of their own.
 */
const FRAGMENTS = new Set(["/app/grid", "/app/favourites/grid", "/app/boards/:boardId/grid", "/app/queue/rows", "/app/tiles/:jobId"]);

/** The values a route's parameters take here; a parameter with a pattern (`:editor{region|zoom}`) takes each value that fits it. */
function pathsOf(route: string, values: Record<string, string[]>): string[] {
  const param = /:(\w+)(\{((?:[^{}]|\{[^{}]*\})*)\})?/;
  const found = param.exec(route);
  if (!found) return [route];
  const [whole, name = "", , pattern] = found;
  const fits = (values[name] ?? []).filter((v) => (pattern ? new RegExp(`^(?:${pattern})$`).test(v) : true));
  if (fits.length === 0) throw new Error(`no value for :${name} in ${route}`);
  return fits.flatMap((v) => pathsOf(route.replace(whole, v), values));
}

/**
 * Every HTML page the app serves starts with `<!doctype html>`, so browsers lay it out in
 * standards mode rather than quirks mode: each page route of the gallery (walked from the app's own
 * route table, so a page added later is checked too), its refusals and error pages, the signed-out
 * and sign-in pages, the front door and the API reference.
 */
describe("every HTML page answers with <!doctype html>", () => {
  const api = useFixture<TestApi>(() => startTestApi());

  async function signedIn() {
    const member = await api.member("acme", "alice");
    const link = new URL(dataOf<{ url: string }>(await trpcCall(api.app, member.key, "gallery.signInLink", undefined, "mutation")).url);
    const token = link.searchParams.get("token") ?? "";
    const signInPage = await api.app.request(`/app/sign-in?token=${encodeURIComponent(token)}`);
    const redeemed = await api.app.request("/app/sign-in", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token }).toString(),
    });
    expect(redeemed.status).toBe(303);
    const cookie = (redeemed.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const page = await (await api.app.request("/app", { headers: { cookie } })).text();
    const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(page)?.[1] ?? "";
    return { member, cookie, csrf, signInPage };
  }

  it("each GET route of the gallery that answers HTML: a page with the doctype, a fragment for the script without", async () => {
    const { member, cookie, csrf } = await signedIn();
    const { job } = await completedImageJob(api, member);
    const board = dataOf<{ boardId: string }>(await trpcCall(api.app, member.key, "boards.create", { name: "Moods" }, "mutation"));
    const values: Record<string, string[]> = {
      jobId: [job.jobId],
      boardId: [board.boardId],
      image: ["1"],
      n: ["1"],
      editor: ["region", "zoom"],
      file: ["app.css", "icon-192.png", "poster"],
      token: [randomUUID()],
    };
    const routes = [...new Set(api.app.routes.filter((r) => r.method === "GET" && !r.path.includes("*")).map((r) => r.path))];
    const pages: string[] = [];
    const fragments: string[] = [];
    for (const route of routes) {
      for (const path of pathsOf(route, values)) {
        const res = await api.app.request(path, { headers: { cookie, "x-csrf-token": csrf } });
        if (!(res.headers.get("content-type") ?? "").startsWith("text/html")) continue;
        const html = await res.text();
        if (FRAGMENTS.has(route)) {
          expect(html, `${path} is a fragment`).not.toMatch(/<!doctype/i);
          fragments.push(route);
        } else {
          expect(html.slice(0, 80), `${path} (${res.status})`).toMatch(DOCTYPE);
          pages.push(path);
        }
      }
    }
    // The walk reached the pages people open, and the fragments are still answered as such.
    for (const path of [
      "/",
      "/api/docs",
      "/app",
      "/app/favourites",
      "/app/boards",
      `/app/boards/${board.boardId}`,
      `/app/jobs/${job.jobId}`,
      `/app/jobs/${job.jobId}/pictures/1/region`,
      `/app/jobs/${job.jobId}/pictures/1/zoom`,
      "/app/loras",
      "/app/usage",
      "/app/meetings",
      "/app/queue",
    ])
      expect(pages).toContain(path);
    expect(new Set(fragments)).toEqual(FRAGMENTS);
  });

  it("the refusals and error pages: signed out, sign-in links used, unknown or leading outside, not found, no CSRF token, a bad form", async () => {
    const { cookie, csrf, signInPage } = await signedIn();
    const answers: Array<[string, Response, number]> = [
      ["the sign-in page of a fresh link", signInPage, 200],
      ["the gallery signed out", await api.app.request("/app"), 401],
      ["a job page signed out", await api.app.request(`/app/jobs/${randomUUID()}`), 401],
      ["an unknown sign-in link", await api.app.request(`/app/sign-in?token=${randomUUID()}`), 404],
      ["a sign-in link leading outside", await api.app.request("/app/sign-in?token=x&next=https://example.com/"), 400],
      [
        "a sign-in posted from another site",
        await api.app.request("/app/sign-in", { method: "POST", headers: { origin: "https://example.com" } }),
        403,
      ],
      ["a job that is not there", await api.app.request(`/app/jobs/${randomUUID()}`, { headers: { cookie } }), 404],
      [
        "a change without the CSRF token",
        await api.app.request("/app/boards", {
          method: "POST",
          headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
          body: "name=x",
        }),
        403,
      ],
      [
        "an unknown language",
        await api.app.request("/app/language", {
          method: "POST",
          headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ _csrf: csrf, language: "xx", back: "/app" }).toString(),
        }),
        400,
      ],
      [
        "a form that does not parse",
        await api.app.request("/app/boards", {
          method: "POST",
          headers: { cookie, "x-csrf-token": csrf, "content-type": "multipart/form-data; boundary=x" },
          body: "--x\r\nContent-Disposition: form-data; name=",
        }),
        400,
      ],
    ];
    for (const [what, res, status] of answers) {
      expect(res.status, what).toBe(status);
      expect(res.headers.get("content-type"), what).toMatch(/^text\/html/);
      expect((await res.text()).slice(0, 80), what).toMatch(DOCTYPE);
    }
  });
});
