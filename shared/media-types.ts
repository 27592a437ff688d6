import path from "node:path";

const typesByExtension: Record<string, string> = {
  ".mp3": "audio/mpeg",
  ".wav": "audio/wav",
  ".m4a": "audio/mp4",
  ".ogg": "audio/ogg",
  ".oga": "audio/ogg",
  ".opus": "audio/opus",
  ".flac": "audio/flac",
  ".webm": "video/webm",
  ".mp4": "video/mp4",
  ".mov": "video/quicktime",
  ".mkv": "video/x-matroska",
  ".zip": "application/zip",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
};

/** The content type a file's extension stands for, among those the API takes as uploads. */
export function contentTypeByName(name: string): string | undefined {
  return typesByExtension[path.extname(name).toLowerCase()];
}

/** A name our upload keys accept: letters, digits, '.', '_' and '-', starting with a letter or digit. */
export function safeFileName(name: string): string {
  const base = path
    .basename(name)
    .replace(/[^A-Za-z0-9._-]+/g, "_")
    .replace(/^[^A-Za-z0-9]+/, "")
    .replace(/\.\.+/g, ".");
  return (base || "upload").slice(-100);
}
