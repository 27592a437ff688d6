import { createTRPCClient, httpBatchLink, httpLink } from "@trpc/client";
import { Agent, fetch as undiciFetch } from "undici";
import { describe, expect, it } from "vitest";
import { explain } from "../../bots/core/explain.js";
import type { AppRouter } from "../../server/trpc/router.js";
import { sweepRateLimits } from "../../shared/db/sql/rate-limit.js";
import { quotas } from "../../shared/db/sql/schema.js";
import { type TestApi, startTestApi } from "../helpers/api.js";
import { useFixture } from "../helpers/use-fixture.js";
import { trpcCall } from "../helpers/http.js";

/** Counts are per calendar minute: start a burst well inside one so it is not split across two. */
async function awayFromMinuteEdge() {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 5_000) await new Promise((r) => setTimeout(r, left + 100));
}

/** A real HTTP client whose sockets leave from `localAddress` (any 127.x.y.z is this machine): a peer of its own. */
function peer(localAddress: string) {
  const dispatcher = new Agent({ localAddress });
  return (url: string, headers: Record<string, string>) => undiciFetch(url, { headers, dispatcher });
}

const listUrl = (api: TestApi) => `${api.url}/trpc/jobs.list?input=%7B%7D`;

describe("request limits", () => {
  const api = useFixture<TestApi>(() => startTestApi({ RATE_LIMIT_PER_MINUTE: "5", AUTH_FAILURES_PER_MINUTE: "3" }));

  it("a member over the per-minute limit gets a tRPC-shaped 429 with Retry-After, on tRPC and REST alike; another member is unaffected", async () => {
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
    const body = (await over.json()) as { error: { message: string; data: { code: string; httpStatus: number } } };
    expect(body.error.message).toMatch(/at most 5 requests a minute; try again in \d+ s/);
    expect(body.error.data).toMatchObject({ code: "TOO_MANY_REQUESTS", httpStatus: 429 });
    const rest = await api.app.request("/api/jobs/x", { headers: { authorization: `Bearer ${ann.key}` } });
    expect(rest.status).toBe(429);
    expect(Number(rest.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);

    const ben = await api.member("acme", "ben");
    expect((await trpcCall(api.app, ben.key, "jobs.list", {}, "query")).status).toBe(200);
  });

  it("a chat user over the limit is told the limit and the wait, not that the service is down", async () => {
    const cal = await api.member("acme", "cal");
    await awayFromMinuteEdge();
    const client = createTRPCClient<AppRouter>({
      links: [
        httpLink({
          url: "http://in-process/trpc",
          headers: { authorization: `Bearer ${cal.key}` },
          fetch: async (input, init) => api.app.request(String(input), init as RequestInit),
        }),
      ],
    });
    for (let i = 0; i < 5; i++) await client.jobs.list.query({});
    const refused = await client.jobs.list.query({}).catch((err: unknown) => err);
    const reply = explain(refused);
    expect(reply.title).toBe("Limit reached");
    expect(reply.lines.join(" ")).toMatch(/at most 5 requests a minute; try again in \d+ s/);
  });

  it("every call in a batch counts, and a batch over the cap is a clear 400 that runs nothing", async () => {
    const dot = await api.member("acme", "dot");
    await awayFromMinuteEdge();
    const calls = (n: number) => Array.from({ length: n }, () => "jobs.list").join(",");
    const inputs = (n: number) => encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [i, {}]))));
    const tooBig = await api.app.request(`/trpc/${calls(11)}?batch=1&input=${inputs(11)}`, {
      headers: { authorization: `Bearer ${dot.key}` },
    });
    expect(tooBig.status).toBe(400);
    expect(JSON.stringify(await tooBig.json())).toMatch(/a batch may hold at most 10 calls/);
    // Nothing of the refused batch counted: a batch of five still fits the limit of five.
    const client = createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: "http://in-process/trpc",
          headers: { authorization: `Bearer ${dot.key}` },
          fetch: async (input, init) => api.app.request(String(input), init as RequestInit),
        }),
      ],
    });
    const five = await Promise.allSettled(Array.from({ length: 5 }, () => client.jobs.list.query({})));
    expect(five.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
    expect((await trpcCall(api.app, dot.key, "jobs.list", {}, "query")).status).toBe(429);
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

  it("one member's refused requests do not spend the workspace's budget: a teammate still gets the rest", async () => {
    const [gus, hal] = await Promise.all([api.member("globex", "gus"), api.member("globex", "hal")]);
    await api.deps.sql.db.insert(quotas).values({ workspaceId: gus.workspaceId, requestsPerMinute: 8 });
    await awayFromMinuteEdge();
    const gusStatuses: number[] = [];
    for (let i = 0; i < 20; i++) gusStatuses.push((await trpcCall(api.app, gus.key, "jobs.list", {}, "query")).status);
    expect(gusStatuses.filter((s) => s === 200)).toHaveLength(5);
    expect(gusStatuses.filter((s) => s === 429)).toHaveLength(15);
    // 8 - 5 = 3 left for hal, and no more.
    const halStatuses: number[] = [];
    for (let i = 0; i < 4; i++) halStatuses.push((await trpcCall(api.app, hal.key, "jobs.list", {}, "query")).status);
    expect(halStatuses).toEqual([200, 200, 200, 429]);
  });

  it("the hourly sweep keeps the current windows", async () => {
    expect(await sweepRateLimits(api.deps.sql.db)).toBe(0);
    const rows = await api.deps.sql.pool.query("select count(*)::int as n from rate_limit_windows");
    expect(rows.rows[0].n).toBeGreaterThan(0);
  });
});

describe("the client address of the unknown-key limit", () => {
  // TRUST_PROXY unset: the socket's peer, whatever the headers say.
  const api = useFixture<TestApi>(() => startTestApi({ AUTH_FAILURES_PER_MINUTE: "3" }));

  it("is the socket's peer: a header any client can send neither escapes the limit nor moves it onto someone else", async () => {
    const victim = await api.member("acme", "vic");
    await awayFromMinuteEdge();
    const attacker = peer("127.0.0.2");
    // Unknown keys, each claiming another address: all counted against the one real peer.
    const answers: number[] = [];
    for (let i = 0; i < 8; i++)
      answers.push(
        (
          await attacker(listUrl(api), {
            authorization: `Bearer cg_guess${i}`,
            "fly-client-ip": `198.51.100.${i}`,
            "x-forwarded-for": `203.0.113.${i}`,
          })
        ).status,
      );
    expect(answers.slice(0, 3)).toEqual([401, 401, 401]);
    expect(answers.slice(3).every((s) => s === 429)).toBe(true);
    // The victim, from their own peer, is not locked out by the attacker naming their address.
    for (let i = 0; i < 4; i++) await attacker(listUrl(api), { authorization: `Bearer cg_more${i}`, "fly-client-ip": "127.0.0.3" });
    expect((await peer("127.0.0.3")(listUrl(api), { authorization: `Bearer ${victim.key}` })).status).toBe(200);
    // Nor is the in-process caller (the Slack app): it has no socket, and a bucket of its own.
    expect((await trpcCall(api.app, victim.key, "jobs.list", {}, "query")).status).toBe(200);
    // The blocked peer itself is refused even with a right key.
    expect((await attacker(listUrl(api), { authorization: `Bearer ${victim.key}` })).status).toBe(429);
  });
});

describe("the client address behind a trusted proxy", () => {
  const fly = useFixture<TestApi>(() => startTestApi({ AUTH_FAILURES_PER_MINUTE: "3", TRUST_PROXY: "fly" }));
  const xff = useFixture<TestApi>(() => startTestApi({ AUTH_FAILURES_PER_MINUTE: "3", TRUST_PROXY: "x-forwarded-for:1" }));

  it("TRUST_PROXY=fly takes Fly-Client-IP, which Fly's edge sets: two clients behind the edge are two buckets", async () => {
    const cat = await fly.member("acme", "cat");
    await awayFromMinuteEdge();
    const edge = peer("127.0.0.4");
    for (let i = 0; i < 3; i++)
      expect((await edge(listUrl(fly), { authorization: `Bearer cg_guess${i}`, "fly-client-ip": "203.0.113.7" })).status).toBe(401);
    expect((await edge(listUrl(fly), { authorization: `Bearer cg_guess-more`, "fly-client-ip": "203.0.113.7" })).status).toBe(429);
    expect((await edge(listUrl(fly), { authorization: `Bearer ${cat.key}`, "fly-client-ip": "203.0.113.7" })).status).toBe(429);
    expect((await edge(listUrl(fly), { authorization: `Bearer ${cat.key}`, "fly-client-ip": "198.51.100.4" })).status).toBe(200);
  });

  it("TRUST_PROXY=x-forwarded-for:1 takes the address our one proxy appended, not what the client wrote before it", async () => {
    const dan = await xff.member("acme", "dan");
    await awayFromMinuteEdge();
    const proxy = peer("127.0.0.5");
    // The client forges a first entry each time; the proxy's own (last) entry is the same.
    for (let i = 0; i < 3; i++)
      await proxy(listUrl(xff), { authorization: `Bearer cg_guess${i}`, "x-forwarded-for": `10.9.9.${i}, 203.0.113.9` });
    expect((await proxy(listUrl(xff), { authorization: `Bearer ${dan.key}`, "x-forwarded-for": "10.0.0.1, 203.0.113.9" })).status).toBe(
      429,
    );
    expect((await proxy(listUrl(xff), { authorization: `Bearer ${dan.key}`, "x-forwarded-for": "203.0.113.9, 198.51.100.5" })).status).toBe(
      200,
    );
  });
});
