import { encodePng, fetchPicture, type Raster } from "./picture-operations.js";
import { type FakeRequest, randomSeed } from "./requests.js";
import type { FalState } from "./state.js";

/**
 * What the image tools (fill, redux, multi-image Kontext, vision) share: reading their input
 * pictures, refusing an input the schema let through but the model cannot use, and answering
 * pictures in the shape fal's FLUX [pro] endpoints do (FluxProNewOutput).
 */

/** An input the model refused while it ran: the result is fal's 422 with pydantic's detail[]. */
export class ModelInputError extends Error {
  constructor(
    readonly loc: Array<string | number>,
    message: string,
  ) {
    super(message);
  }
}

const fieldName = (loc: Array<string | number>) => loc.map((p, i) => (typeof p === "number" ? `[${p}]` : i ? `.${p}` : p)).join("");

/** The picture an input field names, downloaded and decoded as fal does when the request runs. */
export async function inputPicture(url: unknown, loc: Array<string | number>): Promise<Raster> {
  try {
    return await fetchPicture(String(url));
  } catch (err) {
    throw new ModelInputError(loc, `${fieldName(loc)} ${(err as Error).message}`);
  }
}

/** Runs a model; an input it refuses ends the request in a 422, as fal's result and webhook report it. */
export async function runModel(r: FakeRequest, model: () => Promise<void>): Promise<void> {
  try {
    await model();
  } catch (err) {
    if (!(err instanceof ModelInputError)) throw err;
    r.error = { status: 422, body: { detail: [{ loc: ["body", ...err.loc], msg: err.message, type: "value_error" }] } };
  }
}

/** The seed a request was sent, or one drawn as fal draws them. */
export const seedOf = (r: FakeRequest) => (typeof r.input.seed === "string" ? r.input.seed : randomSeed());

/** How many pictures a request asks for (1 by default, as every FLUX endpoint). */
export const imageCount = (r: FakeRequest) => Number(r.input.num_images ?? 1);

/** "16:9" as a number. */
export const parseRatio = (ratio: string) => {
  const [w, h] = ratio.split(":").map(Number);
  return (w ?? 1) / (h ?? 1);
};

/** The size FLUX makes for a ratio at about this many pixels, each side a multiple of `multiple`. */
export function sizeFor(ratio: number, pixels: number, multiple: number): [number, number] {
  const side = (v: number) => Math.max(multiple, Math.round(v / multiple) * multiple);
  return [side(Math.sqrt(pixels * ratio)), side(Math.sqrt(pixels / ratio))];
}

/** Stores the pictures as the request's result files and answers them as FluxProNewOutput. */
export async function imagesResult(state: FalState, r: FakeRequest, rasters: Raster[], seed: string): Promise<void> {
  const { fake } = state;
  const images = [];
  for (const [i, raster] of rasters.entries()) {
    const bytes = await encodePng(raster);
    state.pictures.set(`${r.id}/${i + 1}`, bytes);
    state.store.saveFile(`${r.id}-${i + 1}.png`, bytes);
    images.push({
      url: `${fake.imageOrigin ?? state.origin}/files/${r.id}/${i + 1}.png`,
      width: raster.width,
      height: raster.height,
      content_type: "image/png",
      file_size: bytes.length,
    });
  }
  r.result = {
    images,
    seed,
    prompt: r.input.prompt ?? "",
    has_nsfw_concepts: images.map(() => fake.flagNsfw),
    timings: { inference: fake.processingMs / 1000 },
  };
}

/** Each pixel `weight` of the way from a to b (RGBA buffers of one size; the result is opaque). */
export function mix(a: Buffer, b: Buffer, weight: number): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i += 4) {
    for (let c = 0; c < 3; c++) out[i + c] = Math.round((a[i + c] ?? 0) * (1 - weight) + (b[i + c] ?? 0) * weight);
    out[i + 3] = 255;
  }
  return out;
}
