import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApi, startTestApi } from "../helpers/api.js";
import { dataOf, trpcCall } from "../helpers/http.js";

/**
 * The gallery's language switch through `app.request()`: the cookie it sets, where it goes back
 * to, and what it refuses (another site, a wrong CSRF token, a language it does not speak, a
 * `back` outside the gallery). The switch in a browser is gallery-language-browser.test.ts.
 */
describe("the gallery's language switch", () => {
  let api: TestApi;
  let alice: Awaited<ReturnType<TestApi["member"]>>;
  let origin = "";

  beforeAll(async () => {
    api = await startTestApi();
    origin = new URL(api.url).origin;
    alice = await api.member("acme", "alice");
  }, 60_000);
  afterAll(() => api.close());

  async function session() {
    const link = new URL(dataOf<{ url: string }>(await trpcCall(api.app, alice.key, "gallery.signInLink", undefined, "mutation")).url);
    const res = await api.app.request("/app/sign-in", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin },
      body: new URLSearchParams({ token: link.searchParams.get("token") ?? "" }).toString(),
    });
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const page = await (await api.app.request("/app", { headers: { cookie } })).text();
    return { cookie, csrf: /<meta name="csrf-token" content="([^"]+)"/.exec(page)?.[1] ?? "" };
  }

  const pick = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    api.app.request("/app/language", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin, ...headers },
      body: new URLSearchParams(fields).toString(),
    });

  it("sets a Lax cookie for the gallery and goes back to the page it was on, which then speaks that language", async () => {
    const { cookie, csrf } = await session();
    const res = await pick({ _csrf: csrf, language: "fr", back: "/app/queue?x=1" }, { cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/app/queue?x=1");
    const set = res.headers.get("set-cookie") ?? "";
    expect(set).toMatch(/^gallery_language=fr;/);
    expect(set).toMatch(/Path=\/app/);
    expect(set).toMatch(/SameSite=Lax/);
    const page = await api.app.request("/app/queue", {
      headers: { cookie: `${cookie}; ${set.split(";")[0]}`, "accept-language": "de-DE" },
    });
    expect(await page.text()).toContain('<html lang="fr">');
    expect(page.headers.get("vary")).toMatch(/Accept-Language, Cookie/);
  });

  it("refuses another site, a missing or wrong CSRF token, and a language it does not speak; nothing is set", async () => {
    const { cookie, csrf } = await session();
    const refusals = [
      await pick({ _csrf: csrf, language: "fr", back: "/app" }, { cookie, origin: "https://evil.example" }),
      await pick({ language: "fr", back: "/app" }, { cookie }),
      await pick({ _csrf: "wrong", language: "fr", back: "/app" }, { cookie }),
    ];
    for (const res of refusals) {
      expect(res.status).toBe(403);
      expect(res.headers.get("set-cookie")).toBeNull();
    }
    const unknown = await pick({ _csrf: csrf, language: "es", back: "/app" }, { cookie, "accept-language": "de" });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get("set-cookie")).toBeNull();
    expect(await unknown.text()).toContain("Die Galerie spricht Englisch, Deutsch und Französisch");
  });

  it("goes back only to a gallery page, or to the sign-in page with its link unused", async () => {
    const { cookie, csrf } = await session();
    for (const back of ["https://evil.example/app", "//evil.example/app", "/app/../admin", "/elsewhere", "/app/sign-out"]) {
      const res = await pick({ _csrf: csrf, language: "de", back }, { cookie });
      expect(res.status, back).toBe(303);
      expect(res.headers.get("location"), back).toBe("/app");
    }
    // Signed out, on the sign-in page: the switch needs no session and brings the link back, still unused.
    const link = new URL(dataOf<{ url: string }>(await trpcCall(api.app, alice.key, "gallery.signInLink", undefined, "mutation")).url);
    const back = link.pathname + link.search;
    const res = await pick({ language: "de", back });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(back);
    const page = await api.app.request(back, { headers: { cookie: (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "" } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Bei der Galerie anmelden");
  });
});
