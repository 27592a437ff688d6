import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { z } from "zod";
import { guardedFetch, readCapped } from "../../shared/net/ssrf.js";
import { PRICES } from "../../shared/pricing.js";
import { datasetKeys, loraConfigKey, loraModelKey } from "../../shared/storage/keys.js";
import { headObject } from "../../shared/storage/objects.js";
import { presignDownload } from "../../shared/storage/presign.js";
import { uploadFile } from "../../shared/storage/upload.js";
import { loraTrainingParams } from "../../shared/jobs/input.js";
import type { WorkerDeps } from "../worker-deps.js";
import { collectImages, datasetZip } from "./dataset.js";
import { beginJob } from "./begin-job.js";
import { assertStillWanted, JobCanceled } from "./outcome.js";
import { recordUsage } from "./record-usage.js";
import { countWritten, storeFile } from "./store-file.js";
import { falWebhookFinder, resumeSubmission, submitToFal } from "./submit-once.js";
import { readFalResult, waitForFal } from "./wait-for-fal.js";
import { setJobProgress, setJobStatus } from "./job-status.js";
import type { FluxLoraFastTrainingInput } from "@fal-ai/client/endpoints";

export const TRAINING_MODEL = "fal-ai/flux-lora-fast-training";
const MAX_MODEL_BYTES = 2 * 1024 * 1024 * 1024;

const trainingResult = z.object({
  diffusers_lora_file: z.object({ url: z.string(), file_size: z.number().optional() }),
  config_file: z.object({ url: z.string() }).optional(),
});

/**
 * Downloads the model to a temporary file, checks its size, then streams the file into S3.
 * Going through disk keeps memory flat (a file stream is read only as fast as parts upload),
 * and a short download is caught before anything is written to the bucket.
 */
async function downloadModel(
  deps: WorkerDeps,
  url: string,
  declared: number | undefined,
  key: string,
  signal?: AbortSignal,
): Promise<number> {
  const dir = await mkdtemp(path.join(tmpdir(), "cg-model-"));
  try {
    const file = path.join(dir, "model.safetensors");
    const res = await guardedFetch(url, { allowOrigins: deps.trustedOrigins, maxBytes: MAX_MODEL_BYTES, timeoutMs: 10 * 60_000 });
    if (!res.ok || !res.body) throw new Error(`model download answered ${res.status}`);
    await pipeline(
      Readable.fromWeb(res.body as import("node:stream/web").ReadableStream<Uint8Array>),
      createWriteStream(file),
      ...(signal ? [{ signal }] : []),
    );
    const { size } = await stat(file);
    if (declared !== undefined && size !== declared) {
      // Retried: the next attempt downloads again.
      throw new Error(`model download ended after ${size} of ${declared} bytes`);
    }
    await uploadFile(deps.storage, { key, file, contentType: "application/octet-stream", ...(signal ? { signal } : {}) });
    countWritten(key, size);
    return size;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Builds the dataset (stored under datasets/…), submits the training once, waits with
 * heartbeats (pg-boss keeps the claim alive), then streams the ~125 MB model into
 * loras/{userId}/{jobId}/v{n}/ without holding it in memory. Retraining adds v{n+1}.
 */
export async function runLoraTraining(deps: WorkerDeps, jobId: string, signal?: AbortSignal): Promise<void> {
  const begun = await beginJob(deps, jobId, loraTrainingParams, "training request");
  if (!begun) return;
  const { job, input } = begun;

  let requestId = await resumeSubmission(
    deps,
    jobId,
    "fal",
    job.provider,
    falWebhookFinder(deps, jobId, deps.config.providers.falLostSubmissionWaitMs.training, signal),
  );
  const version = job.provider?.version ?? job.versions.length + 1;
  if (!requestId) {
    const images = await collectImages(deps, input);
    const keys = datasetKeys(job.userId, jobId);
    for (const img of images) {
      await assertStillWanted(deps, jobId, signal);
      await storeFile(deps, keys.image(img.name), img.bytes, img.name.endsWith(".png") ? "image/png" : "image/jpeg");
      await storeFile(deps, keys.caption(img.name.replace(/\.[^.]+$/, ".txt")), Buffer.from(img.caption), "text/plain; charset=utf-8");
    }
    const zipKey = `${keys.prefix}dataset.zip`;
    await storeFile(deps, zipKey, datasetZip(images), "application/zip");
    await setJobProgress(deps, job, 10);
    const dataUrl = (await presignDownload(deps.storage, zipKey, { expiresIn: 24 * 3600 })).url;
    requestId = await submitToFal(
      deps,
      jobId,
      TRAINING_MODEL,
      {
        images_data_url: dataUrl,
        // Said, not left to fal to infer from the URL: a presigned URL ends in its signature.
        data_archive_format: "zip",
        trigger_word: input.triggerWord,
        steps: input.steps,
        is_style: input.mode === "style",
        create_masks: input.mode === "subject",
      } satisfies FluxLoraFastTrainingInput,
      version,
    );
  }

  // A training canceled while fal runs it runs to its end and is billed (see cancelFalRequest): its run is recorded.
  await waitForFal(deps, jobId, TRAINING_MODEL, requestId, signal, async (doc, data) => {
    if (trainingResult.safeParse(data).success)
      await recordUsage(deps, doc, PRICES.loraTrainingRun.usd, { trainingRuns: 1, steps: input.steps }, version);
  });
  const result = await readFalResult(deps, TRAINING_MODEL, requestId, trainingResult, "trained model");
  await assertStillWanted(deps, jobId, signal);
  await setJobProgress(deps, job, 90);

  const modelKey = loraModelKey(job.userId, jobId, version);
  const configKey = loraConfigKey(job.userId, jobId, version);
  const declared = result.diffusers_lora_file.file_size;
  const existing = await headObject(deps.storage, modelKey);
  let sizeBytes = existing?.ContentLength ?? 0;
  if (!existing || (declared !== undefined && existing.ContentLength !== declared)) {
    sizeBytes = await downloadModel(deps, result.diffusers_lora_file.url, declared, modelKey, signal);
  }
  if (result.config_file) {
    const res = await guardedFetch(result.config_file.url, { allowOrigins: deps.trustedOrigins, maxBytes: 1024 * 1024 });
    if (res.ok) await storeFile(deps, configKey, await readCapped(res, 1024 * 1024), "application/json");
  }
  await assertStillWanted(deps, jobId, signal);
  await deps.jobs.pushVersion(jobId, { version, modelUrl: modelKey, s3Key: modelKey, sizeBytes, configKey, createdAt: new Date() });
  await deps.jobs.addSearchTerms(jobId, [input.triggerWord.toLowerCase(), "model.safetensors", "safetensors", "lora"]);
  await recordUsage(deps, job, PRICES.loraTrainingRun.usd, { trainingRuns: 1, steps: input.steps }, version);
  const done = await setJobStatus(deps, jobId, "completed", { progress: 100 });
  if (!done) throw new JobCanceled("canceled while storing");
}
