import { S3Client } from "@aws-sdk/client-s3";
import type { Config } from "../config.js";

export interface Storage {
  client: S3Client;
  bucket: string;
}

export function createStorage(s3: Config["s3"]): Storage {
  const credentials =
    s3.accessKeyId && s3.secretAccessKey ? { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } : undefined;
  const client = new S3Client({
    region: s3.region,
    ...(s3.endpoint ? { endpoint: s3.endpoint } : {}),
    forcePathStyle: s3.forcePathStyle,
    ...(credentials ? { credentials } : {}),
    // The SDK's default CRC32 trailers on every request are not understood by every
    // S3-compatible server; send and check checksums only where the API requires them.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 3,
    // A dead connection fails in seconds instead of hanging a request: 5 s to connect, and a
    // socket idle for 60 s (no byte either way) is dropped and the request retried.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
  });
  return { client, bucket: s3.bucket };
}
