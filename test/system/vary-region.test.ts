import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { PublicJob } from "../../shared/jobs/view.js";
import { headObject } from "../../shared/storage/objects.js";
import { rectMask } from "../helpers/fal-tools.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { rawJobs } from "../helpers/raw-jobs.js";
import { type Pixels, latestPictureKey, storedPixels, uploadPicture } from "../helpers/stored-pictures.js";
import { useWorkingApi } from "../helpers/working-api.js";

/**
 * Vary-region: a region of a finished picture (rectangles, polygons, an uploaded mask) repainted
 * by FLUX Fill (the emulator's paints every white pixel of its mask anew), the source composited
 * back: the stored result differs from the source in every pixel of the region and in none
 * farther than the seam (at most 32 px) from it.
 */
describe("vary-region", () => {
  const w = useWorkingApi();
  const create = (key: string, input: unknown) => trpcCall(w.api.app, key, "jobs.create", input, "mutation");
  const SEAM = 32;

  const pixels = (key: string) => storedPixels(w.api.deps.storage, key);
  const pictureOf = (job: PublicJob) => pixels(latestPictureKey(job));
  const same = (a: Pixels, b: Pixels, i: number) => a.data.subarray(i * 3, i * 3 + 3).equals(b.data.subarray(i * 3, i * 3 + 3));

  /** Pixels of the region that kept the source's colour, and pixels farther than the seam from it that lost it. */
  function compare(src: Pixels, out: Pixels, inRegion: (x: number, y: number) => boolean, nearRegion: (x: number, y: number) => boolean) {
    expect([out.width, out.height]).toEqual([src.width, src.height]);
    let keptInside = 0;
    let inside = 0;
    let changedOutside = 0;
    let outside = 0;
    for (let y = 0; y < src.height; y++)
      for (let x = 0; x < src.width; x++) {
        const i = y * src.width + x;
        if (inRegion(x, y)) {
          inside++;
          if (same(src, out, i)) keptInside++;
        } else if (!nearRegion(x, y)) {
          outside++;
          if (!same(src, out, i)) changedOutside++;
        }
      }
    return { inside, keptInside, outside, changedOutside };
  }
  const inRect =
    (r: { x: number; y: number; width: number; height: number }, margin = 0) =>
    (x: number, y: number) =>
      x >= r.x - margin && x < r.x + r.width + margin && y >= r.y - margin && y < r.y + r.height + margin;

  const upload = (key: string, bytes: Buffer, fileName: string, contentType: string) =>
    uploadPicture(w.api.app, key, bytes, fileName, contentType);

  let source: PublicJob;
  const sourceJob = async () => {
    if (!source) source = await w.settled(await w.create({ type: "image-generation", prompt: "a quiet harbour", imageSize: "square" }));
    expect(source.status).toBe("completed");
    return source;
  };

  it("rectangles and a lasso polygon: every pixel inside repainted, none beyond the seam changed, priced as Fill", async () => {
    const parent = await sourceJob();
    const src = await pictureOf(parent);
    const rect = { x: 100, y: 120, width: 150, height: 100 };
    // A triangle whose bounding box is 300-400 × 300-400.
    const triangle: Array<[number, number]> = [
      [300, 300],
      [400, 300],
      [350, 400],
    ];
    const input = {
      type: "image-generation",
      operation: "vary-region",
      source: { jobId: parent.jobId, image: 1 },
      region: { rects: [rect], polygons: [triangle] },
      prompt: "a red sailing boat",
      idempotencyKey: "boat-1",
    };
    const jobId = await w.create(input);
    // The polygons are stored (the embedded store keeps no array directly in an array) and read back as given: a retry is the same request.
    expect(await w.create(input)).toBe(jobId);
    const job = await w.settled(jobId);
    expect(job.status, JSON.stringify(job.error)).toBe("completed");
    expect(job.input.region).toEqual({ rects: [rect], polygons: [triangle] });
    expect(job.parent).toMatchObject({ jobId: parent.jobId, image: 1 });
    const out = await pictureOf(job);
    const triangleBox = { x: 300, y: 300, width: 100, height: 100 };
    const c = compare(src, out, inRect(rect), (x, y) => inRect(rect, SEAM)(x, y) || inRect(triangleBox, SEAM)(x, y));
    expect(c.inside).toBe(rect.width * rect.height);
    expect(c.keptInside).toBe(0);
    expect(c.outside).toBeGreaterThan(100_000);
    expect(c.changedOutside).toBe(0);
    // The triangle's middle was repainted too; its bounding box's corners beyond the seam were not.
    const centre = 350 * src.width + 340;
    expect(same(src, out, centre)).toBe(false);
    const sent = w.fal.submissions.find((s) => s.app === "fal-ai/flux-pro/v1/fill" && String(s.input.image_url).includes(jobId));
    expect(sent?.input).toMatchObject({ prompt: "a red sailing boat" });
    // 512×512 rounds up to one megapixel at $0.05.
    expect(job.costUsd).toBeCloseTo(0.05, 6);
  });

  it("an uploaded PNG mask: white repainted, black kept; the upload is removed with the job", async () => {
    const parent = await sourceJob();
    const src = await pictureOf(parent);
    const white = { x: 260, y: 40, width: 120, height: 90 };
    const maskKey = await upload(w.alice.key, await rectMask(src.width, src.height, white), "mask.png", "image/png");
    const job = await w.settled(
      await w.create({
        type: "image-generation",
        operation: "vary-region",
        source: { jobId: parent.jobId, image: 1 },
        region: { maskUploadKey: maskKey },
        prompt: "a lighthouse",
      }),
    );
    expect(job.status, JSON.stringify(job.error)).toBe("completed");
    const c = compare(src, await pictureOf(job), inRect(white), inRect(white, SEAM));
    expect([c.keptInside, c.changedOutside]).toEqual([0, 0]);
    expect(c.inside).toBe(white.width * white.height);
    expect(
      dataOf<{ deleted: boolean }>(await trpcCall(w.api.app, w.alice.key, "jobs.delete", { jobId: job.jobId }, "mutation")).deleted,
    ).toBe(true);
    expect(await headObject(w.api.deps.storage, maskKey)).toBeUndefined();
  });

  it("refuses at create, queuing nothing: a mask of the wrong size or not a PNG, shapes past the picture, no prompt or region, another member's mask", async () => {
    const parent = await sourceJob();
    const s = { jobId: parent.jobId, image: 1 };
    const small = await upload(w.alice.key, await rectMask(100, 100, { x: 0, y: 0, width: 10, height: 10 }), "small.png", "image/png");
    const jpeg = await upload(
      w.alice.key,
      await sharp({ create: { width: 512, height: 512, channels: 3, background: "#000" } })
        .jpeg()
        .toBuffer(),
      "mask.jpg",
      "image/jpeg",
    );
    const rival = await w.api.member("rivals", "rick");
    const rivalMask = await upload(rival.key, await rectMask(512, 512, { x: 0, y: 0, width: 10, height: 10 }), "m.png", "image/png");
    const before = await rawJobs(w.api.deps).countDocuments({});
    const ask = (region: unknown, extra: object = { prompt: "x" }) => ({
      type: "image-generation",
      operation: "vary-region",
      source: s,
      ...(region === undefined ? {} : { region }),
      ...extra,
    });
    const refusals: Array<[string, unknown, RegExp]> = [
      [w.alice.key, ask({ maskUploadKey: small }), /the mask is 100×100 but the picture is 512×512/],
      [w.alice.key, ask({ maskUploadKey: jpeg }), /is not a PNG/],
      [w.alice.key, ask({ rects: [{ x: 500, y: 0, width: 20, height: 20 }] }), /reaches past the 512×512 picture/],
      [
        w.alice.key,
        ask({
          polygons: [
            [
              [0, 0],
              [600, 0],
              [0, 10],
            ],
          ],
        }),
        /has a point outside/,
      ],
      [w.alice.key, ask({ rects: [{ x: 1, y: 1, width: 5, height: 5 }] }, {}), /vary-region needs a prompt/],
      [w.alice.key, ask(undefined), /vary-region needs a region/],
      [w.alice.key, ask({}), /give rects, polygons or maskUploadKey/],
      [w.alice.key, { ...ask({ rects: [{ x: 1, y: 1, width: 5, height: 5 }] }), steps: 20 }, /vary-region does not take steps/],
      [w.alice.key, { type: "image-generation", operation: "vary", source: s, region: { rects: [] } }, /region/],
      [w.alice.key, ask({ maskUploadKey: rivalMask }), /was not found/],
    ];
    for (const [key, input, message] of refusals) {
      const answer = await create(key, input);
      expect(answer.status, JSON.stringify(input)).toBe(400);
      expect(JSON.stringify(answer.body.error), JSON.stringify(input)).toMatch(message);
    }
    // Another workspace's member, with a mask of their own, on alice's picture: the picture is not found.
    const foreign = await create(rival.key, ask({ maskUploadKey: rivalMask }));
    expect(foreign.status).toBe(404);
    expect(await rawJobs(w.api.deps).countDocuments({})).toBe(before);
  });
});
