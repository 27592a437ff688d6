import { describe, expect, it } from "vitest";
import { type TestApi, startTestApi } from "../helpers/api.js";
import { useFixture } from "../helpers/use-fixture.js";
import { dataOf, trpcCall } from "../helpers/http.js";

const TOKEN = "metrics-token-for-tests-0123456789";

/** A sample's value in Prometheus text format, by metric name and exact label set. */
function sample(text: string, metric: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${metric}{`)) continue;
    const inside = line.slice(metric.length + 1, line.indexOf("}"));
    const parts = inside.split(",");
    if (wanted.every((w) => parts.includes(w)) && parts.length === wanted.length) return Number(line.slice(line.indexOf("}") + 1));
  }
  return undefined;
}

describe("GET /metrics", () => {
  const api = useFixture<TestApi>(() => startTestApi({ METRICS_TOKEN: TOKEN }, { enqueueOnly: true }));
  const scrape = async () => {
    const res = await api.app.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    return res.text();
  };

  it("refuses a missing or wrong token", async () => {
    expect((await api.app.request("/metrics")).status).toBe(401);
    expect((await api.app.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
  });

  it("counts requests by route pattern and status, with latency histograms", async () => {
    const alice = await api.member("acme", "alice");
    for (let i = 0; i < 3; i++) await api.app.request(`/api/jobs/no-such-job-${i}`, { headers: { authorization: `Bearer ${alice.key}` } });
    await trpcCall(api.app, alice.key, "jobs.list", {}, "query");
    const text = await scrape();
    expect(sample(text, "http_requests_total", { method: "GET", route: "/api/jobs/:jobId", status: "404" })).toBe(3);
    expect(sample(text, "http_requests_total", { method: "GET", route: "/trpc/jobs.list", status: "200" })).toBe(1);
    expect(sample(text, "http_request_duration_seconds_count", { method: "GET", route: "/api/jobs/:jobId" })).toBe(3);
    // Ids never become labels.
    expect(text).not.toContain("no-such-job");
  });

  it("reports jobs by type and status, and the queue's depth and oldest entry", async () => {
    const bob = await api.member("acme", "bob");
    const created = dataOf<{ jobId: string }>(
      await trpcCall(api.app, bob.key, "jobs.create", { type: "image-generation", prompt: "counted" }, "mutation"),
    );
    expect(created.jobId).toMatch(/^[0-9a-f-]{36}$/);
    const text = await scrape();
    expect(sample(text, "jobs", { type: "image-generation", status: "queued" })).toBeGreaterThanOrEqual(1);
    expect(text).toContain("process_resident_memory_bytes");
    // The queue gauges share one read of pg-boss's table, kept for a second across scrapes: wait for
    // a read that sees the job, then for its age to pass a second while it waits.
    const queueSample = async (metric: string, labels: Record<string, string>) => sample(await scrape(), metric, labels) ?? 0;
    await expect
      .poll(() => queueSample("queue_jobs", { queue: "image-generation", state: "created" }), { timeout: 10_000, interval: 200 })
      .toBeGreaterThanOrEqual(1);
    await expect
      .poll(() => queueSample("queue_oldest_waiting_seconds", { queue: "image-generation" }), { timeout: 10_000, interval: 200 })
      .toBeGreaterThanOrEqual(1);
  });
});

describe("GET /metrics without a token configured", () => {
  const api = useFixture<TestApi>(() => startTestApi());

  it("is off", async () => {
    expect((await api.app.request("/metrics", { headers: { authorization: "Bearer anything-at-all-really" } })).status).toBe(404);
  });
});
