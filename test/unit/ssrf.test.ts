import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BlockedUrlError, assertPublicUrl, guardedFetch, isPublicAddress } from "../../shared/net/ssrf.js";

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

  // IPv6 forms that carry an IPv4 address are judged by that address.
  it.each([
    ["IPv4-compatible ::/96", "http://[::7f00:1]:8080/"],
    ["IPv4-compatible, the metadata address", "http://[::a9fe:a9fe]/"],
    ["IPv4-mapped", "http://[::ffff:a00:1]/"],
    ["IPv4-translated ::ffff:0:0:0/96", "http://[::ffff:0:7f00:1]/"],
    ["NAT64 64:ff9b::/96", "http://[64:ff9b::a9fe:a9fe]/"],
    ["6to4 2002::/16", "http://[2002:7f00:1::1]/"],
    ["6to4 of a private network", "http://[2002:c0a8:101::1]/"],
    ["Teredo, its server", "http://[2001:0:7f00:1::1]/"],
    ["Teredo, its client (stored inverted)", "http://[2001:0:5db8:d70e::80ff:fffe]/"],
  ])("refuses %s: %s", async (_form, url) => {
    await expect(assertPublicUrl(url)).rejects.toThrow(/non-public address/);
  });

  it.each([
    ["unique local fc00::/7", "http://[fc00::1]/"],
    ["site-local", "http://[fec0::1]/"],
    ["multicast", "http://[ff02::1]/"],
    ["unspecified", "http://[::]/"],
    ["discard-only", "http://[100::1]/"],
    ["documentation", "http://[2001:db8::1]/"],
    ["local-use NAT64", "http://[64:ff9b:1::a00:1]/"],
    ["outside global unicast 2000::/3", "http://[4000::1]/"],
  ])("refuses the IPv6 address that is not global unicast: %s", async (_range, url) => {
    await expect(assertPublicUrl(url)).rejects.toThrow(/non-public address/);
  });

  it.each([
    ["global unicast", "https://[2606:4700:4700::1111]/"],
    ["IPv4-mapped public", "https://[::ffff:5db8:d70e]/"],
    ["6to4 of a public address", "https://[2002:5db8:d70e::1]/"],
  ])("accepts a public IPv6 address: %s", async (_form, url) => {
    expect((await assertPublicUrl(url)).href).toBe(url);
  });

  it("isPublicAddress says the same of the addresses a resolver answers", () => {
    expect(["93.184.215.14", "2606:4700:4700::1111"].map(isPublicAddress)).toEqual([true, true]);
    expect(
      ["127.0.0.1", "::7f00:1", "::ffff:7f00:1", "64:ff9b::a00:1", "fd00::1", "fe80::1%eth0", "not-an-ip"].map(isPublicAddress),
    ).toEqual(Array(7).fill(false));
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
