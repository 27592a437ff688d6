import { crc32, deflateSync } from "node:zlib";
import { ApiError, createFalClient } from "@fal-ai/client";
import sharp from "sharp";
import { expect } from "vitest";
import type { FalFake } from "../../infra/fakes/fal/emulator.js";
import { exactIntegersFetch } from "../../queue/providers/exact-json.js";
import { waitFor } from "./processes.js";

/** The real @fal-ai/client pointed at an emulator, and the calls the image-tool tests make through it. */
export function falTools(fake: FalFake) {
  const fal = createFalClient({
    credentials: "k",
    suppressLocalCredentialsWarning: true,
    fetch: exactIntegersFetch(fetch),
    requestMiddleware: async (req) => ({ ...req, url: req.url.replace(/^https:\/\/(queue\.|rest\.)?fal\.run/, fake.url) }),
  });
  const submit = (endpoint: string, input: Record<string, unknown>) => fal.queue.submit(endpoint, { input });
  const settle = async (endpoint: string, requestId: string) => {
    await waitFor(
      async () => ((await fal.queue.status(endpoint, { requestId })).status === "COMPLETED" ? true : undefined),
      20_000,
      "COMPLETED",
    );
    return fal.queue.result(endpoint, { requestId });
  };
  /** Submits and waits for the result's data. */
  const run = async <T>(endpoint: string, input: Record<string, unknown>) =>
    (await settle(endpoint, (await submit(endpoint, input)).request_id)).data as T;
  return { fal, submit, settle, run };
}

export type Detail = Array<{ loc: Array<string | number>; msg: string; type: string }>;

/** The ApiError a call ends in (it must end in one). */
export async function refusal(p: Promise<unknown>): Promise<ApiError<{ detail: Detail }>> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError<{ detail: Detail }>;
}

/** A picture of flat colour bands (one per colour, left to right), as PNG or JPEG. */
export function bands(width: number, height: number, colours: Array<[number, number, number]>, format: "png" | "jpeg" = "png") {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const [r, g, b] = colours[Math.min(colours.length - 1, Math.floor((x / width) * colours.length))] ?? [0, 0, 0];
      data.set([r, g, b], (y * width + x) * 3);
    }
  const img = sharp(data, { raw: { width, height, channels: 3 } });
  return (format === "png" ? img.png() : img.jpeg({ quality: 95 })).toBuffer();
}

/** A mask: black, with white over the given rectangle. */
export function rectMask(width: number, height: number, rect: { x: number; y: number; width: number; height: number }) {
  const data = Buffer.alloc(width * height);
  for (let y = rect.y; y < rect.y + rect.height; y++) data.fill(255, y * width + rect.x, y * width + rect.x + rect.width);
  return sharp(data, { raw: { width, height, channels: 1 } })
    .png()
    .toBuffer();
}

export const dataUri = (bytes: Buffer, type = "image/png") => `data:${type};base64,${bytes.toString("base64")}`;

/** A picture as RGB pixels. */
export async function rgb(bytes: Buffer) {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

/** A result picture, downloaded from its URL, as RGB pixels. */
export async function download(url: string) {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return rgb(Buffer.from(await res.arrayBuffer()));
}

/** A valid PNG header declaring width × height RGB pixels, followed by a few bytes of data: decoding it would take width × height × 3 bytes. */
export function declaredPng(width: number, height: number): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(body.length);
    const typed = Buffer.concat([Buffer.from(type, "ascii"), body]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([head, typed, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.alloc(1024))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
