import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ValidationError } from "@fal-ai/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FalFake, startFalFake } from "../../infra/fakes/fal/emulator.js";
import { bands, dataUri, declaredPng, download, falTools, rectMask, refusal, rgb } from "../helpers/fal-tools.js";

/**
 * FLUX.1 [pro] Fill (fal-ai/flux-pro/v1/fill) on the emulator, through the real @fal-ai/client.
 * Schema: FluxProFillInput (prompt, image_url, mask_url required; num_images 1-4 as fal's page
 * gives it). Behaviour: "black areas preserve the original, white areas get inpainted" (Black Forest
 * Labs' FLUX.1 Fill page), image and mask "need to match" in size (the SDK's field docs).
 */
describe("the fal emulator's FLUX.1 [pro] Fill", () => {
  const endpoint = "fal-ai/flux-pro/v1/fill";
  let fake: FalFake;
  let tools: ReturnType<typeof falTools>;
  beforeAll(async () => {
    fake = await startFalFake({ processingMs: 30 });
    tools = falTools(fake);
  });
  afterAll(() => fake.close());

  const source = () =>
    bands(96, 64, [
      [200, 40, 40],
      [40, 200, 40],
      [40, 40, 200],
    ]);
  const hole = { x: 24, y: 16, width: 40, height: 24 };
  const inHole = (x: number, y: number) => x >= hole.x && x < hole.x + hole.width && y >= hole.y && y < hole.y + hole.height;
  type Result = { images: Array<{ url: string; width: number; height: number; content_type: string }>; seed: string; prompt: string };

  it("refuses at submit, as a 422 with pydantic's detail[], what FluxProFillInput does not take; nothing is queued", async () => {
    const img = dataUri(await source());
    const before = fake.submissions.length;
    const noMask = await refusal(tools.submit(endpoint, { prompt: "a door", image_url: img }));
    expect(noMask).toBeInstanceOf(ValidationError);
    expect(noMask.status).toBe(422);
    expect(noMask.body.detail).toEqual([expect.objectContaining({ loc: ["body", "mask_url"], type: "missing" })]);
    const noImage = await refusal(tools.submit(endpoint, { prompt: "a door", mask_url: img }));
    expect(noImage.body.detail[0]).toMatchObject({ loc: ["body", "image_url"], type: "missing" });
    const noPrompt = await refusal(tools.submit(endpoint, { image_url: img, mask_url: img }));
    expect(noPrompt.body.detail[0]).toMatchObject({ loc: ["body", "prompt"], type: "missing" });
    const many = await refusal(tools.submit(endpoint, { prompt: "a", image_url: img, mask_url: img, num_images: 5 }));
    expect(many.body.detail[0]).toMatchObject({ loc: ["body", "num_images"], type: "less_than_equal" });
    const tolerance = await refusal(tools.submit(endpoint, { prompt: "a", image_url: img, mask_url: img, safety_tolerance: "7" }));
    expect(tolerance.body.detail[0]).toMatchObject({ loc: ["body", "safety_tolerance"], type: "enum" });
    // Fill has no size of its own (the result is the source's) and no strength: both unknown fields.
    const extra = await refusal(
      tools.submit(endpoint, { prompt: "a", image_url: img, mask_url: img, image_size: "square", strength: 0.5 }),
    );
    expect(extra.body.detail.map((d) => [d.loc.join("."), d.type])).toEqual([
      ["body.image_size", "extra_forbidden"],
      ["body.strength", "extra_forbidden"],
    ]);
    expect(fake.submissions.length).toBe(before);
  });

  it("keeps the source's pixels exactly where the mask is black and repaints every pixel where it is white, at the source's size", async () => {
    const src = await source();
    const result = await tools.run<Result>(endpoint, {
      prompt: "a wooden door",
      image_url: dataUri(src),
      mask_url: dataUri(await rectMask(96, 64, hole)),
      num_images: 2,
      output_format: "png",
    });
    expect(result.prompt).toBe("a wooden door");
    expect(result.images).toHaveLength(2);
    const original = await rgb(src);
    for (const image of result.images) {
      expect(image).toMatchObject({ width: 96, height: 64, content_type: "image/png" });
      const out = await download(image.url);
      expect([out.width, out.height]).toEqual([96, 64]);
      let kept = 0;
      let repainted = 0;
      for (let y = 0; y < 64; y++)
        for (let x = 0; x < 96; x++) {
          const i = (y * 96 + x) * 3;
          const same = out.data.subarray(i, i + 3).equals(original.data.subarray(i, i + 3));
          if (inHole(x, y)) expect(same, `(${x}, ${y}) under white`).toBe(false);
          else expect(same, `(${x}, ${y}) under black`).toBe(true);
          if (same) kept++;
          else repainted++;
        }
      expect(repainted).toBe(hole.width * hole.height);
      expect(kept).toBe(96 * 64 - hole.width * hole.height);
    }
    // Two pictures of one request differ in what they paint.
    const [a, b] = await Promise.all(result.images.map((i) => download(i.url)));
    expect(a?.data.equals(b?.data ?? Buffer.alloc(0))).toBe(false);
  });

  it("reads a JPEG source and mask (the mask's compression noise near black still keeps, near white still repaints)", async () => {
    const jpegSource = await bands(
      96,
      64,
      [
        [200, 40, 40],
        [40, 200, 40],
        [40, 40, 200],
      ],
      "jpeg",
    );
    const mask = await rgb(await rectMask(96, 64, hole));
    const { default: sharp } = await import("sharp");
    const jpegMask = await sharp(mask.data, { raw: { width: 96, height: 64, channels: 3 } })
      .jpeg({ quality: 70 })
      .toBuffer();
    const result = await tools.run<Result>(endpoint, {
      prompt: "a window",
      image_url: dataUri(jpegSource, "image/jpeg"),
      mask_url: dataUri(jpegMask, "image/jpeg"),
    });
    const out = await download(result.images[0]?.url ?? "");
    const decoded = await rgb(jpegSource);
    // A corner far from the hole keeps the decoded JPEG's pixel; the hole's centre is repainted.
    const at = (img: { data: Buffer }, x: number, y: number) => [...img.data.subarray((y * 96 + x) * 3, (y * 96 + x) * 3 + 3)];
    expect(at(out, 2, 2)).toEqual(at(decoded, 2, 2));
    expect(at(out, 44, 28)).not.toEqual(at(decoded, 44, 28));
  });

  it("ends a request whose mask is not the source's size in the model's 422 on mask_url, naming both sizes", async () => {
    const { request_id } = await tools.submit(endpoint, {
      prompt: "a",
      image_url: dataUri(await source()),
      mask_url: dataUri(await rectMask(48, 32, { x: 0, y: 0, width: 8, height: 8 })),
    });
    const err = await refusal(tools.settle(endpoint, request_id));
    expect(err.status).toBe(422);
    expect(err.body.detail).toEqual([
      { loc: ["body", "mask_url"], msg: expect.stringMatching(/48×32 but image_url is 96×64/), type: "value_error" },
    ]);
  });

  it("ends a request whose picture cannot be read in a 422 on that field: not found, not an image, or a PNG declaring 50,000 × 50,000 pixels", async () => {
    const mask = dataUri(await rectMask(96, 64, hole));
    const cases: Array<[string, RegExp]> = [
      [`${fake.url}/files/00000000-0000-0000-0000-000000000000/1.png`, /could not be downloaded \(404\)/],
      [dataUri(Buffer.from("not a picture at all"), "image/png"), /not an image the model can read/],
      [dataUri(declaredPng(50_000, 50_000)), /50000×50000 pixels, more than/],
    ];
    for (const [url, msg] of cases) {
      const { request_id } = await tools.submit(endpoint, { prompt: "a", image_url: url, mask_url: mask });
      const err = await refusal(tools.settle(endpoint, request_id));
      expect(err.status).toBe(422);
      expect(err.body.detail[0]?.loc).toEqual(["body", "image_url"]);
      expect(err.body.detail[0]?.msg).toMatch(msg);
    }
  });
  it("serves the same filled picture after a restart on the same data dir (the source may be gone by then)", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "cg-fal-fill-"));
    try {
      const first = await startFalFake({ processingMs: 30, dataDir: dir });
      const before = await falTools(first).run<Result>(endpoint, {
        prompt: "kept",
        image_url: dataUri(await source()),
        mask_url: dataUri(await rectMask(96, 64, hole)),
      });
      const bytes = await (await fetch(before.images[0]?.url ?? "")).arrayBuffer();
      const requestId = first.submissions.at(-1)?.id ?? "";
      await first.close();
      const second = await startFalFake({ processingMs: 30, dataDir: dir });
      try {
        const { data } = await falTools(second).fal.queue.result(endpoint, { requestId });
        const url = (data as unknown as Result).images[0]?.url ?? "";
        expect(url.startsWith(second.url)).toBe(true);
        expect(Buffer.from(await (await fetch(url)).arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
