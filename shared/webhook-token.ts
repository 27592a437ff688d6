import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The secret AssemblyAI echoes back in a custom header of its webhook: an HMAC of the job id, so
 * the web process can check it without storing anything and a token fits one job only.
 */
export const ASSEMBLYAI_WEBHOOK_HEADER = "x-webhook-token";

export function webhookToken(secret: string, jobId: string): string {
  return createHmac("sha256", secret).update(`assemblyai-webhook:${jobId}`).digest("base64url");
}

export function isValidWebhookToken(secret: string, jobId: string, token: string | undefined): boolean {
  if (!token) return false;
  const expected = Buffer.from(webhookToken(secret, jobId));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
