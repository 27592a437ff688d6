import sharp from "sharp";

/**
 * The pictures FLUX Fill works on and the result the job stores: a frame (the source's size, or
 * larger for a zoom-out or pan) with the source on it, a weight per pixel of how much of the
 * source is kept (255: its pixel exactly; 0: the model's), the mask sent to Fill (white wherever
 * the weight is below 255), and the composite of the source back over Fill's answer, since an
 * inpainting model re-encodes every pixel of its picture, those it was told to keep included.
 */

/** How wide the band is where the source fades into what Fill painted: at most this many pixels from the painted area. */
export const SEAM_PX = 16;

/** The most pixels sharp decodes of one picture: a larger one is refused from its header, before its pixels are decoded. */
export const MAX_DECODED_PIXELS = 8192 * 8192;

export interface Raster {
  width: number;
  height: number;
  /** RGB, 3 bytes a pixel, row by row. */
  data: Buffer;
}

export interface FillCanvas {
  /** The frame with the source on it (RGB). */
  picture: Raster;
  /** Per pixel, 0-255: how much of `picture` the stored result keeps. */
  keep: Uint8Array;
}

/** A picture's RGB pixels, decoded by sharp within MAX_DECODED_PIXELS, optionally resized. */
export async function decodeRgb(bytes: Uint8Array, size?: { width: number; height: number }): Promise<Raster> {
  let img = sharp(bytes, { limitInputPixels: MAX_DECODED_PIXELS, autoOrient: true }).removeAlpha().toColourspace("srgb");
  if (size) img = img.resize(size.width, size.height, { fit: "fill" });
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

export async function encodePicture(r: Raster, format: "png" | "jpeg"): Promise<Buffer> {
  const img = sharp(r.data, { raw: { width: r.width, height: r.height, channels: 3 } });
  return (format === "jpeg" ? img.jpeg({ quality: 95 }) : img.png()).toBuffer();
}

/** The mask Fill takes: white where the result is not the source's pixel exactly, black where it is. */
export function fillMaskPng(canvas: FillCanvas): Promise<Buffer> {
  const { width, height } = canvas.picture;
  const mask = Buffer.alloc(width * height);
  for (let i = 0; i < mask.length; i++) mask[i] = (canvas.keep[i] ?? 0) === 255 ? 0 : 255;
  return sharp(mask, { raw: { width, height, channels: 1 } })
    .png()
    .toBuffer();
}

/**
 * The stored result: Fill's picture (brought to the frame's size if the model answered another)
 * under the source, weighted by `keep`. Where `keep` is 255 the source's pixel is kept exactly.
 */
export async function compositeOver(canvas: FillCanvas, filled: Uint8Array): Promise<Raster> {
  const { width, height, data: src } = canvas.picture;
  const painted = await decodeRgb(filled, { width, height });
  const out = Buffer.alloc(src.length);
  for (let p = 0; p < width * height; p++) {
    const k = canvas.keep[p] ?? 0;
    for (let c = 0; c < 3; c++) {
      const i = p * 3 + c;
      out[i] = k === 255 ? (src[i] ?? 0) : Math.round(((src[i] ?? 0) * k + (painted.data[i] ?? 0) * (255 - k)) / 255);
    }
  }
  return { width, height, data: out };
}

/** A weight of the source's pixel at `d` pixels from the painted area: 0 at its edge, 255 from SEAM_PX on. */
export const seamWeight = (d: number) => (d >= SEAM_PX ? 255 : Math.max(0, Math.round((255 * d) / SEAM_PX)));
