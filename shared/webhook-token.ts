import { createHmac, timingSafeEqual } from "node:crypto";
import { signingKey } from "./links/signing-keys.js";

/**
 * The secret AssemblyAI echoes back in a custom header of its webhook: an HMAC of the job id, so
 * the web process can check it without storing anything and a token fits one job only.
 */
export const ASSEMBLYAI_WEBHOOK_HEADER = "x-webhook-token";

const tokenWith = (key: string | Buffer, jobId: string) =>
  createHmac("sha256", key).update(`assemblyai-webhook:${jobId}`).digest("base64url");

export function webhookToken(secret: string, jobId: string): string {
  return tokenWith(signingKey(secret, "assemblyai-webhooks"), jobId);
}

export function isValidWebhookToken(secret: string, jobId: string, token: string | undefined): boolean {
  if (!token) return false;
  const given = Buffer.from(token);
  const matches = (expected: string) => expected.length === given.length && timingSafeEqual(Buffer.from(expected), given);
  // A transcript submitted before the key was derived carries a token made with the secret itself.
  return matches(webhookToken(secret, jobId)) || matches(tokenWith(secret, jobId));
}
