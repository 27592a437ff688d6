import { sql } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { processRegistry } from "../shared/metrics/process.js";
import { bearerOf, sameToken } from "../shared/metrics/serve.js";
import type { AppEnv } from "./app-env.js";
import type { AppDeps } from "./deps.js";

/** A procedure name, or several batched; anything else is not used as a label. */
const TRPC_PATH = /^\/trpc\/([\w.,]{1,200})$/;

/** The route pattern, not the path, so ids do not multiply the series; tRPC by procedure. */
function routeOf(c: Context<AppEnv>): string {
  const trpc = TRPC_PATH.exec(c.req.path);
  if (trpc) return `/trpc/${trpc[1]}`;
  return c.res.status === 404 && c.req.routePath === "/*" ? "unmatched" : c.req.routePath;
}

/**
 * Prometheus metrics of the web process: its HTTP traffic, plus the whole system's jobs and
 * queues read from the shared stores at scrape time, so any web machine reports them alike.
 */
export function createMetrics(deps: AppDeps) {
  const registry = new Registry();
  const requests = new Counter({
    name: "http_requests_total",
    help: "HTTP requests by route and status",
    labelNames: ["method", "route", "status"],
    registers: [registry],
  });
  const duration = new Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP request latency by route",
    labelNames: ["method", "route"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: "jobs",
    help: "Jobs by type and status",
    labelNames: ["type", "status"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const g of await deps.jobs.countByTypeAndStatus()) this.set({ type: g.type, status: g.status }, g.count);
    },
  });
  const readQueueRows = async () => {
    try {
      const result = await deps.sql.db.execute<{ name: string; state: string; n: string; oldest_s: string | null }>(sql`
        SELECT name, state, count(*) AS n, extract(epoch FROM (now() - min(created_on))) AS oldest_s
        FROM pgboss.job WHERE state IN ('created', 'retry', 'active') GROUP BY name, state`);
      return result.rows;
    } catch (err) {
      // Before any worker or queue has started there is no pgboss schema yet: nothing is queued.
      deps.logger.debug({ err }, "queue metrics unavailable");
      return [];
    }
  };
  // Both queue gauges are collected in one scrape, at the same time: they share one read.
  let queueRead: { at: number; rows: ReturnType<typeof readQueueRows> } | undefined;
  const queueRows = () => {
    if (!queueRead || Date.now() - queueRead.at > 1_000) queueRead = { at: Date.now(), rows: readQueueRows() };
    return queueRead.rows;
  };
  new Gauge({
    name: "queue_jobs",
    help: "Queue entries waiting (created, retry) or running (active)",
    labelNames: ["queue", "state"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await queueRows()) this.set({ queue: r.name, state: r.state }, Number(r.n));
    },
  });
  new Gauge({
    name: "queue_oldest_waiting_seconds",
    help: "Age of the oldest queue entry not yet running",
    labelNames: ["queue"],
    registers: [registry],
    async collect() {
      this.reset();
      const oldest = new Map<string, number>();
      for (const r of await queueRows()) {
        if (r.state === "active") continue;
        oldest.set(r.name, Math.max(oldest.get(r.name) ?? 0, Number(r.oldest_s ?? 0)));
      }
      for (const [queue, seconds] of oldest) this.set({ queue }, seconds);
    },
  });

  // The series of each route, looked up once: prom-client hashes a label object on every call otherwise.
  const series = new Map<string, { duration: ReturnType<typeof duration.labels>; requests: ReturnType<typeof requests.labels> }>();
  const seriesOf = (method: string, route: string, status: number) => {
    const key = `${method} ${status} ${route}`;
    let s = series.get(key);
    if (!s) {
      s = { duration: duration.labels({ method, route }), requests: requests.labels({ method, route, status: String(status) }) };
      series.set(key, s);
    }
    return s;
  };
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const started = performance.now();
    await next();
    const s = seriesOf(c.req.method, routeOf(c), c.res.status);
    s.duration.observe((performance.now() - started) / 1000);
    s.requests.inc();
  };

  const handler = async (c: Context<AppEnv>) => {
    const token = deps.config.metricsToken;
    if (!token) return c.json({ error: { code: "NOT_FOUND", message: "metrics are off: set METRICS_TOKEN" } }, 404);
    if (!sameToken(bearerOf(c.req.header("authorization")), token))
      return c.json({ error: { code: "UNAUTHORIZED", message: "a valid metrics token is required" } }, 401);
    // This app's HTTP and system-wide gauges, then what this process did: provider calls,
    // S3 bytes, Slack acks (the Slack app runs in the web process) and runtime metrics.
    const text = `${await registry.metrics()}\n${await processRegistry.metrics()}`;
    return c.body(text, 200, { "content-type": registry.contentType });
  };

  return { registry, middleware, handler };
}
