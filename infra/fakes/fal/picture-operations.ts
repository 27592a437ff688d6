import { PNG } from "pngjs";
import sharp, { type Metadata } from "sharp";
import { renderPixels } from "../picture.js";

/** A decoded picture: RGBA, 4 bytes a pixel, row by row. */
export interface Raster {
  width: number;
  height: number;
  data: Buffer;
}

/**
 * The most pixels a source picture may have and the most bytes it may take. fal documents no
 * limit of its own; these are the emulator's, so a picture declaring 50,000 × 50,000 pixels
 * (a few KB of PNG that would decode to 10 GB) is refused from its header, never decoded.
 */
export const MAX_SOURCE_PIXELS = 40_000_000;
export const MAX_SOURCE_BYTES = 64 * 1024 * 1024;

async function download(url: string): Promise<Buffer> {
  const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (!res.ok) throw new Error(`could not be downloaded (${res.status})`);
  if (Number(res.headers.get("content-length") ?? 0) > MAX_SOURCE_BYTES) throw new Error(`is larger than ${MAX_SOURCE_BYTES} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body ?? []) {
    size += chunk.length;
    if (size > MAX_SOURCE_BYTES) throw new Error(`is larger than ${MAX_SOURCE_BYTES} bytes`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

/**
 * The picture at a URL, decoded (PNG, JPEG, WebP, GIF: what fal's endpoints take); fal answers
 * 422 for a URL it cannot download or read as an image. A data URI is read as a download.
 */
export async function fetchPicture(url: string): Promise<Raster> {
  const bytes = await download(url);
  let meta: Metadata;
  try {
    // The header only: no pixel is decoded here, so the size is read whatever it declares.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new Error("is not an image the model can read");
  }
  const { width = 0, height = 0 } = meta;
  if (width * height > MAX_SOURCE_PIXELS)
    throw new Error(`is ${width}×${height} pixels, more than the ${MAX_SOURCE_PIXELS} the model takes`);
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_SOURCE_PIXELS })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, data };
  } catch {
    throw new Error("is not an image the model can read");
  }
}

/** A raster as the PNG (RGB) the emulator serves its results as. */
export function encodePng(raster: Raster): Promise<Buffer> {
  return sharp(raster.data, { raw: { width: raster.width, height: raster.height, channels: 4 } })
    .removeAlpha()
    .png({ compressionLevel: 6 })
    .toBuffer();
}

/** The raster resized to cover width × height (cropped at the centre), as a model's image encoder sees it. */
export async function coverResize(raster: Raster, width: number, height: number): Promise<Buffer> {
  return sharp(raster.data, { raw: { width: raster.width, height: raster.height, channels: 4 } })
    .resize(width, height, { fit: "cover" })
    .ensureAlpha()
    .raw()
    .toBuffer();
}

/** An upscale as ESRGAN makes one: the same picture, `scale` times wider and taller (nearest neighbour here). */
export function upscalePicture(src: Raster, scale: number): Buffer {
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
export function blendPicture(src: Raster, prompt: string, seed: string, strength: number): Buffer {
  const drawn = renderPixels(prompt, seed, src.width, src.height);
  const out = new PNG({ width: src.width, height: src.height });
  for (let i = 0; i < src.data.length; i += 4) {
    for (let c = 0; c < 3; c++) out.data[i + c] = Math.round((src.data[i + c] ?? 0) * (1 - strength) + (drawn[i + c] ?? 0) * strength);
    out.data[i + 3] = 255;
  }
  return PNG.sync.write(out, { colorType: 2 });
}
