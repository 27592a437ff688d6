import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApi, startTestApi } from "../helpers/api.js";
import { dataOf, trpcCall } from "../helpers/http.js";

/**
 * A sign-in link's `next` (where the gallery opens once signed in) is a path of this gallery or
 * nothing: the API refuses any other at creation, and the sign-in page and its form refuse one
 * slipped into the link or the form afterwards, using nothing up.
 */
describe("gallery.signInLink's next", () => {
  let api: TestApi;
  let alice: Awaited<ReturnType<TestApi["member"]>>;
  beforeAll(async () => {
    api = await startTestApi();
    alice = await api.member("acme", "alice");
  }, 60_000);
  afterAll(async () => api?.close());

  const link = (input: unknown) => trpcCall(api.app, alice.key, "gallery.signInLink", input, "mutation");
  const origin = () => new URL(api.url).origin;
  const post = (form: Record<string, string>) =>
    api.app.request("/app/sign-in", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: origin() },
      body: new URLSearchParams(form).toString(),
    });
  const tokenOf = (url: string) => new URL(url).searchParams.get("token") ?? "";

  const abuses = [
    "https://evil.example/app",
    "//evil.example/app",
    "/\\evil.example",
    "/app//evil.example",
    "/app/../admin",
    "/app/%2e%2e/trpc",
    "/app/sign-in",
    "/app/sign-in?token=x",
    "/app/sign-out",
    "/app/%2f%2fevil.example",
    "/app/x#y",
    "javascript:alert(1)",
    "/metrics",
    `/app/${"x".repeat(600)}`,
  ];

  it("refuses at creation anything but a path of the gallery, with a clear message", async () => {
    for (const next of abuses) {
      const answer = await link({ next });
      expect(answer.status, next).toBe(400);
      expect(JSON.stringify(answer.body), next).toMatch(/next|too_big|at most/);
    }
    expect((await link({ next: 3 })).status).toBe(400);
    expect((await link({ next: "/app", extra: 1 })).status).toBe(400);
    // Without next, as before.
    expect(dataOf<{ url: string }>(await link(undefined)).url).toMatch(/\/app\/sign-in\?token=[^&]+$/);
  });

  it("a good next rides on the link, through the page's form, to the redirect after the session is set", async () => {
    const next = "/app/jobs/abc/pictures/2/region";
    const url = dataOf<{ url: string }>(await link({ next })).url;
    expect(new URL(url).searchParams.get("next")).toBe(next);
    const page = await (await api.app.request(new URL(url).pathname + new URL(url).search)).text();
    expect(page).toContain(`name="next" value="${next}"`);
    const res = await post({ token: tokenOf(url), next });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(next);
    expect(res.headers.get("set-cookie")).toMatch(/=/);
  });

  it("a next put into the link or the form afterwards is refused, and the link stays unused", async () => {
    const url = dataOf<{ url: string }>(await link({})).url;
    const token = tokenOf(url);
    for (const next of abuses) {
      const page = await api.app.request(`/app/sign-in?token=${token}&next=${encodeURIComponent(next)}`);
      expect(page.status, next).toBe(400);
      expect(await page.text(), next).toContain("Not a gallery page");
      const form = await post({ token, next });
      expect(form.status, next).toBe(400);
      expect(form.headers.get("set-cookie"), next).toBeNull();
    }
    // Nothing was used up: the link still signs in, to the gallery.
    const res = await post({ token });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/app");
  });
});
