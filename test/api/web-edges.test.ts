import { describe, expect, it } from "vitest";
import { createApp } from "../../server/app.js";
import { type TestApi, startTestApi } from "../helpers/api.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { useFixture } from "../helpers/use-fixture.js";

/**
 * Three smaller findings: the gallery's origin check without PUBLIC_URL, framing, and the public
 * health check's cost under a batch.
 */
describe("web edges", () => {
  const api = useFixture<TestApi>(() => startTestApi());

  const redeem = async (token: string, url: string, origin: string) =>
    api.app.request(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin },
      body: new URLSearchParams({ token }).toString(),
    });
  const linkToken = async (key: string) =>
    new URL(dataOf<{ url: string }>(await trpcCall(api.app, key, "gallery.signInLink", undefined, "mutation")).url).searchParams.get(
      "token",
    ) ?? "";

  it("without PUBLIC_URL the Origin is compared with the address the server listens on, not with the Host header the sender wrote", async () => {
    const alice = await api.member("acme", "alice");
    // A page on evil.example whose name points at this server (DNS rebinding) sends Host and Origin alike.
    const token = await linkToken(alice.key);
    expect((await redeem(token, "http://evil.example/app/sign-in", "http://evil.example")).status).toBe(403);
    // The server's own address, by any loopback name, is its origin.
    const { port } = new URL(api.url);
    expect((await redeem(token, `http://localhost:${port}/app/sign-in`, `http://localhost:${port}`)).status).toBe(303);
    expect((await redeem(await linkToken(alice.key), "/app/sign-in", `http://127.0.0.1:${port}`)).status).toBe(303);
  });

  it("gallery pages may not be framed: X-Frame-Options DENY beside the CSP's frame-ancestors", async () => {
    const page = await api.app.request("/app/sign-in?token=x");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("a batch of ten health checks probes the stores once; a check a second later probes again", async () => {
    let probes = 0;
    const pool = new Proxy(api.deps.sql.pool, {
      get(target, prop, receiver) {
        if (prop === "query")
          return (...args: Parameters<typeof target.query>) => {
            probes++;
            return (target.query as (...a: unknown[]) => unknown).apply(target, args);
          };
        return Reflect.get(target, prop, receiver);
      },
    });
    const app = createApp({ ...api.deps, sql: { ...api.deps.sql, pool } });
    const paths = Array.from({ length: 10 }, () => "health.check").join(",");
    const input = encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i, {}]))));
    const res = await app.request(`/trpc/${paths}?batch=1&input=${input}`);
    expect(res.status).toBe(200);
    const answers = (await res.json()) as Array<{ result: { data: { status: string } } }>;
    expect(answers.map((a) => a.result.data.status)).toEqual(Array(10).fill("ok"));
    expect(probes).toBe(1);
    await expect
      .poll(
        async () => {
          await app.request("/trpc/health.check");
          return probes;
        },
        { timeout: 5_000, interval: 250 },
      )
      .toBe(2);
  });
});
