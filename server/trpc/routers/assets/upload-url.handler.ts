import type { z } from "zod";
import { tempKey } from "../../../../shared/storage/keys.js";
import { presignUpload } from "../../../../shared/storage/presign.js";
import type { AuthedContext } from "../../context.js";
import type { uploadUrlInput } from "./schemas.js";

/**
 * A presigned PUT into temp/{workspaceId}/{userId}/: content type and exact size are signed, so the upload
 * cannot be larger or of another type. The returned uploadKey is what jobs.create takes.
 */
export async function uploadUrlHandler({ ctx, input }: { ctx: AuthedContext; input: z.infer<typeof uploadUrlInput> }) {
  const uploadKey = tempKey(ctx.principal.workspaceId, ctx.principal.userId, input.fileName);
  const signed = await presignUpload(ctx.deps.storage, uploadKey, { contentType: input.contentType, contentLength: input.sizeBytes });
  return {
    uploadKey,
    url: signed.url,
    method: "PUT" as const,
    headers: { "content-type": input.contentType },
    expiresAt: signed.expiresAt.toISOString(),
  };
}
