import { formatBytes } from "../../shared/chat/reply.js";
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

export type FileKind = "media" | "training";

function accepted(kind: FileKind, contentType: string): boolean {
  if (/^(audio|video)\//.test(contentType)) return true;
  return kind === "training" && /^application\/(zip|x-zip-compressed)$/.test(contentType);
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

/**
 * Copies an attachment from the platform's CDN into our bucket (a presigned PUT from
 * assets.uploadUrl, streamed, never held in memory) and returns the upload key for jobs.create.
 */
export async function uploadPlatformFile(api: Api, file: PlatformFile, kind: FileKind, rules: FileRules): Promise<string> {
  const contentType = contentTypeOf(file);
  if (!contentType || !accepted(kind, contentType)) {
    throw new CommandInputError((t) => t.fileNotAccepted(file.name, kind, contentType));
  }
  if (file.sizeBytes > rules.maxBytes) {
    throw new CommandInputError((t) => t.fileTooLarge(file.name, formatBytes(file.sizeBytes), formatBytes(rules.maxBytes)));
  }
  const source = new URL(file.url);
  if (source.protocol !== "https:" && source.protocol !== "http:") throw new CommandInputError((t) => t.fileNoLink(file.name));
  if (!rules.allowedOrigins.includes(source.origin)) throw new CommandInputError((t) => t.fileNotPlatformHosted(file.name));

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
