import { GetObjectCommand, S3ServiceException } from "@aws-sdk/client-s3";
import { imageSize } from "image-size";
import type { Storage } from "../storage/client.js";

/** How much of a stored picture is read to learn its type and size: headers sit at the start (a JPEG's after its EXIF, within this). */
const HEADER_BYTES = 256 * 1024;

export interface PictureHeader {
  type: string;
  width: number;
  height: number;
}

/**
 * A stored picture's type and size from the first bytes of the object (one ranged GET), never
 * decoding it: a PNG declaring 50,000×50,000 pixels is known as such from 33 bytes. Undefined
 * when the object is missing or its bytes are not a picture image-size knows.
 */
export async function readPictureHeader(storage: Storage, key: string): Promise<PictureHeader | undefined> {
  let head: Buffer;
  try {
    const res = await storage.client.send(new GetObjectCommand({ Bucket: storage.bucket, Key: key, Range: `bytes=0-${HEADER_BYTES - 1}` }));
    if (!res.Body) return undefined;
    head = Buffer.from(await res.Body.transformToByteArray());
  } catch (err) {
    if (err instanceof S3ServiceException && (err.$metadata.httpStatusCode === 404 || err.name === "NoSuchKey")) return undefined;
    throw err;
  }
  return pictureHeaderOf(head);
}

/** The type and size a picture's first bytes declare, or undefined when they are not a picture's. */
export function pictureHeaderOf(head: Uint8Array): PictureHeader | undefined {
  try {
    const size = imageSize(head);
    if (!size.type || !size.width || !size.height) return undefined;
    const turned = (size.orientation ?? 1) >= 5;
    return { type: size.type, width: turned ? size.height : size.width, height: turned ? size.width : size.height };
  } catch {
    return undefined;
  }
}
