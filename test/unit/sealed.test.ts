import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SealedValueError, open, seal, sealingKey } from "../../shared/crypto/sealed.js";

describe("sealed secrets (a Slack workspace's bot token at rest)", () => {
  const key = randomBytes(32);

  it("opens with the key and the context it was sealed with, and differs each time it is sealed", () => {
    const a = seal(key, "xoxb-secret", "slack-bot-token:T1");
    const b = seal(key, "xoxb-secret", "slack-bot-token:T1");
    expect(a).not.toBe(b);
    expect(a).not.toContain("xoxb");
    expect(open(key, a, "slack-bot-token:T1")).toBe("xoxb-secret");
  });

  it("refuses another key, another row's context, a changed value and what is not a sealed value", () => {
    const sealed = seal(key, "xoxb-secret", "slack-bot-token:T1");
    expect(() => open(randomBytes(32), sealed, "slack-bot-token:T1")).toThrow(SealedValueError);
    expect(() => open(key, sealed, "slack-bot-token:T2")).toThrow(SealedValueError);
    const [v, iv, tag, body = ""] = sealed.split(".");
    const flipped = `${v}.${iv}.${tag}.${body.slice(0, -2)}${body.endsWith("A") ? "BA" : "AA"}`;
    expect(() => open(key, flipped, "slack-bot-token:T1")).toThrow(SealedValueError);
    expect(() => open(key, "xoxb-plain", "slack-bot-token:T1")).toThrow(SealedValueError);
  });

  it("takes a 32-byte key in base64 or base64url, and nothing shorter", () => {
    const raw = randomBytes(32);
    expect(sealingKey(raw.toString("base64")).equals(raw)).toBe(true);
    expect(sealingKey(raw.toString("base64url")).equals(raw)).toBe(true);
    expect(() => sealingKey(randomBytes(16).toString("base64"))).toThrow(/32 bytes/);
  });
});
