import sharp from "sharp";
import { type FillCanvas, MAX_DECODED_PIXELS, SEAM_PX, decodeRgb, seamWeight } from "./canvas.js";

/**
 * Vary-region: the part of a picture to repaint, given as rectangles, polygons (a lasso's
 * corners) and an uploaded mask (black keeps, white repaints), all in the picture's pixels and
 * together one region. The source is kept exactly outside the region, apart from a seam of
 * SEAM_PX around it where it fades into Fill's painting; Fill is asked to repaint the seam too.
 */

export interface RegionShapes {
  rects?: Array<{ x: number; y: number; width: number; height: number }> | undefined;
  polygons?: Array<Array<[number, number]>> | undefined;
}

/** Why the shapes do not fit a picture of this size, or undefined when they do. */
export function regionShapesRefusal(region: RegionShapes, size: { width: number; height: number }): string | undefined {
  for (const [i, r] of (region.rects ?? []).entries()) {
    if (r.x + r.width > size.width || r.y + r.height > size.height)
      return `region.rects[${i}] (${r.x},${r.y} ${r.width}×${r.height}) reaches past the ${size.width}×${size.height} picture`;
  }
  for (const [i, polygon] of (region.polygons ?? []).entries()) {
    if (polygon.some(([x, y]) => x > size.width || y > size.height))
      return `region.polygons[${i}] has a point outside the ${size.width}×${size.height} picture`;
  }
  return undefined;
}

/** The shapes as a mask of the picture's size: 1 where a pixel's centre lies in a rectangle or inside a polygon (even-odd). */
export function rasterizeShapes(region: RegionShapes, width: number, height: number): Uint8Array {
  const mask = new Uint8Array(width * height);
  for (const r of region.rects ?? []) {
    for (let y = r.y; y < Math.min(height, r.y + r.height); y++) mask.fill(1, y * width + r.x, y * width + Math.min(width, r.x + r.width));
  }
  for (const polygon of region.polygons ?? []) {
    const ys = polygon.map(([, y]) => y);
    const y0 = Math.max(0, Math.floor(Math.min(...ys)));
    const y1 = Math.min(height - 1, Math.ceil(Math.max(...ys)));
    for (let y = y0; y <= y1; y++) {
      const cy = y + 0.5;
      const xs: number[] = [];
      for (let i = 0; i < polygon.length; i++) {
        const [ax, ay] = polygon[i] as [number, number];
        const [bx, by] = polygon[(i + 1) % polygon.length] as [number, number];
        if (ay <= cy !== by <= cy) xs.push(ax + ((cy - ay) / (by - ay)) * (bx - ax));
      }
      xs.sort((a, b) => a - b);
      for (let k = 0; k + 1 < xs.length; k += 2) {
        const from = Math.max(0, Math.ceil((xs[k] as number) - 0.5));
        const to = Math.min(width - 1, Math.floor((xs[k + 1] as number) - 0.5));
        if (to >= from) mask.fill(1, y * width + from, y * width + to + 1);
      }
    }
  }
  return mask;
}

/** An uploaded mask as 1 (white: luminance at least half) or 0 (black), decoded within MAX_DECODED_PIXELS. */
export async function decodeMask(bytes: Uint8Array): Promise<{ width: number; height: number; mask: Uint8Array }> {
  const { data, info } = await sharp(bytes, { limitInputPixels: MAX_DECODED_PIXELS })
    .flatten({ background: "#000000" })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const mask = new Uint8Array(info.width * info.height);
  for (let i = 0; i < mask.length; i++) mask[i] = (data[i * info.channels] ?? 0) >= 128 ? 1 : 0;
  return { width: info.width, height: info.height, mask };
}

/**
 * Each pixel's distance to the region, in pixels (0 inside it), by a two-pass chamfer transform
 * (3 a step along a row or column, 4 diagonally, divided by 3), exact enough for a seam's fade.
 */
function distanceToRegion(mask: Uint8Array, width: number, height: number): Float32Array {
  const far = 1e9;
  const d = new Float32Array(width * height);
  for (let i = 0; i < d.length; i++) d[i] = mask[i] ? 0 : far;
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= width || y >= height ? far : (d[y * width + x] as number));
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      d[i] = Math.min(d[i] as number, at(x - 1, y) + 3, at(x, y - 1) + 3, at(x - 1, y - 1) + 4, at(x + 1, y - 1) + 4);
    }
  for (let y = height - 1; y >= 0; y--)
    for (let x = width - 1; x >= 0; x--) {
      const i = y * width + x;
      d[i] = Math.min(d[i] as number, at(x + 1, y) + 3, at(x, y + 1) + 3, at(x + 1, y + 1) + 4, at(x - 1, y + 1) + 4);
    }
  for (let i = 0; i < d.length; i++) d[i] = (d[i] as number) / 3;
  return d;
}

/** The source and its weights: 0 in the region, fading from 0 to 255 over SEAM_PX around it, 255 beyond. */
export async function regionCanvas(sourceBytes: Uint8Array, region: Uint8Array): Promise<FillCanvas> {
  const picture = await decodeRgb(sourceBytes);
  if (picture.width * picture.height !== region.length)
    throw new RangeError(`the region has ${region.length} pixels but the picture ${picture.width}×${picture.height}`);
  const distance = distanceToRegion(region, picture.width, picture.height);
  const keep = new Uint8Array(region.length);
  for (let i = 0; i < keep.length; i++) {
    const d = distance[i] as number;
    keep[i] = d === 0 ? 0 : d > SEAM_PX ? 255 : seamWeight(d);
  }
  return { picture, keep };
}
