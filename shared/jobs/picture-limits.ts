/**
 * How big a result picture may be. The worker downloads each result from fal up to
 * MAX_PICTURE_BYTES; fal has charged for a picture by then, so a result that cannot fit is
 * refused before it is asked for: at create, from the source's stored size, and again by the
 * worker before it submits.
 */

/** The most bytes the worker downloads of one result picture, and the most an uploaded or fetched source picture may be. */
export const MAX_PICTURE_BYTES = 50 * 1024 * 1024;

/**
 * The most pixels a picture of the caller's own (an upload, a URL) may declare: 40 megapixels,
 * the most fal's image endpoints are taken to read (the emulator refuses more, as documented in
 * embedded-servers.md), and far below what would exhaust a worker's memory when decoded.
 */
export const MAX_SOURCE_PIXELS = 40_000_000;

/** The picture formats an operation takes from the caller (image-size's names). */
export const SOURCE_PICTURE_TYPES = ["png", "jpg", "webp"] as const;

/** Why a picture of the caller's own cannot be worked on, from its header, or undefined when it can. */
export function ownPictureRefusal(header: { type: string; width: number; height: number } | undefined, what: string): string | undefined {
  if (!header || !(SOURCE_PICTURE_TYPES as readonly string[]).includes(header.type))
    return `${what} is not a PNG, JPEG or WebP picture${header ? ` (it is ${header.type})` : ""}`;
  if (header.width * header.height > MAX_SOURCE_PIXELS)
    return `${what} declares ${header.width}×${header.height} pixels, more than the ${MAX_SOURCE_PIXELS / 1_000_000} megapixels a picture may have`;
  return undefined;
}

/**
 * The most bytes a PNG of this size can take: RGB pixels that deflate cannot shrink (noise) at 3
 * bytes each plus a filter byte a row, zlib's stored blocks (5 bytes each 65535), IDAT chunk
 * headers (12 bytes, at worst each 8 KiB) and the signature, IHDR and IEND. The pictures upscaled
 * are fal's FLUX and ESRGAN results, RGB; a JPEG result is smaller still.
 */
export function worstCasePngBytes(width: number, height: number): number {
  const raw = width * height * 3 + height;
  return raw + Math.ceil(raw / 65_535) * 5 + Math.ceil(raw / 8192) * 12 + 64;
}

/**
 * Why an upscale of this picture cannot be taken, or undefined when it can. fal's ESRGAN page and
 * @fal-ai/client's esrganInput document no largest output (only a `tile` option for inputs that
 * run out of GPU memory), so the download cap is the binding limit: 4096×4096 fits it, 8192×8192
 * (a ×4 of a 2048 picture) and 16384×16384 (an upscale of an upscale of an upscale) do not.
 */
export function upscaleRefusal(source: { width: number; height: number }, scale: number): string | undefined {
  const width = Math.round(source.width * scale);
  const height = Math.round(source.height * scale);
  if (worstCasePngBytes(width, height) <= MAX_PICTURE_BYTES) return undefined;
  const smaller = scale > 2 && !upscaleRefusal(source, 2) ? "; a ×2 upscale fits" : "";
  return `a ×${scale} upscale of this ${source.width}×${source.height} picture would be ${width}×${height}, more than a result may be (${MAX_PICTURE_BYTES / 1024 / 1024} MiB)${smaller}`;
}

/**
 * Why an operation on this picture cannot be taken, or undefined: an upscale grows it; a region
 * repaint is stored at the picture's own size, composited by the worker, so the picture itself
 * must fit. A zoom-out or pan frame is at most 2048 px a side (shared/media/outpaint.ts).
 */
export function pictureOperationRefusal(
  input: { operation?: string | undefined; scale?: number | undefined },
  picture: { width: number; height: number },
): string | undefined {
  if (input.operation === "upscale") return upscaleRefusal(picture, input.scale ?? 2);
  if (input.operation === "vary-region" && worstCasePngBytes(picture.width, picture.height) > MAX_PICTURE_BYTES)
    return `a region of this ${picture.width}×${picture.height} picture cannot be repainted: the result would be more than a result may be (${MAX_PICTURE_BYTES / 1024 / 1024} MiB)`;
  return undefined;
}
