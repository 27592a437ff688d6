import { createHash, generateKeyPairSync, randomUUID, sign } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { Hono } from "hono";
import { unzipSync } from "fflate";
import { renderPicture } from "./picture.js";
import { safetensorsHeader, safetensorsStream } from "./safetensors.js";

/**
 * A local stand-in for fal.ai's queue API (submit, status with logs, result, cancel, webhooks),
 * producing real PNGs. The real @fal-ai/client talks to it through a base-URL override.
 */

const imageSizes: Record<string, [number, number]> = {
  square_hd: [1024, 1024],
  square: [512, 512],
  portrait_4_3: [768, 1024],
  portrait_16_9: [576, 1024],
  landscape_4_3: [1024, 768],
  landscape_16_9: [1024, 576],
};

export interface FakeRequest {
  id: string;
  app: string;
  input: Record<string, unknown>;
  submittedAt: number;
  canceled: boolean;
  webhook?: string;
  result?: unknown;
  error?: { status: number; detail: string };
}

export interface FalFake {
  url: string;
  /** Every submission, in order: a test counts provider charges here. */
  submissions: FakeRequest[];
  /** How long a request takes from submission to COMPLETED. */
  processingMs: number;
  /** Answer the next n submissions with this HTTP status (500 for transient, 422 for bad input). */
  failSubmissions(n: number, status: number): void;
  /** Accept the next n submissions and cut the connection instead of answering. */
  dropAnswers(n: number): void;
  /** Report this request's images as NSFW. */
  flagNsfw: boolean;
  /** Serve result image URLs from this origin instead of the fake's own (to test the SSRF guard). */
  imageOrigin: string | undefined;
  /** Size of the .safetensors file a training produces. */
  loraSizeBytes: number;
  /** Throttles model downloads (0: as fast as possible), to make a download last long enough to interrupt. */
  modelBytesPerSecond: number;
  /** Times each webhook is delivered (fal retries; tests repeat it on purpose). */
  webhookRepeats: number;
  /** Further tries of a delivery our server did not answer with 2xx (1 s backoff doubling to 15 s). */
  webhookRetries: number;
  /** Runs after a submission is accepted and before it is answered: a test kills the submitter here. */
  beforeAnswer: ((request: FakeRequest) => void | Promise<void>) | undefined;
  /** Every webhook delivery and the status our server answered. */
  webhookDeliveries: Array<{ requestId: string; status: number }>;
  /** The JWKS URL our server verifies webhook signatures against. */
  jwksUrl: string;
  /** How many times a trained model file was downloaded. */
  modelDownloads: number;
  close(): Promise<void>;
}

export async function startFalFake(opts: { port?: number; processingMs?: number } = {}): Promise<FalFake> {
  const requests = new Map<string, FakeRequest>();
  const files = new Map<string, Buffer>();
  let failures: { n: number; status: number } = { n: 0, status: 500 };
  const dropped = { n: 0 };
  const app = new Hono();
  let origin = "";

  const state = (r: FakeRequest, now = Date.now()) => {
    if (r.canceled) return "CANCELLED";
    const elapsed = now - r.submittedAt;
    if (elapsed >= fake.processingMs) return "COMPLETED";
    return elapsed < fake.processingMs / 3 ? "IN_QUEUE" : "IN_PROGRESS";
  };

  const completeTraining = async (r: FakeRequest) => {
    // fal's trainer: "the format of the archive. If not specified, the format will be inferred
    // from the URL", which a presigned URL, ending in its signature, does not show.
    const url = String(r.input.images_data_url ?? "");
    const format = r.input.data_archive_format ?? (/\.zip$/i.test(url) ? "zip" : undefined);
    if (format !== "zip") {
      r.error = { status: 422, detail: format === undefined ? "data_archive_format could not be inferred from images_data_url" : `unsupported data_archive_format ${String(format)}` };
      return;
    }
    // Like the service: fetch the dataset archive and train on the images in it.
    const res = await fetch(url);
    if (!res.ok) {
      r.error = { status: 422, detail: `images_data_url could not be downloaded (${res.status})` };
      return;
    }
    const entries = Object.keys(unzipSync(new Uint8Array(await res.arrayBuffer())));
    const images = entries.filter((n) => /\.(png|jpe?g|webp)$/i.test(n));
    if (images.length < 4) {
      r.error = { status: 422, detail: `at least 4 images are needed, got ${images.length}` };
      return;
    }
    const size = fake.loraSizeBytes;
    safetensorsHeader(size, {}); // fails early for a size no file can have
    r.result = {
      diffusers_lora_file: { url: `${origin}/lora/${r.id}/pytorch_lora_weights.safetensors`, file_size: size, content_type: "application/octet-stream", file_name: "pytorch_lora_weights.safetensors" },
      config_file: { url: `${origin}/lora/${r.id}/config.json`, content_type: "application/json", file_name: "config.json" },
      debug_preprocessed_output: null,
    };
    files.set(`lora-config/${r.id}`, Buffer.from(JSON.stringify({ trigger_word: r.input.trigger_word, steps: r.input.steps, images: images.length })));
  };

  const complete = async (r: FakeRequest) => {
    if (r.result || r.error) return;
    if (r.app.startsWith("fal-ai/flux-lora-fast-training")) return completeTraining(r);
    const size = r.input.image_size;
    const [width, height] =
      typeof size === "object" && size !== null
        ? [Number((size as { width: number }).width), Number((size as { height: number }).height)]
        : (imageSizes[String(size ?? "landscape_4_3")] ?? [1024, 768]);
    const count = Number(r.input.num_images ?? 1);
    const seed = Number(r.input.seed ?? 1234);
    const prompt = String(r.input.prompt ?? "");
    const images = Array.from({ length: count }, (_, n) => {
      const bytes = renderPicture(prompt, seed + n, width, height);
      const name = `${r.id}/${n + 1}.png`;
      files.set(name, bytes);
      return { url: `${fake.imageOrigin ?? origin}/files/${name}`, width, height, content_type: "image/png", file_size: bytes.length };
    });
    r.result = { images, seed, prompt, has_nsfw_concepts: images.map(() => fake.flagNsfw), timings: { inference: fake.processingMs / 1000 } };
  };

  const auth = (header: string | undefined) => header?.startsWith("Key ") && header.length > 4;

  // Webhooks are signed like fal signs them: Ed25519 over request id, user id, timestamp and
  // the body's SHA-256, with the public key published as a JWKS.
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const jwk = publicKey.export({ format: "jwk" });
  app.get("/.well-known/jwks.json", (c) => c.json({ keys: [{ kty: "OKP", crv: "Ed25519", x: jwk.x, kid: "fake" }] }));

  const deliver = async (r: FakeRequest) => {
    if (!r.webhook) return;
    await complete(r);
    const body = JSON.stringify(r.error ? { request_id: r.id, gateway_request_id: r.id, status: "ERROR", error: r.error.detail, payload: { detail: r.error.detail } } : { request_id: r.id, gateway_request_id: r.id, status: "OK", payload: r.result });
    for (let i = 0; i < fake.webhookRepeats; i++) {
      // Like fal, a delivery that gets no 2xx answer is tried again, with backoff.
      for (let attempt = 0, delay = 1_000; ; attempt++, delay = Math.min(delay * 2, 15_000)) {
        const status = await deliverOnce(r, body);
        if ((status >= 200 && status < 300) || attempt >= fake.webhookRetries) break;
        await new Promise((resolve) => setTimeout(resolve, delay).unref());
      }
    }
  };

  const deliverOnce = async (r: FakeRequest, body: string): Promise<number> => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const message = [r.id, "fake-user", timestamp, createHash("sha256").update(body).digest("hex")].join("\n");
    const signature = sign(null, Buffer.from(message), privateKey).toString("hex");
    const res = await fetch(r.webhook ?? "", {
      method: "POST",
      body,
      headers: {
        "content-type": "application/json",
        "x-fal-webhook-request-id": r.id,
        "x-fal-webhook-user-id": "fake-user",
        "x-fal-webhook-timestamp": timestamp,
        "x-fal-webhook-signature": signature,
      },
    }).catch(() => undefined);
    fake.webhookDeliveries.push({ requestId: r.id, status: res?.status ?? 0 });
    return res?.status ?? 0;
  };

  app.get("/files/:id/:name", (c) => {
    const bytes = files.get(`${c.req.param("id")}/${c.req.param("name")}`);
    if (!bytes) return c.json({ detail: "not found" }, 404);
    return c.body(new Uint8Array(bytes), 200, { "content-type": "image/png", "content-length": String(bytes.length) });
  });

  app.get("/lora/:id/pytorch_lora_weights.safetensors", (c) => {
    const r = requests.get(c.req.param("id"));
    if (!r?.result) return c.json({ detail: "not found" }, 404);
    fake.modelDownloads++;
    return new Response(safetensorsStream(fake.loraSizeBytes, { trigger_word: String(r.input.trigger_word ?? "") }, fake.modelBytesPerSecond), {
      headers: { "content-type": "application/octet-stream", "content-length": String(fake.loraSizeBytes) },
    });
  });
  app.get("/lora/:id/config.json", (c) => {
    const bytes = files.get(`lora-config/${c.req.param("id")}`);
    return bytes ? c.body(new Uint8Array(bytes), 200, { "content-type": "application/json" }) : c.json({ detail: "not found" }, 404);
  });

  app.get("/:owner/:alias/requests/:id/status", (c) => {
    if (!auth(c.req.header("authorization"))) return c.json({ detail: "Unauthorized" }, 401);
    const r = requests.get(c.req.param("id"));
    if (!r) return c.json({ detail: "Request not found" }, 404);
    const status = state(r);
    const base = `${origin}/${c.req.param("owner")}/${c.req.param("alias")}/requests/${r.id}`;
    const logs = c.req.query("logs") === "1" && status !== "IN_QUEUE" ? [{ message: "generating", level: "INFO", source: "user", timestamp: new Date().toISOString() }] : [];
    return c.json({ status, request_id: r.id, response_url: base, status_url: `${base}/status`, cancel_url: `${base}/cancel`, logs, ...(status === "IN_QUEUE" ? { queue_position: 0 } : {}) }, status === "COMPLETED" ? 200 : 202);
  });

  app.get("/:owner/:alias/requests/:id", async (c) => {
    if (!auth(c.req.header("authorization"))) return c.json({ detail: "Unauthorized" }, 401);
    const r = requests.get(c.req.param("id"));
    if (!r) return c.json({ detail: "Request not found" }, 404);
    if (state(r) !== "COMPLETED") return c.json({ detail: "Request is still in progress" }, 400);
    await complete(r);
    if (r.error) return c.json({ detail: r.error.detail }, r.error.status as 422);
    return c.json(r.result as object);
  });

  app.put("/:owner/:alias/requests/:id/cancel", (c) => {
    const r = requests.get(c.req.param("id"));
    if (!r) return c.json({ detail: "Request not found" }, 404);
    if (state(r) === "COMPLETED") return c.json({ status: "ALREADY_COMPLETED" }, 400);
    r.canceled = true;
    return c.json({ status: "CANCELLATION_REQUESTED" }, 202);
  });

  app.post("/*", async (c) => {
    if (!auth(c.req.header("authorization"))) return c.json({ detail: "Unauthorized" }, 401);
    const path = c.req.path.replace(/^\/+/, "");
    if (failures.n > 0) {
      failures.n--;
      return c.json({ detail: failures.status === 422 ? [{ loc: ["body", "prompt"], msg: "invalid prompt", type: "value_error" }] : "Internal error" }, failures.status as 422);
    }
    const input = (await c.req.json().catch(() => ({}))) as Record<string, unknown>;
    const r: FakeRequest = { id: randomUUID(), app: path, input, submittedAt: Date.now(), canceled: false, ...(c.req.query("fal_webhook") ? { webhook: c.req.query("fal_webhook") } : {}) };
    requests.set(r.id, r);
    fake.submissions.push(r);
    if (r.webhook) setTimeout(() => void deliver(r).catch(() => {}), fake.processingMs + 20);
    await fake.beforeAnswer?.(r);
    if (dropped.n > 0) {
      // Accepted, but the answer never reaches the client: the connection is cut.
      dropped.n--;
      (c.env as { incoming: IncomingMessage }).incoming.socket.destroy();
    }
    const [owner, alias] = path.split("/");
    const base = `${origin}/${owner}/${alias}/requests/${r.id}`;
    return c.json({ request_id: r.id, response_url: base, status_url: `${base}/status`, cancel_url: `${base}/cancel`, queue_position: 0 });
  });

  const server: ServerType = serve({ fetch: app.fetch, port: opts.port ?? 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fake: FalFake = {
    url: origin,
    submissions: [],
    processingMs: opts.processingMs ?? 300,
    flagNsfw: false,
    imageOrigin: undefined,
    loraSizeBytes: 4 * 1024 * 1024,
    modelDownloads: 0,
    modelBytesPerSecond: 0,
    webhookRepeats: 1,
    webhookRetries: 10,
    beforeAnswer: undefined,
    webhookDeliveries: [],
    jwksUrl: `${origin}/.well-known/jwks.json`,
    failSubmissions(n, status) {
      failures = { n, status };
    },
    dropAnswers(n) {
      dropped.n = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return fake;
}
