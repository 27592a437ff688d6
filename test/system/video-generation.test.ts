import { eq } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { usageLedger } from "../../shared/db/sql/schema.js";
import type { PublicJob } from "../../shared/jobs/view.js";
import { videoCost } from "../../shared/pricing.js";
import { readObject } from "../../shared/storage/objects.js";
import { clipFrame, meanDifference, probeMp4 } from "../helpers/clip-frames.js";
import { dataOf, restGet, trpcCall } from "../helpers/http.js";
import { renderPicture } from "../../infra/fakes/picture.js";
import { latestPictureKey, storedPixels, uploadPicture } from "../helpers/stored-pictures.js";
import { useWorkingApi } from "../helpers/working-api.js";

type VideoVersion = {
  video: { s3Key: string; duration: number; width: number; height: number; codec: string; url: string };
  posterUrl: string | null;
  previewUrl: string | null;
  endpoint: string;
  billedSeconds: number;
};

/**
 * Video jobs through the API, the queue, the fal emulator (a real MP4 made by ffmpeg, frame 0 the
 * picture it was given) and S3: the clip streamed under the job's keys, probed, its poster and
 * preview beside it, its cost per second in the usage ledger.
 */
describe("video generation: animate, text-to-video and extend", () => {
  const w = useWorkingApi();

  const ledgerCost = async (jobId: string) =>
    Number((await w.api.deps.sql.db.select().from(usageLedger).where(eq(usageLedger.jobId, jobId)))[0]?.costUsd ?? Number.NaN);
  const versionOf = (job: PublicJob) => job.versions.at(-1) as unknown as VideoVersion;

  let picture: PublicJob;
  let animated: PublicJob | undefined;
  const sourceJob = async () => {
    if (!picture) picture = await w.settled(await w.create({ type: "image-generation", prompt: "a harbour at dawn", imageSize: "square" }));
    expect(picture.status).toBe("completed");
    return picture;
  };

  it("animates a picture of ours: an MP4 in S3 whose frame 0 is the picture, a poster, a preview, the duration asked, its cost", async () => {
    const parent = await sourceJob();
    const jobId = await w.create({
      type: "video-generation",
      operation: "animate",
      source: { jobId: parent.jobId, image: 1 },
      motion: "high",
    });
    const job = await w.settled(jobId);
    expect(job.status, JSON.stringify(job.error)).toBe("completed");
    animated = job;
    expect(job.parent).toMatchObject({ jobId: parent.jobId, image: 1 });

    const sent = w.fal.submissions.find(
      (s) => s.app === "fal-ai/kling-video/v2.1/standard/image-to-video" && String(s.input.image_url).includes(parent.jobId),
    );
    expect(sent?.input).toMatchObject({ duration: "5" });
    expect(String(sent?.input.image_url)).toMatch(/X-Amz-Signature=/);
    // No prompt of its own: the source's, with the motion asked for.
    expect(String(sent?.input.prompt)).toMatch(/^a harbour at dawn; dynamic/);

    const v = versionOf(job);
    expect(v.video.s3Key).toBe(`generated-videos/${w.alice.userId}/${jobId}/video_1.mp4`);
    const mp4 = await readObject(w.api.deps.storage, v.video.s3Key);
    const probed = await probeMp4(mp4);
    expect(probed.duration).toBeCloseTo(5, 0);
    // Kling 2.1 standard makes 720p: a square picture becomes a 720×720 clip.
    expect([probed.width, probed.height, probed.codec]).toEqual([720, 720, "h264"]);
    expect(v.video).toMatchObject({ width: 720, height: 720, codec: "h264" });

    const source = await storedPixels(w.api.deps.storage, latestPictureKey(parent));
    const first = await clipFrame(mp4, source.width, source.height, 0);
    expect(meanDifference(first, source)).toBeLessThan(6);
    // The comparison tells pictures apart: two seconds in, the colours have turned.
    expect(meanDifference(await clipFrame(mp4, source.width, source.height, 2), source)).toBeGreaterThan(12);

    const poster = await readObject(w.api.deps.storage, `generated-videos/${w.alice.userId}/${jobId}/video_1.webp`);
    expect(await sharp(poster).metadata()).toMatchObject({ format: "webp", width: 384, height: 384 });
    const preview = await probeMp4(await readObject(w.api.deps.storage, `generated-videos/${w.alice.userId}/${jobId}/video_1_preview.mp4`));
    expect(preview.duration).toBeLessThanOrEqual(3.1);
    expect(preview.width).toBe(384);

    const files = Object.fromEntries(job.files.map((f) => [f.fileName, f]));
    expect(files["video_1.mp4"]).toMatchObject({ kind: "videos", contentType: "video/mp4" });
    expect(files["video_1.webp"]).toMatchObject({ kind: "videos", contentType: "image/webp" });
    expect(files["video_1_preview.mp4"]).toMatchObject({ kind: "videos", contentType: "video/mp4" });
    expect(v.posterUrl).toMatch(/\/d\//);

    const cost = videoCost("fal-ai/kling-video/v2.1/standard/image-to-video", 5);
    expect(cost).toBeCloseTo(0.28, 6);
    expect(job.costUsd).toBeCloseTo(cost, 6);
    expect(await ledgerCost(jobId)).toBeCloseTo(cost, 6);

    // REST shows the same files, and a link answers with the clip's media type.
    const rest = await restGet(w.api.app, w.alice.key, `/api/jobs/${jobId}`);
    expect(rest.status).toBe(200);
    const restFiles = (rest.body as unknown as PublicJob).files;
    expect(restFiles.map((f) => `${f.fileName} ${f.contentType}`).sort()).toEqual([
      "video_1.mp4 video/mp4",
      "video_1.webp image/webp",
      "video_1_preview.mp4 video/mp4",
    ]);
  });

  it("animates an upload on Hailuo 02 with an end frame, at 512P and 6 seconds, billed at its 512P rate", async () => {
    const upload = await uploadPicture(w.api.app, w.alice.key, renderPicture("an upload", 1, 640, 480), "start.png");
    const end = await uploadPicture(w.api.app, w.alice.key, renderPicture("the end", 2, 640, 480), "end.png");
    const jobId = await w.create({
      type: "video-generation",
      operation: "animate",
      uploadKey: upload,
      endFrame: { uploadKey: end },
      model: "hailuo-02",
      resolution: "512P",
      prompt: "the waves roll in",
    });
    const job = await w.settled(jobId);
    expect(job.status, JSON.stringify(job.error)).toBe("completed");
    const sent = w.fal.submissions.find(
      (s) =>
        s.app === "fal-ai/minimax/hailuo-02/standard/image-to-video" &&
        s.input.prompt === "the waves roll in; subtle, gentle motion, the camera stays still",
    );
    expect(sent?.input).toMatchObject({ duration: "6", resolution: "512P" });
    expect(String(sent?.input.end_image_url)).toMatch(/X-Amz-Signature=/);
    const v = versionOf(job);
    expect([v.video.width, v.video.height]).toEqual([682, 512]);
    expect(v.video.duration).toBeCloseTo(6, 0);
    expect(await ledgerCost(jobId)).toBeCloseTo(6 * 0.017, 6);
  });

  it("makes a clip from a prompt at the aspect ratio asked, at the endpoint's resolution", async () => {
    const jobId = await w.create({ type: "video-generation", prompt: "a paper boat on a stream", aspectRatio: "9:16" });
    const job = await w.settled(jobId);
    expect(job.status, JSON.stringify(job.error)).toBe("completed");
    const sent = w.fal.submissions.find((s) => s.input.prompt === "a paper boat on a stream");
    expect(sent?.app).toBe("fal-ai/kling-video/v2.5-turbo/pro/text-to-video");
    expect(sent?.input).toEqual({ prompt: "a paper boat on a stream", duration: "5", aspect_ratio: "9:16" });
    const probed = await probeMp4(await readObject(w.api.deps.storage, versionOf(job).video.s3Key));
    expect([probed.width, probed.height]).toEqual([1080, 1920]);
    expect(probed.duration).toBeCloseTo(5, 0);
    expect(job.costUsd).toBeCloseTo(5 * 0.07, 6);
  });

  it("extends a clip of ours on PixVerse: the continuation starts where the clip ends, at the clip's shape", async () => {
    const source = animated ?? expect.unreachable("the animate test runs first");
    const jobId = await w.create({ type: "video-generation", operation: "extend", source: { jobId: source.jobId, video: 1 } });
    const job = await w.settled(jobId);
    expect(job.status, JSON.stringify(job.error)).toBe("completed");
    // Its parent is the clip it continues, as a variation's is its picture: the clip's lineage lists it.
    expect(job.parent).toMatchObject({ jobId: source.jobId, image: 1, prompt: "a harbour at dawn" });
    const children = await trpcCall(w.api.app, w.alice.key, "jobs.list", { parentJobId: source.jobId }, "query");
    expect(dataOf<{ items: PublicJob[] }>(children).items.map((j) => j.jobId)).toEqual([jobId]);
    const sent = w.fal.submissions.find((s) => s.app === "fal-ai/pixverse/extend" && String(s.input.video_url).includes(source.jobId));
    // No prompt of its own: the clip's, which was its picture's.
    expect(sent?.input).toMatchObject({ prompt: "a harbour at dawn", duration: "5", resolution: "720p" });
    expect(String(sent?.input.video_url)).toMatch(/X-Amz-Signature=/);
    const before = await readObject(w.api.deps.storage, versionOf(source).video.s3Key);
    const after = await readObject(w.api.deps.storage, versionOf(job).video.s3Key);
    const [end, start] = [await clipFrame(before, 360, 360, 4.8), await clipFrame(after, 360, 360, 0)];
    expect(meanDifference(start, end)).toBeLessThan(6);
    expect(meanDifference(start, await clipFrame(before, 360, 360, 0))).toBeGreaterThan(12);
    expect(await probeMp4(after)).toMatchObject({ width: 720, height: 720 });
    expect(job.costUsd).toBeCloseTo(5 * 0.04, 6);
    const refused = await trpcCall(
      w.api.app,
      w.alice.key,
      "jobs.create",
      { type: "video-generation", operation: "extend", source: { jobId: source.jobId, video: 1 }, resolution: "1080p", duration: 8 },
      "mutation",
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toMatch(/1080p clips of at most 5 seconds/);
  });
});
