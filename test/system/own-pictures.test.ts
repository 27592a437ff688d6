import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { PublicJob } from "../../shared/jobs/view.js";
import { readObject } from "../../shared/storage/objects.js";
import { bands, declaredPng } from "../helpers/fal-tools.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { rawJobs } from "../helpers/raw-jobs.js";
import { useWorkingApi } from "../helpers/working-api.js";

/**
 * A member's own picture, not one of ours: uploaded through assets.uploadUrl and named by its
 * uploadKey (or given as an imageUrl, through the SSRF guard) wherever an operation takes a
 * source. It is checked as a picture before anything is queued, and again by the worker before
 * fal is asked.
 */
describe("operations on the member's own pictures", () => {
  const w = useWorkingApi();
  const create = (key: string, input: unknown) => trpcCall(w.api.app, key, "jobs.create", input, "mutation");

  async function upload(key: string, bytes: Buffer, fileName: string, contentType: string): Promise<string> {
    const up = dataOf<{ uploadKey: string; url: string; headers: Record<string, string> }>(
      await trpcCall(w.api.app, key, "assets.uploadUrl", { fileName, contentType, sizeBytes: bytes.length }, "mutation"),
    );
    expect((await fetch(up.url, { method: "PUT", body: new Uint8Array(bytes), headers: up.headers })).status).toBe(200);
    return up.uploadKey;
  }
  const rgb = async (bytes: Buffer) => {
    const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, data };
  };
  const pictureOf = async (job: PublicJob) =>
    rgb(await readObject(w.api.deps.storage, (job.versions.at(-1) as { images: Array<{ s3Key: string }> }).images[0]?.s3Key ?? ""));
  const colours: Array<[number, number, number]> = [
    [200, 30, 30],
    [30, 200, 30],
    [30, 30, 200],
    [220, 220, 40],
  ];

  it("an uploaded PNG upscaled: twice its size, no parent, fal given a presigned URL of the upload", async () => {
    const uploadKey = await upload(w.alice.key, await bands(320, 240, colours), "mine.png", "image/png");
    const job = await w.settled(await w.create({ type: "image-generation", operation: "upscale", uploadKey }));
    expect(job.status, JSON.stringify(job.error)).toBe("completed");
    expect(job.parent).toBeNull();
    const out = await pictureOf(job);
    expect([out.width, out.height]).toEqual([640, 480]);
    const sent = w.fal.submissions.find(
      (s) => s.app === "fal-ai/esrgan" && String(s.input.image_url).includes(uploadKey.split("/")[3] ?? "?"),
    );
    expect(String(sent?.input.image_url)).toMatch(/X-Amz-Signature=/);
  });

  it("an uploaded JPEG panned right keeps its own pixels on the left, and an edit of it runs on its instruction", async () => {
    const jpeg = await bands(400, 300, colours, "jpeg");
    const uploadKey = await upload(w.alice.key, jpeg, "photo.jpg", "image/jpeg");
    const job = await w.settled(await w.create({ type: "image-generation", operation: "pan", direction: "right", uploadKey }));
    expect(job.status, JSON.stringify(job.error)).toBe("completed");
    const [src, out] = [await rgb(jpeg), await pictureOf(job)];
    expect([out.width, out.height]).toEqual([600, 300]);
    let differing = 0;
    for (let y = 0; y < 300; y++)
      for (let x = 0; x < 400 - 32; x++) {
        const i = (y * 600 + x) * 3;
        const j = (y * 400 + x) * 3;
        if (!out.data.subarray(i, i + 3).equals(src.data.subarray(j, j + 3))) differing++;
      }
    expect(differing).toBe(0);
    const edit = await w.settled(await w.create({ type: "image-generation", operation: "edit", uploadKey, prompt: "make it night" }));
    expect(edit.status, JSON.stringify(edit.error)).toBe("completed");
  });

  it("refuses at create, queuing nothing: not a picture, too many pixels, two sources, a generation with one, a variation without a prompt, another member's upload", async () => {
    const text = await upload(w.alice.key, Buffer.from("not a picture at all, just some words"), "fake.png", "image/png");
    const bomb = await upload(w.alice.key, declaredPng(50_000, 50_000), "bomb.png", "image/png");
    const fine = await upload(w.alice.key, await bands(64, 64, colours), "fine.png", "image/png");
    const rival = await w.api.member("rivals", "rick");
    const before = await rawJobs(w.api.deps).countDocuments({});
    const refusals: Array<[string, unknown, RegExp]> = [
      [w.alice.key, { operation: "upscale", uploadKey: text }, /is not a PNG, JPEG or WebP picture/],
      [w.alice.key, { operation: "zoom-out", uploadKey: bomb }, /declares 50000×50000 pixels/],
      [w.alice.key, { operation: "upscale", uploadKey: fine, imageUrl: "https://example.com/a.png" }, /give one picture to work on/],
      [w.alice.key, { prompt: "a cat", uploadKey: fine }, /generate does not take uploadKey/],
      [w.alice.key, { operation: "vary", uploadKey: fine }, /variation of your own picture needs a prompt/],
      [w.alice.key, { operation: "edit", imageUrl: "http://127.0.0.1:9/a.png", prompt: "x" }, /imageUrl refused/],
      [w.alice.key, { operation: "edit", imageUrl: "file:///etc/passwd", prompt: "x" }, /http\(s\) URL/],
      [rival.key, { operation: "upscale", uploadKey: fine }, /was not found/],
    ];
    for (const [key, input, message] of refusals) {
      const answer = await create(key, { type: "image-generation", ...(input as object) });
      expect(answer.status, JSON.stringify(input)).toBe(400);
      expect(JSON.stringify(answer.body.error), JSON.stringify(input)).toMatch(message);
    }
    expect(await rawJobs(w.api.deps).countDocuments({})).toBe(before);
    // A picture larger than 50 MiB gets no upload URL.
    const big = await trpcCall(
      w.api.app,
      w.alice.key,
      "assets.uploadUrl",
      { fileName: "huge.png", contentType: "image/png", sizeBytes: 60 * 1024 * 1024 },
      "mutation",
    );
    expect(big.status).toBe(400);
  });

  it("the worker checks again before fal is asked: a private URL and an image bomb written past create fail, and fal sees neither", async () => {
    const owner = { userId: w.alice.userId, workspaceId: w.alice.workspaceId };
    const bomb = await upload(w.alice.key, declaredPng(50_000, 50_000), "bomb2.png", "image/png");
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ operation: "upscale", imageUrl: `${w.fal.url}/files/nothing/1.png` }, "BLOCKED_URL", /imageUrl refused/],
      [{ operation: "zoom-out", uploadKey: bomb }, "BAD_INPUT", /declares 50000×50000 pixels/],
    ];
    for (const [params, code, message] of cases) {
      const jobId = randomUUID();
      const input = { type: "image-generation", count: 1, outputFormat: "png", ...params };
      await w.api.deps.jobs.create({ jobId, type: "image-generation", ...owner, visibility: "workspace", input });
      await w.api.deps.queue.enqueue({ jobId, type: "image-generation", owner });
      const job = await w.settled(jobId);
      expect(job.status).toBe("failed");
      expect(job.error).toMatchObject({ code, message: expect.stringMatching(message) });
      expect(w.fal.submissions.some((s) => JSON.stringify(s.input).includes(jobId))).toBe(false);
    }
    expect(w.fal.submissions.some((s) => String(s.input.image_url).includes("bomb2"))).toBe(false);
  });
});
