import { randomBytes } from "node:crypto";
import type { Readable } from "node:stream";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import type { Storage } from "../shared/storage/client.js";
import type { Figure } from "./figure.js";

/** Pictures in the zip: the most the selection bar sends (MAX_PICTURES_PER_CALL). */
const ZIP_PICTURES = 100;
/** Each picture's size, a large PNG as fal answers them: 100 of them are far more than the memory a streamed zip may hold. */
const PICTURE_BYTES = 1_500_000;

/** The most this process's resident memory grew above where it was while `run` ran, sampled every few milliseconds. */
async function rssGrowth(run: () => Promise<void>): Promise<number> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  const timer = setInterval(sample, 5);
  try {
    await run();
  } finally {
    clearInterval(timer);
    sample();
  }
  return peak - before;
}

const mb = (bytes: number) => Math.round(bytes / 10_000) / 100;

/**
 * The zip download of 100 pictures (issue 35: "streams with bounded memory"): the growth of the
 * resident memory of the process that serves it (the bench serves the app in its own process)
 * while the archive is downloaded and dropped chunk by chunk, beside the growth while the same
 * objects are read raw from S3 one after another, and the pictures' summed size, which a zip
 * buffered whole would add.
 */
export async function zipMemory(
  storage: Storage,
  pictures: Array<{ jobId: string; key: string }>,
  zipUrl: (query: string) => string,
  headers: Record<string, string>,
  log: (m: string) => void,
): Promise<Figure[]> {
  const chosen = pictures.slice(0, ZIP_PICTURES);
  if (chosen.length < ZIP_PICTURES) throw new Error(`the seed has ${chosen.length} shared pictures, not ${ZIP_PICTURES}`);
  for (const p of chosen)
    await storage.client.send(
      new PutObjectCommand({ Bucket: storage.bucket, Key: p.key, Body: randomBytes(PICTURE_BYTES), ContentType: "image/png" }),
    );
  const summed = chosen.length * PICTURE_BYTES;
  let rawBytes = 0;
  const raw = await rssGrowth(async () => {
    for (const p of chosen) {
      const res = await storage.client.send(new GetObjectCommand({ Bucket: storage.bucket, Key: p.key }));
      for await (const chunk of res.Body as Readable) rawBytes += (chunk as Uint8Array).length;
    }
  });
  let zipBytes = 0;
  const query = new URLSearchParams(chosen.map((p): [string, string] => ["p", `${p.jobId}/1`])).toString();
  const zip = await rssGrowth(async () => {
    const res = await fetch(zipUrl(query), { headers });
    if (!res.ok || !res.body) throw new Error(`zip: ${res.status} ${await res.text()}`);
    for await (const chunk of res.body) zipBytes += chunk.length;
  });
  if (rawBytes !== summed || zipBytes < summed) throw new Error(`zip: read ${rawBytes} raw and ${zipBytes} zipped bytes of ${summed}`);
  log(
    `gallery: zip of ${ZIP_PICTURES} pictures (${mb(summed)} MB, archive ${mb(zipBytes)} MB): RSS grew ${mb(zip)} MB; ` +
      `the same objects read raw from S3: ${mb(raw)} MB`,
  );
  return [
    {
      name: `zip of ${ZIP_PICTURES} pictures: RSS growth`,
      value: mb(zip),
      unit: "MB",
      baseline: "raw S3 read of the same objects",
      baselineValue: mb(raw),
    },
    {
      name: `zip of ${ZIP_PICTURES} pictures: RSS growth`,
      value: mb(zip),
      unit: "MB",
      baseline: "the pictures' summed size",
      baselineValue: mb(summed),
    },
  ];
}
