import type { PanDirection } from "../jobs/input.js";
import { type FillCanvas, type Raster, decodeRgb, seamWeight } from "./canvas.js";

/**
 * Zoom-out and pan: the frame grows around the source (every side for a zoom-out, one for a
 * pan) and Fill paints the new part. The source keeps its pixels, one to one, unless the frame
 * would pass MAX_FRAME_SIDE: then frame and source are scaled down together to fit.
 */

/** The longest side a grown frame may have: the largest a generation may ask for (limits.dimension.max). */
export const MAX_FRAME_SIDE = 2048;

export type Outpaint =
  | { kind: "zoom-out"; factor: number; aspectRatio?: string | undefined }
  | { kind: "pan"; direction: PanDirection; amount: number };

export interface OutpaintLayout {
  frame: { width: number; height: number };
  /** Where the source lies on the frame, at the size it is drawn. */
  place: { left: number; top: number; width: number; height: number };
}

function ratioOf(aspectRatio: string): number {
  const [w, h] = aspectRatio.split(":").map(Number);
  return (w ?? 1) / (h ?? 1);
}

/** The frame and the source's place on it, in pixels. */
export function outpaintLayout(source: { width: number; height: number }, op: Outpaint): OutpaintLayout {
  const { width: w, height: h } = source;
  let fw: number;
  let fh: number;
  let left: number;
  let top: number;
  if (op.kind === "zoom-out") {
    fw = w * op.factor;
    fh = h * op.factor;
    if (op.aspectRatio) {
      const r = ratioOf(op.aspectRatio);
      if (fw / fh < r) fw = fh * r;
      else fh = fw / r;
    }
    left = (fw - w) / 2;
    top = (fh - h) / 2;
  } else {
    const grow = op.direction === "left" || op.direction === "right" ? w * op.amount : h * op.amount;
    fw = op.direction === "left" || op.direction === "right" ? w + grow : w;
    fh = op.direction === "up" || op.direction === "down" ? h + grow : h;
    left = op.direction === "left" ? grow : 0;
    top = op.direction === "up" ? grow : 0;
  }
  const scale = Math.min(1, MAX_FRAME_SIDE / Math.max(fw, fh));
  const frame = { width: Math.max(1, Math.round(fw * scale)), height: Math.max(1, Math.round(fh * scale)) };
  const pw = Math.min(frame.width, Math.max(1, Math.round(w * scale)));
  const ph = Math.min(frame.height, Math.max(1, Math.round(h * scale)));
  return {
    frame,
    place: {
      left: Math.min(frame.width - pw, Math.round(left * scale)),
      top: Math.min(frame.height - ph, Math.round(top * scale)),
      width: pw,
      height: ph,
    },
  };
}

/**
 * The grown frame with the source on it (the new part a neutral grey, which Fill repaints), and
 * the weights: the source kept exactly except within SEAM_PX of a side that meets the new part,
 * where it fades out so Fill's painting joins it without a hard line.
 */
export async function outpaintCanvas(sourceBytes: Uint8Array, layout: OutpaintLayout): Promise<FillCanvas> {
  const { frame, place } = layout;
  const src: Raster = await decodeRgb(sourceBytes, { width: place.width, height: place.height });
  const data = Buffer.alloc(frame.width * frame.height * 3, 128);
  const keep = new Uint8Array(frame.width * frame.height);
  const open = {
    left: place.left > 0,
    top: place.top > 0,
    right: place.left + place.width < frame.width,
    bottom: place.top + place.height < frame.height,
  };
  for (let y = 0; y < place.height; y++) {
    const row = (place.top + y) * frame.width + place.left;
    src.data.copy(data, row * 3, y * place.width * 3, (y + 1) * place.width * 3);
    for (let x = 0; x < place.width; x++) {
      const d = Math.min(
        open.left ? x : Number.POSITIVE_INFINITY,
        open.right ? place.width - 1 - x : Number.POSITIVE_INFINITY,
        open.top ? y : Number.POSITIVE_INFINITY,
        open.bottom ? place.height - 1 - y : Number.POSITIVE_INFINITY,
      );
      keep[row + x] = seamWeight(d);
    }
  }
  return { picture: { width: frame.width, height: frame.height, data }, keep };
}
