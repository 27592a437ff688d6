import { randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";
import { deflateSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { ZIP_LIMITS, readImagesZip } from "../../queue/workers/images-zip.js";
import { refusal } from "../helpers/refusal.js";

const MiB = 1024 * 1024;

/** A file's bytes as one local entry stores them. */
interface Packed {
  name: string;
  method: 0 | 8;
  crc: number;
  packed: Buffer;
  unpacked: number;
}

function pack(name: string, content: Uint8Array, method: 0 | 8 = 8): Packed {
  const packed = Buffer.from(method === 8 ? deflateSync(content, { level: 6 }) : content);
  return { name, method, crc: crc32(content), packed, unpacked: content.length };
}

/** A local file header (APPNOTE 4.3.7), sizes in the header, no data descriptor. */
function localHeader(file: Packed): Buffer {
  const name = Buffer.from(file.name);
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(file.method, 8);
  h.writeUInt32LE(file.crc, 14);
  h.writeUInt32LE(file.packed.length, 18);
  h.writeUInt32LE(file.unpacked, 22);
  h.writeUInt16LE(name.length, 26);
  return Buffer.concat([h, name]);
}

/** A local entry: its header, then its data. */
const local = (file: Packed) => Buffer.concat([localHeader(file), file.packed]);

/** A central directory entry (APPNOTE 4.3.12) saying `name` is `file`'s data at `offset`. */
function central(name: string, file: Packed, offset: number): Buffer {
  const n = Buffer.from(name);
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(20, 6);
  h.writeUInt16LE(file.method, 10);
  h.writeUInt32LE(file.crc, 16);
  h.writeUInt32LE(file.packed.length, 20);
  h.writeUInt32LE(file.unpacked, 24);
  h.writeUInt16LE(n.length, 28);
  h.writeUInt32LE(offset, 42);
  return Buffer.concat([h, n]);
}

/** The local entries' bytes, then the central directory, then its end record. */
function assemble(locals: Buffer, centrals: Buffer[]): Buffer {
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length, 8);
  end.writeUInt16LE(centrals.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(locals.length, 16);
  return Buffer.concat([locals, directory, end]);
}

/**
 * 24 MiB that deflate to about 400 KB (60 to 1): random bytes, then zeros. On its own an entry of
 * these passes every per-entry limit (under 25 MB, under 100 to 1).
 */
const content = new Uint8Array(24 * MiB);
content.set(randomBytes(380 * 1024));
const shared = pack("img0.png", content);

describe("an images zip whose entries overlap", () => {
  it("one entry of the shared bytes is an ordinary archive, read whole", () => {
    const zip = assemble(local(shared), [central("img0.png", shared, 0)]);
    const { images } = readImagesZip(zip);
    expect(images.get("img0.png")?.length).toBe(24 * MiB);
  });

  it("eight central entries on one local entry (200 MB from a 400 KB archive) are refused before anything is inflated", () => {
    const names = Array.from({ length: 8 }, (_, i) => `img${i}.png`);
    const zip = assemble(
      local(shared),
      names.map((n) => central(n, shared, 0)),
    );
    expect(zip.length).toBeLessThan(MiB);
    const error = refusal(() => readImagesZip(zip));
    expect(error.message).toBe("the zip entry img1.png does not match its local header");
    expect(error.code).toBe("BAD_INPUT");

    // The same with one name throughout, so each central entry matches the local header it names.
    const sameName = assemble(
      local(shared),
      names.map(() => central("img0.png", shared, 0)),
    );
    const overlap = refusal(() => readImagesZip(sameName));
    expect(overlap.message).toBe("the zip entries img0.png and img0.png share bytes: an archive whose entries overlap is refused");
    expect(overlap.code).toBe("ZIP_TOO_LARGE");
  });

  it("an entry stored inside another entry's data is refused, though each matches its own local header", () => {
    // b.png's local entry, then a.png storing those very bytes: two readers' worth of one entry.
    const inner = { ...shared, name: "b.png" };
    const outer = pack("a.png", local(inner), 0);
    const zip = assemble(local(outer), [central("a.png", outer, 0), central("b.png", inner, localHeader(outer).length)]);
    expect(refusal(() => readImagesZip(zip)).message).toBe(
      "the zip entries a.png and b.png share bytes: an archive whose entries overlap is refused",
    );
  });

  it("many small entries, each under the per-entry ratio floor, are refused by the archive's own ratio", () => {
    // 40 files of 1 MiB of zeros: each too small for the per-entry ratio rule, 40 MiB from ~40 KB.
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 40; i++) files[`zeros${i}.png`] = new Uint8Array(ZIP_LIMITS.ratioFloorBytes);
    const zip = Buffer.from(zipSync(files, { level: 6 }));
    expect(zip.length * ZIP_LIMITS.maxRatio).toBeLessThan(40 * MiB);
    const error = refusal(() => readImagesZip(zip));
    expect(error.message).toBe(`the zip unpacks to more than ${ZIP_LIMITS.maxRatio} times its own size`);
    expect(error.code).toBe("ZIP_TOO_LARGE");
  });
});
