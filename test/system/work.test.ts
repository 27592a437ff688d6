import { eq } from "drizzle-orm";
import { imageSize } from "image-size";
import { describe, expect, it } from "vitest";
import type { PublicJob } from "../../shared/jobs/view.js";
import { usageLedger } from "../../shared/db/sql/schema.js";
import { headObject } from "../../shared/storage/objects.js";
import { imageCost } from "../../shared/pricing.js";
import { useWorkingApi } from "../helpers/working-api.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { makeWav } from "../helpers/media.js";
import { waitFor } from "../helpers/processes.js";
import { quickRetries } from "../helpers/quick-retries.js";
import { rawJobs } from "../helpers/raw-jobs.js";

describe("jobs run through pg-boss workers and the providers' SDKs", () => {
  // Retries as in production, minus the waits between them.
  const w = useWorkingApi({ retry: quickRetries() });

  const get = async (jobId: string) => dataOf<PublicJob>(await trpcCall(w.api.app, w.alice.key, "jobs.get", { jobId }, "query"));
  const ledgerRows = async (jobId: string) =>
    (await w.api.deps.sql.db.select().from(usageLedger).where(eq(usageLedger.jobId, jobId))).length;

  it("image generation: files at the seed's keys, a version like the seed's, one charge, downloadable", async () => {
    const before = w.fal.submissions.length;
    const jobId = await w.create({ type: "image-generation", prompt: "a lighthouse in fog", imageSize: "square", count: 2, seed: 11 });
    const job = await w.settled(jobId);
    expect(job.status).toBe("completed");
    expect(w.fal.submissions.length - before).toBe(1);
    const version = job.versions[0] as unknown as {
      version: number;
      seed: string;
      images: Array<{ s3Key: string; width: number; height: number; sizeBytes: number; contentType: string }>;
    };
    expect(version.version).toBe(1);
    expect(version.seed).toBe("11");
    expect(version.images.map((i) => i.s3Key)).toEqual([
      `generated-images/alice/${jobId}/image_1.png`,
      `generated-images/alice/${jobId}/image_2.png`,
    ]);
    for (const img of version.images) {
      expect(img).toMatchObject({ width: 512, height: 512, contentType: "image/png" });
      expect((await headObject(w.api.deps.storage, img.s3Key))?.ContentLength).toBe(img.sizeBytes);
    }
    const { url } = dataOf<{ url: string }>(
      await trpcCall(w.api.app, w.alice.key, "assets.downloadUrl", { jobId, file: "image_2.png" }, "query"),
    );
    const png = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect(png.length).toBe(version.images[1]?.sizeBytes);
    expect(imageSize(png)).toMatchObject({ width: 512, height: 512, type: "png" });
    expect(await ledgerRows(jobId)).toBe(1);
    const search = dataOf<{ items: Array<{ jobId: string }> }>(
      await trpcCall(w.api.app, w.alice.key, "assets.search", { q: "image_2.png" }, "query"),
    );
    expect(search.items.map((j) => j.jobId)).toContain(jobId);
  });

  it("assets.stats sums the usage each version recorded on its job, and counts documents older than that from their versions", async () => {
    type Stats = { byType: { images: { jobs: number; completed: number; files: number; bytes: number; providerCostUsd: number } } };
    const stats = async () => dataOf<Stats>(await trpcCall(w.api.app, w.alice.key, "assets.stats", { scope: "me" }, "query")).byType.images;
    const before = await stats();
    const jobId = await w.create({ type: "image-generation", prompt: "usage counted", imageSize: "square", count: 2 });
    const job = await w.settled(jobId);
    const imageBytes = (job.versions[0] as { images: Array<{ sizeBytes: number }> }).images.reduce((sum, i) => sum + i.sizeBytes, 0);
    const picture = imageCost(512, 512, "fal-ai/flux-pro/v1.1");
    const stored = await rawJobs(w.api.deps).findOne({ _id: jobId });
    expect(stored).toMatchObject({ usage: { files: 2, bytes: imageBytes } });
    expect((stored as { usage: { costUsd: number } } | null)?.usage.costUsd).toBeCloseTo(2 * picture, 6);
    // A document from before usage was kept: the same figures, read from its versions.
    const legacyId = `legacy-${jobId}`;
    const at = new Date();
    await rawJobs(w.api.deps).insertOne({
      _id: legacyId,
      jobId: legacyId,
      type: "image-generation",
      status: "completed",
      userId: "alice",
      workspaceId: w.alice.workspaceId,
      visibility: "workspace",
      input: { prompt: "old" },
      progress: 100,
      provider: null,
      error: null,
      versions: [
        {
          version: 1,
          images: [{ url: "", s3Key: `generated-images/alice/${legacyId}/image_1.png`, width: 2048, height: 1024, sizeBytes: 5000 }],
        },
      ],
      createdAt: at,
      updatedAt: at,
    } as never);
    const after = await stats();
    expect(after.jobs - before.jobs).toBe(2);
    expect(after.completed - before.completed).toBe(2);
    expect(after.files - before.files).toBe(3);
    expect(after.bytes - before.bytes).toBe(imageBytes + 5000);
    expect(after.providerCostUsd - before.providerCostUsd).toBeCloseTo(2 * picture + imageCost(2048, 1024), 6);
  });

  it("transcription of an upload: json, txt, srt and vtt stored, word count and duration on the version", async () => {
    const wav = makeWav(4);
    const up = dataOf<{ uploadKey: string; url: string; headers: Record<string, string> }>(
      await trpcCall(
        w.api.app,
        w.alice.key,
        "assets.uploadUrl",
        { fileName: "standup.wav", contentType: "audio/wav", sizeBytes: wav.length },
        "mutation",
      ),
    );
    expect((await fetch(up.url, { method: "PUT", body: wav, headers: up.headers })).status).toBe(200);
    const jobId = await w.create({ type: "transcription", uploadKey: up.uploadKey, speakerLabels: true });
    const job = await w.settled(jobId);
    expect(job.status).toBe("completed");
    const v = job.versions[0] as { wordCount: number; duration: number; version: number };
    expect(v).toMatchObject({ version: 1, duration: 4, wordCount: 10 });
    // The models are named in the request, as the docs' default, not left to the API.
    expect(w.aai.submissions.at(-1)?.speechModels).toEqual(["universal-3-pro", "universal-2"]);
    for (const ext of ["json", "txt", "srt", "vtt"]) {
      expect(await headObject(w.api.deps.storage, `transcripts/alice/${jobId}/transcript.${ext}`)).toBeDefined();
    }
    const { url } = dataOf<{ url: string }>(
      await trpcCall(w.api.app, w.alice.key, "assets.downloadUrl", { jobId, file: "transcript.txt" }, "query"),
    );
    const text = await (await fetch(url)).text();
    expect(text.split(" ")).toHaveLength(10);
    const { url: vttUrl } = dataOf<{ url: string }>(
      await trpcCall(w.api.app, w.alice.key, "assets.downloadUrl", { jobId, file: "transcript.vtt" }, "query"),
    );
    expect(await (await fetch(vttUrl)).text()).toMatch(/^WEBVTT\n\n00:00:00\.000 --> /);
    expect(await ledgerRows(jobId)).toBe(1);
  });

  it("a provider 422 fails the job at once with the provider's reason, without retrying", async () => {
    w.fal.failSubmissions(1, 422);
    const jobId = await w.create({ type: "image-generation", prompt: "refused" });
    const job = await w.settled(jobId);
    expect(job.status).toBe("failed");
    expect(job.error?.message).toMatch(/provider refused the request \(422\): prompt: invalid prompt/);
    expect(await ledgerRows(jobId)).toBe(0);
  });

  it("provider 500s are retried until it succeeds, with one submission and one charge", async () => {
    const before = w.fal.submissions.length;
    w.fal.failSubmissions(2, 500);
    const jobId = await w.create({ type: "image-generation", prompt: "try again" });
    const job = await w.settled(jobId, 50_000);
    expect(job.status).toBe("completed");
    expect(w.fal.submissions.length - before).toBe(1);
    expect(await ledgerRows(jobId)).toBe(1);
  });

  it("a job that keeps failing ends in the dead-letter queue once, failed with its reason", async () => {
    // 500: a failure fal's client leaves to the queue (it retries a 503 itself first, for ~7 s an attempt).
    w.fal.failSubmissions(1_000, 500);
    try {
      const jobId = await w.create({ type: "image-generation", prompt: "poison" });
      const job = await w.settled(jobId, 50_000);
      expect(job.status).toBe("failed");
      expect(job.error?.message).toMatch(/^gave up after 5 attempts: /);
      const boss = w.api.boss;
      if (!boss) throw new Error("no queue");
      const dead = await waitFor(
        async () => {
          const jobs = await boss.fetch<{ jobId: string }>("image-generation-dead", { batchSize: 10 });
          return jobs?.length ? jobs : undefined;
        },
        10_000,
        "the dead letter",
      );
      expect(dead.map((d) => d.data.jobId)).toEqual([jobId]);
      expect(await ledgerRows(jobId)).toBe(0);
    } finally {
      w.fal.failSubmissions(0, 500);
    }
  });

  it("cancel reaches the provider and the job never turns completed", async () => {
    // Long enough that fal is still at work when the cancel reaches it, however loaded the machine.
    w.fal.processingMs = 60_000;
    try {
      const jobId = await w.create({ type: "image-generation", prompt: "slow one" });
      await waitFor(async () => ((await get(jobId)).status === "running" ? true : undefined), 20_000, "the job to run");
      const answer = await trpcCall(w.api.app, w.alice.key, "jobs.cancel", { jobId }, "mutation");
      expect(dataOf<{ status: string }>(answer).status).toBe("canceled");
      // The worker passes the cancel on to fal once it sees it; after that it stores nothing.
      const submitted = () => w.fal.submissions.find((r) => r.input.prompt === "slow one");
      await waitFor(() => (submitted()?.canceled ? true : undefined), 20_000, "fal to be told");
      const job = await get(jobId);
      expect(job.status).toBe("canceled");
      expect(job.versions).toEqual([]);
      expect(submitted()?.canceled).toBe(true);
      expect(await headObject(w.api.deps.storage, `generated-images/alice/${jobId}/image_1.png`)).toBeUndefined();
    } finally {
      w.fal.processingMs = 300;
    }
  });

  it("an NSFW-flagged image is reported as such and not stored", async () => {
    w.fal.flagNsfw = true;
    try {
      const jobId = await w.create({ type: "image-generation", prompt: "flagged" });
      const job = await w.settled(jobId);
      expect(job.status).toBe("failed");
      expect(job.error).toMatchObject({ code: "NSFW" });
      expect(await headObject(w.api.deps.storage, `generated-images/alice/${jobId}/image_1.png`)).toBeUndefined();
    } finally {
      w.fal.flagNsfw = false;
    }
  });

  it("a provider result URL on a private address is refused: the job fails and nothing is stored", async () => {
    w.fal.imageOrigin = "http://127.0.0.2:9";
    try {
      const jobId = await w.create({ type: "image-generation", prompt: "points inside" });
      const job = await w.settled(jobId);
      expect(job.status).toBe("failed");
      expect(job.error).toMatchObject({ code: "BLOCKED_URL" });
      expect(job.error?.message).toMatch(/non-public address \(127\.0\.0\.2\)/);
      expect(await headObject(w.api.deps.storage, `generated-images/alice/${jobId}/image_1.png`)).toBeUndefined();
    } finally {
      w.fal.imageOrigin = undefined;
    }
  });

  it.each([
    "http://127.0.0.1/a.wav",
    "http://169.254.169.254/latest/meta-data",
    "http://10.0.0.8/a.wav",
    "http://[::1]/a.wav",
    "http://[fd00::1]/a.wav",
    "http://localhost:9/a.wav",
  ])("refuses audioUrl %s with a clear error and creates nothing", async (audioUrl) => {
    const before = await rawJobs(w.api.deps).countDocuments({});
    const answer = await trpcCall(w.api.app, w.alice.key, "jobs.create", { type: "transcription", audioUrl }, "mutation");
    expect(answer.status).toBe(400);
    expect(answer.body.error?.message).toMatch(/^audioUrl refused: .*non-public address/);
    expect(await rawJobs(w.api.deps).countDocuments({})).toBe(before);
  });
});
