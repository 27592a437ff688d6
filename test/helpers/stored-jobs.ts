import { randomUUID } from "node:crypto";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import type { JobDocument } from "../../shared/db/mongo/job-schema.js";
import { generatedImageKey, transcriptKeys } from "../../shared/storage/keys.js";
import type { TestApi } from "./api.js";

/** A minimal valid PNG header and IHDR of the given size, padded to `size` bytes. */
export function pngBytes(width: number, height: number, size = 2048): Buffer {
  const buf = Buffer.alloc(Math.max(size, 33));
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(buf, 0);
  buf.writeUInt32BE(13, 8);
  buf.write("IHDR", 12, "ascii");
  buf.writeUInt32BE(width, 16);
  buf.writeUInt32BE(height, 20);
  return buf;
}

/** A completed image job with its file really in S3, as a worker would leave it. */
export async function completedImageJob(
  api: TestApi,
  owner: { userId: string; workspaceId: string },
  opts: { prompt?: string; visibility?: "workspace" | "private" } = {},
): Promise<{ job: JobDocument; bytes: Buffer }> {
  const jobId = randomUUID();
  const bytes = pngBytes(512, 512, 4096);
  const key = generatedImageKey(owner.userId, jobId, 1);
  await api.deps.storage.client.send(
    new PutObjectCommand({ Bucket: api.deps.storage.bucket, Key: key, Body: bytes, ContentType: "image/png" }),
  );
  const prompt = opts.prompt ?? "a lighthouse at dusk";
  await api.deps.jobs.create({
    jobId,
    type: "image-generation",
    userId: owner.userId,
    workspaceId: owner.workspaceId,
    visibility: opts.visibility ?? "workspace",
    input: { prompt, count: 1 },
    searchTerms: [
      ...prompt
        .toLowerCase()
        .split(/\W+/)
        .filter((w) => w.length > 1),
      "image_1",
      "png",
    ],
  });
  await api.deps.jobs.pushVersion(jobId, {
    version: 1,
    seed: 7,
    images: [
      {
        url: `https://content-generation-assets.s3.amazonaws.com/${key}`,
        s3Key: key,
        width: 512,
        height: 512,
        sizeBytes: bytes.length,
        contentType: "image/png",
      },
    ],
  });
  const job = await api.deps.jobs.setStatus(jobId, "completed", { progress: 100 });
  if (!job) throw new Error("job not completed");
  return { job, bytes };
}

/** A completed transcription job with transcript.json and transcript.txt in S3. */
export async function completedTranscriptJob(
  api: TestApi,
  owner: { userId: string; workspaceId: string },
  text = "hello from the harbour meeting",
) {
  const jobId = randomUUID();
  const keys = transcriptKeys(owner.userId, jobId);
  const put = (Key: string, Body: string, ContentType: string) =>
    api.deps.storage.client.send(new PutObjectCommand({ Bucket: api.deps.storage.bucket, Key, Body, ContentType }));
  await put(keys.json, JSON.stringify({ text, words: [] }), "application/json");
  await put(keys.text, text, "text/plain");
  await api.deps.jobs.create({
    jobId,
    type: "transcription",
    userId: owner.userId,
    workspaceId: owner.workspaceId,
    input: { audioUrl: "https://example.com/a.wav" },
    searchTerms: text.split(" "),
  });
  await api.deps.jobs.pushVersion(jobId, {
    version: 1,
    transcriptUrl: `https://content-generation-assets.s3.amazonaws.com/${keys.json}`,
    textUrl: `https://content-generation-assets.s3.amazonaws.com/${keys.text}`,
    wordCount: text.split(" ").length,
    duration: 3,
    s3Keys: { json: keys.json, text: keys.text },
  });
  await api.deps.jobs.setStatus(jobId, "completed", { progress: 100 });
  return { jobId, text };
}

/** A trained LoRA as the trainer leaves it, without an hour of training: a model file in the bucket and one version. */
export async function completedLoraJob(api: TestApi, owner: { userId: string; workspaceId: string }, triggerWord: string): Promise<string> {
  const jobId = randomUUID();
  const key = `loras/${owner.userId}/${jobId}/v1/model.safetensors`;
  await api.deps.storage.client.send(new PutObjectCommand({ Bucket: api.deps.storage.bucket, Key: key, Body: Buffer.alloc(2048, 1) }));
  await api.deps.jobs.create({
    jobId,
    type: "lora-training",
    userId: owner.userId,
    workspaceId: owner.workspaceId,
    input: { triggerWord, trainingMode: "style" },
  });
  await api.deps.jobs.pushVersion(jobId, { version: 1, modelUrl: key, s3Key: key, sizeBytes: 2048, createdAt: new Date() });
  await api.deps.jobs.setStatus(jobId, "completed", { progress: 100 });
  return jobId;
}
