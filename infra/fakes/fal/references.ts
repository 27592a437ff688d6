import { renderPixels } from "../picture.js";
import { coverResize } from "./picture-operations.js";
import type { FakeRequest } from "./requests.js";
import type { FalState } from "./state.js";
import { imageCount, imagesResult, inputPicture, mix, parseRatio, runModel, seedOf, sizeFor } from "./tool-io.js";

/**
 * Generations that take pictures as prompts: FLUX1.1 [pro] ultra Redux (one image prompt with a
 * strength) and FLUX.1 Kontext [pro] / [max] multi (several images and an instruction). Each
 * result depends on every input picture (changing one changes it) and on the prompt and seed.
 */

/** FLUX1.1 [pro] ultra makes about 4 megapixels (its page: "4 megapixels (2048×2048)"); Kontext about 1. */
const ULTRA_PIXELS = 2048 * 2048;
const KONTEXT_PIXELS = 1024 * 1024;

/**
 * fal-ai/flux-pro/v1.1-ultra/redux: the picture drawn from the prompt, `image_prompt_strength`
 * (0-1, 0.1 by default) of the way towards the image prompt, in `aspect_ratio` (16:9 by default).
 */
export async function completeUltraRedux(state: FalState, r: FakeRequest): Promise<void> {
  await runModel(r, async () => {
    const reference = await inputPicture(r.input.image_url, ["image_url"]);
    const [width, height] = sizeFor(parseRatio(String(r.input.aspect_ratio ?? "16:9")), ULTRA_PIXELS, 32);
    const prompted = await coverResize(reference, width, height);
    const strength = Number(r.input.image_prompt_strength ?? 0.1);
    const seed = seedOf(r);
    const prompt = String(r.input.prompt ?? "");
    const rasters = Array.from({ length: imageCount(r) }, (_, i) => ({
      width,
      height,
      data: mix(renderPixels(prompt, `${seed}/${i + 1}`, width, height), prompted, strength),
    }));
    await imagesResult(state, r, rasters, seed);
  });
}

/**
 * fal-ai/flux-pro/kontext/multi and …/kontext/max/multi: the input pictures, each cropped to the
 * result's size and averaged, carry 60% of the result, the prompt's drawing the rest. Without an
 * aspect_ratio the result takes the first picture's, as Kontext follows its input.
 */
export async function completeKontextMulti(state: FalState, r: FakeRequest): Promise<void> {
  await runModel(r, async () => {
    const urls = r.input.image_urls as unknown[];
    const pictures = [];
    for (const [i, url] of urls.entries()) pictures.push(await inputPicture(url, ["image_urls", i]));
    const first = pictures[0] ?? { width: 1, height: 1 };
    const ratio = r.input.aspect_ratio === undefined ? first.width / first.height : parseRatio(String(r.input.aspect_ratio));
    const [width, height] = sizeFor(ratio, KONTEXT_PIXELS, 16);
    const sum = new Uint32Array(width * height * 4);
    for (const picture of pictures) {
      const pixels = await coverResize(picture, width, height);
      for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] as number) + (pixels[i] as number);
    }
    const average = Buffer.alloc(sum.length);
    for (let i = 0; i < sum.length; i++) average[i] = Math.round((sum[i] as number) / pictures.length);
    const seed = seedOf(r);
    const prompt = String(r.input.prompt ?? "");
    const rasters = Array.from({ length: imageCount(r) }, (_, i) => ({
      width,
      height,
      data: mix(renderPixels(prompt, `${seed}/${i + 1}`, width, height), average, 0.6),
    }));
    await imagesResult(state, r, rasters, seed);
  });
}
