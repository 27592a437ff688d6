import { fill, text } from "./text.js";

/**
 * One file to the gallery's upload route (/app/uploads), which streams it on to the bucket and
 * answers the uploadKey jobs.create takes. XMLHttpRequest rather than fetch: only it reports the
 * bytes sent as they go, for the progress bar.
 */

const csrf = () => document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? "";

/** A name the API takes (letters, digits, '.', '_', '-', starting with a letter or digit, at most 128), keeping the extension. */
export function plainFileName(name: string): string {
  const cleaned = name
    .replace(/[^A-Za-z0-9._-]+/g, "_")
    .replace(/\.{2,}/g, ".")
    .replace(/^[^A-Za-z0-9]+/, "");
  const dot = cleaned.lastIndexOf(".");
  const ext = dot > 0 ? cleaned.slice(dot).slice(0, 16) : "";
  const stem = (dot > 0 ? cleaned.slice(0, dot) : cleaned).slice(0, 128 - ext.length) || "file";
  return `${stem}${ext}`;
}

/** A file's type as the browser knows it; a zip by its name when the system names no type (some do not). */
export function contentTypeOf(file: File): string {
  if (file.type) return file.type;
  return /\.zip$/i.test(file.name) ? "application/zip" : "application/octet-stream";
}

export function uploadFile(
  file: File,
  onProgress: (sent: number, total: number) => void,
  signal?: AbortSignal,
): Promise<{ uploadKey: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/app/uploads");
    xhr.setRequestHeader("x-csrf-token", csrf());
    xhr.setRequestHeader("x-file-name", plainFileName(file.name));
    xhr.setRequestHeader("content-type", contentTypeOf(file));
    xhr.responseType = "json";
    xhr.upload.addEventListener("progress", (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size));
    xhr.addEventListener("load", () => {
      const body = xhr.response as { uploadKey?: string; error?: { message?: string } } | null;
      if (xhr.status === 200 && body?.uploadKey) resolve({ uploadKey: body.uploadKey });
      else reject(new Error(body?.error?.message ?? fill(text().uploadRefused, { status: xhr.status })));
    });
    xhr.addEventListener("error", () => reject(new Error(text().uploadBrokeOff)));
    xhr.addEventListener("abort", () => reject(new Error(text().uploadStopped)));
    signal?.addEventListener("abort", () => xhr.abort());
    xhr.send(file);
  });
}
