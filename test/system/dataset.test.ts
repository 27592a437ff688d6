import { randomBytes } from "node:crypto";
import { Zip, ZipDeflate, ZipPassThrough, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { renderPicture } from "../../infra/fakes/picture.js";
import { ZIP_LIMITS, type ZipLimits, readImagesZip } from "../../queue/workers/images-zip.js";
import type { PermanentJobError } from "../../queue/workers/outcome.js";
import { refusal } from "../helpers/refusal.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { useWorkingApi } from "../helpers/working-api.js";

const MiB = 1024 * 1024;

/** A zip written the way streaming zippers write one (sizes in data descriptors), of zeros or given bytes. */
function streamedZip(entries: Record<string, number | Uint8Array>, level: 0 | 9 = 9): Buffer {
  const parts: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    parts.push(data);
  });
  const zeros = new Uint8Array(MiB);
  for (const [name, content] of Object.entries(entries)) {
    const file = level === 0 ? new ZipPassThrough(name) : new ZipDeflate(name, { level });
    zip.add(file);
    if (typeof content !== "number") {
      file.push(content, true);
      continue;
    }
    for (let left = content; left > 0; left -= zeros.length)
      file.push(left > zeros.length ? zeros : zeros.subarray(0, left), left <= zeros.length);
  }
  zip.end();
  return Buffer.concat(parts);
}

/**
 * Rewrites the unpacked size an entry declares, in the central directory and in its local header
 * (unless a data descriptor holds it there), so the two agree: a zip that lies consistently.
 */
function declareSize(zip: Buffer, name: string, unpacked: number): Buffer {
  const out = Buffer.from(zip);
  for (let at = out.length - 46; at >= 0; at--) {
    if (out.readUInt32LE(at) !== 0x02014b50) continue;
    const nameLength = out.readUInt16LE(at + 28);
    if (out.toString("utf8", at + 46, at + 46 + nameLength) !== name) continue;
    out.writeUInt32LE(unpacked, at + 24);
    const local = out.readUInt32LE(at + 42);
    if ((out.readUInt16LE(local + 6) & 0x8) === 0) out.writeUInt32LE(unpacked, local + 22);
    return out;
  }
  throw new Error(`no entry ${name}`);
}

/**
 * Runs `fn` and returns how far the process's resident memory rose above where it started: at its
 * peak when the process's peak was raised during the call, else where it ended.
 */
function rssGrowth(fn: () => void): number {
  const before = process.memoryUsage().rss;
  const peakBefore = process.resourceUsage().maxRSS;
  try {
    fn();
  } catch {
    // The caller checks the error itself.
  }
  const peakAfter = process.resourceUsage().maxRSS;
  const after = process.memoryUsage().rss;
  return (peakAfter > peakBefore ? Math.max(after, peakAfter * 1024) : after) - before;
}

const picture = (i: number) => new Uint8Array(renderPicture(`face ${i}`, i, 64, 64));

// Built once: 256 MiB of zeros, deflated to about 250 KB, in 1 MiB pieces so making it costs no memory.
const BOMB_NAME = "bomb/zeros.png";
const bomb = streamedZip({ [BOMB_NAME]: 256 * MiB });

describe("reading an images zip", () => {
  it("the bomb is small: a quarter GiB of zeros in well under a megabyte", () => {
    expect(bomb.length).toBeLessThan(MiB);
  });

  it("a zip bomb is refused by the sizes it declares, before anything is inflated, and memory stays flat", () => {
    // First, so the process's peak so far is this file's start and the bomb's making.
    let error: PermanentJobError | undefined;
    const growth = rssGrowth(() => {
      error = refusal(() => readImagesZip(bomb));
    });
    expect(error?.message).toBe("the zip entry bomb/zeros.png unpacks to more than 25 MB");
    expect(error?.code).toBe("ZIP_TOO_LARGE");
    process.stdout.write(`zip bomb refused by its declared sizes: resident memory rose ${(growth / MiB).toFixed(1)} MiB\n`);
    expect(growth).toBeLessThan(32 * MiB);
  });

  it("a bomb that declares small sizes is stopped by the bytes it unpacks, with memory bounded by the limit", () => {
    // 8 MiB declared passes every declared check (under 25 MB, about 32 to 1): only inflating shows the lie.
    const liar = declareSize(bomb, BOMB_NAME, 8 * MiB);
    let error: PermanentJobError | undefined;
    const growth = rssGrowth(() => {
      error = refusal(() => readImagesZip(liar));
    });
    expect(error?.message).toBe(`the zip entry ${BOMB_NAME} unpacks to more than the ${8 * MiB} bytes it declares`);
    process.stdout.write(
      `zip bomb with a false declared size stopped while inflating: resident memory rose ${(growth / MiB).toFixed(1)} MiB\n`,
    );
    expect(growth).toBeLessThan(64 * MiB);

    expect(refusal(() => readImagesZip(declareSize(bomb, BOMB_NAME, 1_000))).message).toBe(
      `the zip entry ${BOMB_NAME} unpacks to more than the 1000 bytes it declares`,
    );
  });

  it("refuses over the entry count, one entry's size, the total and the compression ratio, each with its reason", () => {
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i <= ZIP_LIMITS.maxEntries; i++) many[`f${i}.txt`] = new Uint8Array([65]);
    expect(refusal(() => readImagesZip(Buffer.from(zipSync(many)))).message).toBe(`the zip has more than ${ZIP_LIMITS.maxEntries} entries`);

    // Random bytes do not compress: these entries pass the ratio check and stop at the size limits.
    const noise = (n: number) => new Uint8Array(randomBytes(n));
    const small: ZipLimits = { ...ZIP_LIMITS, maxEntryBytes: 4 * MiB, maxTotalBytes: 8 * MiB };
    const three = Buffer.from(zipSync({ "a.png": noise(3 * MiB), "b.png": noise(3 * MiB), "c.png": noise(3 * MiB) }, { level: 1 }));
    expect(refusal(() => readImagesZip(three, small)).message).toBe("the zip unpacks to more than 8 MB");
    // Sizes declared as less than they are: stopped while inflating.
    const understated = declareSize(declareSize(three, "b.png", 1), "c.png", 1);
    expect(refusal(() => readImagesZip(understated, { ...small, maxTotalBytes: 5 * MiB })).message).toMatch(/unpacks to more than/);
    expect(refusal(() => readImagesZip(Buffer.from(zipSync({ "big.png": noise(5 * MiB) }, { level: 0 })), small)).message).toBe(
      "the zip entry big.png unpacks to more than 4 MB",
    );
    expect(refusal(() => readImagesZip(streamedZip({ "flat.png": 5 * MiB }))).message).toBe(
      "the zip entry flat.png is compressed more than 100 to 1",
    );
  });

  it("an ordinary archive reads as fflate's unzipSync reads it: deflated, stored, streamed, nested, with captions", () => {
    const files: Record<string, Uint8Array> = {
      "photos/pic0.png": picture(0),
      "photos/pic1.png": picture(1),
      "photos/pic0.txt": new Uint8Array(Buffer.from("a photo of tok smiling")),
      "__MACOSX/photos/._pic1.png": new Uint8Array([0, 1, 2]),
      "notes.md": new Uint8Array(Buffer.from("# not read")),
    };
    for (const zip of [Buffer.from(zipSync(files)), Buffer.from(zipSync(files, { level: 0 })), streamedZip(files), streamedZip(files, 0)]) {
      const expected = unzipSync(new Uint8Array(zip));
      const read = readImagesZip(zip);
      expect([...read.images.keys()]).toEqual(["photos/pic0.png", "photos/pic1.png"]);
      for (const [name, bytes] of read.images) expect(bytes.equals(Buffer.from(expected[name] ?? []))).toBe(true);
      expect(Object.fromEntries(read.texts)).toEqual({ "photos/pic0.txt": "a photo of tok smiling" });
    }
    expect(refusal(() => readImagesZip(Buffer.from("not a zip at all"))).message).toBe("the images archive is not a readable zip file");
    expect(refusal(() => readImagesZip(bomb.subarray(0, bomb.length - 30))).message).toBe("the images archive is not a readable zip file");
  });
});

describe("LoRA training from a zip bomb", () => {
  const w = useWorkingApi();

  it("fails the job at once with the reason, before any provider call, and is not retried", async () => {
    const up = dataOf<{ uploadKey: string; url: string; headers: Record<string, string> }>(
      await trpcCall(
        w.api.app,
        w.alice.key,
        "assets.uploadUrl",
        { fileName: "faces.zip", contentType: "application/zip", sizeBytes: bomb.length },
        "mutation",
      ),
    );
    expect((await fetch(up.url, { method: "PUT", body: bomb, headers: up.headers })).status).toBe(200);
    const jobId = await w.create({ type: "lora-training", imagesZipKey: up.uploadKey, triggerWord: "boom" });
    const job = await w.finished(jobId);
    expect(job.status).toBe("failed");
    expect(job.error).toMatchObject({
      message: `the zip entry ${BOMB_NAME} unpacks to more than 25 MB`,
      code: "ZIP_TOO_LARGE",
      retryable: false,
    });
    expect(w.fal.submissions.filter((s) => s.input.trigger_word === "boom")).toHaveLength(0);
  });
});
