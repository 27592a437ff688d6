import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BlockedUrlError, assertPublicUrl, guardedFetch } from "../shared/net/ssrf.js";

describe("the SSRF guard", () => {
  it.each([
    "http://127.0.0.1/",
    "http://127.5.5.5:8080/x",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.1.2.3/",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://0.0.0.0/",
    "http://[::1]/",
    "http://[fe80::1]/",
    "http://[fd12::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://localhost/",
    "http://2130706433/",
  ])("refuses %s", async (url) => {
    await expect(assertPublicUrl(url)).rejects.toBeInstanceOf(BlockedUrlError);
  });

  it.each(["file:///etc/passwd", "gopher://x/", "http://user:pw@example.com/"])("refuses %s before any lookup", async (url) => {
    await expect(assertPublicUrl(url)).rejects.toThrow(/only http\(s\)|credentials/);
  });

  it("accepts a public address", async () => {
    expect((await assertPublicUrl("https://93.184.215.14/a.wav")).hostname).toBe("93.184.215.14");
  });

  describe("redirects", () => {
    let origin: string;
    let close: () => void;
    beforeAll(async () => {
      const app = new Hono();
      app.get("/to-private", (c) => c.redirect("http://127.0.0.1:9/secret", 302));
      app.get("/to-metadata", (c) => c.redirect("http://169.254.169.254/latest/meta-data/", 301));
      app.get("/ok", (c) => c.text("fine"));
      const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
      await new Promise((r) => server.once("listening", r));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      close = () => server.close();
    });
    afterAll(() => close());

    it("follows no redirect to a private address, even from a trusted origin", async () => {
      await expect(guardedFetch(`${origin}/to-private`, { allowOrigins: [origin] })).rejects.toThrow(/non-public address \(127\.0\.0\.1\)/);
      await expect(guardedFetch(`${origin}/to-metadata`, { allowOrigins: [origin] })).rejects.toThrow(/169\.254\.169\.254/);
      expect(await (await guardedFetch(`${origin}/ok`, { allowOrigins: [origin] })).text()).toBe("fine");
      await expect(guardedFetch(`${origin}/ok`)).rejects.toBeInstanceOf(BlockedUrlError);
    });
  });
});
