import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { Inflate, zipSync } from "fflate";
import { imageSize } from "image-size";
import type { WorkerDeps } from "../worker-deps.js";
import { PermanentJobError } from "./outcome.js";
import { UnreadableVideoError, extractFrames } from "./video-frames.js";

export const MIN_IMAGES = 4;
const MAX_ZIP_BYTES = 500 * 1024 * 1024;
const MAX_IMAGE_BYTES = 25 * 1024 * 1024;

export interface DatasetImage {
  name: string;
  bytes: Buffer;
  caption: string;
}

export interface DatasetSource {
  imagesZipKey?: string | undefined;
  imageKeys?: string[] | undefined;
  videoKey?: string | undefined;
  triggerWord: string;
}

async function readObject(deps: WorkerDeps, key: string, maxBytes: number): Promise<Buffer> {
  const res = await deps.storage.client.send(new GetObjectCommand({ Bucket: deps.storage.bucket, Key: key }));
  if ((res.ContentLength ?? 0) > maxBytes)
    throw new PermanentJobError(`${key.split("/").pop()} is larger than ${maxBytes} bytes`, "BAD_INPUT");
  return Buffer.from(await (res.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
}

const isImage = (name: string) =>
  /\.(png|jpe?g|webp)$/i.test(name) && !name.startsWith("__MACOSX/") && !path.posix.basename(name).startsWith(".");

/** True when the bytes decode as an image; anything else in an archive or upload is skipped. */
function isReadableImage(bytes: Buffer): boolean {
  try {
    const size = imageSize(bytes);
    return Boolean(size.width && size.height);
  } catch {
    return false;
  }
}

/**
 * Limits on an images archive. They are checked first against the sizes the zip's central
 * directory declares, before anything is inflated, and again against the bytes as they come out
 * of the inflater, entry by entry, since a zip can declare any sizes it likes.
 */
export interface ZipLimits {
  /** Entries in the central directory, directories and skipped files included. */
  maxEntries: number;
  /** Unpacked bytes of one entry. */
  maxEntryBytes: number;
  /** Unpacked bytes of the whole archive. */
  maxTotalBytes: number;
  /** Unpacked over packed bytes of one entry, checked once the entry passes `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const ZIP_LIMITS: ZipLimits = {
  maxEntries: 1_000,
  maxEntryBytes: MAX_IMAGE_BYTES,
  maxTotalBytes: 500 * 1024 * 1024,
  // Images are compressed already: deflate gains little on them. A bomb's entries run near 1000:1.
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
};

/** Compressed bytes handed to the inflater at a time: one push unpacks to at most ~1000 times this. */
const INFLATE_CHUNK_BYTES = 4 * 1024;

interface ZipEntry {
  name: string;
  method: number;
  encrypted: boolean;
  packed: number;
  unpacked: number;
  localOffset: number;
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const notAZip = () => new PermanentJobError("the images archive is not a readable zip file", "BAD_INPUT");
const tooBig = (why: string) => new PermanentJobError(why, "ZIP_TOO_LARGE");

/** The central directory's entries (zip64 included), read without inflating anything. */
function centralDirectory(zip: Buffer, maxEntries: number): ZipEntry[] {
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notAZip();
  let count: number = zip.readUInt16LE(eocd + 10);
  let offset: number = zip.readUInt32LE(eocd + 16);
  if ((count === 0xffff || offset === 0xffffffff) && eocd >= 20 && zip.readUInt32LE(eocd - 20) === 0x07064b50) {
    const z64 = Number(zip.readBigUInt64LE(eocd - 12));
    if (z64 + 56 > zip.length || zip.readUInt32LE(z64) !== 0x06064b50) throw notAZip();
    count = Number(zip.readBigUInt64LE(z64 + 32));
    offset = Number(zip.readBigUInt64LE(z64 + 48));
  }
  if (count > maxEntries) throw tooBig(`the zip has more than ${maxEntries} entries`);
  const entries: ZipEntry[] = [];
  for (let i = 0, at = offset; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw notAZip();
    const flags = zip.readUInt16LE(at + 8);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    if (at + 46 + nameLength + extraLength > zip.length) throw notAZip();
    const name = zip.toString(flags & 0x800 ? "utf8" : "latin1", at + 46, at + 46 + nameLength);
    let packed = zip.readUInt32LE(at + 20);
    let unpacked = zip.readUInt32LE(at + 24);
    let localOffset = zip.readUInt32LE(at + 42);
    // Sizes and offset that do not fit 32 bits are in the zip64 extra field, in this order.
    for (let e = at + 46 + nameLength, end = e + extraLength; e + 4 <= end; e += 4 + zip.readUInt16LE(e + 2)) {
      if (zip.readUInt16LE(e) !== 0x0001) continue;
      let f = e + 4;
      const next = () => {
        if (f + 8 > end) throw notAZip();
        const v = Number(zip.readBigUInt64LE(f));
        f += 8;
        return v;
      };
      if (unpacked === 0xffffffff) unpacked = next();
      if (packed === 0xffffffff) packed = next();
      if (localOffset === 0xffffffff) localOffset = next();
      break;
    }
    entries.push({ name, method: zip.readUInt16LE(at + 10), encrypted: (flags & 1) === 1, packed, unpacked, localOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The limit an entry passes when it unpacks to `bytes` and the archive so far (this entry
 * included) to `total`, or undefined: the one rule for declared sizes and inflated bytes alike.
 */
function limitPassed(entry: ZipEntry, bytes: number, total: number, limits: ZipLimits): string | undefined {
  if (bytes > limits.maxEntryBytes) return `the zip entry ${entry.name} unpacks to more than ${mb(limits.maxEntryBytes)}`;
  if (bytes > limits.ratioFloorBytes && bytes > entry.packed * limits.maxRatio)
    return `the zip entry ${entry.name} is compressed more than ${limits.maxRatio} to 1`;
  if (total > limits.maxTotalBytes) return `the zip unpacks to more than ${mb(limits.maxTotalBytes)}`;
  return undefined;
}

/** Refuses an archive by what it declares: entry sizes, the total and the compression ratio. */
function checkDeclared(entries: ZipEntry[], limits: ZipLimits): void {
  let total = 0;
  for (const entry of entries) {
    total += entry.unpacked;
    const refused = limitPassed(entry, entry.unpacked, total, limits);
    if (refused) throw tooBig(refused);
  }
}

/**
 * One entry's bytes, inflated a few KB of input at a time and stopped as soon as it passes its
 * own declared size, the entry limit, the ratio limit or what is left of the total.
 */
function inflateEntry(zip: Buffer, entry: ZipEntry, limits: ZipLimits, totalLeft: number): Buffer {
  const at = entry.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== 0x04034b50) throw notAZip();
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  if (start + entry.packed > zip.length) throw notAZip();
  const packed = zip.subarray(start, start + entry.packed);
  if (entry.encrypted || (entry.method !== 0 && entry.method !== 8)) {
    throw new PermanentJobError(`the zip entry ${entry.name} is encrypted or uses a compression method other than deflate`, "BAD_INPUT");
  }
  const limitOf = (bytes: number): string | undefined =>
    limitPassed(entry, bytes, limits.maxTotalBytes - totalLeft + bytes, limits) ??
    (bytes > entry.unpacked ? `the zip entry ${entry.name} unpacks to more than the ${entry.unpacked} bytes it declares` : undefined);
  if (entry.method === 0) {
    const refused = limitOf(packed.length);
    if (refused) throw tooBig(refused);
    if (packed.length !== entry.unpacked) throw notAZip();
    return Buffer.from(packed);
  }
  const chunks: Uint8Array[] = [];
  let produced = 0;
  let refused: string | undefined;
  let ended = false;
  const inflater = new Inflate((data, final) => {
    if (refused) return;
    produced += data.length;
    refused = limitOf(produced);
    if (!refused) chunks.push(data);
    if (final) ended = true;
  });
  try {
    for (let i = 0; i < packed.length && !refused && !ended; i += INFLATE_CHUNK_BYTES) {
      const end = Math.min(i + INFLATE_CHUNK_BYTES, packed.length);
      inflater.push(packed.subarray(i, end), end === packed.length);
    }
  } catch {
    throw notAZip();
  }
  if (refused) throw tooBig(refused);
  if (!ended || produced !== entry.unpacked) throw notAZip();
  return Buffer.concat(chunks, produced);
}

/**
 * The images of a zip, by name, and the text of the `.txt` files beside them. Only those entries
 * are inflated, one at a time, within `limits`; an archive over a limit is refused with the reason.
 */
export function readImagesZip(zip: Buffer, limits: ZipLimits = ZIP_LIMITS): { images: Map<string, Buffer>; texts: Map<string, string> } {
  try {
    return readZip(zip, limits);
  } catch (err) {
    // A read past the end of a truncated or garbled archive.
    if (err instanceof PermanentJobError) throw err;
    throw notAZip();
  }
}

function readZip(zip: Buffer, limits: ZipLimits): { images: Map<string, Buffer>; texts: Map<string, string> } {
  const entries = centralDirectory(zip, limits.maxEntries);
  checkDeclared(entries, limits);
  const images = new Map<string, Buffer>();
  const texts = new Map<string, string>();
  let total = 0;
  for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const isText = /\.txt$/i.test(entry.name);
    if (!isText && !isImage(entry.name)) continue;
    const bytes = inflateEntry(zip, entry, limits, limits.maxTotalBytes - total);
    total += bytes.length;
    if (isText) texts.set(entry.name, bytes.toString("utf8"));
    else images.set(entry.name, bytes);
  }
  return { images, texts };
}

/**
 * The training images with their captions: from a zip (a same-name .txt beside an image is its
 * caption), from uploaded images, or from frames of a video. Captions default to the trigger word.
 */
export async function collectImages(deps: WorkerDeps, source: DatasetSource): Promise<DatasetImage[]> {
  const images: DatasetImage[] = [];
  const add = (bytes: Buffer, caption?: string) => {
    const n = String(images.length + 1).padStart(3, "0");
    const ext = imageSize(bytes).type === "jpg" ? "jpg" : (imageSize(bytes).type ?? "png");
    images.push({ name: `image_${n}.${ext}`, bytes, caption: caption?.trim() || source.triggerWord });
  };

  if (source.imagesZipKey) {
    const { images: entries, texts } = readImagesZip(await readObject(deps, source.imagesZipKey, MAX_ZIP_BYTES));
    const captions = new Map([...texts].map(([name, text]) => [name.replace(/\.txt$/i, ""), text]));
    for (const [name, bytes] of entries) {
      if (isReadableImage(bytes)) add(bytes, captions.get(name.replace(/\.[^.]+$/, "")));
    }
  } else if (source.imageKeys) {
    for (const key of source.imageKeys) {
      const bytes = await readObject(deps, key, MAX_IMAGE_BYTES);
      if (isReadableImage(bytes)) add(bytes);
    }
  } else if (source.videoKey) {
    const dir = await mkdtemp(path.join(tmpdir(), "cg-video-"));
    try {
      const file = path.join(dir, "input");
      const res = await deps.storage.client.send(new GetObjectCommand({ Bucket: deps.storage.bucket, Key: source.videoKey }));
      await pipeline(res.Body as Readable, createWriteStream(file));
      let frames: Buffer[];
      try {
        frames = await extractFrames(file, dir);
      } catch (err) {
        if (err instanceof UnreadableVideoError) throw new PermanentJobError(err.message, "BAD_INPUT");
        throw err;
      }
      if (frames.length < MIN_IMAGES)
        throw new PermanentJobError(`insufficient frames: got ${frames.length}, need ${MIN_IMAGES}`, "INSUFFICIENT_FRAMES");
      for (const frame of frames) add(frame);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  if (images.length < MIN_IMAGES)
    throw new PermanentJobError(`insufficient images: got ${images.length}, need ${MIN_IMAGES}`, "INSUFFICIENT_IMAGES");
  return images;
}

/** The archive the training provider takes: each image with its caption as a same-name .txt. */
export function datasetZip(images: DatasetImage[]): Buffer {
  const files: Record<string, Uint8Array> = {};
  for (const img of images) {
    files[img.name] = new Uint8Array(img.bytes);
    files[img.name.replace(/\.[^.]+$/, ".txt")] = new Uint8Array(Buffer.from(img.caption));
  }
  return Buffer.from(zipSync(files, { level: 0 }));
}
