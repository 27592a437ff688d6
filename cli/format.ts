import type { PublicJob } from "../shared/jobs/view.js";

/** The noun for a count: "job" for 1, "jobs" for any other. */
export const noun = (n: number, one: string, many = `${one}s`): string => (n === 1 ? one : many);

/** A count with its noun: "1 member", "3 members". */
export const counted = (n: number, one: string, many = `${one}s`): string => `${n} ${noun(n, one, many)}`;

/**
 * Money as the CLI prints it everywhere: dollars and cents, except a non-zero amount under a
 * cent, which keeps up to 4 significant digits so it never reads as $0.00.
 */
export function usd(amount: number): string {
  const size = Math.abs(amount);
  if (size === 0 || size >= 0.005) return `${amount < 0 ? "-" : ""}$${size.toFixed(2)}`;
  const decimals = Math.min(12, 3 - Math.floor(Math.log10(size)));
  return `${amount < 0 ? "-" : ""}$${size.toFixed(decimals).replace(/0+$/, "")}`;
}

/** Bytes in the largest unit that keeps a number of at least 1: 512 B, 1.5 KB, 12.3 MB. */
export function bytes(n: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${n} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/**
 * Rows as aligned columns two spaces apart: text to the left, and the columns `right` names
 * (numbers, money) to the right, so their digits line up.
 */
export function table(rows: readonly (readonly string[])[], right: readonly number[] = []): string[] {
  const widths: number[] = [];
  for (const row of rows) for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  return rows.map((row) =>
    row
      .map((cell, i) => (right.includes(i) ? cell.padStart(widths[i] ?? 0) : i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd(),
  );
}

const shortId = (jobId: string) => jobId.slice(0, 8);
const fileNameOf = (key: string) => key.slice(key.lastIndexOf("/") + 1);

/**
 * What a job was asked to do, in a few words for a listing: its prompt, or what an operation
 * worked on ("upscale of 1a2b3c4d #2"), the file a transcription heard, a LoRA's trigger word.
 */
export function jobSummary(job: Pick<PublicJob, "input">): string {
  const input = job.input as Record<string, unknown>;
  const prompt = typeof input.prompt === "string" ? input.prompt : undefined;
  const source = input.source as { jobId?: unknown; image?: unknown } | undefined;
  const operation = typeof input.operation === "string" ? input.operation : undefined;
  // What an operation worked on: a picture of ours, a file of the caller's, or several (a blend's).
  const worked =
    source && typeof source.jobId === "string"
      ? `${shortId(source.jobId)} #${String(source.image ?? 1)}`
      : typeof input.uploadKey === "string"
        ? fileNameOf(input.uploadKey)
        : Array.isArray(input.sources)
          ? counted(input.sources.length, "picture")
          : undefined;
  if (operation && operation !== "generate" && worked) {
    const of = `${operation} of ${worked}`;
    return prompt ? `${of}: ${prompt}` : of;
  }
  if (prompt) return prompt;
  if (typeof input.triggerWord === "string") {
    const images = Array.isArray(input.imageKeys) ? `, ${counted(input.imageKeys.length, "image")}` : "";
    const data =
      typeof input.videoKey === "string"
        ? `, ${fileNameOf(input.videoKey)}`
        : typeof input.imagesZipKey === "string"
          ? `, ${fileNameOf(input.imagesZipKey)}`
          : "";
    return `trigger ${input.triggerWord}${images}${data}`;
  }
  if (typeof input.uploadKey === "string") return fileNameOf(input.uploadKey);
  if (typeof input.audioUrl === "string") return input.audioUrl;
  return "";
}
