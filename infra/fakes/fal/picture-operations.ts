import { PNG } from "pngjs";
import { renderPicture } from "../picture.js";

/** The source picture, decoded; fal answers 422 for a URL it cannot download or read as an image. */
export async function fetchPicture(url: string): Promise<PNG> {
  const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`could not be downloaded (${res.status})`);
  try {
    return PNG.sync.read(Buffer.from(await res.arrayBuffer()));
  } catch {
    throw new Error("is not an image the model can read");
  }
}

/** An upscale as ESRGAN makes one: the same picture, `scale` times wider and taller (nearest neighbour here). */
export function upscalePicture(src: PNG, scale: number): Buffer {
  const width = Math.round(src.width * scale);
  const height = Math.round(src.height * scale);
  const out = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    const sy = Math.min(src.height - 1, Math.floor(y / scale));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(src.width - 1, Math.floor(x / scale));
      src.data.copy(out.data, (y * width + x) * 4, (sy * src.width + sx) * 4, (sy * src.width + sx) * 4 + 4);
    }
  }
  return PNG.sync.write(out, { colorType: 2 });
}

/**
 * An image-to-image result as FLUX makes one: the source's size, with `strength` of it given way
 * to what the prompt and seed draw (a variation, or an edit by an instruction). It differs from
 * its source, more with a higher strength, and differs between seeds.
 */
export function blendPicture(src: PNG, prompt: string, seed: string, strength: number): Buffer {
  const drawn = PNG.sync.read(renderPicture(prompt, seed, src.width, src.height));
  const out = new PNG({ width: src.width, height: src.height });
  for (let i = 0; i < src.data.length; i += 4) {
    for (let c = 0; c < 3; c++) out.data[i + c] = Math.round((src.data[i + c] ?? 0) * (1 - strength) + (drawn.data[i + c] ?? 0) * strength);
    out.data[i + 3] = 255;
  }
  return PNG.sync.write(out, { colorType: 2 });
}
