import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRecordingQueue } from "../../bench/recording-queue.js";
import { explain } from "../../bots/core/explain.js";
import { createApi, explainApiError } from "../../cli/client.js";
import { createApp } from "../../server/app.js";
import { type ConnectedDeps, connectDeps } from "../../server/deps-connect.js";
import { createContext } from "../../server/trpc/context.js";
import { createCaller } from "../../server/trpc/router.js";
import { createApiKey, ensureMember, ensureWorkspace } from "../../shared/db/sql/accounts.js";
import { createLogger } from "../../shared/logger.js";
import { type PrivatePostgres, startPrivatePostgres } from "../helpers/private-postgres.js";
import { testConfig } from "../helpers/stack.js";

const TOKEN = "metrics-token-for-tests-0123456789";

/**
 * PostgreSQL down (restarting, failing over): the API answers 503 with Retry-After, not 500, the
 * metrics count it as a 503, and the bots and the CLI tell the person when to try again.
 */
describe("a dependency that is down", () => {
  let pg: PrivatePostgres;
  let deps: ConnectedDeps;
  let server: ServerType;
  let url: string;
  let key: string;
  let app: ReturnType<typeof createApp>;
  const lines: string[] = [];

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    const config = testConfig({ databaseUrl: pg.url, env: { METRICS_TOKEN: TOKEN } });
    const logger = createLogger({ ...config, logLevel: "debug" }, { write: (line: string) => void lines.push(line) });
    deps = await connectDeps(config, logger, createRecordingQueue());
    app = createApp(deps);
    const ws = await ensureWorkspace(deps.sql.db, { slug: "down" });
    const member = await ensureMember(deps.sql.db, ws.id, "alice");
    key = (await createApiKey(deps.sql.db, { workspaceId: ws.id, memberId: member.id, kind: "user", name: "alice" })).key;
    server = await new Promise((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await pg.stop();
  }, 120_000);
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await deps.close();
  });

  it("jobs.create answers 503 with Retry-After, counted as a 503, logged without a stack", async () => {
    const res = await app.request("/trpc/jobs.create", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ type: "image-generation", prompt: "while the database restarts" }),
    });
    expect(res.status).toBe(503);
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    const body = (await res.json()) as { error: { message: string; data: { code: string; retryAfterSeconds: number } } };
    expect(body.error.data.code).toBe("SERVICE_UNAVAILABLE");
    expect(body.error.data.retryAfterSeconds).toBe(retryAfter);
    expect(body.error.message).toContain(`try again in ${retryAfter} s`);
    // The REST routes answer alike.
    const rest = await app.request("/api/jobs/some-job", { headers: { authorization: `Bearer ${key}` } });
    expect(rest.status).toBe(503);
    expect(rest.headers.get("retry-after")).toBe(String(retryAfter));

    const metrics = await (await app.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    expect(metrics).toMatch(/http_requests_total\{method="POST",route="\/trpc\/jobs\.create",status="503"\} 1/);
    expect(metrics).toMatch(/dependency_unavailable_total\{dependency="postgresql"\} [1-9]/);
    const errors = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level >= 50);
    expect(errors).toEqual([]);
  });

  it("a procedure whose store fails after authentication answers 503 too", async () => {
    const caller = createCaller(
      createContext(deps, {
        requestId: "r1",
        auth: {
          ok: true,
          principal: {
            workspaceId: "00000000-0000-4000-8000-000000000000",
            workspaceSlug: "down",
            userId: "alice",
            keyId: "k",
            via: "user-key",
          },
        },
        baseUrl: url,
        clientAddress: "127.0.0.1",
      }),
    );
    await expect(caller.jobs.create({ type: "image-generation", prompt: "after auth" })).rejects.toMatchObject({
      code: "SERVICE_UNAVAILABLE",
    });
  });

  it("the CLI and the bots say to try again in N seconds", async () => {
    const api = createApi(url, key);
    const err = await api.jobs.create.mutate({ type: "image-generation", prompt: "from the CLI" }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String(explainApiError(err, url))).toMatch(/try again in \d+ s/);
    for (const [locale, words] of [
      ["en", /try again in \d+ seconds/],
      ["de", /in \d+ Sekunden/],
      ["fr", /dans \d+ secondes/],
    ] as const) {
      expect(explain(err, locale).lines.join(" ")).toMatch(words);
    }
  });
});
