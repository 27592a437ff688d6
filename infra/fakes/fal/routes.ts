import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { Hono } from "hono";
import { falInputSchemas, isFalEndpoint, parseExact, pydanticErrors } from "./endpoints.js";
import { complete, picture, runningLogs } from "./models.js";
import { type FakeRequest, jsonWithExactSeed, publicResult, queueStatus } from "./requests.js";
import { safetensorsStream } from "./safetensors.js";
import type { FalState } from "./state.js";
import { videoStream } from "./video.js";
import { jwks, scheduleDelivery } from "./webhooks.js";

const auth = (header: string | undefined) => header?.startsWith("Key ") && header.length > 4;

/**
 * fal's HTTP surface: the queue API (submit, status with logs, result, cancel) under each
 * endpoint's owner and alias, the files results point to, and the JWKS webhooks are signed with.
 */
export function falRoutes(state: FalState): Hono {
  const app = new Hono();
  const { requests } = state;

  app.get("/.well-known/jwks.json", (c) => c.json(jwks(state)));

  app.get("/files/:id/:name", (c) => {
    const r = requests.get(c.req.param("id"));
    const n = Number(/^(\d+)\.png$/.exec(c.req.param("name"))?.[1]);
    if (!r?.result || !Number.isInteger(n) || n < 1 || n > Number(r.input.num_images ?? 1)) return c.json({ detail: "not found" }, 404);
    const bytes = picture(state, r, n);
    return c.body(new Uint8Array(bytes), 200, { "content-type": "image/png", "content-length": String(bytes.length) });
  });

  app.get("/videos/:id/output.mp4", (c) => {
    const r = requests.get(c.req.param("id"));
    const clip = r?.result ? (state.videos.get(r.id) ?? state.store.loadFile(`${r.id}.mp4`)) : undefined;
    if (!r || !clip) return c.json({ detail: "not found" }, 404);
    const padding = (r.result as { video?: { file_size?: number } }).video?.file_size ?? clip.length;
    const extra = Math.max(0, padding - clip.length);
    return new Response(videoStream(clip, extra), {
      headers: { "content-type": "video/mp4", "content-length": String(clip.length + extra) },
    });
  });

  app.get("/lora/:id/pytorch_lora_weights.safetensors", (c) => {
    const { fake } = state;
    const r = requests.get(c.req.param("id"));
    if (!r?.result) return c.json({ detail: "not found" }, 404);
    fake.modelDownloads++;
    return new Response(
      safetensorsStream(fake.loraSizeBytes, { trigger_word: String(r.input.trigger_word ?? "") }, fake.modelBytesPerSecond),
      {
        headers: { "content-type": "application/octet-stream", "content-length": String(fake.loraSizeBytes) },
      },
    );
  });
  app.get("/lora/:id/config.json", (c) => {
    const config = (requests.get(c.req.param("id"))?.result as { _config?: unknown } | undefined)?._config;
    return config ? c.json(config as object) : c.json({ detail: "not found" }, 404);
  });

  /** The request a status, result or cancel URL names: the URL carries the owner and app, and they must be the request's. */
  const requestAt = (owner: string, alias: string, id: string) => {
    const r = requests.get(id);
    return r && r.app.split("/").slice(0, 2).join("/") === `${owner}/${alias}` ? r : undefined;
  };

  app.get("/:owner/:alias/requests/:id/status", (c) => {
    if (!auth(c.req.header("authorization"))) return c.json({ detail: "Unauthorized" }, 401);
    const r = requestAt(c.req.param("owner"), c.req.param("alias"), c.req.param("id"));
    if (!r) return c.json({ detail: "Request not found" }, 404);
    const status = queueStatus(r, state.fake.processingMs);
    const base = `${state.origin}/${c.req.param("owner")}/${c.req.param("alias")}/requests/${r.id}`;
    // fal's logs while a model runs: its own lines, then the diffusion steps as a tqdm bar.
    const logs =
      c.req.query("logs") === "1" && status !== "IN_QUEUE"
        ? runningLogs(state, r).map((message) => ({ message, level: "INFO", source: "user", timestamp: new Date().toISOString() }))
        : [];
    return c.json(
      {
        status,
        request_id: r.id,
        response_url: base,
        status_url: `${base}/status`,
        cancel_url: `${base}/cancel`,
        logs,
        ...(status === "IN_QUEUE" ? { queue_position: 0 } : {}),
      },
      status === "COMPLETED" ? 200 : 202,
    );
  });

  app.get("/:owner/:alias/requests/:id", async (c) => {
    if (!auth(c.req.header("authorization"))) return c.json({ detail: "Unauthorized" }, 401);
    const r = requestAt(c.req.param("owner"), c.req.param("alias"), c.req.param("id"));
    if (!r) return c.json({ detail: "Request not found" }, 404);
    if (queueStatus(r, state.fake.processingMs) !== "COMPLETED") return c.json({ detail: "Request is still in progress" }, 400);
    await complete(state, r);
    if (r.error) {
      const headers: Record<string, string> = { "content-type": "application/json", "x-fal-request-id": r.id };
      if (r.error.body.error_type) headers["x-fal-error-type"] = r.error.body.error_type;
      return new Response(JSON.stringify(r.error.body), { status: r.error.status, headers });
    }
    const result = publicResult(r.result);
    const { fake } = state;
    return new Response(jsonWithExactSeed(fake.resultTransform ? fake.resultTransform(result) : result), {
      headers: { "content-type": "application/json", "x-fal-request-id": r.id },
    });
  });

  app.put("/:owner/:alias/requests/:id/cancel", (c) => {
    if (!auth(c.req.header("authorization"))) return c.json({ detail: "Unauthorized" }, 401);
    const r = requestAt(c.req.param("owner"), c.req.param("alias"), c.req.param("id"));
    if (!r) return c.json({ status: "NOT_FOUND" }, 404);
    const status = queueStatus(r, state.fake.processingMs);
    if (status === "COMPLETED") return c.json({ status: "ALREADY_COMPLETED" }, 400);
    // docs.fal.ai, Handle request cancellations: a request still in the queue "is removed and
    // never processed"; for one a runner is processing, fal "sends a cancellation signal to your
    // app", and an app without cancellation handling "continues consuming GPU time until it
    // finishes naturally". The emulated models handle none: a running request finishes, with its
    // result, and is billed as any other.
    r.canceled = true;
    r.canceledWhile = status === "IN_QUEUE" ? "queued" : "running";
    state.store.save(r);
    return c.json({ status: "CANCELLATION_REQUESTED" }, 202);
  });

  app.post("/*", async (c) => {
    if (!auth(c.req.header("authorization"))) return c.json({ detail: "Unauthorized" }, 401);
    const path = c.req.path.replace(/^\/+/, "");
    if (!isFalEndpoint(path)) return c.json({ detail: `Application '${path}' not found` }, 404);
    if (state.submitFailures.n > 0) {
      state.submitFailures.n--;
      const status = state.submitFailures.status;
      if (status === 422) return c.json({ detail: [{ loc: ["body", "prompt"], msg: "invalid prompt", type: "value_error" }] }, 422);
      if (status === 429) return c.json({ detail: "Too many concurrent requests" }, 429, { "retry-after": "1" });
      return c.json({ detail: "Internal error" }, status as 500);
    }
    let raw: unknown;
    try {
      raw = parseExact(await c.req.text());
    } catch {
      return c.json({ detail: [{ loc: ["body"], msg: "JSON decode error", type: "json_invalid" }] }, 422);
    }
    const checked = falInputSchemas[path].safeParse(raw);
    if (!checked.success) return c.json({ detail: pydanticErrors(checked.error) }, 422);
    const r: FakeRequest = {
      id: randomUUID(),
      app: path,
      input: raw as Record<string, unknown>,
      submittedAt: Date.now(),
      canceled: false,
      ...(c.req.query("fal_webhook") ? { webhook: c.req.query("fal_webhook") } : {}),
    };
    const { requestFailures } = state;
    if (requestFailures.n > 0 && requestFailures.error) {
      requestFailures.n--;
      r.error = requestFailures.error;
    }
    requests.set(r.id, r);
    state.store.save(r);
    state.fake.submissions.push(r);
    scheduleDelivery(state, r);
    await state.fake.beforeAnswer?.(r);
    if (state.dropped.n > 0) {
      // Accepted, but the answer never reaches the client: the connection is cut.
      state.dropped.n--;
      (c.env as { incoming: IncomingMessage }).incoming.socket.destroy();
    }
    const [owner, alias] = path.split("/");
    const base = `${state.origin}/${owner}/${alias}/requests/${r.id}`;
    return c.json({
      status: "IN_QUEUE",
      request_id: r.id,
      response_url: base,
      status_url: `${base}/status`,
      cancel_url: `${base}/cancel`,
      queue_position: 0,
    });
  });

  return app;
}
