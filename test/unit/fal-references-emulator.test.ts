import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FalFake, startFalFake } from "../../infra/fakes/fal/emulator.js";
import { bands, dataUri, download, falTools, refusal } from "../helpers/fal-tools.js";

/**
 * Image prompts on the emulator, through the real @fal-ai/client: FLUX1.1 [pro] ultra Redux
 * (FluxProV11UltraReduxInput: image_url required, image_prompt_strength 0-1 default 0.1,
 * aspect_ratio a listed ratio or W:H, 16:9 by default) and FLUX.1 Kontext [pro] / [max] multi
 * (FluxKontextMultiInput: prompt and image_urls required, aspect_ratio from the listed nine).
 */
describe("the fal emulator's image-prompt endpoints", () => {
  let fake: FalFake;
  let tools: ReturnType<typeof falTools>;
  const red = async () => dataUri(await bands(64, 48, [[210, 30, 30]]));
  const blue = async () => dataUri(await bands(48, 64, [[30, 30, 210]]));
  const green = async () => dataUri(await bands(64, 64, [[30, 190, 40]]));
  type Result = { images: Array<{ url: string; width: number; height: number; content_type: string }>; seed: string };
  beforeAll(async () => {
    fake = await startFalFake({ processingMs: 30 });
    tools = falTools(fake);
  });
  afterAll(() => fake.close());

  describe("FLUX1.1 [pro] ultra Redux (fal-ai/flux-pro/v1.1-ultra/redux)", () => {
    const endpoint = "fal-ai/flux-pro/v1.1-ultra/redux";

    it("refuses at submit a missing image, a strength outside 0-1, a ratio beyond 21:9 or not W:H, and fields it does not take", async () => {
      const img = await red();
      const before = fake.submissions.length;
      const missing = await refusal(tools.submit(endpoint, { prompt: "a" }));
      expect([missing.status, missing.body.detail[0]]).toEqual([
        422,
        expect.objectContaining({ loc: ["body", "image_url"], type: "missing" }),
      ]);
      const strong = await refusal(tools.submit(endpoint, { image_url: img, image_prompt_strength: 1.5 }));
      expect(strong.body.detail[0]).toMatchObject({ loc: ["body", "image_prompt_strength"], type: "less_than_equal" });
      const negative = await refusal(tools.submit(endpoint, { image_url: img, image_prompt_strength: -0.1 }));
      expect(negative.body.detail[0]).toMatchObject({ loc: ["body", "image_prompt_strength"], type: "greater_than_equal" });
      for (const aspect_ratio of ["32:9", "square", "16:0"]) {
        const ratio = await refusal(tools.submit(endpoint, { image_url: img, aspect_ratio }));
        expect(ratio.body.detail[0]?.loc, aspect_ratio).toEqual(["body", "aspect_ratio"]);
      }
      // Redux ultra has no image_size (it takes aspect_ratio) and no guidance_scale.
      const extra = await refusal(tools.submit(endpoint, { image_url: img, image_size: "square_hd", guidance_scale: 3 }));
      expect(extra.body.detail.map((d) => d.type)).toEqual(["extra_forbidden", "extra_forbidden"]);
      expect(fake.submissions.length).toBe(before);
    });

    it("makes about 4 megapixels in the asked ratio (16:9 by default, a custom W:H too), and the result follows the image prompt", async () => {
      const wide = await tools.run<Result>(endpoint, { image_url: await red(), prompt: "a fox", seed: 7 });
      expect(wide.images[0]).toMatchObject({ width: 2720, height: 1536, content_type: "image/png" });
      const square = await tools.run<Result>(endpoint, { image_url: await red(), aspect_ratio: "1:1", seed: 7 });
      expect(square.images[0]).toMatchObject({ width: 2048, height: 2048 });
      const custom = await tools.run<Result>(endpoint, { image_url: await red(), aspect_ratio: "5:4", seed: 7 });
      const { width, height } = custom.images[0] ?? { width: 0, height: 0 };
      expect(width / height).toBeCloseTo(5 / 4, 1);
      // Same prompt and seed, another image prompt: another picture; strength 0 ignores the image.
      const fromRed = await tools.run<Result>(endpoint, { image_url: await red(), prompt: "a fox", seed: 7, aspect_ratio: "1:1" });
      const fromBlue = await tools.run<Result>(endpoint, { image_url: await blue(), prompt: "a fox", seed: 7, aspect_ratio: "1:1" });
      const [a, b] = await Promise.all([download(fromRed.images[0]?.url ?? ""), download(fromBlue.images[0]?.url ?? "")]);
      expect(a.data.equals(b.data)).toBe(false);
      const ignoreRed = await tools.run<Result>(endpoint, {
        image_url: await red(),
        prompt: "a fox",
        seed: 7,
        aspect_ratio: "1:1",
        image_prompt_strength: 0,
      });
      const ignoreBlue = await tools.run<Result>(endpoint, {
        image_url: await blue(),
        prompt: "a fox",
        seed: 7,
        aspect_ratio: "1:1",
        image_prompt_strength: 0,
      });
      const [c, d] = await Promise.all([download(ignoreRed.images[0]?.url ?? ""), download(ignoreBlue.images[0]?.url ?? "")]);
      expect(c.data.equals(d.data)).toBe(true);
      // A stronger image prompt brings the picture closer to it: more red from the red reference.
      const strong = await tools.run<Result>(endpoint, {
        image_url: await red(),
        prompt: "a fox",
        seed: 7,
        aspect_ratio: "1:1",
        image_prompt_strength: 0.9,
      });
      const e = await download(strong.images[0]?.url ?? "");
      const redness = (img: { data: Buffer }) => {
        let sum = 0;
        for (let i = 0; i < img.data.length; i += 3) sum += (img.data[i] ?? 0) - (img.data[i + 2] ?? 0);
        return sum / (img.data.length / 3);
      };
      expect(redness(e)).toBeGreaterThan(redness(a) + 50);
    });

    it("ends a request whose image prompt cannot be read in a 422 on image_url", async () => {
      const { request_id } = await tools.submit(endpoint, { image_url: dataUri(Buffer.from("<html>"), "text/html") });
      const err = await refusal(tools.settle(endpoint, request_id));
      expect([err.status, err.body.detail[0]?.loc]).toEqual([422, ["body", "image_url"]]);
    });
  });

  describe("FLUX.1 Kontext multi (fal-ai/flux-pro/kontext/multi and …/kontext/max/multi)", () => {
    const endpoints = ["fal-ai/flux-pro/kontext/multi", "fal-ai/flux-pro/kontext/max/multi"];

    it("refuses at submit no images, more than four, a missing prompt, a ratio not among the nine and an unknown field", async () => {
      const img = await red();
      const before = fake.submissions.length;
      for (const endpoint of endpoints) {
        const none = await refusal(tools.submit(endpoint, { prompt: "blend", image_urls: [] }));
        expect([none.status, none.body.detail[0]]).toEqual([
          422,
          expect.objectContaining({ loc: ["body", "image_urls"], type: "too_short" }),
        ]);
        const five = await refusal(tools.submit(endpoint, { prompt: "blend", image_urls: [img, img, img, img, img] }));
        expect(five.body.detail[0]).toMatchObject({ loc: ["body", "image_urls"], type: "too_long" });
        const noPrompt = await refusal(tools.submit(endpoint, { image_urls: [img, img] }));
        expect(noPrompt.body.detail[0]).toMatchObject({ loc: ["body", "prompt"], type: "missing" });
        const missing = await refusal(tools.submit(endpoint, { prompt: "blend" }));
        expect(missing.body.detail[0]).toMatchObject({ loc: ["body", "image_urls"], type: "missing" });
        const ratio = await refusal(tools.submit(endpoint, { prompt: "blend", image_urls: [img], aspect_ratio: "5:4" }));
        expect(ratio.body.detail[0]).toMatchObject({ loc: ["body", "aspect_ratio"], type: "enum" });
        const notString = await refusal(tools.submit(endpoint, { prompt: "blend", image_urls: [img, 3] }));
        expect(notString.body.detail[0]?.loc).toEqual(["body", "image_urls", 1]);
        const extra = await refusal(tools.submit(endpoint, { prompt: "blend", image_urls: [img], image_url: img }));
        expect(extra.body.detail[0]).toMatchObject({ loc: ["body", "image_url"], type: "extra_forbidden" });
      }
      expect(fake.submissions.length).toBe(before);
    });

    it("makes about a megapixel in the asked ratio, else the first picture's, and the result changes when any one input picture does", async () => {
      const [r, b, g] = [await red(), await blue(), await green()];
      const input = { prompt: "the three together", seed: 11 };
      const asked = await tools.run<Result>("fal-ai/flux-pro/kontext/multi", { ...input, image_urls: [r, b], aspect_ratio: "16:9" });
      expect(asked.images[0]).toMatchObject({ width: 1360, height: 768, content_type: "image/png" });
      // The first picture is 48×64 (3:4): the result is 3:4 too.
      const followed = await tools.run<Result>("fal-ai/flux-pro/kontext/max/multi", { ...input, image_urls: [b, r] });
      const size = followed.images[0] ?? { width: 0, height: 0 };
      expect(size.width / size.height).toBeCloseTo(3 / 4, 1);
      expect(size.width * size.height).toBeGreaterThan(900_000);
      const pixels = async (urls: string[]) => {
        const res = await tools.run<Result>("fal-ai/flux-pro/kontext/multi", { ...input, image_urls: urls, aspect_ratio: "1:1" });
        return (await download(res.images[0]?.url ?? "")).data;
      };
      const base = await pixels([r, b, g]);
      expect((await pixels([r, b, g])).equals(base)).toBe(true);
      expect((await pixels([g, b, g])).equals(base)).toBe(false);
      expect((await pixels([r, r, g])).equals(base)).toBe(false);
      expect((await pixels([r, b, b])).equals(base)).toBe(false);
    });

    it("ends a request whose second picture cannot be downloaded in a 422 on image_urls[1]", async () => {
      const { request_id } = await tools.submit("fal-ai/flux-pro/kontext/multi", {
        prompt: "blend",
        image_urls: [await red(), `${fake.url}/files/00000000-0000-0000-0000-000000000000/1.png`],
      });
      const err = await refusal(tools.settle("fal-ai/flux-pro/kontext/multi", request_id));
      expect(err.status).toBe(422);
      expect(err.body.detail).toEqual([
        {
          loc: ["body", "image_urls", 1],
          msg: expect.stringMatching(/^image_urls\[1\] could not be downloaded \(404\)/),
          type: "value_error",
        },
      ]);
    });
  });
});
