import { createHash } from "node:crypto";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { createApp } from "../../server/app.js";
import { startTestApi } from "../helpers/api.js";
import { useFixture } from "../helpers/use-fixture.js";

describe("the service's front door (/) and its icon", () => {
  const api = useFixture(() => startTestApi());

  it("answers / with a page leading to the gallery and the API reference, under a strict CSP its one style passes", async () => {
    const res = await api.app.request("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/);
    for (const href of ["/app", "/api/docs", "/api/openapi.json"]) expect(html).toContain(`href="${href}"`);
    expect(html).not.toContain('href="/sandbox"');
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).not.toContain("unsafe-inline");
    expect(html).not.toContain("<script");
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";
    expect(csp).toContain(`'sha256-${createHash("sha256").update(style).digest("base64")}'`);
    // Each link leads somewhere that answers (the gallery, without a session, to its sign-in).
    expect((await api.app.request("/api/docs")).status).toBe(200);
    const gallery = await api.app.request("/app");
    expect(gallery.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await gallery.text()).toMatch(/sign in|not signed in/i);
  });

  it("links the chat sandbox when it is mounted on the app, as npm start mounts it without chat tokens", async () => {
    // Mounted before the first request, as startServer mounts it (a router takes no routes once it has matched).
    const app = createApp(api.deps);
    app.route(
      "/sandbox",
      new Hono().get("/", (c) => c.text("sandbox")),
    );
    const html = await (await app.request("/")).text();
    expect(html).toContain('href="/sandbox"');
  });

  it("serves /favicon.ico as a 16×16 icon", async () => {
    const res = await api.app.request("/favicon.ico");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/x-icon");
    const ico = Buffer.from(await res.arrayBuffer());
    // ICONDIR: reserved 0, type 1 (icon), one image of 16×16 at 32 bits, its bytes where the entry says.
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 1]);
    expect([ico[6], ico[7], ico.readUInt16LE(12)]).toEqual([16, 16, 32]);
    expect(ico.readUInt32LE(18) + ico.readUInt32LE(14)).toBe(ico.length);
  });
});
