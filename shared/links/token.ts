import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { signingKey } from "./signing-keys.js";

/**
 * A short download link names one file of one job and carries its own expiry, signed with
 * HMAC-SHA256. The server turns it into a fresh presigned URL on every click, so a link in
 * an old chat message keeps working while the bucket stays private.
 */
const payloadSchema = z.object({
  j: z.string().min(1).max(64),
  f: z.string().min(1).max(128),
  v: z.number().int().positive().optional(),
  e: z.number().int().positive(),
});

export interface LinkTarget {
  jobId: string;
  fileName: string;
  version?: number;
  /** Unix seconds. */
  expiresAt: number;
}

export type LinkCheck = { ok: true; target: LinkTarget } | { ok: false; reason: "invalid" | "expired" };

function sign(key: string | Buffer, body: string): string {
  return createHmac("sha256", key).update(body).digest("base64url");
}

function macMatches(key: string | Buffer, body: string, mac: string): boolean {
  const expected = Buffer.from(sign(key, body));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function createLinkToken(secret: string, target: LinkTarget): string {
  const body = Buffer.from(
    JSON.stringify({ j: target.jobId, f: target.fileName, ...(target.version ? { v: target.version } : {}), e: target.expiresAt }),
  ).toString("base64url");
  return `${body}.${sign(signingKey(secret, "download-links"), body)}`;
}

export function verifyLinkToken(secret: string, token: string, nowSeconds = Math.floor(Date.now() / 1000)): LinkCheck {
  const [body, mac, extra] = token.split(".");
  if (!body || !mac || extra !== undefined || body.length > 512) return { ok: false, reason: "invalid" };
  // Links posted before the key was derived were signed with the secret itself; they stay valid
  // until their own expiry (LINK_TTL_DAYS), which the payload carries.
  if (!macMatches(signingKey(secret, "download-links"), body, mac) && !macMatches(secret, body, mac))
    return { ok: false, reason: "invalid" };
  let parsed: z.infer<typeof payloadSchema>;
  try {
    parsed = payloadSchema.parse(JSON.parse(Buffer.from(body, "base64url").toString("utf8")));
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (parsed.e <= nowSeconds) return { ok: false, reason: "expired" };
  return { ok: true, target: { jobId: parsed.j, fileName: parsed.f, ...(parsed.v ? { version: parsed.v } : {}), expiresAt: parsed.e } };
}
