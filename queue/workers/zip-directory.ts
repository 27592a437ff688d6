import { PermanentJobError } from "./outcome.js";

/** One file of a zip as its central directory declares it, checked against its local header. */
export interface ZipEntry {
  name: string;
  method: number;
  encrypted: boolean;
  packed: number;
  unpacked: number;
  localOffset: number;
  /** Where the entry's packed bytes start: after its local header, name and extra field. */
  dataStart: number;
}

/** A central directory entry before its local header is read. */
interface CentralEntry extends Omit<ZipEntry, "dataStart"> {
  rawName: Buffer;
  flags: number;
  crc: number;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
/** General purpose flag bit 3: crc and sizes follow the data in a descriptor, the local ones are zero. */
const DATA_DESCRIPTOR = 0x8;
/** A 32-bit size or offset field saying "see the zip64 extra field". */
const ZIP64_SENTINEL = 0xffffffff;

export const notAZip = () => new PermanentJobError("the images archive is not a readable zip file", "BAD_INPUT");
const tooManyEntries = (max: number) => new PermanentJobError(`the zip has more than ${max} entries`, "ZIP_TOO_LARGE");

/**
 * The zip's entries, read without inflating anything, and refused unless they lay out as an
 * ordinary zip does: each central entry names a local header of the same name, method and sizes,
 * and no two entries share a byte, nor an entry the central directory. A zip whose central
 * entries point at one local entry (or into each other's data) unpacks its bytes many times over
 * while each entry on its own looks like an ordinary compressed file: the bomb the per-entry
 * limits cannot see.
 */
export function readZipDirectory(zip: Buffer, maxEntries: number): ZipEntry[] {
  const { count, offset } = endOfDirectory(zip);
  if (count > maxEntries) throw tooManyEntries(maxEntries);
  const entries = centralEntries(zip, count, offset).map((entry) => withLocalHeader(zip, entry, offset));
  refuseOverlaps(entries);
  return entries;
}

/** The entry count and the central directory's offset, from the end record (zip64 included). */
function endOfDirectory(zip: Buffer): { count: number; offset: number } {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === END_OF_DIRECTORY) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notAZip();
  let count: number = zip.readUInt16LE(eocd + 10);
  let offset: number = zip.readUInt32LE(eocd + 16);
  if ((count === 0xffff || offset === ZIP64_SENTINEL) && eocd >= 20 && zip.readUInt32LE(eocd - 20) === ZIP64_LOCATOR) {
    const z64 = Number(zip.readBigUInt64LE(eocd - 12));
    if (z64 + 56 > zip.length || zip.readUInt32LE(z64) !== ZIP64_END) throw notAZip();
    count = Number(zip.readBigUInt64LE(z64 + 32));
    offset = Number(zip.readBigUInt64LE(z64 + 48));
  }
  if (offset > zip.length) throw notAZip();
  return { count, offset };
}

function centralEntries(zip: Buffer, count: number, offset: number): CentralEntry[] {
  const entries: CentralEntry[] = [];
  for (let i = 0, at = offset; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_HEADER) throw notAZip();
    const flags = zip.readUInt16LE(at + 8);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    if (at + 46 + nameLength + extraLength > zip.length) throw notAZip();
    const rawName = zip.subarray(at + 46, at + 46 + nameLength);
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
      if (unpacked === ZIP64_SENTINEL) unpacked = next();
      if (packed === ZIP64_SENTINEL) packed = next();
      if (localOffset === ZIP64_SENTINEL) localOffset = next();
      break;
    }
    entries.push({
      name: rawName.toString(flags & 0x800 ? "utf8" : "latin1"),
      rawName,
      flags,
      crc: zip.readUInt32LE(at + 16),
      method: zip.readUInt16LE(at + 10),
      encrypted: (flags & 1) === 1,
      packed,
      unpacked,
      localOffset,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The entry with where its data starts, once its local header says what the central directory
 * says (APPNOTE 4.4: the local header repeats the name, method, flags and, unless bit 3 defers
 * them to a data descriptor, the crc and sizes) and its data ends before the central directory.
 */
function withLocalHeader(zip: Buffer, entry: CentralEntry, directoryOffset: number): ZipEntry {
  const at = entry.localOffset;
  if (at + 30 > directoryOffset || zip.readUInt32LE(at) !== LOCAL_HEADER) throw notAZip();
  const flags = zip.readUInt16LE(at + 6);
  const nameLength = zip.readUInt16LE(at + 26);
  const dataStart = at + 30 + nameLength + zip.readUInt16LE(at + 28);
  const sameSize = (local: number, central: number) => local === ZIP64_SENTINEL || local === central;
  const matches =
    dataStart <= directoryOffset &&
    zip.subarray(at + 30, at + 30 + nameLength).equals(entry.rawName) &&
    zip.readUInt16LE(at + 8) === entry.method &&
    (flags & 1) === (entry.flags & 1) &&
    ((flags & DATA_DESCRIPTOR) !== 0 ||
      (zip.readUInt32LE(at + 14) === entry.crc &&
        sameSize(zip.readUInt32LE(at + 18), entry.packed) &&
        sameSize(zip.readUInt32LE(at + 22), entry.unpacked)));
  if (!matches) throw new PermanentJobError(`the zip entry ${entry.name} does not match its local header`, "BAD_INPUT");
  if (dataStart + entry.packed > directoryOffset) throw notAZip();
  const { name, method, encrypted, packed, unpacked, localOffset } = entry;
  return { name, method, encrypted, packed, unpacked, localOffset, dataStart };
}

/** Each entry's header and data, in file order, must end before the next entry starts. */
function refuseOverlaps(entries: ZipEntry[]): void {
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 0; i < byOffset.length; i++) {
    const entry = byOffset[i] as ZipEntry;
    const next = byOffset[i + 1];
    if (next && entry.dataStart + entry.packed > next.localOffset) {
      throw new PermanentJobError(
        `the zip entries ${entry.name} and ${next.name} share bytes: an archive whose entries overlap is refused`,
        "ZIP_TOO_LARGE",
      );
    }
  }
}
