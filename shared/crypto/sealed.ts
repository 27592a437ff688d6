import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Secrets kept at rest (a Slack workspace's bot token) sealed with AES-256-GCM. The `context`
 * (e.g. the team id) is authenticated with it, so a sealed value copied to another row does not
 * open there. Format: `v1.<iv>.<tag>.<ciphertext>`, base64url.
 */
const VERSION = "v1";

export class SealedValueError extends Error {
  override name = "SealedValueError";
}

/** The 32-byte key from its base64 or base64url text, as SLACK_TOKEN_ENCRYPTION_KEY holds it. */
export function sealingKey(text: string): Buffer {
  const key = Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  if (key.length !== 32) throw new SealedValueError(`an encryption key must be 32 bytes in base64 (got ${key.length} bytes)`);
  return key;
}

export function seal(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function open(key: Buffer, sealed: string, context: string): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || body === undefined) throw new SealedValueError("not a sealed value");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    // A wrong key, a changed value or another row's value: the same answer for each.
    throw new SealedValueError("the sealed value does not open with this key here");
  }
}
