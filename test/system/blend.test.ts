import { describe, expect, it } from "vitest";
import { bands } from "../helpers/fal-tools.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { rawJobs } from "../helpers/raw-jobs.js";
import { useWorkingApi } from "../helpers/working-api.js";

/**
 * Blend: 2 to 4 pictures, ours or the member's own, into new ones on FLUX Kontext multi (the
 * emulator's result is 60% the average of its pictures, so each one counts), linked to its
 * sources and priced per picture.
 */
describe("blend", () => {
  const w = useWorkingApi();
  const create = (key: string, input: unknown) => trpcCall(w.api.app, key, "jobs.create", input, "mutation");

  async function upload(key: string, bytes: Buffer, fileName: string): Promise<string> {
    const up = dataOf<{ uploadKey: string; url: string; headers: Record<string, string> }>(
      await trpcCall(w.api.app, key, "assets.uploadUrl", { fileName, contentType: "image/png", sizeBytes: bytes.length }, "mutation"),
    );
    expect((await fetch(up.url, { method: "PUT", body: new Uint8Array(bytes), headers: up.headers })).status).toBe(200);
    return up.uploadKey;
  }

  it("two of our pictures and an upload: Kontext multi gets all three, the result links its sources and costs $0.04 a picture", async () => {
    const a = await w.settled(await w.create({ type: "image-generation", prompt: "a red fox", imageSize: "square", count: 2 }));
    const uploadKey = await upload(w.alice.key, await bands(256, 256, [[30, 70, 200]]), "blue.png");
    const sources = [{ jobId: a.jobId, image: 1 }, { jobId: a.jobId, image: 2 }, { uploadKey }];
    const jobId = await w.create({ type: "image-generation", operation: "blend", sources, aspectRatio: "16:9", count: 2 });
    const job = await w.settled(jobId);
    expect(job.status, JSON.stringify(job.error)).toBe("completed");
    expect(job.sources).toEqual([
      { jobId: a.jobId, image: 1 },
      { jobId: a.jobId, image: 2 },
    ]);
    expect(job.input.sources).toEqual(sources);
    const sent = w.fal.submissions.find((s) => s.app === "fal-ai/flux-pro/kontext/multi" && JSON.stringify(s.input).includes(a.jobId));
    const urls = sent?.input.image_urls as string[];
    expect(urls).toHaveLength(3);
    expect(urls.every((u) => /X-Amz-Signature=/.test(u))).toBe(true);
    expect(sent?.input).toMatchObject({ aspect_ratio: "16:9", num_images: 2, prompt: expect.stringMatching(/blends these pictures/) });
    const version = job.versions[0] as { images: Array<{ width: number; height: number }>; endpoint: string };
    expect(version.images).toHaveLength(2);
    expect(version.images[0]?.width).toBeGreaterThan(version.images[0]?.height ?? 0);
    expect(version.endpoint).toBe("fal-ai/flux-pro/kontext/multi");
    expect(job.costUsd).toBeCloseTo(0.08, 6);
  });

  it("refuses at create, queuing nothing: 1, 5 or 6 pictures, a shape Kontext does not take, a source, another workspace's picture", async () => {
    const a = await w.settled(await w.create({ type: "image-generation", prompt: "a hare", imageSize: "square" }));
    const s = { jobId: a.jobId, image: 1 };
    const rival = await w.api.member("rivals", "rick");
    const before = await rawJobs(w.api.deps).countDocuments({});
    const refusals: Array<[string, unknown, number, RegExp]> = [
      [w.alice.key, { sources: [s] }, 400, /blend needs at least 2 pictures/],
      [
        w.alice.key,
        { sources: [s, s, s, s, s] },
        400,
        /blend takes at most 4 pictures: FLUX Kontext multi, which blends them, has 4 image slots/,
      ],
      [w.alice.key, { sources: [s, s, s, s, s, s] }, 400, /blend takes at most 5 pictures/],
      [w.alice.key, { sources: [s, s], aspectRatio: "5:4" }, 400, /blend takes one of 21:9, 16:9/],
      [w.alice.key, { sources: [s, s], source: s }, 400, /blend does not take source/],
      [w.alice.key, { sources: [s, s], steps: 20 }, 400, /blend does not take steps/],
      [w.alice.key, {}, 400, /blend needs sources/],
      [w.alice.key, { sources: [s, { jobId: a.jobId, image: 3 }] }, 400, /has 1 picture; there is no picture 3/],
      [w.alice.key, { sources: [s, { imageUrl: "http://169.254.169.254/latest" }] }, 400, /imageUrl refused/],
      [rival.key, { sources: [s, s] }, 404, /was not found/],
    ];
    for (const [key, input, status, message] of refusals) {
      const answer = await create(key, { type: "image-generation", operation: "blend", ...(input as object) });
      expect(answer.status, JSON.stringify(input)).toBe(status);
      expect(JSON.stringify(answer.body.error), JSON.stringify(input)).toMatch(message);
    }
    expect(await rawJobs(w.api.deps).countDocuments({})).toBe(before);
    // A generation does not take sources.
    expect((await create(w.alice.key, { type: "image-generation", prompt: "x", sources: [s, s] })).status).toBe(400);
  });
});
