import type { Readable } from "node:stream";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { Zip, ZipPassThrough } from "fflate";
import type { Storage } from "./client.js";

/** One file of a download archive: its name in the zip and the object it holds. */
export interface ZipSource {
  name: string;
  key: string;
}

/**
 * A zip of stored objects, as its bytes come: the objects are read one after another and each
 * chunk goes into the archive as it arrives, stored as is (pictures are compressed already), with
 * the sizes and CRC written after each entry. The consumer pulls: nothing is read from the store
 * before the last bytes were taken, so memory holds about one chunk whatever the archive's size.
 */
export async function* zipObjects(storage: Storage, sources: ZipSource[]): AsyncGenerator<Uint8Array> {
  const ready: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else ready.push(chunk);
  });
  const taken = () => {
    if (failure) throw failure;
    return ready.splice(0);
  };
  for (const source of sources) {
    const entry = new ZipPassThrough(source.name);
    zip.add(entry);
    const res = await storage.client.send(new GetObjectCommand({ Bucket: storage.bucket, Key: source.key }));
    if (!res.Body) throw new Error(`storage returned no body for ${source.key}`);
    for await (const chunk of res.Body as Readable) {
      entry.push(chunk as Uint8Array<ArrayBuffer>);
      yield* taken();
    }
    entry.push(new Uint8Array(0), true);
    yield* taken();
  }
  zip.end();
  yield* taken();
}
