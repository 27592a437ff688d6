import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { complete } from "./models.js";
import { type FakeRequest, jsonWithExactSeed, publicResult } from "./requests.js";
import type { FalState } from "./state.js";

/**
 * Webhooks are signed like fal signs them: Ed25519 over request id, user id, timestamp and the
 * body's SHA-256, with the public key published as a JWKS.
 */
export function webhookKey(): FalState["webhookKey"] {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  return { privateKey, publicJwk: publicKey.export({ format: "jwk" }) };
}

/** The JWKS our server verifies webhook signatures against. */
export function jwks(state: FalState) {
  return { keys: [{ kty: "OKP", crv: "Ed25519", x: state.webhookKey.publicJwk.x, kid: "fake" }] };
}

async function deliverOnce(state: FalState, r: FakeRequest, body: string): Promise<number> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const message = [r.id, "fake-user", timestamp, createHash("sha256").update(body).digest("hex")].join("\n");
  const signature = sign(null, Buffer.from(message), state.webhookKey.privateKey).toString("hex");
  const res = await fetch(r.webhook ?? "", {
    method: "POST",
    body,
    headers: {
      "content-type": "application/json",
      "x-fal-webhook-request-id": r.id,
      "x-fal-webhook-user-id": "fake-user",
      "x-fal-webhook-timestamp": timestamp,
      "x-fal-webhook-signature": signature,
    },
  }).catch(() => undefined);
  state.fake.webhookDeliveries.push({ requestId: r.id, status: res?.status ?? 0 });
  return res?.status ?? 0;
}

async function deliver(state: FalState, r: FakeRequest): Promise<void> {
  if (!r.webhook || r.webhookDelivered) return;
  await complete(state, r);
  const body = r.error
    ? jsonWithExactSeed({
        request_id: r.id,
        gateway_request_id: r.id,
        status: "ERROR",
        error: `Invalid status code: ${r.error.status}`,
        payload: r.error.body,
      })
    : jsonWithExactSeed({ request_id: r.id, gateway_request_id: r.id, status: "OK", payload: publicResult(r.result) });
  for (let i = 0; i < state.fake.webhookRepeats; i++) {
    // Like fal, a delivery that gets no 2xx answer is tried again, with backoff.
    for (let attempt = 0, delay = 1_000; ; attempt++, delay = Math.min(delay * 2, 15_000)) {
      const status = await deliverOnce(state, r, body);
      if ((status >= 200 && status < 300) || attempt >= state.fake.webhookRetries) break;
      await new Promise((resolve) => setTimeout(resolve, delay).unref());
    }
  }
  r.webhookDelivered = true;
  state.store.save(r);
}

/** Delivers the request's webhook once it has run, unless it was delivered already. */
export function scheduleDelivery(state: FalState, r: FakeRequest): void {
  if (r.webhook && !r.webhookDelivered)
    setTimeout(
      () => void deliver(state, r).catch(() => {}),
      Math.max(0, r.submittedAt + state.fake.processingMs + 20 - Date.now()),
    ).unref();
}
