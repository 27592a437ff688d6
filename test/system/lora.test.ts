import { like } from "drizzle-orm";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { renderPicture } from "../../infra/fakes/picture.js";
import { usageLedger } from "../../shared/db/sql/schema.js";
import { PRICES } from "../../shared/pricing.js";
import { headObject, listObjects } from "../../shared/storage/objects.js";
import { useWorkingApi } from "../helpers/working-api.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { waitFor } from "../helpers/processes.js";
import { makeVideo } from "../helpers/video.js";

describe("LoRA training", () => {
  const w = useWorkingApi();

  const upload = async (fileName: string, contentType: string, body: Buffer) => {
    const up = dataOf<{ uploadKey: string; url: string; headers: Record<string, string> }>(
      await trpcCall(w.api.app, w.alice.key, "assets.uploadUrl", { fileName, contentType, sizeBytes: body.length }, "mutation"),
    );
    expect((await fetch(up.url, { method: "PUT", body, headers: up.headers })).status).toBe(200);
    return up.uploadKey;
  };

  it("from a zip of images with captions: dataset and model at the seed's keys", async () => {
    w.fal.loraSizeBytes = 125_000_000;
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 5; i++) files[`photos/pic${i}.png`] = new Uint8Array(renderPicture(`face ${i}`, i, 256, 256));
    files["photos/pic0.txt"] = new Uint8Array(Buffer.from("a photo of tok smiling"));
    files["__MACOSX/photos/._pic1.png"] = new Uint8Array([0, 1, 2]);
    const zipKey = await upload("faces.zip", "application/zip", Buffer.from(zipSync(files)));
    const started = performance.now();
    const jobId = await w.create({ type: "lora-training", imagesZipKey: zipKey, triggerWord: "tok", steps: 500 });
    const job = await w.settled(jobId, 120_000);
    process.stdout.write(`LoRA job with a 125 MB model: ${((performance.now() - started) / 1000).toFixed(1)} s end to end\n`);
    expect(job.status).toBe("completed");
    expect(job.versions[0]).toMatchObject({
      version: 1,
      s3Key: `loras/alice/${jobId}/v1/model.safetensors`,
      sizeBytes: 125_000_000,
      configKey: `loras/alice/${jobId}/v1/config.json`,
    });
    expect((await headObject(w.api.deps.storage, `loras/alice/${jobId}/v1/model.safetensors`))?.ContentLength).toBe(125_000_000);
    // The archive's format is said, not inferred from a presigned URL that ends in its signature.
    expect(w.fal.submissions.filter((r) => r.input.trigger_word === "tok").map((r) => r.input.data_archive_format)).toEqual(["zip"]);
    expect(await headObject(w.api.deps.storage, `loras/alice/${jobId}/v1/config.json`)).toBeDefined();
    const dataset: string[] = [];
    for await (const o of listObjects(w.api.deps.storage, `datasets/alice/${jobId}/`))
      dataset.push(o.key.slice(`datasets/alice/${jobId}/`.length));
    expect(dataset.filter((k) => k.startsWith("images/"))).toHaveLength(5);
    expect(dataset.filter((k) => k.startsWith("captions/"))).toHaveLength(5);
    const caption = await w.api.deps.storage.client.send(
      new (await import("@aws-sdk/client-s3")).GetObjectCommand({
        Bucket: w.api.deps.storage.bucket,
        Key: `datasets/alice/${jobId}/captions/image_001.txt`,
      }),
    );
    expect(await caption.Body?.transformToString()).toBe("a photo of tok smiling");
    expect(w.fal.submissions.at(-1)?.input).toMatchObject({ trigger_word: "tok", steps: 500 });

    // The trained LoRA is usable in a generation: the provider gets a URL to our model file.
    w.fal.loraSizeBytes = 4 * 1024 * 1024;
    const gen = await w.create({ type: "image-generation", prompt: "tok on a beach", lora: { jobId, scale: 0.8 } });
    expect((await w.settled(gen)).status).toBe("completed");
    // FLUX.1-dev adapters load on fal-ai/flux-lora, whatever FAL_MODEL plain prompts use.
    expect(w.fal.submissions.at(-1)?.app).toBe("fal-ai/flux-lora");
    const loras = w.fal.submissions.at(-1)?.input.loras as Array<{ path: string; scale: number }>;
    expect(loras).toHaveLength(1);
    expect(loras[0]?.scale).toBe(0.8);
    expect(new URL(loras[0]?.path ?? "").pathname).toContain(`loras/alice/${jobId}/v1/model.safetensors`);
  });

  it("retraining the same job adds v2 beside v1, with its own submission and charge", async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 4; i++) files[`r${i}.png`] = new Uint8Array(renderPicture(`r${i}`, i, 64, 64));
    const zipKey = await upload("retrain.zip", "application/zip", Buffer.from(zipSync(files)));
    const jobId = await w.create({ type: "lora-training", imagesZipKey: zipKey, triggerWord: "again", steps: 300 });
    expect((await w.settled(jobId)).status).toBe("completed");
    const answer = await trpcCall(w.api.app, w.alice.key, "jobs.retrain", { jobId, steps: 600 }, "mutation");
    expect(dataOf<{ version: number; status: string }>(answer)).toMatchObject({ version: 2, status: "queued" });
    const job = await w.settled(jobId);
    expect(job.status).toBe("completed");
    expect(job.versions.map((v) => (v as { s3Key: string }).s3Key)).toEqual([
      `loras/alice/${jobId}/v1/model.safetensors`,
      `loras/alice/${jobId}/v2/model.safetensors`,
    ]);
    expect(w.fal.submissions.filter((s) => s.input.trigger_word === "again").map((s) => s.input.steps)).toEqual([300, 600]);
    expect(
      (
        await w.api.deps.sql.db
          .select()
          .from(usageLedger)
          .where(like(usageLedger.jobId, `${jobId}%`))
      )
        .map((r) => r.jobId)
        .sort(),
    ).toEqual([jobId, `${jobId}/v2`]);
    const again = await trpcCall(
      w.api.app,
      w.alice.key,
      "jobs.retrain",
      { jobId: await w.create({ type: "image-generation", prompt: "x" }) },
      "mutation",
    );
    expect(again.status).toBe(400);
  });

  it("from a video: well-spaced, distinct frames become the dataset", async () => {
    const videoKey = await upload("clip.mp4", "video/mp4", await makeVideo("mandelbrot=size=320x240:rate=10", 8));
    const jobId = await w.create({ type: "lora-training", videoKey, triggerWord: "fractal", mode: "style" });
    const job = await w.settled(jobId);
    expect(job.status).toBe("completed");
    const images: string[] = [];
    for await (const o of listObjects(w.api.deps.storage, `datasets/alice/${jobId}/images/`)) images.push(o.key);
    expect(images.length).toBeGreaterThanOrEqual(4);
    expect(images.length).toBeLessThanOrEqual(12);
  });

  it("a video with too few distinct frames fails with the reason, before any provider call", async () => {
    const before = w.fal.submissions.length;
    const videoKey = await upload("still.mp4", "video/mp4", await makeVideo("color=c=blue:size=320x240:rate=10", 6));
    const jobId = await w.create({ type: "lora-training", videoKey, triggerWord: "blue" });
    const job = await w.settled(jobId);
    expect(job.status).toBe("failed");
    expect(job.error).toMatchObject({ message: "insufficient frames: got 1, need 4", code: "INSUFFICIENT_FRAMES" });
    expect(w.fal.submissions.length).toBe(before);
  });

  it("a training canceled while fal runs it runs to its end and is billed: the run's price is recorded, no model stored", async () => {
    // A third of it queued, the rest running: long enough to cancel while it runs, however loaded the machine.
    w.fal.processingMs = 9_000;
    try {
      const files: Record<string, Uint8Array> = {};
      for (let i = 0; i < 4; i++) files[`r${i}.png`] = new Uint8Array(renderPicture(`r${i}`, i, 64, 64));
      const zipKey = await upload("running.zip", "application/zip", Buffer.from(zipSync(files)));
      const jobId = await w.create({ type: "lora-training", imagesZipKey: zipKey, triggerWord: "runs" });
      const requestId = await waitFor(
        async () => (await w.api.deps.jobs.get(jobId))?.provider?.requestId ?? undefined,
        30_000,
        "the training to be submitted",
      );
      await waitFor(
        async () => {
          const res = await fetch(`${w.fal.url}/fal-ai/flux-lora-fast-training/requests/${requestId}/status`, {
            headers: { authorization: "Key k" },
          });
          return ((await res.json()) as { status: string }).status === "IN_PROGRESS" ? true : undefined;
        },
        20_000,
        "fal to be running the training",
      );
      expect(dataOf<{ status: string }>(await trpcCall(w.api.app, w.alice.key, "jobs.cancel", { jobId }, "mutation")).status).toBe(
        "canceled",
      );
      const ledger = await waitFor(
        async () => (await w.api.deps.sql.db.select().from(usageLedger).where(like(usageLedger.jobId, jobId)))[0],
        30_000,
        "the run's price to be recorded",
      );
      expect(w.fal.submissions.find((r) => r.id === requestId)?.canceledWhile).toBe("running");
      expect(Number(ledger.costUsd)).toBeCloseTo(PRICES.loraTrainingRun.usd, 6);
      expect(ledger.units).toEqual({ trainingRuns: 1, steps: 1000 });
      expect((await w.api.deps.jobs.get(jobId))?.status).toBe("canceled");
      expect(await headObject(w.api.deps.storage, `loras/alice/${jobId}/v1/model.safetensors`)).toBeUndefined();
    } finally {
      w.fal.processingMs = 300;
    }
  });

  it("cancel during training stops the provider's run and stores no model", async () => {
    w.fal.processingMs = 4_000;
    try {
      const files: Record<string, Uint8Array> = {};
      for (let i = 0; i < 4; i++) files[`p${i}.png`] = new Uint8Array(renderPicture(`x${i}`, i, 64, 64));
      const zipKey = await upload("x.zip", "application/zip", Buffer.from(zipSync(files)));
      const jobId = await w.create({ type: "lora-training", imagesZipKey: zipKey, triggerWord: "x" });
      await waitFor(
        async () => ((await w.api.deps.jobs.get(jobId))?.provider?.requestId ? true : undefined),
        30_000,
        "the training to be submitted",
      );
      expect(dataOf<{ status: string }>(await trpcCall(w.api.app, w.alice.key, "jobs.cancel", { jobId }, "mutation")).status).toBe(
        "canceled",
      );
      // The worker passes the cancel on to fal once it sees it; after that it stores nothing.
      await waitFor(() => (w.fal.submissions.at(-1)?.canceled ? true : undefined), 30_000, "fal to be told");
      expect((await w.api.deps.jobs.get(jobId))?.status).toBe("canceled");
      expect(w.fal.submissions.at(-1)?.canceled).toBe(true);
      expect(await headObject(w.api.deps.storage, `loras/alice/${jobId}/v1/model.safetensors`)).toBeUndefined();
    } finally {
      w.fal.processingMs = 300;
    }
  });
});
