import { randomUUID } from "node:crypto";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import type { PublicJob } from "../../shared/jobs/view.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { rawJobs } from "../helpers/raw-jobs.js";
import { useWorkingApi } from "../helpers/working-api.js";

/**
 * Upscales, variations and edits of one picture of a finished job: each a new job linked to its
 * parent, run on its fal endpoint (the emulator downloads the source as fal does and works on it),
 * scoped like every read.
 */
describe("operations on a picture: upscale, vary, edit", () => {
  const w = useWorkingApi();
  const create = (key: string, input: unknown) => trpcCall(w.api.app, key, "jobs.create", input, "mutation");

  async function picture(job: PublicJob, n: number): Promise<PNG> {
    const version = job.versions.at(-1) as { images: Array<{ s3Key: string }> } | undefined;
    const key = version?.images[n - 1]?.s3Key ?? "";
    const res = await w.api.deps.storage.client.send(new GetObjectCommand({ Bucket: w.api.deps.storage.bucket, Key: key }));
    return PNG.sync.read(Buffer.from(await (res.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray()));
  }
  /** The mean absolute difference of two same-sized pictures' colour channels, 0 to 255. */
  function difference(a: PNG, b: PNG): number {
    expect([a.width, a.height]).toEqual([b.width, b.height]);
    let sum = 0;
    let n = 0;
    for (let i = 0; i < a.data.length; i += 4) {
      for (let c = 0; c < 3; c++) sum += Math.abs((a.data[i + c] ?? 0) - (b.data[i + c] ?? 0));
      n += 3;
    }
    return sum / n;
  }

  let source: PublicJob;
  const sourceJob = async () => {
    if (!source)
      source = await w.settled(await w.create({ type: "image-generation", prompt: "a lighthouse at dusk", imageSize: "square", count: 2 }));
    expect(source.status).toBe("completed");
    return source;
  };

  it("an upscale is the picture twice as wide and tall, stored under its own job, linked to its parent", async () => {
    const parent = await sourceJob();
    const jobId = await w.create({ type: "image-generation", operation: "upscale", source: { jobId: parent.jobId, image: 2 } });
    const job = await w.settled(jobId);
    expect(job.status, JSON.stringify(job.error)).toBe("completed");
    expect(job.parent).toMatchObject({ jobId: parent.jobId, image: 2 });
    const submitted = w.fal.submissions.find((s) => s.app === "fal-ai/esrgan" && (s.input.image_url as string).includes(parent.jobId));
    expect(submitted?.input).toMatchObject({ scale: 2, output_format: "png" });
    // fal gets a short-lived presigned URL of our private bucket, never a public one.
    expect(String(submitted?.input.image_url)).toMatch(/X-Amz-Signature=/);
    const [before, after] = [await picture(parent, 2), await picture(job, 1)];
    expect([after.width, after.height]).toEqual([before.width * 2, before.height * 2]);
    const version = job.versions[0] as { images: Array<{ s3Key: string; width: number }> };
    expect(version.images[0]?.s3Key).toBe(`generated-images/${w.alice.userId}/${jobId}/image_1.png`);
    expect((await rawJobs(w.api.deps).findOne({ jobId }))?.parentJobId).toBe(parent.jobId);
    expect(job.parent).toMatchObject({ prompt: "a lighthouse at dusk" });
    // A variation of the upscale draws what the first generation's prompt described.
    const varied = await w.settled(await w.create({ type: "image-generation", operation: "vary", source: { jobId, image: 1 } }));
    expect(varied.status, JSON.stringify(varied.error)).toBe("completed");
    const sent = w.fal.submissions.find(
      (sub) => sub.app === "fal-ai/flux/dev/image-to-image" && String(sub.input.image_url).includes(jobId),
    );
    expect(sent?.input.prompt).toBe("a lighthouse at dusk");
  });

  it("a variation keeps its source's size and prompt and differs from it, a strong one more than a subtle one; 4 at once differ from each other", async () => {
    const parent = await sourceJob();
    // The same seed: the two differ only in how far they stray.
    const subtle = await w.settled(
      await w.create({
        type: "image-generation",
        operation: "vary",
        source: { jobId: parent.jobId, image: 1 },
        strength: "subtle",
        seed: "7",
      }),
    );
    const strong = await w.settled(
      await w.create({ type: "image-generation", operation: "vary", source: { jobId: parent.jobId, image: 1 }, count: 4, seed: "7" }),
    );
    expect([subtle.status, strong.status]).toEqual(["completed", "completed"]);
    const submitted = w.fal.submissions.filter(
      (s) => s.app === "fal-ai/flux/dev/image-to-image" && String(s.input.image_url).includes(parent.jobId),
    );
    expect(submitted.map((s) => [s.input.prompt, s.input.strength])).toEqual([
      ["a lighthouse at dusk", 0.5],
      ["a lighthouse at dusk", 0.85],
    ]);
    const original = await picture(parent, 1);
    const subtleDiff = difference(original, await picture(subtle, 1));
    const strongDiff = difference(original, await picture(strong, 1));
    expect(subtleDiff).toBeGreaterThan(1);
    expect(strongDiff).toBeGreaterThan(subtleDiff);
    expect(difference(await picture(strong, 1), await picture(strong, 2))).toBeGreaterThan(1);
    // Found by its source's prompt.
    const found = dataOf<{ items: Array<{ jobId: string }> }>(
      await trpcCall(w.api.app, w.alice.key, "assets.search", { q: "lighthouse", type: "image-generation" }, "query"),
    );
    expect(found.items.map((i) => i.jobId)).toContain(subtle.jobId);
  });

  it("an edit sends its instruction to Kontext with the picture, and keeps the picture's size", async () => {
    const parent = await sourceJob();
    const job = await w.settled(
      await w.create({ type: "image-generation", operation: "edit", source: { jobId: parent.jobId, image: 1 }, prompt: "make it night" }),
    );
    expect(job.status, JSON.stringify(job.error)).toBe("completed");
    const submitted = w.fal.submissions.find((s) => s.app === "fal-ai/flux-pro/kontext" && s.input.prompt === "make it night");
    expect(String(submitted?.input.image_url)).toContain(parent.jobId);
    const [before, after] = [await picture(parent, 1), await picture(job, 1)];
    expect(difference(before, after)).toBeGreaterThan(1);
  });

  it("the worker checks an upscale's size again before it pays: one too big to download fails, and fal is never asked", async () => {
    const owner = { userId: w.alice.userId, workspaceId: w.alice.workspaceId };
    // A finished 4096×4096 picture, and an upscale of it written past the create check.
    const big = randomUUID();
    const key = `generated-images/${owner.userId}/${big}/image_1.png`;
    await w.api.deps.jobs.create({ jobId: big, type: "image-generation", ...owner, visibility: "workspace", input: { prompt: "big" } });
    await w.api.deps.jobs.pushVersion(big, { version: 1, images: [{ url: key, s3Key: key, width: 4096, height: 4096, sizeBytes: 1 }] });
    await w.api.deps.jobs.setStatus(big, "completed", { progress: 100 });
    const jobId = randomUUID();
    const input = {
      type: "image-generation",
      operation: "upscale",
      source: { jobId: big, image: 1 },
      scale: 2,
      count: 1,
      outputFormat: "png",
    };
    await w.api.deps.jobs.create({ jobId, type: "image-generation", ...owner, visibility: "workspace", input });
    await w.api.deps.queue.enqueue({ jobId, type: "image-generation", owner });
    const job = await w.settled(jobId);
    expect(job.status).toBe("failed");
    expect(job.error).toMatchObject({ code: "TOO_LARGE", message: expect.stringMatching(/would be 8192×8192/) });
    expect(w.fal.submissions.some((s) => String(s.input.image_url).includes(big))).toBe(false);
  });

  it("refuses, creating nothing: a picture the caller may not see, one that does not exist, an unfinished source, and options the operation does not take", async () => {
    const parent = await sourceJob();
    const rival = await w.api.member("rivals", "rick");
    const bob = await w.api.member("acme", "bob");
    const secret = await w.settled(
      await w.create({ type: "image-generation", prompt: "a private sketch", imageSize: "square", visibility: "private" }),
    );
    const before = await rawJobs(w.api.deps).countDocuments({});
    const refusals: Array<[string, string, unknown, number, RegExp]> = [
      [
        "another workspace's job",
        rival.key,
        { type: "image-generation", operation: "upscale", source: { jobId: parent.jobId, image: 1 } },
        404,
        /was not found/,
      ],
      [
        "a teammate's private job",
        bob.key,
        { type: "image-generation", operation: "vary", source: { jobId: secret.jobId, image: 1 } },
        404,
        /was not found/,
      ],
      [
        "picture 3 of 2",
        w.alice.key,
        { type: "image-generation", operation: "upscale", source: { jobId: parent.jobId, image: 3 } },
        400,
        /has 2 pictures; there is no picture 3/,
      ],
      [
        "an upscale with a prompt",
        w.alice.key,
        { type: "image-generation", operation: "upscale", source: { jobId: parent.jobId, image: 1 }, prompt: "bigger" },
        400,
        /upscale does not take prompt/,
      ],
      [
        "an edit without an instruction",
        w.alice.key,
        { type: "image-generation", operation: "edit", source: { jobId: parent.jobId, image: 1 } },
        400,
        /edit needs a prompt/,
      ],
      [
        "a variation resized",
        w.alice.key,
        { type: "image-generation", operation: "vary", source: { jobId: parent.jobId, image: 1 }, imageSize: "portrait_4_3" },
        400,
        /vary does not take imageSize/,
      ],
      [
        "a generation with a source",
        w.alice.key,
        { type: "image-generation", prompt: "x", source: { jobId: parent.jobId, image: 1 } },
        400,
        /generate does not take source/,
      ],
      ["an operation without a source", w.alice.key, { type: "image-generation", operation: "vary" }, 400, /vary needs a source image/],
    ];
    for (const [what, key, input, status, message] of refusals) {
      const answer = await create(key, input);
      expect(answer.status, what).toBe(status);
      expect(JSON.stringify(answer.body.error), what).toMatch(message);
    }
    // An unfinished source: held at fal until the refusal is seen.
    const processing = w.fal.processingMs;
    w.fal.processingMs = 60_000;
    try {
      const running = await w.create({ type: "image-generation", prompt: "still drawing", imageSize: "square" });
      const answer = await create(w.alice.key, { type: "image-generation", operation: "upscale", source: { jobId: running, image: 1 } });
      expect(answer.status).toBe(412);
      expect(JSON.stringify(answer.body.error)).toMatch(/has not finished/);
      expect(await rawJobs(w.api.deps).countDocuments({})).toBe(before + 1);
      await trpcCall(w.api.app, w.alice.key, "jobs.cancel", { jobId: running }, "mutation");
    } finally {
      w.fal.processingMs = processing;
    }
  });
});
