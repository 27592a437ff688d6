import { describe, expect, it } from "vitest";
import type { PublicJob } from "../../shared/jobs/view.js";
import { fillInputKey } from "../../shared/storage/keys.js";
import { trpcCall } from "../helpers/http.js";
import { rawJobs } from "../helpers/raw-jobs.js";
import { type Pixels, latestPictureKey, storedPixels } from "../helpers/stored-pictures.js";
import { useWorkingApi } from "../helpers/working-api.js";

/**
 * Zoom-out and pan: the frame grows around a finished picture, FLUX Fill (the emulator's, which
 * keeps the source's pixel where the mask is black and paints every white one anew) paints the
 * new part, and the stored result is the source again, pixel for pixel, apart from a seam of at
 * most 32 px along the sides that meet the new part.
 */
describe("zoom-out and pan", () => {
  const w = useWorkingApi();
  const create = (input: unknown) => trpcCall(w.api.app, w.alice.key, "jobs.create", input, "mutation");
  const SEAM = 32;

  const pixels = (key: string) => storedPixels(w.api.deps.storage, key);
  const pictureOf = (job: PublicJob, n = 1) => pixels(latestPictureKey(job, n));
  const at = (p: Pixels, x: number, y: number) => [...p.data.subarray((y * p.width + x) * 3, (y * p.width + x) * 3 + 3)];

  /** Counts the result's pixels in a rectangle that differ from the source's at (x - left, y - top). */
  function differing(result: Pixels, source: Pixels, left: number, top: number, rect: { x0: number; y0: number; x1: number; y1: number }) {
    let n = 0;
    for (let y = rect.y0; y < rect.y1; y++)
      for (let x = rect.x0; x < rect.x1; x++) if (at(result, x, y).join() !== at(source, x - left, y - top).join()) n++;
    return n;
  }
  /** The share of a rectangle's pixels unlike the grey the new part of the frame starts as: Fill painted them. */
  function painted(result: Pixels, rect: { x0: number; y0: number; x1: number; y1: number }) {
    let n = 0;
    let all = 0;
    for (let y = rect.y0; y < rect.y1; y++)
      for (let x = rect.x0; x < rect.x1; x++) {
        all++;
        if (at(result, x, y).join() !== "128,128,128") n++;
      }
    return n / all;
  }

  let source: PublicJob;
  const sourceJob = async () => {
    if (!source) source = await w.settled(await w.create({ type: "image-generation", prompt: "a harbour at dawn", imageSize: "square" }));
    expect(source.status).toBe("completed");
    return source;
  };

  it("a 2× zoom-out is twice as wide and tall, with the source at its centre pixel for pixel away from the seam, the border painted by Fill", async () => {
    const parent = await sourceJob();
    const src = await pictureOf(parent);
    const jobId = await w.create({ type: "image-generation", operation: "zoom-out", source: { jobId: parent.jobId, image: 1 }, factor: 2 });
    const job = await w.settled(jobId);
    expect(job.status, JSON.stringify(job.error)).toBe("completed");
    expect(job.parent).toMatchObject({ jobId: parent.jobId, image: 1, prompt: "a harbour at dawn" });
    const out = await pictureOf(job);
    expect([out.width, out.height]).toEqual([src.width * 2, src.height * 2]);
    const [left, top] = [src.width / 2, src.height / 2];
    // The source, exactly, inside the seam; the seam itself blends (it is not the source everywhere).
    expect(
      differing(out, src, left, top, { x0: left + SEAM, y0: top + SEAM, x1: left + src.width - SEAM, y1: top + src.height - SEAM }),
    ).toBe(0);
    expect(differing(out, src, left, top, { x0: left, y0: top, x1: left + src.width, y1: top + 4 })).toBeGreaterThan(0);
    // The new border: every part of it painted.
    expect(painted(out, { x0: 0, y0: 0, x1: out.width, y1: top })).toBeGreaterThan(0.9);
    expect(painted(out, { x0: 0, y0: top + src.height, x1: out.width, y1: out.height })).toBeGreaterThan(0.9);
    expect(painted(out, { x0: 0, y0: top, x1: left, y1: top + src.height })).toBeGreaterThan(0.9);
    // Fill got the grown frame and a mask of its size, black over the kept source, as presigned URLs of our bucket.
    const sent = w.fal.submissions.find((s) => s.app === "fal-ai/flux-pro/v1/fill" && String(s.input.image_url).includes(jobId));
    expect(sent?.input).toMatchObject({ prompt: "a harbour at dawn", num_images: 1, output_format: "png" });
    expect(String(sent?.input.mask_url)).toMatch(/X-Amz-Signature=/);
    const mask = await pixels(fillInputKey(w.alice.userId, jobId, "mask"));
    expect([mask.width, mask.height]).toEqual([out.width, out.height]);
    expect(at(mask, out.width / 2, out.height / 2)).toEqual([0, 0, 0]);
    expect(at(mask, 5, 5)).toEqual([255, 255, 255]);
    // Priced as Fill bills it: $0.05 a megapixel of the output, rounded up (1024×1024 is one).
    expect(job.costUsd).toBeCloseTo(0.05, 6);
    expect((job.versions[0] as { endpoint?: string }).endpoint).toBe("fal-ai/flux-pro/v1/fill");
  });

  it("a 1.5× zoom-out with a new prompt and a 16:9 frame: the source centred, the frame that shape", async () => {
    const parent = await sourceJob();
    const src = await pictureOf(parent);
    const job = await w.settled(
      await w.create({
        type: "image-generation",
        operation: "zoom-out",
        source: { jobId: parent.jobId, image: 1 },
        factor: 1.5,
        aspectRatio: "16:9",
        prompt: "a harbour at dawn, wide shot",
      }),
    );
    expect(job.status, JSON.stringify(job.error)).toBe("completed");
    const out = await pictureOf(job);
    expect(out.height).toBe(src.height * 1.5);
    expect(out.width).toBe(Math.round(out.height * (16 / 9)));
    const left = Math.round((out.width - src.width) / 2);
    const top = Math.round((out.height - src.height) / 2);
    expect(
      differing(out, src, left, top, { x0: left + SEAM, y0: top + SEAM, x1: left + src.width - SEAM, y1: top + src.height - SEAM }),
    ).toBe(0);
    expect(w.fal.submissions.some((s) => s.app === "fal-ai/flux-pro/v1/fill" && s.input.prompt === "a harbour at dawn, wide shot")).toBe(
      true,
    );
  });

  it("a pan extends the named side by the amount and keeps the rest: left by half, up by a quarter", async () => {
    const parent = await sourceJob();
    const src = await pictureOf(parent);
    const leftJob = await w.settled(
      await w.create({ type: "image-generation", operation: "pan", source: { jobId: parent.jobId, image: 1 }, direction: "left" }),
    );
    expect(leftJob.status, JSON.stringify(leftJob.error)).toBe("completed");
    const l = await pictureOf(leftJob);
    const grown = src.width / 2;
    expect([l.width, l.height]).toEqual([src.width + grown, src.height]);
    // Only the side that meets the new part has a seam: the other three keep every pixel to the edge.
    expect(differing(l, src, grown, 0, { x0: grown + SEAM, y0: 0, x1: l.width, y1: l.height })).toBe(0);
    expect(painted(l, { x0: 0, y0: 0, x1: grown, y1: l.height })).toBeGreaterThan(0.9);

    const upJob = await w.settled(
      await w.create({
        type: "image-generation",
        operation: "pan",
        source: { jobId: parent.jobId, image: 1 },
        direction: "up",
        amount: 0.25,
      }),
    );
    expect(upJob.status, JSON.stringify(upJob.error)).toBe("completed");
    const u = await pictureOf(upJob);
    const rise = src.height / 4;
    expect([u.width, u.height]).toEqual([src.width, src.height + rise]);
    expect(differing(u, src, 0, rise, { x0: 0, y0: rise + SEAM, x1: u.width, y1: u.height })).toBe(0);
    expect(painted(u, { x0: 0, y0: 0, x1: u.width, y1: rise })).toBeGreaterThan(0.9);
    expect(upJob.parent).toMatchObject({ jobId: parent.jobId, image: 1 });
  });

  it("refuses at create, queuing nothing: a factor past 2, a pan without a direction, options the operation does not take", async () => {
    const parent = await sourceJob();
    const s = { jobId: parent.jobId, image: 1 };
    const before = await rawJobs(w.api.deps).countDocuments({});
    const refusals: Array<[unknown, RegExp]> = [
      [{ operation: "zoom-out", source: s, factor: 3 }, /factor.*at most 2/],
      [{ operation: "zoom-out", source: s, factor: 1 }, /factor.*more than 1/],
      [{ operation: "zoom-out", source: s, aspectRatio: "9:1" }, /between 1:4 and 4:1/],
      [{ operation: "zoom-out", source: s, direction: "left" }, /zoom-out does not take direction/],
      [{ operation: "pan", source: s }, /pan needs a direction/],
      [{ operation: "pan", source: s, direction: "sideways" }, /direction/],
      [{ operation: "pan", source: s, direction: "up", amount: 2 }, /amount/],
      [{ operation: "pan", source: s, direction: "up", steps: 20 }, /pan does not take steps/],
      [{ operation: "pan", source: s, direction: "up", factor: 2 }, /pan does not take factor/],
      [{ operation: "upscale", source: s, factor: 2 }, /upscale does not take factor/],
      [{ operation: "zoom-out" }, /zoom-out needs a source image/],
    ];
    for (const [input, message] of refusals) {
      const answer = await create({ type: "image-generation", ...(input as object) });
      expect(answer.status, JSON.stringify(input)).toBe(400);
      expect(JSON.stringify(answer.body.error), JSON.stringify(input)).toMatch(message);
    }
    const rival = await w.api.member("rivals", "rick");
    const foreign = await trpcCall(
      w.api.app,
      rival.key,
      "jobs.create",
      { type: "image-generation", operation: "pan", source: s, direction: "up" },
      "mutation",
    );
    expect(foreign.status).toBe(404);
    expect(await rawJobs(w.api.deps).countDocuments({})).toBe(before);
  });
});
