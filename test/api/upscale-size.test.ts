import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApi, startTestApi } from "../helpers/api.js";
import { trpcCall } from "../helpers/http.js";
import { rawJobs } from "../helpers/raw-jobs.js";

/**
 * An upscale whose result could not be downloaded is refused at create, from the size stored
 * with its source picture: fal would charge for it, and the worker's 50 MiB cap would throw it away.
 */
describe("upscale size, checked at create", () => {
  let api: TestApi;
  let alice: Awaited<ReturnType<TestApi["member"]>>;
  beforeAll(async () => {
    api = await startTestApi();
    alice = await api.member("acme", "alice");
  });
  afterAll(() => api.close());

  /** A finished image job whose one picture has this stored size, as a worker leaves it. */
  async function finishedPicture(width: number, height: number, operation?: "upscale"): Promise<string> {
    const jobId = randomUUID();
    const key = `generated-images/${alice.userId}/${jobId}/image_1.png`;
    await api.deps.jobs.create({
      jobId,
      type: "image-generation",
      userId: alice.userId,
      workspaceId: alice.workspaceId,
      visibility: "workspace",
      input: operation ? { operation, count: 1 } : { prompt: "a lighthouse", count: 1 },
    });
    await api.deps.jobs.pushVersion(jobId, {
      version: 1,
      images: [{ url: key, s3Key: key, width, height, sizeBytes: 1000, contentType: "image/png" }],
    });
    await api.deps.jobs.setStatus(jobId, "completed", { progress: 100 });
    return jobId;
  }
  const upscale = (jobId: string, scale?: 2 | 4) =>
    trpcCall(
      api.app,
      alice.key,
      "jobs.create",
      { type: "image-generation", operation: "upscale", source: { jobId, image: 1 }, ...(scale ? { scale } : {}) },
      "mutation",
    );

  it("refuses a ×4 of a 2048×2048 picture (8192×8192), and says a ×2 fits; takes the ×2", async () => {
    const source = await finishedPicture(2048, 2048);
    const before = await rawJobs(api.deps).countDocuments({});
    const queued = api.queue.enqueued.length;
    const refused = await upscale(source, 4);
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toMatch(/×4 upscale of this 2048×2048 picture would be 8192×8192.*50 MiB.*a ×2 upscale fits/);
    expect(await rawJobs(api.deps).countDocuments({})).toBe(before);
    expect(api.queue.enqueued.length).toBe(queued);
    const taken = await upscale(source, 2);
    expect(taken.status, JSON.stringify(taken.body.error)).toBe(200);
  });

  it("ends a chain of upscales where the next result would not fit: 512 → 2048 → 4096 → no 8192 or 16384", async () => {
    expect((await upscale(await finishedPicture(512, 512), 4)).status).toBe(200);
    expect((await upscale(await finishedPicture(2048, 2048, "upscale"), 2)).status).toBe(200);
    const big = await finishedPicture(4096, 4096, "upscale");
    for (const scale of [2, 4] as const) {
      const answer = await upscale(big, scale);
      expect(answer.status, `×${scale}`).toBe(400);
      expect(answer.body.error?.message).toMatch(/more than a result may be/);
    }
    // The default ×2 as well.
    expect((await upscale(big)).status).toBe(400);
  });

  it("a variation or an edit keeps its source's size: a 4096×4096 source is not refused for its size", async () => {
    const big = await finishedPicture(4096, 4096, "upscale");
    const vary = await trpcCall(
      api.app,
      alice.key,
      "jobs.create",
      { type: "image-generation", operation: "vary", source: { jobId: big, image: 1 }, prompt: "the same, at dusk" },
      "mutation",
    );
    expect(vary.status, JSON.stringify(vary.body.error)).toBe(200);
  });
});
