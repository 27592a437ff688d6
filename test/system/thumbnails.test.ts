import { randomUUID } from "node:crypto";
import { GetObjectCommand, ListObjectVersionsCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import sharp from "sharp";
import { describe, expect, it, vi } from "vitest";
import type { PublicJob } from "../../shared/jobs/view.js";
import { generatedImageKey, thumbnailKey, thumbnailsPrefix } from "../../shared/storage/keys.js";
import { headObject } from "../../shared/storage/objects.js";
import { ThumbnailSourceError, ensureThumbnail, makeThumbnail } from "../../shared/storage/thumbnails.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { runEntry } from "../helpers/processes.js";
import { useWorkingApi } from "../helpers/working-api.js";

/**
 * The gallery's thumbnails: made by the image worker for every picture it stores (generations and
 * operations alike), removed with their job, made for older jobs by `thumbnails backfill`, and on
 * demand by ensureThumbnail, once however many ask at the same time.
 */
describe("thumbnails", () => {
  const w = useWorkingApi();

  const bytesAt = async (key: string) => {
    const res = await w.api.deps.storage.client.send(new GetObjectCommand({ Bucket: w.api.deps.storage.bucket, Key: key }));
    return {
      bytes: Buffer.from(await (res.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray()),
      contentType: res.ContentType,
    };
  };
  const versionsAt = async (prefix: string) => {
    const v = await w.api.deps.storage.client.send(new ListObjectVersionsCommand({ Bucket: w.api.deps.storage.bucket, Prefix: prefix }));
    return [...(v.Versions ?? []), ...(v.DeleteMarkers ?? [])];
  };
  const imagesOf = (job: PublicJob) => (job.versions.at(-1) as { images: Array<{ s3Key: string; width: number; height: number }> }).images;

  /** A noisy picture, as a photo is: its PNG is large, its thumbnail much smaller. */
  const picture = (width: number, height: number) =>
    sharp({
      create: { width, height, channels: 3, background: { r: 90, g: 140, b: 200 }, noise: { type: "gaussian", mean: 128, sigma: 40 } },
    });

  /** A completed image job whose pictures are stored but have no thumbnails, as jobs made before them are. */
  async function olderJob(pictures: Array<{ bytes: Buffer; ext: "png" | "jpg"; width: number; height: number }>): Promise<string> {
    const jobId = randomUUID();
    const images = [];
    for (const [i, p] of pictures.entries()) {
      const key = generatedImageKey(w.alice.userId, jobId, i + 1, p.ext);
      const contentType = p.ext === "jpg" ? "image/jpeg" : "image/png";
      await w.api.deps.storage.client.send(
        new PutObjectCommand({ Bucket: w.api.deps.storage.bucket, Key: key, Body: p.bytes, ContentType: contentType }),
      );
      images.push({ url: key, s3Key: key, width: p.width, height: p.height, sizeBytes: p.bytes.length, contentType });
    }
    await w.api.deps.jobs.create({
      jobId,
      type: "image-generation",
      userId: w.alice.userId,
      workspaceId: w.alice.workspaceId,
      input: { prompt: "an older picture", count: pictures.length },
    });
    await w.api.deps.jobs.pushVersion(jobId, { version: 1, images });
    await w.api.deps.jobs.setStatus(jobId, "completed", { progress: 100 });
    return jobId;
  }

  const backfill = async () => {
    const c = w.api.deps.config;
    const run = runEntry(
      "cli/main.ts",
      {
        NODE_ENV: "test",
        LOG_LEVEL: "silent",
        DATABASE_URL: c.databaseUrl,
        MONGODB_URL: c.mongo.url,
        MONGODB_DB: c.mongo.db,
        S3_ENDPOINT: c.s3.endpoint,
        S3_REGION: c.s3.region,
        S3_BUCKET: c.s3.bucket,
        S3_ACCESS_KEY_ID: c.s3.accessKeyId,
        S3_SECRET_ACCESS_KEY: c.s3.secretAccessKey,
        S3_FORCE_PATH_STYLE: String(c.s3.forcePathStyle),
      },
      ["thumbnails", "backfill"],
    );
    const code = await run.exited;
    const counts = /^thumbnails: made (\d+), already there (\d+), failed (\d+) \((\d+) image jobs\)$/m.exec(run.stdout());
    expect(counts, run.stderr()).not.toBeNull();
    const [made, present, failed, jobs] = (counts ?? []).slice(1).map(Number);
    return { code, made, present, failed, jobs, stderr: run.stderr() };
  };

  let generated: PublicJob;
  const generatedJob = async () => {
    if (!generated)
      generated = await w.settled(
        await w.create({ type: "image-generation", prompt: "a harbour at noon", imageSize: "landscape_4_3", count: 2 }),
      );
    expect(generated.status, JSON.stringify(generated.error)).toBe("completed");
    return generated;
  };

  /** Checks picture n's thumbnail: WebP, the picture's proportions at 384 px on its longer side, fewer bytes. */
  async function expectThumbnail(jobId: string, n: number, source: { s3Key: string; width: number; height: number }) {
    const { bytes, contentType } = await bytesAt(thumbnailKey(w.alice.userId, jobId, n));
    expect(contentType).toBe("image/webp");
    const meta = await sharp(bytes).metadata();
    expect(meta.format).toBe("webp");
    expect(Math.max(meta.width, meta.height)).toBe(Math.min(384, Math.max(source.width, source.height)));
    expect(meta.width / meta.height).toBeCloseTo(source.width / source.height, 1);
    expect(meta.exif).toBeUndefined();
    expect(bytes.length).toBeLessThan((await bytesAt(source.s3Key)).bytes.length);
  }

  it("the worker stores a WebP thumbnail of each picture, there when the job is completed", async () => {
    const job = await generatedJob();
    const images = imagesOf(job);
    expect(images).toHaveLength(2);
    for (const [i, image] of images.entries()) await expectThumbnail(job.jobId, i + 1, image);
    // Thumbnails are the gallery's, not the job's files: the API lists only the pictures.
    expect(JSON.stringify(job)).not.toContain("thumbnails/");
  });

  it("an upscale's picture gets its thumbnail the same way", async () => {
    const parent = await generatedJob();
    const upscale = await w.settled(
      await w.create({ type: "image-generation", operation: "upscale", source: { jobId: parent.jobId, image: 1 } }),
    );
    expect(upscale.status, JSON.stringify(upscale.error)).toBe("completed");
    const [image] = imagesOf(upscale);
    expect(image?.width).toBe(2048);
    if (image) await expectThumbnail(upscale.jobId, 1, image);
  });

  it("deleting a job deletes its thumbnails, every version", async () => {
    const job = await w.settled(await w.create({ type: "image-generation", prompt: "a picture to delete", imageSize: "square" }));
    expect(job.status).toBe("completed");
    const prefix = thumbnailsPrefix(w.alice.userId, job.jobId);
    expect(await versionsAt(prefix)).toHaveLength(1);
    const deleted = await trpcCall(w.api.app, w.alice.key, "jobs.delete", { jobId: job.jobId }, "mutation");
    // The picture and its thumbnail.
    expect(dataOf<{ deleted: boolean; objectsRemoved: number }>(deleted)).toEqual({ jobId: job.jobId, deleted: true, objectsRemoved: 2 });
    expect(await versionsAt(prefix)).toEqual([]);
  });

  it("makes a thumbnail upright and without the picture's metadata", async () => {
    // A camera's JPEG: stored 600×400, shown turned a quarter (EXIF orientation 6), with EXIF to drop.
    const jpeg = await picture(600, 400).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const meta = await sharp(await makeThumbnail(jpeg)).metadata();
    expect([meta.width, meta.height]).toEqual([256, 384]);
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    // Never made larger than the picture.
    const small = await sharp(await makeThumbnail(await picture(200, 100).png().toBuffer())).metadata();
    expect([small.width, small.height]).toEqual([200, 100]);
  });

  it("backfill makes the missing thumbnails of older jobs, and a second run makes none", async () => {
    await generatedJob();
    const png = await picture(1200, 800).png().toBuffer();
    const jpg = await picture(500, 700).jpeg({ quality: 92 }).toBuffer();
    const two = await olderJob([
      { bytes: png, ext: "png", width: 1200, height: 800 },
      { bytes: jpg, ext: "jpg", width: 500, height: 700 },
    ]);
    const one = await olderJob([{ bytes: png, ext: "png", width: 1200, height: 800 }]);
    expect(await headObject(w.api.deps.storage, thumbnailKey(w.alice.userId, two, 1))).toBeUndefined();

    const first = await backfill();
    expect(first, first.stderr).toMatchObject({ code: 0, made: 3, failed: 0 });
    // The worker's thumbnails were there already; the deleted job's are not looked for.
    expect(first.present).toBeGreaterThanOrEqual(2);
    await expectThumbnail(two, 1, { s3Key: generatedImageKey(w.alice.userId, two, 1, "png"), width: 1200, height: 800 });
    await expectThumbnail(two, 2, { s3Key: generatedImageKey(w.alice.userId, two, 2, "jpg"), width: 500, height: 700 });
    await expectThumbnail(one, 1, { s3Key: generatedImageKey(w.alice.userId, one, 1, "png"), width: 1200, height: 800 });

    const second = await backfill();
    expect(second).toMatchObject({ code: 0, made: 0, failed: 0, present: (first.present ?? 0) + 3, jobs: first.jobs });
    // Nothing was written again.
    expect(await versionsAt(thumbnailsPrefix(w.alice.userId, two))).toHaveLength(2);
  });

  it("concurrent makers in separate processes leave one object with one version", async () => {
    const jobId = await olderJob([{ bytes: await picture(900, 900).png().toBuffer(), ext: "png", width: 900, height: 900 }]);
    const job = await w.api.deps.jobs.get(jobId);
    if (!job) throw new Error("job not stored");
    // A second copy of the module has its own in-flight map, as another process would.
    vi.resetModules();
    const other = (await import("../../shared/storage/thumbnails.js")) as typeof import("../../shared/storage/thumbnails.js");
    expect(other.ensureThumbnail).not.toBe(ensureThumbnail);
    const keys = await Promise.all([
      ensureThumbnail(w.api.deps.storage, job, 1),
      other.ensureThumbnail(w.api.deps.storage, job, 1),
      ensureThumbnail(w.api.deps.storage, job, 1),
    ]);
    expect(new Set(keys)).toEqual(new Set([thumbnailKey(w.alice.userId, jobId, 1)]));
    expect(await versionsAt(thumbnailsPrefix(w.alice.userId, jobId))).toHaveLength(1);
    // Present already: no further write.
    await ensureThumbnail(w.api.deps.storage, job, 1);
    expect(await versionsAt(thumbnailsPrefix(w.alice.userId, jobId))).toHaveLength(1);
  });

  it("a missing or unreadable source is a ThumbnailSourceError naming it, and stores nothing", async () => {
    const jobId = randomUUID();
    const key = generatedImageKey(w.alice.userId, jobId, 1);
    const job = {
      jobId,
      userId: w.alice.userId,
      versions: [{ version: 1, images: [{ url: key, s3Key: key, width: 64, height: 64, sizeBytes: 10 }] }],
    };
    await expect(ensureThumbnail(w.api.deps.storage, job, 1)).rejects.toThrow(
      new ThumbnailSourceError(`image 1 of job ${jobId} is not in storage (${key})`),
    );
    await expect(ensureThumbnail(w.api.deps.storage, job, 2)).rejects.toThrow(new ThumbnailSourceError(`job ${jobId} has no image 2`));
    await w.api.deps.storage.client.send(
      new PutObjectCommand({ Bucket: w.api.deps.storage.bucket, Key: key, Body: "not a picture", ContentType: "image/png" }),
    );
    await expect(ensureThumbnail(w.api.deps.storage, job, 1)).rejects.toThrow(/^not a picture sharp can read/);
    await expect(ensureThumbnail(w.api.deps.storage, job, 1)).rejects.toBeInstanceOf(ThumbnailSourceError);
    expect(await versionsAt(thumbnailsPrefix(w.alice.userId, jobId))).toEqual([]);
  });
});
