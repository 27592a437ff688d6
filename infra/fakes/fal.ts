import { createHash, generateKeyPairSync, randomBytes, randomUUID, sign } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { unzipSync } from "fflate";
import { Hono } from "hono";
import type { PNG } from "pngjs";
import { falInputSchemas, isFalEndpoint, parseExact, pydanticErrors } from "./fal-endpoints.js";
import { renderPicture } from "./picture.js";
import { blendPicture, fetchPicture, upscalePicture } from "./picture-operations.js";
import { RequestStore } from "./request-store.js";
import { safetensorsHeader, safetensorsStream } from "./safetensors.js";

/**
 * A local stand-in for fal.ai's queue API (submit, status with logs, result, cancel, webhooks),
 * producing real PNGs. The real @fal-ai/client talks to it through a base-URL override. It is as
 * strict as fal: each endpoint's input is validated against its schema (fal-endpoints.ts), and it
 * fails in each documented way when a test asks it to.
 */

const imageSizes: Record<string, [number, number]> = {
  square_hd: [1024, 1024],
  square: [512, 512],
  portrait_4_3: [768, 1024],
  portrait_16_9: [576, 1024],
  landscape_4_3: [1024, 768],
  landscape_16_9: [1024, 576],
};

/** How a request ended in an error: a model error (4xx, `detail[]`) or a request error (5xx, `detail` and `error_type`). */
export interface FalRequestError {
  status: number;
  body: { detail: unknown; error_type?: string };
}

export interface FakeRequest {
  id: string;
  /** The endpoint id it was submitted to, e.g. fal-ai/flux-pro/v1.1. */
  app: string;
  /** The input as sent; a seed is its exact decimal text. */
  input: Record<string, unknown>;
  submittedAt: number;
  canceled: boolean;
  webhook?: string;
  webhookDelivered?: boolean;
  result?: unknown;
  error?: FalRequestError;
}

export interface FalFake {
  url: string;
  /** Every accepted submission, in order (those of earlier runs on the same data dir first): a test counts provider charges here. */
  submissions: FakeRequest[];
  /** How long a request takes from submission to COMPLETED. */
  processingMs: number;
  /** Answer the next n submissions with this HTTP status: 422 (validation detail[]), 429 (with Retry-After), 5xx. */
  failSubmissions(n: number, status: number): void;
  /** Accept the next n submissions and end each in this error, as fal's result (and webhook) report it. */
  failRequests(n: number, error: FalRequestError): void;
  /** Accept the next n submissions and cut the connection instead of answering. */
  dropAnswers(n: number): void;
  /** Forget a request, as fal does once its stored result expires: 404 from now on. */
  expire(requestId: string): void;
  /** Rewrites each successful result before it is answered (a result the client cannot read). */
  resultTransform: ((result: Record<string, unknown>) => unknown) | undefined;
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

/** The documented model errors and request errors, ready for failRequests. */
export const falErrors = {
  /** A model error: the input passed the schema but the model refused it. */
  invalidInput: {
    status: 422,
    body: { detail: [{ loc: ["body", "prompt"], msg: "The prompt could not be processed", type: "value_error" }] },
  },
  /** A request error after fal's own retries: the runner took too long. */
  requestTimeout: { status: 504, body: { detail: "Request timed out", error_type: "request_timeout" } },
  /** A request error: no runner could be allocated. */
  noRunner: { status: 503, body: { detail: "No runner could be allocated", error_type: "runner_scheduling_failure" } },
} satisfies Record<string, FalRequestError>;

/** A seed like fal's own (e.g. 196619188014358660): 60 random bits, most of them beyond a double's 53. */
const randomSeed = () => (randomBytes(8).readBigUInt64BE() >> 4n).toString();

/** JSON with the seed written as the exact number it is (JSON.rawJSON, Node 22+). */
function jsonWithExactSeed(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) =>
    key === "seed" && typeof v === "string" && /^\d+$/.test(v) ? (JSON as unknown as { rawJSON(t: string): unknown }).rawJSON(v) : v,
  );
}

export async function startFalFake(opts: { port?: number; processingMs?: number; dataDir?: string } = {}): Promise<FalFake> {
  const requests = new Map<string, FakeRequest>();
  const pictures = new Map<string, Buffer>();
  let submitFailures: { n: number; status: number } = { n: 0, status: 500 };
  let requestFailures: { n: number; error?: FalRequestError } = { n: 0 };
  const dropped = { n: 0 };
  const app = new Hono();
  let origin = "";
  const store = new RequestStore<FakeRequest>(opts.dataDir, () => origin);

  // After a cancel fal's queue says COMPLETED (its statuses are IN_QUEUE, IN_PROGRESS and
  // COMPLETED only), and the result says the request did not run.
  const state = (r: FakeRequest, now = Date.now()) => {
    if (r.canceled) return "COMPLETED";
    const elapsed = now - r.submittedAt;
    if (elapsed >= fake.processingMs) return "COMPLETED";
    return elapsed < fake.processingMs / 3 ? "IN_QUEUE" : "IN_PROGRESS";
  };

  const sizeOf = (input: Record<string, unknown>): [number, number] => {
    const size = input.image_size;
    if (typeof size === "object" && size !== null)
      return [Number((size as { width: number }).width), Number((size as { height: number }).height)];
    return imageSizes[String(size ?? "landscape_4_3")] ?? [1024, 768];
  };
  /** The size of a result's picture n, as the result says (an operation's follows its source). */
  const resultSize = (r: FakeRequest, n: number): [number, number] | undefined => {
    const result = r.result as { images?: Array<{ width: number; height: number }>; image?: { width: number; height: number } } | undefined;
    const img = result?.images?.[n - 1] ?? (n === 1 ? result?.image : undefined);
    return img ? [img.width, img.height] : undefined;
  };
  const picture = (r: FakeRequest, n: number): Buffer => {
    const name = `${r.id}/${n}`;
    let bytes = pictures.get(name);
    if (!bytes) {
      // Made at completion; after a restart of the emulator drawn again, at the size it had.
      const [width, height] = resultSize(r, n) ?? sizeOf(r.input);
      bytes = renderPicture(
        String(r.input.prompt ?? ""),
        `${String((r.result as { seed?: string } | undefined)?.seed ?? r.input.seed)}/${n}`,
        width,
        height,
      );
      pictures.set(name, bytes);
    }
    return bytes;
  };

  const completeTraining = async (r: FakeRequest) => {
    // fal's trainer: "the format of the archive. If not specified, the format will be inferred
    // from the URL", which a presigned URL, ending in its signature, does not show.
    const url = String(r.input.images_data_url ?? "");
    const format = r.input.data_archive_format ?? (/\.zip$/i.test(url) ? "zip" : undefined);
    if (format !== "zip") {
      r.error = {
        status: 422,
        body: {
          detail: [
            {
              loc: ["body", "data_archive_format"],
              msg: format === undefined ? "could not be inferred from images_data_url" : `unsupported format ${String(format)}`,
              type: "value_error",
            },
          ],
        },
      };
      return;
    }
    // Like the service: fetch the dataset archive and train on the images in it.
    const res = await fetch(url);
    if (!res.ok) {
      r.error = {
        status: 422,
        body: { detail: [{ loc: ["body", "images_data_url"], msg: `could not be downloaded (${res.status})`, type: "value_error" }] },
      };
      return;
    }
    const entries = Object.keys(unzipSync(new Uint8Array(await res.arrayBuffer())));
    const images = entries.filter((n) => /\.(png|jpe?g|webp)$/i.test(n));
    if (images.length < 4) {
      r.error = {
        status: 422,
        body: {
          detail: [{ loc: ["body", "images_data_url"], msg: `at least 4 images are needed, got ${images.length}`, type: "value_error" }],
        },
      };
      return;
    }
    const size = fake.loraSizeBytes;
    safetensorsHeader(size, {}); // fails early for a size no file can have
    r.result = {
      diffusers_lora_file: {
        url: `${origin}/lora/${r.id}/pytorch_lora_weights.safetensors`,
        file_size: size,
        content_type: "application/octet-stream",
        file_name: "pytorch_lora_weights.safetensors",
      },
      config_file: { url: `${origin}/lora/${r.id}/config.json`, content_type: "application/json", file_name: "config.json" },
      debug_preprocessed_output: null,
      // What the config file holds, kept so it can be served after a restart.
      _config: { trigger_word: r.input.trigger_word, steps: r.input.steps, images: images.length },
    };
  };

  /** An upscale, variation or edit: the source picture downloaded, as fal does when the request runs, and worked on. */
  const completeOperation = async (r: FakeRequest) => {
    let src: PNG;
    try {
      src = await fetchPicture(String(r.input.image_url));
    } catch (err) {
      r.error = {
        status: 422,
        body: { detail: [{ loc: ["body", "image_url"], msg: `image_url ${(err as Error).message}`, type: "value_error" }] },
      };
      return;
    }
    const file = (n: number, bytes: Buffer, width: number, height: number) => {
      pictures.set(`${r.id}/${n}`, bytes);
      return {
        url: `${fake.imageOrigin ?? origin}/files/${r.id}/${n}.png`,
        width,
        height,
        content_type: "image/png",
        file_size: bytes.length,
      };
    };
    if (r.app === "fal-ai/esrgan") {
      const scale = Number(r.input.scale ?? 2);
      const bytes = upscalePicture(src, scale);
      r.result = { image: file(1, bytes, Math.round(src.width * scale), Math.round(src.height * scale)) };
      return;
    }
    const seed = typeof r.input.seed === "string" ? r.input.seed : randomSeed();
    // Kontext keeps what the instruction does not change; image-to-image strays by its strength (fal's default 0.95).
    const strength = r.app === "fal-ai/flux-pro/kontext" ? 0.6 : Number(r.input.strength ?? 0.95);
    const images = Array.from({ length: Number(r.input.num_images ?? 1) }, (_, i) =>
      file(i + 1, blendPicture(src, String(r.input.prompt ?? ""), `${seed}/${i + 1}`, strength), src.width, src.height),
    );
    r.result = {
      images,
      seed,
      prompt: r.input.prompt,
      has_nsfw_concepts: images.map(() => fake.flagNsfw),
      timings: { inference: fake.processingMs / 1000 },
    };
  };

  const complete = async (r: FakeRequest) => {
    if (r.result || r.error) return;
    if (r.canceled) {
      r.error = { status: 400, body: { detail: "Request was cancelled" } };
    } else if (r.app === "fal-ai/flux-lora-fast-training") {
      await completeTraining(r);
    } else if (r.input.image_url !== undefined) {
      await completeOperation(r);
    } else {
      const [width, height] = sizeOf(r.input);
      const count = Number(r.input.num_images ?? 1);
      const seed = typeof r.input.seed === "string" ? r.input.seed : randomSeed();
      r.result = { seed };
      const images = Array.from({ length: count }, (_, i) => {
        const bytes = picture(r, i + 1);
        return {
          url: `${fake.imageOrigin ?? origin}/files/${r.id}/${i + 1}.png`,
          width,
          height,
          content_type: "image/png",
          file_size: bytes.length,
        };
      });
      r.result = {
        images,
        seed,
        prompt: r.input.prompt,
        has_nsfw_concepts: images.map(() => fake.flagNsfw),
        timings: { inference: fake.processingMs / 1000 },
      };
    }
    store.save(r);
  };

  const auth = (header: string | undefined) => header?.startsWith("Key ") && header.length > 4;

  /** A running request's log lines: what FLUX on fal prints, its steps (as asked, else the model's default) as tqdm draws them. */
  const runningLogs = (r: FakeRequest): string[] => {
    const started = r.submittedAt + fake.processingMs / 3;
    const share = Math.min(1, Math.max(0, (Date.now() - started) / Math.max(1, (fake.processingMs * 2) / 3)));
    const asked = r.input.num_inference_steps;
    const steps = typeof asked === "number" ? asked : r.app === "fal-ai/flux/schnell" ? 4 : 28;
    const done = Math.floor(share * steps);
    const pct = Math.floor((done / steps) * 100);
    const bar = "█".repeat(Math.floor(pct / 10)).padEnd(10, " ");
    return ["generating", `${String(pct).padStart(3)}%|${bar}| ${done}/${steps} [00:00<00:01, 10.00it/s]`];
  };

  // Webhooks are signed like fal signs them: Ed25519 over request id, user id, timestamp and
  // the body's SHA-256, with the public key published as a JWKS.
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const jwk = publicKey.export({ format: "jwk" });
  app.get("/.well-known/jwks.json", (c) => c.json({ keys: [{ kty: "OKP", crv: "Ed25519", x: jwk.x, kid: "fake" }] }));

  const deliver = async (r: FakeRequest) => {
    if (!r.webhook || r.webhookDelivered) return;
    await complete(r);
    const body = r.error
      ? jsonWithExactSeed({
          request_id: r.id,
          gateway_request_id: r.id,
          status: "ERROR",
          error: `Invalid status code: ${r.error.status}`,
          payload: r.error.body,
        })
      : jsonWithExactSeed({ request_id: r.id, gateway_request_id: r.id, status: "OK", payload: publicResult(r.result) });
    for (let i = 0; i < fake.webhookRepeats; i++) {
      // Like fal, a delivery that gets no 2xx answer is tried again, with backoff.
      for (let attempt = 0, delay = 1_000; ; attempt++, delay = Math.min(delay * 2, 15_000)) {
        const status = await deliverOnce(r, body);
        if ((status >= 200 && status < 300) || attempt >= fake.webhookRetries) break;
        await new Promise((resolve) => setTimeout(resolve, delay).unref());
      }
    }
    r.webhookDelivered = true;
    store.save(r);
  };
  const scheduleDelivery = (r: FakeRequest) => {
    if (r.webhook && !r.webhookDelivered)
      setTimeout(() => void deliver(r).catch(() => {}), Math.max(0, r.submittedAt + fake.processingMs + 20 - Date.now())).unref();
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

  const publicResult = (result: unknown) => {
    const { _config, ...rest } = result as Record<string, unknown>;
    return rest;
  };

  app.get("/files/:id/:name", (c) => {
    const r = requests.get(c.req.param("id"));
    const n = Number(/^(\d+)\.png$/.exec(c.req.param("name"))?.[1]);
    if (!r?.result || !Number.isInteger(n) || n < 1 || n > Number(r.input.num_images ?? 1)) return c.json({ detail: "not found" }, 404);
    const bytes = picture(r, n);
    return c.body(new Uint8Array(bytes), 200, { "content-type": "image/png", "content-length": String(bytes.length) });
  });

  app.get("/lora/:id/pytorch_lora_weights.safetensors", (c) => {
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
    const status = state(r);
    const base = `${origin}/${c.req.param("owner")}/${c.req.param("alias")}/requests/${r.id}`;
    // fal's logs while a model runs: its own lines, then the diffusion steps as a tqdm bar.
    const logs =
      c.req.query("logs") === "1" && status !== "IN_QUEUE"
        ? runningLogs(r).map((message) => ({ message, level: "INFO", source: "user", timestamp: new Date().toISOString() }))
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
    if (state(r) !== "COMPLETED") return c.json({ detail: "Request is still in progress" }, 400);
    await complete(r);
    if (r.error) {
      const headers: Record<string, string> = { "content-type": "application/json", "x-fal-request-id": r.id };
      if (r.error.body.error_type) headers["x-fal-error-type"] = r.error.body.error_type;
      return new Response(JSON.stringify(r.error.body), { status: r.error.status, headers });
    }
    const result = publicResult(r.result);
    return new Response(jsonWithExactSeed(fake.resultTransform ? fake.resultTransform(result) : result), {
      headers: { "content-type": "application/json", "x-fal-request-id": r.id },
    });
  });

  app.put("/:owner/:alias/requests/:id/cancel", (c) => {
    if (!auth(c.req.header("authorization"))) return c.json({ detail: "Unauthorized" }, 401);
    const r = requestAt(c.req.param("owner"), c.req.param("alias"), c.req.param("id"));
    if (!r) return c.json({ status: "NOT_FOUND" }, 404);
    if (state(r) === "COMPLETED") return c.json({ status: "ALREADY_COMPLETED" }, 400);
    r.canceled = true;
    store.save(r);
    return c.json({ status: "CANCELLATION_REQUESTED" }, 202);
  });

  app.post("/*", async (c) => {
    if (!auth(c.req.header("authorization"))) return c.json({ detail: "Unauthorized" }, 401);
    const path = c.req.path.replace(/^\/+/, "");
    if (!isFalEndpoint(path)) return c.json({ detail: `Application '${path}' not found` }, 404);
    if (submitFailures.n > 0) {
      submitFailures.n--;
      const status = submitFailures.status;
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
    if (requestFailures.n > 0 && requestFailures.error) {
      requestFailures.n--;
      r.error = requestFailures.error;
    }
    requests.set(r.id, r);
    store.save(r);
    fake.submissions.push(r);
    scheduleDelivery(r);
    await fake.beforeAnswer?.(r);
    if (dropped.n > 0) {
      // Accepted, but the answer never reaches the client: the connection is cut.
      dropped.n--;
      (c.env as { incoming: IncomingMessage }).incoming.socket.destroy();
    }
    const [owner, alias] = path.split("/");
    const base = `${origin}/${owner}/${alias}/requests/${r.id}`;
    return c.json({
      status: "IN_QUEUE",
      request_id: r.id,
      response_url: base,
      status_url: `${base}/status`,
      cancel_url: `${base}/cancel`,
      queue_position: 0,
    });
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
      submitFailures = { n, status };
    },
    failRequests(n, error) {
      requestFailures = { n, error };
    },
    dropAnswers(n) {
      dropped.n = n;
    },
    expire(requestId) {
      requests.delete(requestId);
    },
    resultTransform: undefined,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  // The requests of earlier runs on the same data: answered, and their webhooks delivered, as before.
  for (const r of store.load().sort((a, b) => a.submittedAt - b.submittedAt)) {
    requests.set(r.id, r);
    fake.submissions.push(r);
    scheduleDelivery(r);
  }
  return fake;
}
