import { MongoClient } from "mongodb";
import { describe, expect, it } from "vitest";
import { freePort } from "../../infra/child-process.js";
import { createApp } from "../../server/app.js";
import type { HealthReport } from "../../server/health.js";
import { createCaller } from "../../server/trpc/router.js";
import { createStorage } from "../../shared/storage/index.js";
import { useTestDeps } from "../helpers/deps.js";
import { IN_PROCESS } from "../../server/auth/client-address.js";

describe("the Hono app", () => {
  const t = useTestDeps();

  it("reports every dependency ok on /healthz", async () => {
    const res = await createApp(t.deps).request("/healthz");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      status: "ok",
      dependencies: { postgres: { status: "ok" }, mongo: { status: "ok" }, s3: { status: "ok" } },
    });
  });

  it("answers 503 naming the dependency that is down", async () => {
    const deadPort = await freePort();
    const client = new MongoClient(`mongodb://127.0.0.1:${deadPort}/`, { serverSelectionTimeoutMS: 300 });
    const downMongo = { client, db: client.db("x"), close: () => client.close() };
    const downS3 = createStorage({ ...t.deps.config.s3, endpoint: `http://127.0.0.1:${deadPort}` });
    const res = await createApp({ ...t.deps, mongo: downMongo, storage: downS3 }).request("/healthz");
    expect(res.status).toBe(503);
    const body = (await res.json()) as HealthReport;
    expect(body.status).toBe("degraded");
    expect(body.dependencies.postgres.status).toBe("ok");
    expect(body.dependencies.mongo.status).toBe("down");
    expect(body.dependencies.s3.status).toBe("down");
    expect(body.dependencies.mongo.error).toBeTruthy();
    await client.close();
    downS3.client.destroy();
  });

  it("serves tRPC at /trpc and through createCaller", async () => {
    const res = await createApp(t.deps).request("/trpc/health.check");
    expect(res.status).toBe(200);
    expect(((await res.json()) as { result: { data: HealthReport } }).result.data.status).toBe("ok");
    const caller = createCaller({
      deps: t.deps,
      requestId: "test",
      auth: { ok: false, reason: "none" },
      baseUrl: "http://test",
      clientAddress: IN_PROCESS,
    });
    expect((await caller.health.check()).dependencies.s3.status).toBe("ok");
  });

  it("gives every response a request id, and echoes a caller's well-formed one", async () => {
    const app = createApp(t.deps);
    const own = await app.request("/healthz");
    expect(own.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await app.request("/healthz", { headers: { "x-request-id": "abc-123" } });
    expect(echoed.headers.get("x-request-id")).toBe("abc-123");
  });

  it("answers unknown routes with a JSON 404", async () => {
    const res = await createApp(t.deps).request("/nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "NOT_FOUND", message: "no route for GET /nope" } });
  });

  it("refuses bodies over the limit with 413", async () => {
    const res = await createApp(t.deps).request("/trpc/health.check", {
      method: "POST",
      body: "x".repeat(2 * 1024 * 1024),
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("PAYLOAD_TOO_LARGE");
  });
});
