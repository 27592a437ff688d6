import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { Storage } from "./client.js";

/** SigV4 presigned URLs cannot live longer than 7 days. */
export const MAX_PRESIGN_SECONDS = 7 * 24 * 60 * 60;
export const MIN_PRESIGN_SECONDS = 1;
export const DEFAULT_DOWNLOAD_SECONDS = 60 * 60;
export const DEFAULT_UPLOAD_SECONDS = 15 * 60;

export function clampExpiry(seconds: number): number {
  if (!Number.isFinite(seconds)) return DEFAULT_DOWNLOAD_SECONDS;
  return Math.min(MAX_PRESIGN_SECONDS, Math.max(MIN_PRESIGN_SECONDS, Math.floor(seconds)));
}

export interface PresignedUrl {
  url: string;
  expiresAt: Date;
}

export interface DownloadOptions {
  expiresIn?: number;
  /** Sent back as Content-Disposition so browsers save the file under this name. */
  fileName?: string;
  contentType?: string;
}

export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export async function presignDownload(storage: Storage, key: string, opts: DownloadOptions = {}): Promise<PresignedUrl> {
  const expiresIn = clampExpiry(opts.expiresIn ?? DEFAULT_DOWNLOAD_SECONDS);
  const command = new GetObjectCommand({
    Bucket: storage.bucket,
    Key: key,
    ...(opts.fileName ? { ResponseContentDisposition: attachment(opts.fileName) } : {}),
    ...(opts.contentType ? { ResponseContentType: opts.contentType } : {}),
  });
  const url = await getSignedUrl(storage.client, command, { expiresIn });
  return { url, expiresAt: new Date(Date.now() + expiresIn * 1000) };
}

export interface UploadOptions {
  expiresIn?: number;
  contentType: string;
  /** Exact byte length; it is part of the signature, so the client cannot send more. */
  contentLength: number;
}

export async function presignUpload(storage: Storage, key: string, opts: UploadOptions): Promise<PresignedUrl> {
  const expiresIn = clampExpiry(opts.expiresIn ?? DEFAULT_UPLOAD_SECONDS);
  const command = new PutObjectCommand({
    Bucket: storage.bucket,
    Key: key,
    ContentType: opts.contentType,
    ContentLength: opts.contentLength,
  });
  const url = await getSignedUrl(storage.client, command, {
    expiresIn,
    signableHeaders: new Set(["content-type", "content-length"]),
  });
  return { url, expiresAt: new Date(Date.now() + expiresIn * 1000) };
}
