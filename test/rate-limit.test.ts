import { describe, expect, it } from "vitest";
import { sweepRateLimits } from "../shared/db/sql/rate-limit.js";
import { quotas } from "../shared/db/sql/schema.js";
import { type TestApi, startTestApi } from "./helpers/api.js";
import { useFixture } from "./helpers/fixture.js";
import { trpcCall } from "./helpers/http.js";

/** Counts are per calendar minute: start a burst well inside one so it is not split across two. */
async function awayFromMinuteEdge() {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 3_000) await new Promise((r) => setTimeout(r, left + 100));
}

describe("request limits", () => {
  const api = useFixture<TestApi>(() => startTestApi({ RATE_LIMIT_PER_MINUTE: "5", AUTH_FAILURES_PER_MINUTE: "3" }));

  it("a member over the per-minute limit gets 429 with Retry-After, on tRPC and REST alike; another member is unaffected", async () => {
    const ann = await api.member("acme", "ann");
    await awayFromMinuteEdge();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await trpcCall(api.app, ann.key, "jobs.list", {}, "query")).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const over = await api.app.request("/trpc/jobs.list?input=%7B%7D", { headers: { authorization: `Bearer ${ann.key}` } });
    expect(over.status).toBe(429);
    const retryAfter = Number(over.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(((await over.json()) as { error: { message: string } }).error.message).toMatch(/at most 5 requests a minute/);
    expect((await api.app.request("/api/jobs", { headers: { authorization: `Bearer ${ann.key}` } })).status).toBe(429);

    const ben = await api.member("acme", "ben");
    expect((await trpcCall(api.app, ben.key, "jobs.list", {}, "query")).status).toBe(200);
  });

  it("guessing keys from one address is cut off after a few failures, even for a right key, while other addresses go on", async () => {
    const cat = await api.member("acme", "cat");
    await awayFromMinuteEdge();
    const from = (ip: string, key: string) => api.app.request("/trpc/jobs.list?input=%7B%7D", { headers: { authorization: `Bearer ${key}`, "fly-client-ip": ip } });
    for (let i = 0; i < 3; i++) expect((await from("203.0.113.7", `cg_guess${i}`)).status).toBe(401);
    const blocked = await from("203.0.113.7", `cg_guess-more`);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await from("203.0.113.7", cat.key)).status).toBe(429);
    expect((await from("198.51.100.4", cat.key)).status).toBe(200);
  });

  it("a workspace's members together are held to the workspace's limit, which its quotas row sets", async () => {
    const [dee, eli] = await Promise.all([api.member("initech", "dee"), api.member("initech", "eli")]);
    const other = await api.member("hooli", "fay");
    await api.deps.sql.db.insert(quotas).values({ workspaceId: dee.workspaceId, requestsPerMinute: 6 });
    await awayFromMinuteEdge();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await trpcCall(api.app, dee.key, "jobs.list", {}, "query")).status);
    for (let i = 0; i < 2; i++) statuses.push((await trpcCall(api.app, eli.key, "jobs.list", {}, "query")).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    const over = await trpcCall(api.app, eli.key, "jobs.list", {}, "query");
    expect(over.status).toBe(429);
    expect(over.body.error?.message).toMatch(/this workspace may make at most 6 requests a minute/);
    // Each member is still under their own limit of 5; another workspace is not affected.
    expect((await trpcCall(api.app, other.key, "jobs.list", {}, "query")).status).toBe(200);
  });

  it("the hourly sweep keeps the current windows", async () => {
    expect(await sweepRateLimits(api.deps.sql.db)).toBe(0);
    const rows = await api.deps.sql.pool.query("select count(*)::int as n from rate_limit_windows");
    expect(rows.rows[0].n).toBeGreaterThan(0);
  });
});
