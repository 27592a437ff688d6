import { ListMultipartUploadsCommand, ListObjectVersionsCommand, ListPartsCommand } from "@aws-sdk/client-s3";
import { eq } from "drizzle-orm";
import { zipSync } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { renderPicture } from "../../infra/fakes/picture.js";
import { usageLedger } from "../../shared/db/sql/schema.js";
import { useWorkingApi } from "../helpers/working-api.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { makeWav } from "../helpers/media.js";
import { type Spawned, waitFor } from "../helpers/processes.js";
import { startThrottledProxy } from "../helpers/throttled-proxy.js";
import { spawnWorker, watchPeakRss } from "../helpers/worker-process.js";

describe("a separate worker process", { timeout: 180_000 }, () => {
  const w = useWorkingApi({ enqueueOnly: true, publicUrl: true });
  let worker: Spawned | undefined;

  afterAll(() => {
    worker?.child.kill("SIGKILL");
  });
  const versionsUnder = async (prefix: string) => {
    const v = await w.api.deps.storage.client.send(new ListObjectVersionsCommand({ Bucket: w.api.deps.storage.bucket, Prefix: prefix }));
    return (v.Versions ?? []).map((x) => x.Key);
  };
  /** The upload ids of the multipart uploads in progress at exactly `key`. */
  const openUploads = async (key: string) => {
    const page = await w.api.deps.storage.client.send(new ListMultipartUploadsCommand({ Bucket: w.api.deps.storage.bucket, Prefix: key }));
    return (page.Uploads ?? []).filter((u) => u.Key === key).map((u) => u.UploadId ?? "");
  };
  const partsOf = async (key: string, uploadId: string) =>
    (
      (
        await w.api.deps.storage.client
          .send(new ListPartsCommand({ Bucket: w.api.deps.storage.bucket, Key: key, UploadId: uploadId }))
          .catch(() => undefined)
      )?.Parts ?? []
    ).length;
  const ledgerRows = async (jobId: string) =>
    (await w.api.deps.sql.db.select().from(usageLedger).where(eq(usageLedger.jobId, jobId))).length;
  const uploadZip = async (name: string, images: number) => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < images; i++) files[`p${i}.png`] = new Uint8Array(renderPicture(`${name}${i}`, i, 128, 128));
    const body = Buffer.from(zipSync(files));
    const up = dataOf<{ uploadKey: string; url: string; headers: Record<string, string> }>(
      await trpcCall(
        w.api.app,
        w.alice.key,
        "assets.uploadUrl",
        { fileName: `${name}.zip`, contentType: "application/zip", sizeBytes: body.length },
        "mutation",
      ),
    );
    await fetch(up.url, { method: "PUT", body, headers: up.headers });
    return up.uploadKey;
  };
  const kill = async (w: Spawned) => {
    w.child.kill("SIGKILL");
    await w.exited;
  };

  it("streams a 125 MB trained model into S3 with peak RSS growth under 100 MB", async () => {
    worker = await spawnWorker(w.api.deps.config);
    const pid = worker.child.pid ?? 0;
    // A small training first, so the figure is the 125 MB model's and not the first job's code loading.
    w.fal.loraSizeBytes = 1024 * 1024;
    expect(
      (await w.finished(await w.create({ type: "lora-training", imagesZipKey: await uploadZip("warm", 4), triggerWord: "warm" }))).status,
    ).toBe("completed");
    w.fal.loraSizeBytes = 125_000_000;
    const zipKey = await uploadZip("mem", 4);
    const rss = await watchPeakRss(pid);
    const started = performance.now();
    const jobId = await w.create({ type: "lora-training", imagesZipKey: zipKey, triggerWord: "mem" });
    const job = await w.finished(jobId);
    const seconds = (performance.now() - started) / 1000;
    const { baselineBytes, growthBytes } = await rss.stop();
    process.stdout.write(
      `worker process, LoRA job with a 125 MB model: ${seconds.toFixed(1)} s, RSS ${(baselineBytes / 2 ** 20).toFixed(0)} MiB before, peak growth ${(growthBytes / 2 ** 20).toFixed(1)} MiB\n`,
    );
    expect(job.status).toBe("completed");
    expect(growthBytes / 2 ** 20).toBeLessThan(100);
    expect(await versionsUnder(`loras/alice/${jobId}/v1/model.safetensors`)).toHaveLength(1);
    w.fal.loraSizeBytes = 4 * 1024 * 1024;
  });

  it("killed while waiting on the provider: the next worker resumes the same request, one result, one charge", async () => {
    worker = worker ?? (await spawnWorker(w.api.deps.config));
    w.fal.processingMs = 5_000;
    const prompt = `crash during wait ${Date.now()}`;
    const jobId = await w.create({ type: "image-generation", prompt, count: 2 });
    await waitFor(
      async () => ((await w.api.deps.jobs.get(jobId))?.provider?.requestId ? true : undefined),
      30_000,
      "the provider submission",
    );
    await kill(worker);
    w.fal.processingMs = 300;
    worker = await spawnWorker(w.api.deps.config);
    const job = await w.finished(jobId);
    expect(job.status).toBe("completed");
    expect(w.fal.submissions.filter((s) => s.input.prompt === prompt)).toHaveLength(1);
    expect((await versionsUnder(`generated-images/alice/${jobId}/`)).sort()).toEqual([
      `generated-images/alice/${jobId}/image_1.png`,
      `generated-images/alice/${jobId}/image_2.png`,
    ]);
    expect(job.versions).toHaveLength(1);
    expect(await ledgerRows(jobId)).toBe(1);
  });

  it("killed after fal took the submission and before its id was stored: the next worker finds that request by its webhook, one submission, one charge", async () => {
    worker = worker ?? (await spawnWorker(w.api.deps.config));
    const victim = worker;
    const prompt = `crash after submit ${Date.now()}`;
    // Long enough that the next worker is already waiting when fal's webhook comes.
    w.fal.processingMs = 40_000;
    w.fal.beforeAnswer = async (r) => {
      if (r.input.prompt !== prompt) return;
      w.fal.beforeAnswer = undefined;
      await kill(victim);
    };
    try {
      const jobId = await w.create({ type: "image-generation", prompt });
      await victim.exited;
      const orphan = await w.api.deps.jobs.get(jobId);
      expect(orphan?.provider?.submission?.nonce).toBeTruthy();
      expect(orphan?.provider?.requestId ?? null).toBeNull();
      worker = await spawnWorker(w.api.deps.config);
      const job = await w.finished(jobId, 120_000);
      expect(job.status).toBe("completed");
      const submitted = w.fal.submissions.filter((s) => s.input.prompt === prompt);
      expect(submitted).toHaveLength(1);
      expect(job.provider?.requestId).toBe(submitted[0]?.id);
      expect(worker.stdout()).toContain("waiting for fal's webhook about an interrupted attempt's submission");
      expect(await versionsUnder(`generated-images/alice/${jobId}/`)).toEqual([`generated-images/alice/${jobId}/image_1.png`]);
      expect(await ledgerRows(jobId)).toBe(1);
    } finally {
      w.fal.beforeAnswer = undefined;
      w.fal.processingMs = 300;
    }
  });

  it("killed after AssemblyAI took the transcript and before its id was stored: the next worker finds it in the transcript list", async () => {
    worker = worker ?? (await spawnWorker(w.api.deps.config));
    const victim = worker;
    const wav = makeWav(2);
    const up = dataOf<{ uploadKey: string; url: string; headers: Record<string, string> }>(
      await trpcCall(
        w.api.app,
        w.alice.key,
        "assets.uploadUrl",
        { fileName: "crash.wav", contentType: "audio/wav", sizeBytes: wav.length },
        "mutation",
      ),
    );
    await fetch(up.url, { method: "PUT", body: wav, headers: up.headers });
    const before = w.aai.submissions.length;
    w.aai.beforeAnswer = async () => {
      w.aai.beforeAnswer = undefined;
      await kill(victim);
    };
    try {
      const jobId = await w.create({ type: "transcription", uploadKey: up.uploadKey });
      await victim.exited;
      expect((await w.api.deps.jobs.get(jobId))?.provider?.requestId ?? null).toBeNull();
      worker = await spawnWorker(w.api.deps.config);
      const job = await w.finished(jobId, 120_000);
      expect(job.status).toBe("completed");
      const submitted = w.aai.submissions.slice(before);
      expect(submitted).toHaveLength(1);
      expect(job.provider?.requestId).toBe(submitted[0]?.id);
      expect(worker.stdout()).toContain("resumed the request an interrupted attempt submitted");
      expect(await ledgerRows(jobId)).toBe(1);
    } finally {
      w.aai.beforeAnswer = undefined;
    }
  });

  it("a submission announced but never sent: the next worker waits its set time for a webhook, then submits once", async () => {
    if (worker) await kill(worker);
    worker = undefined;
    const prompt = `announced only ${Date.now()}`;
    const jobId = await w.create({ type: "image-generation", prompt });
    // What a worker killed between announcing and sending leaves behind.
    await w.api.deps.jobs.setProvider(jobId, { name: "fal", requestId: null, submission: { nonce: "never-sent", at: new Date() } });
    worker = await spawnWorker(w.api.deps.config, { FAL_LOST_SUBMISSION_WAIT_SECONDS: "3" });
    const job = await w.finished(jobId);
    expect(job.status).toBe("completed");
    expect(w.fal.submissions.filter((s) => s.input.prompt === prompt)).toHaveLength(1);
    expect(worker.stdout()).toContain("submission was not found at the provider; submitting again");
    expect(await ledgerRows(jobId)).toBe(1);
    await kill(worker);
    worker = undefined;
  });

  it("SIGTERM stops taking jobs, lets the running one finish, and exits cleanly", async () => {
    worker = worker ?? (await spawnWorker(w.api.deps.config));
    w.fal.processingMs = 3_000;
    try {
      const jobId = await w.create({ type: "image-generation", prompt: `graceful ${Date.now()}` });
      await waitFor(
        async () => ((await w.api.deps.jobs.get(jobId))?.provider?.requestId ? true : undefined),
        30_000,
        "the provider submission",
      );
      const stopping = worker;
      stopping.child.kill("SIGTERM");
      expect(await stopping.exited).toBe(0);
      worker = undefined;
      expect((await w.api.deps.jobs.get(jobId))?.status).toBe("completed");
    } finally {
      w.fal.processingMs = 300;
    }
  });

  it("killed in the middle of the model's multipart upload: no partial file, then one model, one submission, one charge, and no upload left open", async () => {
    if (worker) await kill(worker);
    // The worker reaches S3 through a proxy that holds back what it sends, so the 40 MiB model's
    // upload (16 MiB parts, two at a time) lasts long enough to be killed in the middle of.
    const proxy = await startThrottledProxy(w.api.deps.config.s3.endpoint ?? "", 2 * 1024 * 1024);
    worker = await spawnWorker(w.api.deps.config, { S3_ENDPOINT: proxy.url });
    w.fal.loraSizeBytes = 40 * 1024 * 1024;
    try {
      const jobId = await w.create({ type: "lora-training", imagesZipKey: await uploadZip("crash", 4), triggerWord: "crashtok" });
      const modelKey = `loras/alice/${jobId}/v1/model.safetensors`;
      // The upload is open and S3 holds a part of it: from here until it completes, the model is half-written.
      const [open] = await waitFor(
        async () => {
          const uploads = await openUploads(modelKey);
          const [first] = uploads;
          return first && (await partsOf(modelKey, first)) > 0 ? uploads : undefined;
        },
        90_000,
        "a part of the model's multipart upload in S3",
      );
      // Almost nothing more gets through, so the upload is still unfinished when the kill lands.
      proxy.uploadBytesPerSecond = 64 * 1024;
      await kill(worker);
      expect(await versionsUnder(`loras/alice/${jobId}/`)).toEqual([]);
      expect(await openUploads(modelKey)).toEqual([open]);

      worker = await spawnWorker(w.api.deps.config);
      const job = await w.finished(jobId);
      expect(job.status).toBe("completed");
      expect(await versionsUnder(modelKey)).toHaveLength(1);
      expect(w.fal.submissions.filter((s) => s.input.trigger_word === "crashtok")).toHaveLength(1);
      expect(await ledgerRows(jobId)).toBe(1);
      // The killed attempt's parts are not left behind, stored and billed, for the day-old sweep.
      expect(await openUploads(modelKey)).toEqual([]);
    } finally {
      w.fal.loraSizeBytes = 4 * 1024 * 1024;
      await proxy.close();
    }
  });
});
