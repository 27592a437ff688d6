import { renderPixels } from "../picture.js";
import type { Raster } from "./picture-operations.js";
import type { FakeRequest } from "./requests.js";
import type { FalState } from "./state.js";
import { imageCount, imagesResult, inputPicture, ModelInputError, runModel, seedOf } from "./tool-io.js";

/**
 * FLUX.1 [pro] Fill (fal-ai/flux-pro/v1/fill): inpainting and outpainting. Its schema
 * (FluxProFillInput) says of image_url and mask_url that each "needs to match the dimensions" of
 * the other, and Black Forest Labs' FLUX.1 Fill page: "black areas preserve the original, white
 * areas get inpainted". The result is the source's size.
 *
 * The emulator reads the mask as black (luminance below half: kept, the source's pixel exactly)
 * or white (repainted from what the prompt and seed draw, never equal to the source's pixel), so
 * a test can compare the two regions pixel by pixel. A mask of another size is refused as the
 * model's 422 on mask_url, not resized.
 */
export async function completeFill(state: FalState, r: FakeRequest): Promise<void> {
  await runModel(r, async () => {
    const src = await inputPicture(r.input.image_url, ["image_url"]);
    const mask = await inputPicture(r.input.mask_url, ["mask_url"]);
    if (mask.width !== src.width || mask.height !== src.height)
      throw new ModelInputError(
        ["mask_url"],
        `mask_url is ${mask.width}×${mask.height} but image_url is ${src.width}×${src.height}: the mask must match the image's dimensions`,
      );
    const seed = seedOf(r);
    const prompt = String(r.input.prompt ?? "");
    const rasters = Array.from({ length: imageCount(r) }, (_, i) =>
      fillPixels(src, mask, renderPixels(prompt, `${seed}/${i + 1}`, src.width, src.height)),
    );
    await imagesResult(state, r, rasters, seed);
  });
}

/** The source where the mask is black, what was drawn where it is white (a pixel equal to the source's is changed). */
export function fillPixels(src: Raster, mask: Raster, drawn: Buffer): Raster {
  const out = Buffer.alloc(src.data.length);
  const s = src.data;
  const m = mask.data;
  for (let i = 0; i < out.length; i += 4) {
    const luminance = (299 * (m[i] ?? 0) + 587 * (m[i + 1] ?? 0) + 114 * (m[i + 2] ?? 0)) / 1000;
    const from = luminance < 128 ? s : drawn;
    out[i] = from[i] ?? 0;
    out[i + 1] = from[i + 1] ?? 0;
    out[i + 2] = from[i + 2] ?? 0;
    out[i + 3] = 255;
    if (from === drawn && out[i] === s[i] && out[i + 1] === s[i + 1] && out[i + 2] === s[i + 2]) out[i] = (out[i] ?? 0) ^ 0x80;
  }
  return { width: src.width, height: src.height, data: out };
}
