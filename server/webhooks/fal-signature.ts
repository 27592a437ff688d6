import { createHash, createPublicKey, verify } from "node:crypto";
import { z } from "zod";

/** Any JWKS: fal may publish keys of other types beside its Ed25519 ones, and those are skipped, not an error. */
const jwks = z.object({ keys: z.array(z.object({ kty: z.string(), crv: z.string().optional(), x: z.string().optional() }).loose()) });

/** Deliveries older or newer than this are refused, which bounds replays of a captured one. */
export const MAX_CLOCK_SKEW_SECONDS = 300;
const KEY_CACHE_MS = 24 * 3600 * 1000;

export interface FalKeySource {
  keys(): Promise<ReturnType<typeof createPublicKey>[]>;
}

/** fal's public keys from its JWKS endpoint, cached for a day. */
export function falKeySource(jwksUrl: string): FalKeySource {
  let cached: { at: number; keys: ReturnType<typeof createPublicKey>[] } | undefined;
  return {
    async keys() {
      if (cached && Date.now() - cached.at < KEY_CACHE_MS) return cached.keys;
      const res = await fetch(jwksUrl, { signal: AbortSignal.timeout(10_000) });
      if (!res.ok) throw new Error(`fal JWKS answered ${res.status}`);
      const keys = jwks
        .parse(await res.json())
        .keys.flatMap((k) =>
          k.kty === "OKP" && k.crv === "Ed25519" && k.x
            ? [createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: k.x }, format: "jwk" })]
            : [],
        );
      if (keys.length === 0) throw new Error("fal JWKS has no Ed25519 key");
      cached = { at: Date.now(), keys };
      return keys;
    },
  };
}

/**
 * fal signs `request id \n user id \n timestamp \n sha256(body)` with Ed25519 and sends the hex
 * signature in X-Fal-Webhook-Signature. The raw body must be the bytes as received.
 */
export async function verifyFalWebhook(
  source: FalKeySource,
  headers: Headers,
  rawBody: Uint8Array,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<boolean> {
  const requestId = headers.get("x-fal-webhook-request-id");
  const userId = headers.get("x-fal-webhook-user-id");
  const timestamp = headers.get("x-fal-webhook-timestamp");
  const signature = headers.get("x-fal-webhook-signature");
  if (!requestId || !userId || !timestamp || !signature || !/^[0-9a-f]+$/i.test(signature)) return false;
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return false;
  const message = Buffer.from([requestId, userId, timestamp, createHash("sha256").update(rawBody).digest("hex")].join("\n"));
  const sig = Buffer.from(signature, "hex");
  for (const key of await source.keys()) {
    if (verify(null, message, key, sig)) return true;
  }
  return false;
}
