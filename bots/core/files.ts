import { formatBytes } from "../../shared/chat/reply.js";
import { MAX_PICTURE_BYTES } from "../../shared/jobs/picture-limits.js";
import { contentTypeByName, safeFileName } from "../../shared/media-types.js";
import type { Api } from "../api-client.js";
import { CommandInputError } from "./explain.js";

/** A file a user attached on the platform: Discord's attachment, Slack's file. */
export interface PlatformFile {
  url: string;
  name: string;
  sizeBytes: number;
  contentType?: string | null | undefined;
  /** Slack's private file URLs need the bot token. */
  headers?: Record<string, string>;
}

export interface FileRules {
  /** Origins the bot downloads attachments from: the platform's CDN only. */
  allowedOrigins: string[];
  maxBytes: number;
}

/** What a file is for: a recording to transcribe, a LoRA's training data, or a picture an image tool works on. */
export type FileKind = "media" | "training" | "image";

/** The picture types the API takes as uploads (assets.uploadUrl) and works on: PNG, JPEG and WebP. */
const imageTypes = /^image\/(png|jpeg|webp)$/;

function accepted(kind: FileKind, contentType: string): boolean {
  if (kind === "image") return imageTypes.test(contentType);
  if (/^(audio|video)\//.test(contentType)) return true;
  return kind === "training" && /^application\/(zip|x-zip-compressed)$/.test(contentType);
}

/** The most bytes a file of this kind may have: the bots' own limit, and for a picture also the API's. */
function maxBytesOf(kind: FileKind, rules: FileRules): number {
  return kind === "image" ? Math.min(rules.maxBytes, MAX_PICTURE_BYTES) : rules.maxBytes;
}

/** The file's type from what the platform says, else from its name. */
export function contentTypeOf(file: Pick<PlatformFile, "name" | "contentType">): string | undefined {
  const given = file.contentType?.split(";")[0]?.trim().toLowerCase();
  if (given && given !== "application/octet-stream") return given;
  return contentTypeByName(file.name);
}

/** Whether a file is a recording a transcription takes: audio or video, by its type or its name. */
export function isMediaFile(name: string, contentType?: string | null): boolean {
  const type = contentTypeOf({ name, contentType });
  return type !== undefined && accepted("media", type);
}

/** Whether a file is a picture the image tools take: PNG, JPEG or WebP, by its type or its name. */
export function isImageFile(name: string, contentType?: string | null): boolean {
  const type = contentTypeOf({ name, contentType });
  return type !== undefined && accepted("image", type);
}

/** A file checked for its kind, size and host: what to download, and the type to store it as. */
export interface CheckedFile {
  file: PlatformFile;
  contentType: string;
  source: URL;
}

/**
 * Refuses a file that is not of its kind, too large, or not on the platform's file host, without
 * downloading anything: a command with several files checks them all before it uploads any.
 * `takesLink`: whether the command also takes a link instead, which a too-large file's refusal
 * then offers.
 */
export function checkPlatformFile(file: PlatformFile, kind: FileKind, rules: FileRules, takesLink: boolean): CheckedFile {
  const contentType = contentTypeOf(file);
  if (!contentType || !accepted(kind, contentType)) {
    throw new CommandInputError((t) => t.fileNotAccepted(file.name, kind, contentType));
  }
  const maxBytes = maxBytesOf(kind, rules);
  if (file.sizeBytes > maxBytes) {
    throw new CommandInputError((t) => t.fileTooLarge(file.name, formatBytes(file.sizeBytes), formatBytes(maxBytes), takesLink));
  }
  let source: URL;
  try {
    source = new URL(file.url);
  } catch {
    throw new CommandInputError((t) => t.fileNoLink(file.name));
  }
  if (source.protocol !== "https:" && source.protocol !== "http:") throw new CommandInputError((t) => t.fileNoLink(file.name));
  if (!rules.allowedOrigins.includes(source.origin)) throw new CommandInputError((t) => t.fileNotPlatformHosted(file.name));
  return { file, contentType, source };
}

/**
 * Copies a checked file from the platform's CDN into our bucket (a presigned PUT from
 * assets.uploadUrl, streamed, never held in memory) and returns the upload key for jobs.create.
 */
export async function uploadCheckedFile(api: Api, checked: CheckedFile): Promise<string> {
  const { file, contentType, source } = checked;
  const upload = await api.assets.uploadUrl.mutate({ fileName: safeFileName(file.name), contentType, sizeBytes: file.sizeBytes });
  const download = await fetch(source, { headers: file.headers ?? {}, redirect: "error", signal: AbortSignal.timeout(10 * 60_000) });
  if (!download.ok || !download.body) throw new CommandInputError((t) => t.fileNotDownloaded(file.name, download.status));
  const put = await fetch(upload.url, {
    method: "PUT",
    headers: { ...upload.headers, "content-length": String(file.sizeBytes) },
    body: download.body,
    duplex: "half",
    signal: AbortSignal.timeout(10 * 60_000),
  } as RequestInit);
  if (!put.ok) throw new CommandInputError((t) => t.fileNotStored(file.name, put.status));
  return upload.uploadKey;
}

/** Checks an attachment, then copies it into our bucket; the upload key for jobs.create. */
export async function uploadPlatformFile(
  api: Api,
  file: PlatformFile,
  kind: FileKind,
  rules: FileRules,
  takesLink: boolean,
): Promise<string> {
  return uploadCheckedFile(api, checkPlatformFile(file, kind, rules, takesLink));
}
