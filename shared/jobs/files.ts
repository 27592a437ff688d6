import path from "node:path";
import type { JobDocument } from "../db/mongo/job-schema.js";
import { loraConfigKey, transcriptKeys } from "../storage/keys.js";

export type AssetKind = "loras" | "images" | "transcripts" | "videos";

export interface JobFile {
  fileName: string;
  version: number;
  key: string;
  kind: AssetKind;
  contentType: string;
  sizeBytes: number | null;
  width?: number;
  height?: number;
  wordCount?: number;
  duration?: number;
  seed?: string;
}

const contentTypes: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".srt": "application/x-subrip",
  ".vtt": "text/vtt",
  ".md": "text/markdown; charset=utf-8",
  ".mp3": "audio/mpeg",
  ".wav": "audio/wav",
  ".safetensors": "application/octet-stream",
  ".mp4": "video/mp4",
};

function contentTypeOf(fileName: string): string {
  return contentTypes[path.extname(fileName).toLowerCase()] ?? "application/octet-stream";
}

/**
 * Every file a job's versions point at, with the S3 key it lives under. Keys follow the
 * bucket layout, so documents written before keys were stored on them resolve the same way.
 */
export function jobFiles(
  job: Pick<JobDocument, "jobId" | "userId" | "type" | "versions"> & Pick<Partial<JobDocument>, "notes">,
): JobFile[] {
  const files: JobFile[] = [];
  job.versions.forEach((v, index) => {
    const version = typeof v.version === "number" ? v.version : index + 1;
    if (job.type === "image-generation" && "images" in v) {
      for (const img of v.images) {
        const fileName = path.posix.basename(img.s3Key);
        files.push({
          fileName,
          version,
          key: img.s3Key,
          kind: "images",
          contentType: img.contentType ?? contentTypeOf(fileName),
          sizeBytes: img.sizeBytes,
          width: img.width,
          height: img.height,
          ...(v.seed !== undefined ? { seed: String(v.seed) } : {}),
        });
      }
    } else if (job.type === "video-generation" && "video" in v) {
      const clip = { width: v.video.width, height: v.video.height, duration: v.video.duration };
      files.push({
        fileName: path.posix.basename(v.video.s3Key),
        version,
        key: v.video.s3Key,
        kind: "videos",
        contentType: v.video.contentType,
        sizeBytes: v.video.sizeBytes,
        ...clip,
      });
      for (const key of [v.posterKey, v.previewKey]) {
        if (!key) continue;
        const fileName = path.posix.basename(key);
        files.push({ fileName, version, key, kind: "videos", contentType: contentTypeOf(fileName), sizeBytes: null, ...clip });
      }
    } else if (job.type === "lora-training" && "modelUrl" in v) {
      files.push({
        fileName: "model.safetensors",
        version,
        key: v.s3Key,
        kind: "loras",
        contentType: contentTypeOf(".safetensors"),
        sizeBytes: v.sizeBytes,
      });
      const configKey = v.configKey ?? loraConfigKey(job.userId, job.jobId, version);
      files.push({ fileName: "config.json", version, key: configKey, kind: "loras", contentType: contentTypeOf(".json"), sizeBytes: null });
    } else if (job.type === "transcription" && "transcriptUrl" in v) {
      const layout = transcriptKeys(job.userId, job.jobId);
      const keys = v.s3Keys ?? { json: layout.json, text: layout.text };
      const extra = { wordCount: v.wordCount, duration: v.duration };
      files.push({
        fileName: "transcript.json",
        version,
        key: keys.json,
        kind: "transcripts",
        contentType: contentTypeOf(".json"),
        sizeBytes: null,
        ...extra,
      });
      files.push({
        fileName: "transcript.txt",
        version,
        key: keys.text,
        kind: "transcripts",
        contentType: contentTypeOf(".txt"),
        sizeBytes: null,
        ...extra,
      });
      if (keys.srt)
        files.push({
          fileName: "transcript.srt",
          version,
          key: keys.srt,
          kind: "transcripts",
          contentType: contentTypeOf(".srt"),
          sizeBytes: null,
          ...extra,
        });
      if (keys.vtt)
        files.push({
          fileName: "transcript.vtt",
          version,
          key: keys.vtt,
          kind: "transcripts",
          contentType: contentTypeOf(".vtt"),
          sizeBytes: null,
          ...extra,
        });
      for (const [language, t] of Object.entries(v.s3Keys?.translations ?? {})) {
        for (const [ext, key] of [
          [".txt", t.text],
          [".srt", t.srt],
          [".vtt", t.vtt],
        ] as const)
          files.push({
            fileName: `transcript.${language}${ext}`,
            version,
            key,
            kind: "transcripts",
            contentType: contentTypeOf(ext),
            sizeBytes: null,
            ...extra,
          });
      }
      if (v.s3Keys?.redactedAudio) {
        const fileName = v.s3Keys.redactedAudio.slice(v.s3Keys.redactedAudio.lastIndexOf("/") + 1);
        files.push({
          fileName,
          version,
          key: v.s3Keys.redactedAudio,
          kind: "transcripts",
          contentType: contentTypeOf(fileName),
          sizeBytes: null,
          ...extra,
        });
      }
    }
  });
  // The newest stored notes, as files of the newest transcript version.
  const notes = job.notes;
  if (job.type === "transcription" && notes?.md && notes.json && files.length > 0) {
    const version = Math.max(...files.map((f) => f.version));
    const translated = Object.entries(notes.translations ?? {}).flatMap(([language, t]) =>
      t.md && t.json
        ? [
            [`notes.${language}.md`, t.md],
            [`notes.${language}.json`, t.json],
          ]
        : [],
    );
    for (const [fileName, key] of [["notes.md", notes.md], ["notes.json", notes.json], ...translated] as const)
      files.push({ fileName, version, key, kind: "transcripts", contentType: contentTypeOf(fileName), sizeBytes: null });
  }
  return files;
}

/** The named file of the given version, or of the newest version that has it. */
export function findJobFile(job: JobDocument, fileName: string, version?: number): JobFile | undefined {
  const matches = jobFiles(job).filter((f) => f.fileName === fileName && (version === undefined || f.version === version));
  return matches.sort((a, b) => b.version - a.version)[0];
}
