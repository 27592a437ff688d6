import path from "node:path";
import { Inflate } from "fflate";
import { PermanentJobError } from "./outcome.js";
import { type ZipEntry, notAZip, readZipDirectory } from "./zip-directory.js";

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
  /**
   * Unpacked over packed bytes, of one entry and of the whole archive (its unpacked total over
   * the archive's size), each checked once it passes `ratioFloorBytes`.
   */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const ZIP_LIMITS: ZipLimits = {
  maxEntries: 1_000,
  maxEntryBytes: 25 * 1024 * 1024,
  maxTotalBytes: 500 * 1024 * 1024,
  // Images are compressed already: deflate gains little on them. A bomb's entries run near 1000:1.
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
};

/** Compressed bytes handed to the inflater at a time: one push unpacks to at most ~1000 times this. */
const INFLATE_CHUNK_BYTES = 4 * 1024;

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const tooBig = (why: string) => new PermanentJobError(why, "ZIP_TOO_LARGE");

/**
 * The limit an entry passes when it unpacks to `bytes` and the archive so far (this entry
 * included) to `total`, or undefined: the one rule for declared sizes and inflated bytes alike.
 * The archive's own ratio catches what each entry's cannot: many entries each under the ratio
 * floor, or entries that unpack the same bytes more than once.
 */
function limitPassed(entry: ZipEntry, bytes: number, total: number, archiveBytes: number, limits: ZipLimits): string | undefined {
  if (bytes > limits.maxEntryBytes) return `the zip entry ${entry.name} unpacks to more than ${mb(limits.maxEntryBytes)}`;
  if (bytes > limits.ratioFloorBytes && bytes > entry.packed * limits.maxRatio)
    return `the zip entry ${entry.name} is compressed more than ${limits.maxRatio} to 1`;
  if (total > limits.maxTotalBytes) return `the zip unpacks to more than ${mb(limits.maxTotalBytes)}`;
  if (total > limits.ratioFloorBytes && total > archiveBytes * limits.maxRatio)
    return `the zip unpacks to more than ${limits.maxRatio} times its own size`;
  return undefined;
}

/** Refuses an archive by what it declares: entry sizes, the total and the compression ratios. */
function checkDeclared(entries: ZipEntry[], archiveBytes: number, limits: ZipLimits): void {
  let total = 0;
  for (const entry of entries) {
    total += entry.unpacked;
    const refused = limitPassed(entry, entry.unpacked, total, archiveBytes, limits);
    if (refused) throw tooBig(refused);
  }
}

/**
 * One entry's bytes, inflated a few KB of input at a time and stopped as soon as it passes its
 * own declared size, the entry limit, the ratio limits or what is left of the total.
 */
function inflateEntry(zip: Buffer, entry: ZipEntry, limits: ZipLimits, totalBefore: number): Buffer {
  const packed = zip.subarray(entry.dataStart, entry.dataStart + entry.packed);
  if (entry.encrypted || (entry.method !== 0 && entry.method !== 8)) {
    throw new PermanentJobError(`the zip entry ${entry.name} is encrypted or uses a compression method other than deflate`, "BAD_INPUT");
  }
  const limitOf = (bytes: number): string | undefined =>
    limitPassed(entry, bytes, totalBefore + bytes, zip.length, limits) ??
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

const isImage = (name: string) =>
  /\.(png|jpe?g|webp)$/i.test(name) && !name.startsWith("__MACOSX/") && !path.posix.basename(name).startsWith(".");

/**
 * The images of a zip, by name, and the text of the `.txt` files beside them. Only those entries
 * are inflated, one at a time, within `limits`; an archive over a limit, or whose entries overlap,
 * is refused with the reason.
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
  const entries = readZipDirectory(zip, limits.maxEntries);
  checkDeclared(entries, zip.length, limits);
  const images = new Map<string, Buffer>();
  const texts = new Map<string, string>();
  let total = 0;
  for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const isText = /\.txt$/i.test(entry.name);
    if (!isText && !isImage(entry.name)) continue;
    const bytes = inflateEntry(zip, entry, limits, total);
    total += bytes.length;
    if (isText) texts.set(entry.name, bytes.toString("utf8"));
    else images.set(entry.name, bytes);
  }
  return { images, texts };
}
