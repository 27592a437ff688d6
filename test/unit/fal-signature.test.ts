import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { falKeySource, verifyFalWebhook } from "../../server/webhooks/fal-signature.js";

describe("fal's webhook keys", () => {
  const ed = generateKeyPairSync("ed25519");
  const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
  let jwksUrl = "";
  let server: ReturnType<typeof createServer>;

  beforeAll(async () => {
    // A key of another type beside fal's Ed25519 one, as a JWKS may publish during a rotation.
    const body = JSON.stringify({
      keys: [
        { ...rsa.publicKey.export({ format: "jwk" }), kid: "rsa-1", use: "sig" },
        { ...ed.publicKey.export({ format: "jwk" }), kid: "ed-1" },
      ],
    });
    server = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(body));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("are the Ed25519 keys of the JWKS; a key of another type is skipped, not an error for every webhook", async () => {
    const source = falKeySource(jwksUrl);
    expect(await source.keys()).toHaveLength(1);
    const raw = Buffer.from(JSON.stringify({ request_id: "r1", status: "OK" }));
    const timestamp = String(Math.floor(Date.now() / 1000));
    const message = ["r1", "u", timestamp, createHash("sha256").update(raw).digest("hex")].join("\n");
    const headers = new Headers({
      "x-fal-webhook-request-id": "r1",
      "x-fal-webhook-user-id": "u",
      "x-fal-webhook-timestamp": timestamp,
      "x-fal-webhook-signature": sign(null, Buffer.from(message), ed.privateKey).toString("hex"),
    });
    expect(await verifyFalWebhook(source, headers, new Uint8Array(raw))).toBe(true);
  });
});
