import type { Attachment } from "discord.js";
import type { PlatformFile } from "../../core/files.js";

/** A Discord attachment as the bots' file: its CDN link, name, size and the type Discord gives. */
export function attachedFile(a: Attachment): PlatformFile {
  return { url: a.url, name: a.name, sizeBytes: a.size, contentType: a.contentType };
}
