import { Readable, Transform } from "node:stream";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { Hono } from "hono";
import { ZodError } from "zod";
import { deletePrefix } from "../../../shared/storage/objects.js";
import { uploadStream } from "../../../shared/storage/upload.js";
import { formatZodError } from "../../../shared/validation.js";
import type { AppDeps } from "../../deps.js";
import type { WebContext, WebEnv } from "../env.js";
import { inViewerLocale } from "../locale/current.js";
import { refusalText } from "../locale/refusal-text.js";
import { sessionCaller } from "../session-caller.js";

/** The one path whose body is not held to the app's 1 MiB limit: it holds its own (the upload's declared size). */
export const UPLOADS_PATH = "/app/uploads";

/**
 * A file from the page, streamed on to the bucket: the key and the checks are assets.uploadUrl's
 * (the caller's temp/ folder, the content type, at most 2 GiB, a picture at most 50 MiB), with the
 * body's Content-Length as its size. The bytes pass through here rather than from the browser to
 * a presigned URL because the page may connect to its own origin only (CSP connect-src 'self'),
 * and the bucket answers no browser's CORS preflight unless someone configures it, on every
 * deployment's S3. lib-storage's multipart upload keeps memory bounded (parts of 8 MiB, 4 at once).
 * The page's script reads its progress from the request it sends (XMLHttpRequest's upload events).
 */
export function uploadRoutes(deps: AppDeps) {
  const uploads = new Hono<WebEnv>();
  uploads.post("/", async (c) => {
    const length = c.req.header("content-length");
    if (!length || !/^\d+$/.test(length)) return refuse(c, 411, "send the file with its Content-Length");
    const sizeBytes = Number(length);
    try {
      const { uploadKey } = await sessionCaller(deps, c).assets.uploadUrl({
        fileName: c.req.header("x-file-name") ?? "",
        contentType: (c.req.header("content-type") ?? "").split(";")[0]?.trim() ?? "",
        sizeBytes,
      });
      const body = c.req.raw.body;
      if (!body) return refuse(c, 400, "the request has no file");
      let received = 0;
      // Node ends a body at its Content-Length; counting says when it broke off before.
      const counted = Readable.fromWeb(body as import("node:stream/web").ReadableStream).pipe(
        new Transform({
          transform(chunk: Buffer, _encoding, done) {
            received += chunk.length;
            done(received > sizeBytes ? new Error("the body is longer than its Content-Length") : null, chunk);
          },
        }),
      );
      const contentType = c.req.header("content-type") ?? "";
      const stored = await uploadStream(deps.storage, { key: uploadKey, body: counted, contentType }).then(
        () => true,
        (err: unknown) => {
          // A sender that went away mid-file: lib-storage has aborted the upload, nothing is kept.
          if (received < sizeBytes) return false;
          throw err;
        },
      );
      if (!stored || received !== sizeBytes) {
        await deletePrefix(deps.storage, uploadKey);
        return refuse(c, 400, inViewerLocale(refusalText).brokeOff(received, sizeBytes));
      }
      return c.json({ uploadKey, sizeBytes });
    } catch (err) {
      if (!(err instanceof TRPCError)) throw err;
      const message = err.cause instanceof ZodError ? formatZodError(err.cause) : err.message;
      return refuse(c, getHTTPStatusCodeFromError(err), message);
    }
  });
  return uploads;
}

function refuse(c: WebContext, status: number, message: string) {
  return c.json({ error: { message } }, status as 400);
}
