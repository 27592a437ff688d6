import { MAX_PICTURE_BYTES } from "../../../../shared/jobs/picture-limits.js";
import { z } from "zod";
import { MAX_PRESIGN_SECONDS, MIN_PRESIGN_SECONDS } from "../../../../shared/storage/presign.js";
import { MAX_PAGE_SIZE } from "../jobs/list.schema.js";

export const assetKind = z.enum(["loras", "images", "transcripts", "videos"]);

const page = {
  userId: z.string().min(1).max(128).optional(),
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
  cursor: z.string().max(512).nullish(),
};

export const listAssetsInput = z.strictObject({ kind: assetKind, ...page });

export const searchAssetsInput = z.strictObject({
  q: z.string().trim().min(1, "must not be empty").max(200),
  type: z.enum(["lora-training", "image-generation", "transcription", "video-generation"]).optional(),
  ...page,
});

export const statsInput = z
  .strictObject({
    /** The caller's own jobs, one teammate's shared jobs, or every job the caller can see in the workspace. */
    userId: z.string().min(1).max(128).optional(),
    scope: z.enum(["me", "workspace"]).default("me"),
  })
  .default({ scope: "me" });

export const fileName = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "must be a plain file name such as transcript.txt")
  .refine((v) => !v.includes(".."), "must be a plain file name such as transcript.txt");

export const downloadUrlInput = z.strictObject({
  jobId: z.string().min(1).max(64),
  file: fileName,
  version: z.number().int().positive().optional(),
  expiresIn: z
    .number()
    .int()
    .min(MIN_PRESIGN_SECONDS, `must be at least ${MIN_PRESIGN_SECONDS} second`)
    .max(MAX_PRESIGN_SECONDS, `must be at most ${MAX_PRESIGN_SECONDS} seconds (7 days)`)
    .default(3600),
});

export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;
export const uploadContentTypes = /^(audio\/[\w.+-]+|video\/[\w.+-]+|image\/(png|jpeg|webp)|application\/(zip|x-zip-compressed))$/;

export const uploadUrlInput = z
  .strictObject({
    fileName,
    contentType: z.string().regex(uploadContentTypes, "must be an audio, video, PNG/JPEG/WebP image or zip content type"),
    sizeBytes: z.number().int().min(1).max(MAX_UPLOAD_BYTES, `must be at most ${MAX_UPLOAD_BYTES} bytes (2 GiB)`),
  })
  // A picture is read whole by the worker that works on it: no larger than a result picture may be.
  .refine((v) => !v.contentType.startsWith("image/") || v.sizeBytes <= MAX_PICTURE_BYTES, {
    message: `a picture must be at most ${MAX_PICTURE_BYTES} bytes (50 MiB)`,
    path: ["sizeBytes"],
  });
