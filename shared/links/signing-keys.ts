import { hkdfSync } from "node:crypto";

/**
 * LINK_SIGNING_SECRET signs two things, each with its own key derived from it (HKDF-SHA256 with
 * a label): the short download links posted in chat, and the token AssemblyAI echoes back on its
 * webhook. A token made for one use is never valid for the other.
 */
export type SigningUse = "download-links" | "assemblyai-webhooks";

const derived = new Map<string, Buffer>();

export function signingKey(secret: string, use: SigningUse): Buffer {
  const memo = `${use}\u0000${secret}`;
  let key = derived.get(memo);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "content-generation", use, 32));
    if (derived.size > 16) derived.clear();
    derived.set(memo, key);
  }
  return key;
}
