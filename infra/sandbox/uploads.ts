import { z } from "zod";
import { contentTypeByName } from "../../shared/media-types.js";

/**
 * Files a teammate picks on the page: sent with the command as base64 in its JSON, then handed to
 * the local platform as a member's upload (Discord: an attachment option's file on its CDN; Slack:
 * a file shared in the conversation).
 */

/** Discord's own limit for a member's upload without boosts (the interaction's `attachment_size_limit`). */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

export const pickedFile = z.object({
  /** Discord: the attachment option it is for. */
  option: z.string().min(1).max(32).optional(),
  name: z.string().min(1).max(200),
  type: z.string().max(100).optional(),
  data: z.string().max(Math.ceil(MAX_FILE_BYTES / 3) * 4, "the sandbox takes files up to 25 MB, as Discord does"),
});
export type PickedFile = z.infer<typeof pickedFile>;

export interface MemberFile {
  option?: string;
  name: string;
  contentType: string;
  bytes: Buffer;
}

/** The file's bytes, and its type as a platform tells it from its name, else as the browser gave it. */
export function memberFile(f: PickedFile): MemberFile | Error {
  const bytes = Buffer.from(f.data, "base64");
  if (bytes.length === 0) return new Error(`${f.name} is empty`);
  if (bytes.length > MAX_FILE_BYTES) return new Error("the sandbox takes files up to 25 MB, as Discord does");
  const name = f.name.replace(/[/\\]/g, "_");
  const contentType = contentTypeByName(name) ?? (f.type || "application/octet-stream");
  return { ...(f.option ? { option: f.option } : {}), name, contentType, bytes };
}

/**
 * A Slack command's text with the shared file's link where the command takes it: after the flag
 * its usage hint names the link with (`--image <Slack file link>`), else after its words, before
 * any `--flag`.
 */
export function withFileLink(text: string, link: string, hint = ""): string {
  const named = /(--[a-z-]+) <[^>]*link>/.exec(hint)?.[1];
  if (named) return `${text.trim()} ${named} ${link}`.trim();
  const flag = /(^|\s)--/.exec(text);
  if (!flag) return `${text.trim()} ${link}`.trim();
  return `${text.slice(0, flag.index).trim()} ${link} ${text.slice(flag.index).trim()}`.trim();
}
