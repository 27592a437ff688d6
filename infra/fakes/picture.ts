import { createHash } from "node:crypto";
import { PNG } from "pngjs";

/** The RGBA pixels of a deterministic picture of the given size whose colours follow from the prompt and seed. */
export function renderPixels(prompt: string, seed: string | number, width: number, height: number): Buffer {
  const h = createHash("sha256").update(`${prompt}\u0000${seed}`).digest();
  const data = Buffer.alloc(width * height * 4);
  const [r0, g0, b0, r1, g1, b1] = [h[0] ?? 0, h[1] ?? 0, h[2] ?? 0, h[3] ?? 0, h[4] ?? 0, h[5] ?? 0];
  const stripes = 2 + ((h[6] ?? 0) % 8);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x + y) / (width + height);
      const band = Math.floor((x / width) * stripes) % 2;
      const i = (y * width + x) * 4;
      data[i] = Math.round(r0 + (r1 - r0) * t) ^ (band * 32);
      data[i + 1] = Math.round(g0 + (g1 - g0) * t);
      data[i + 2] = Math.round(b0 + (b1 - b0) * t);
      data[i + 3] = 255;
    }
  }
  return data;
}

/** A deterministic PNG of the given size whose colours follow from the prompt and seed. */
export function renderPicture(prompt: string, seed: string | number, width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  renderPixels(prompt, seed, width, height).copy(png.data);
  return PNG.sync.write(png, { colorType: 2 });
}
