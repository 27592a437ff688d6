import { ApiError, createFalClient, ValidationError } from "@fal-ai/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FalFake, startFalFake } from "../../infra/fakes/fal/emulator.js";
import { falErrors } from "../../infra/fakes/fal/requests.js";
import { exactIntegersFetch, exactIntegersJson, exactNumber } from "../../queue/providers/exact-json.js";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { waitFor } from "../helpers/processes.js";

/**
 * fal's queue contract, point by point, checked against the emulator the rest of the suite runs
 * on, through the real @fal-ai/client. Each test names its source in fal's documentation
 * (docs.fal.ai, the model pages) or the SDK's own types, so the emulator can be read against them
 * line by line; where the emulator is stricter than anything fal documents, the test says so.
 */
describe("fal's queue API, as the emulator speaks it", () => {
  let fake: FalFake;
  let fal: ReturnType<typeof createFalClient>;
  beforeAll(async () => {
    fake = await startFalFake({ processingMs: 50 });
    fal = createFalClient({
      credentials: "k",
      suppressLocalCredentialsWarning: true,
      fetch: exactIntegersFetch(fetch),
      requestMiddleware: async (req) => ({ ...req, url: req.url.replace(/^https:\/\/(queue\.|rest\.)?fal\.run/, fake.url) }),
    });
  });
  afterAll(() => fake.close());

  const submit = (endpoint: string, input: Record<string, unknown>) => fal.queue.submit(endpoint, { input });
  const settle = async (endpoint: string, requestId: string) => {
    await waitFor(
      async () => ((await fal.queue.status(endpoint, { requestId })).status === "COMPLETED" ? true : undefined),
      10_000,
      "COMPLETED",
    );
    return fal.queue.result(endpoint, { requestId });
  };
  const refusal = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApiError);
    return err as ApiError<{ detail: Array<{ loc: unknown[]; msg: string; type: string }> }>;
  };

  // Not documented by fal: its docs do not say how an endpoint answers a field its schema lacks
  // (pydantic, which fal's apps are built on, ignores extra fields unless a model forbids them).
  // The emulator refuses them on purpose, stricter than fal may be, so a misspelled or misplaced
  // option fails a test instead of being paid for and silently dropped. The 422 with pydantic's
  // detail[] is the shape @fal-ai/client's ValidationError reads for invalid input.
  it("the emulator's own rule, not fal's documented one: an unknown field is a 422 with pydantic's detail[] (extra_forbidden), nothing queued", async () => {
    const before = fake.submissions.length;
    const err = await refusal(submit("fal-ai/flux-pro/v1.1", { prompt: "a", num_inference_steps: 28, guidance_scale: 3.5 }));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.status).toBe(422);
    expect(err.body.detail.map((d) => [d.loc.join("."), d.type])).toEqual([
      ["body.num_inference_steps", "extra_forbidden"],
      ["body.guidance_scale", "extra_forbidden"],
    ]);
    expect(fake.submissions.length).toBe(before);
  });

  it("FluxProV11Input has no loras (refused by the emulator's strictness above); FluxLoraInput takes loras: [{path, scale}]", async () => {
    const err = await refusal(submit("fal-ai/flux-pro/v1.1", { prompt: "a", loras: [{ path: "https://x/y.safetensors", scale: 1 }] }));
    expect(err.body.detail[0]).toMatchObject({ loc: ["body", "loras"], type: "extra_forbidden" });
    const ok = await submit("fal-ai/flux-lora", {
      prompt: "a",
      loras: [{ path: "https://x/y.safetensors", scale: 0.8 }],
      num_inference_steps: 28,
      guidance_scale: 3.5,
    });
    expect(ok.request_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("bounds and types: num_images 1-4, a prompt is required, image_size is a preset or {width, height}", async () => {
    const tooMany = await refusal(submit("fal-ai/flux/dev", { prompt: "a", num_images: 9 }));
    expect(tooMany.body.detail[0]).toMatchObject({ loc: ["body", "num_images"], type: "less_than_equal" });
    const missing = await refusal(submit("fal-ai/flux/dev", { num_images: 1 }));
    expect(missing.body.detail[0]).toMatchObject({ loc: ["body", "prompt"], type: "missing" });
    const size = await refusal(submit("fal-ai/flux/dev", { prompt: "a", image_size: "huge" }));
    expect(size.body.detail[0]?.loc).toEqual(["body", "image_size"]);
  });

  it("FLUX.1 [schnell] (fal-ai/flux/schnell, its model page): 1-12 steps, 4 by default, as its logs count them; the queue protocol as the other endpoints", async () => {
    const tooMany = await refusal(submit("fal-ai/flux/schnell", { prompt: "a", num_inference_steps: 13 }));
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.detail[0]).toMatchObject({
      loc: ["body", "num_inference_steps"],
      msg: "Input should be less than or equal to 12",
      type: "less_than_equal",
    });
    const none = await refusal(submit("fal-ai/flux/schnell", { prompt: "a", num_inference_steps: 0 }));
    expect(none.body.detail[0]).toMatchObject({ loc: ["body", "num_inference_steps"], type: "greater_than_equal" });
    const twelve = await submit("fal-ai/flux/schnell", { prompt: "twelve steps", num_inference_steps: 12, image_size: "square" });
    const result = (await settle("fal-ai/flux/schnell", twelve.request_id)).data as { images: Array<{ width: number; height: number }> };
    expect(result.images).toEqual([expect.objectContaining({ width: 512, height: 512 })]);
    // Status and result URLs are the app's (fal-ai/flux), as for fal-ai/flux/dev.
    expect(twelve.status_url).toMatch(/\/fal-ai\/flux\/requests\/[0-9a-f-]{36}\/status$/);
    const slow = await startFalFake({ processingMs: 3_000 });
    try {
      const key = { authorization: "Key k", "content-type": "application/json" };
      const submitted = (await (
        await fetch(`${slow.url}/fal-ai/flux/schnell`, { method: "POST", headers: key, body: JSON.stringify({ prompt: "default steps" }) })
      ).json()) as { status_url: string };
      const logs = await waitFor(
        async () => {
          const status = (await (await fetch(`${submitted.status_url}?logs=1`, { headers: key })).json()) as {
            logs: Array<{ message: string }>;
          };
          return status.logs.length ? status.logs.map((l) => l.message) : undefined;
        },
        10_000,
        "the running logs",
      );
      expect(logs.some((l) => /\d+\/4 \[/.test(l))).toBe(true);
    } finally {
      await slow.close();
    }
  });

  it("FLUX.1 [dev] image-to-image (its model page): num_inference_steps 10-50, 40 by default", async () => {
    const image = { image_url: "https://example.com/a.png", prompt: "a" };
    const few = await refusal(submit("fal-ai/flux/dev/image-to-image", { ...image, num_inference_steps: 5 }));
    expect(few.status).toBe(422);
    expect(few.body.detail[0]).toMatchObject({
      loc: ["body", "num_inference_steps"],
      msg: "Input should be greater than or equal to 10",
      type: "greater_than_equal",
    });
    const many = await refusal(submit("fal-ai/flux/dev/image-to-image", { ...image, num_inference_steps: 51 }));
    expect(many.body.detail[0]).toMatchObject({ loc: ["body", "num_inference_steps"], type: "less_than_equal" });
    const ten = await submit("fal-ai/flux/dev/image-to-image", { ...image, num_inference_steps: 10 });
    expect(ten.request_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("an endpoint fal does not serve is a 404", async () => {
    const err = await refusal(submit("fal-ai/no-such-model", { prompt: "a" }));
    expect(err.status).toBe(404);
  });

  it("a key is required on every queue call (Authorization: Key …)", async () => {
    const r = await submit("fal-ai/flux-pro/v1.1", { prompt: "a" });
    for (const [method, url] of [
      ["POST", `${fake.url}/fal-ai/flux-pro/v1.1`],
      ["GET", `${fake.url}/fal-ai/flux-pro/requests/${r.request_id}/status`],
      ["GET", `${fake.url}/fal-ai/flux-pro/requests/${r.request_id}`],
      ["PUT", `${fake.url}/fal-ai/flux-pro/requests/${r.request_id}/cancel`],
    ] as const) {
      expect((await fetch(url, { method, body: method === "POST" ? "{}" : null })).status, `${method} ${url}`).toBe(401);
    }
  });

  it("Queue, status/result/cancel URLs: owner and app only; another app's URL does not find the request", async () => {
    const r = await submit("fal-ai/flux-pro/v1.1", { prompt: "a" });
    expect((await fal.queue.status("fal-ai/flux-pro/v1.1", { requestId: r.request_id })).request_id).toBe(r.request_id);
    const err = await refusal(fal.queue.status("fal-ai/flux-lora", { requestId: r.request_id }));
    expect(err.status).toBe(404);
  });

  it("FluxProNewOutput: seeds beyond 2^53 (fal's examples return 196619188014358660) come back exact, as do seeds sent", async () => {
    const sent = "196619188014358660";
    const r = await submit("fal-ai/flux-pro/v1.1", { prompt: "exact", seed: exactNumber(sent) });
    expect(fake.submissions.at(-1)?.input.seed).toBe(sent);
    const { data } = await settle("fal-ai/flux-pro/v1.1", r.request_id);
    expect(data).toMatchObject({ seed: sent, prompt: "exact", has_nsfw_concepts: [false], images: [{ content_type: "image/png" }] });
    expect((data as { timings: unknown }).timings).toBeTypeOf("object");
    // Drawn by the service when none is sent, usually beyond 2^53 as well (then text; a number below it).
    const drawn = await settle("fal-ai/flux-pro/v1.1", (await submit("fal-ai/flux-pro/v1.1", { prompt: "drawn" })).request_id);
    const seed = (drawn.data as { seed: unknown }).seed;
    expect(typeof seed === "string" || Number.isSafeInteger(seed)).toBe(true);
    expect(String(seed)).toMatch(/^\d+$/);
  });

  it("exactIntegersJson keeps big integers as text and leaves everything else as JSON.parse reads it", () => {
    expect(JSON.parse(exactIntegersJson('{"seed":196619188014358660,"n":3,"f":1.5,"s":"x","a":[9007199254740993]}'))).toEqual({
      seed: "196619188014358660",
      n: 3,
      f: 1.5,
      s: "x",
      a: ["9007199254740993"],
    });
    expect(JSON.stringify({ seed: exactNumber("18446744073709551615") })).toBe('{"seed":18446744073709551615}');
    expect(JSON.stringify({ seed: exactNumber("42") })).toBe('{"seed":42}');
  });

  it("Model errors: a request that fails in the model completes, and its result is a 4xx with detail[]", async () => {
    fake.failRequests(1, falErrors.invalidInput);
    const r = await submit("fal-ai/flux-pro/v1.1", { prompt: "a" });
    const err = await refusal(settle("fal-ai/flux-pro/v1.1", r.request_id));
    expect(err.status).toBe(422);
    expect(err.body.detail[0]).toMatchObject({ loc: ["body", "prompt"] });
  });

  it("Request errors: after fal's own retries, the result is a 5xx with detail and error_type (also in X-Fal-Error-Type)", async () => {
    fake.failRequests(1, falErrors.noRunner);
    const r = await submit("fal-ai/flux-pro/v1.1", { prompt: "a" });
    await waitFor(
      async () => ((await fal.queue.status("fal-ai/flux-pro/v1.1", { requestId: r.request_id })).status === "COMPLETED" ? true : undefined),
      10_000,
      "COMPLETED",
    );
    const res = await fetch(`${fake.url}/fal-ai/flux-pro/requests/${r.request_id}`, { headers: { authorization: "Key k" } });
    expect(res.status).toBe(503);
    expect(res.headers.get("x-fal-error-type")).toBe("runner_scheduling_failure");
    expect(await res.json()).toEqual({ detail: "No runner could be allocated", error_type: "runner_scheduling_failure" });
  });

  it("Cancel: CANCELLATION_REQUESTED while queued (taken out: COMPLETED, its result an error), ALREADY_COMPLETED after; the status stays within IN_QUEUE, IN_PROGRESS, COMPLETED", async () => {
    fake.processingMs = 5_000;
    try {
      const r = await submit("fal-ai/flux-pro/v1.1", { prompt: "to cancel" });
      const url = `${fake.url}/fal-ai/flux-pro/requests/${r.request_id}/cancel`;
      const first = await fetch(url, { method: "PUT", headers: { authorization: "Key k" } });
      expect([first.status, await first.json()]).toEqual([202, { status: "CANCELLATION_REQUESTED" }]);
      expect((await fal.queue.status("fal-ai/flux-pro/v1.1", { requestId: r.request_id })).status).toBe("COMPLETED");
      const again = await fetch(url, { method: "PUT", headers: { authorization: "Key k" } });
      expect([again.status, await again.json()]).toEqual([400, { status: "ALREADY_COMPLETED" }]);
      const gone = await fetch(`${fake.url}/fal-ai/flux-pro/requests/00000000-0000-0000-0000-000000000000/cancel`, {
        method: "PUT",
        headers: { authorization: "Key k" },
      });
      expect(gone.status).toBe(404);
      expect((await refusal(fal.queue.result("fal-ai/flux-pro/v1.1", { requestId: r.request_id }))).status).toBe(400);
    } finally {
      fake.processingMs = 50;
    }
  });

  it("Handle request cancellations: a request canceled while a runner has it is only signalled; the model runs to the end and answers its result", async () => {
    fake.processingMs = 3_000;
    try {
      const r = await submit("fal-ai/flux/dev", { prompt: "running when canceled", image_size: "square" });
      await waitFor(
        async () => ((await fal.queue.status("fal-ai/flux/dev", { requestId: r.request_id })).status === "IN_PROGRESS" ? true : undefined),
        10_000,
        "IN_PROGRESS",
      );
      const cancel = await fetch(`${fake.url}/fal-ai/flux/requests/${r.request_id}/cancel`, {
        method: "PUT",
        headers: { authorization: "Key k" },
      });
      expect([cancel.status, await cancel.json()]).toEqual([202, { status: "CANCELLATION_REQUESTED" }]);
      expect(fake.submissions.find((s) => s.id === r.request_id)).toMatchObject({ canceled: true, canceledWhile: "running" });
      // Not taken out: it goes on, and its result is the pictures it made, which fal bills.
      expect((await fal.queue.status("fal-ai/flux/dev", { requestId: r.request_id })).status).not.toBe("COMPLETED");
      const { data } = await settle("fal-ai/flux/dev", r.request_id);
      expect((data as { images: unknown[] }).images).toEqual([expect.objectContaining({ width: 512, height: 512 })]);
    } finally {
      fake.processingMs = 50;
    }
  });

  it("429 on submit carries Retry-After", async () => {
    fake.failSubmissions(1, 429);
    const res = await fetch(`${fake.url}/fal-ai/flux-pro/v1.1`, {
      method: "POST",
      headers: { authorization: "Key k", "content-type": "application/json" },
      body: '{"prompt":"a"}',
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("the trainer (FluxLoraFastTrainingInput) requires images_data_url, and the emulator refuses unknown fields (its own rule, as above)", async () => {
    const err = await refusal(submit("fal-ai/flux-lora-fast-training", { trigger_word: "tok", rank: 16 }));
    expect(err.body.detail.map((d) => d.loc.join("."))).toEqual(expect.arrayContaining(["body.images_data_url", "body.rank"]));
  });

  it("requests outlive a restart of the emulator on the same data dir: status, result and seed as before", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "cg-fal-"));
    try {
      const first = await startFalFake({ processingMs: 50, dataDir: dir });
      const client = (url: string) =>
        createFalClient({
          credentials: "k",
          suppressLocalCredentialsWarning: true,
          fetch: exactIntegersFetch(fetch),
          requestMiddleware: async (req) => ({ ...req, url: req.url.replace(/^https:\/\/(queue\.|rest\.)?fal\.run/, url) }),
        });
      const r = await client(first.url).queue.submit("fal-ai/flux-pro/v1.1", {
        input: { prompt: "kept", seed: exactNumber("196619188014358660"), num_images: 2 },
      });
      await first.close();
      const second = await startFalFake({ processingMs: 50, dataDir: dir });
      try {
        expect(second.url).not.toBe(first.url);
        expect(second.submissions.map((s) => s.id)).toEqual([r.request_id]);
        const again = client(second.url);
        await waitFor(
          async () =>
            (await again.queue.status("fal-ai/flux-pro/v1.1", { requestId: r.request_id })).status === "COMPLETED" ? true : undefined,
          10_000,
          "COMPLETED after the restart",
        );
        const { data } = await again.queue.result("fal-ai/flux-pro/v1.1", { requestId: r.request_id });
        const result = data as unknown as { seed: string; images: Array<{ url: string }> };
        expect(result.seed).toBe("196619188014358660");
        expect(result.images).toHaveLength(2);
        // The files are served from the new address.
        for (const img of result.images) {
          expect(img.url.startsWith(second.url)).toBe(true);
          expect((await fetch(img.url)).status).toBe(200);
        }
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
