import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, redactUrl } from "../../shared/config.js";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createLinkToken, verifyLinkToken } from "../../shared/links/token.js";
import { isValidWebhookToken, webhookToken } from "../../shared/webhook-token.js";

describe("configuration", () => {
  it("has local defaults for every setting", () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "cg-defaults-"));
    const c = loadConfig({ DATA_DIR: dataDir });
    rmSync(dataDir, { recursive: true, force: true });
    expect(c).toMatchObject({
      env: "development",
      port: 3000,
      portSet: false,
      databaseUrl: expect.stringMatching(/^postgres:\/\/postgres@127\.0\.0\.1:5432\/cg_tmp_cg_defaults_\w+_[0-9a-f]{8}$/),
      databaseFrom: "DATA_DIR",
      mongo: { url: undefined, db: "content-generation" },
      s3: { endpoint: undefined, region: "us-east-1", bucket: "content-generation-assets", forcePathStyle: false },
    });
  });

  it("uses path-style addressing for a custom endpoint unless told otherwise", () => {
    expect(loadConfig({ S3_ENDPOINT: "http://127.0.0.1:9000" }).s3.forcePathStyle).toBe(true);
    expect(loadConfig({ S3_ENDPOINT: "http://127.0.0.1:9000", S3_FORCE_PATH_STYLE: "false" }).s3.forcePathStyle).toBe(false);
  });

  it("takes an empty or blank variable as unset", () => {
    const c = loadConfig({ PORT: "  ", S3_REGION: "", FAL_KEY: "", METRICS_PORT: " ", S3_FORCE_PATH_STYLE: "" });
    expect(c.port).toBe(3000);
    expect(c.s3.region).toBe("us-east-1");
    expect(c.providers.falKey).toBeUndefined();
    expect(c.metricsPort).toBeUndefined();
    expect(c.s3.forcePathStyle).toBe(false);
    expect(() => loadConfig({ NODE_ENV: "production", FAL_KEY: "  " })).toThrow(/FAL_KEY.* must be set when NODE_ENV=production/);
  });

  it.each([
    [{ S3_ENDPOINT: "not a url" }, /^S3_ENDPOINT must be an http\(s\) URL/],
    [{ S3_ENDPOINT: "ftp://host" }, /^S3_ENDPOINT /],
    [{ MONGODB_URL: "http://localhost" }, /^MONGODB_URL must be a mongodb:\/\//],
    [{ PORT: "eighty" }, /^PORT /],
    [{ DATABASE_URL: "mysql://x" }, /^DATABASE_URL must be a postgres/],
    [{ S3_FORCE_PATH_STYLE: "maybe" }, /^S3_FORCE_PATH_STYLE must be true or false/],
    [{ NODE_ENV: "staging" }, /^NODE_ENV /],
  ])("names the variable in one line when %o is malformed", (env, message) => {
    try {
      loadConfig(env);
      expect.unreachable("loadConfig should have thrown");
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).not.toContain("\n");
    }
  });

  it("requires the real servers' settings in production", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(
      /^PUBLIC_URL, DATABASE_URL, MONGODB_URL, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, LINK_SIGNING_SECRET, FAL_KEY, ASSEMBLYAI_API_KEY must be set/,
    );
  });

  it("Slack for many workspaces: client id and secret together; in production the signing secret, state secret and token key too", () => {
    expect(() => loadConfig({ SLACK_CLIENT_ID: "1.2" })).toThrow(/^SLACK_CLIENT_ID and SLACK_CLIENT_SECRET go together/);
    expect(() => loadConfig({ SLACK_TOKEN_ENCRYPTION_KEY: "short" })).toThrow(/^SLACK_TOKEN_ENCRYPTION_KEY must be 32 bytes in base64/);
    expect(loadConfig({}).slack.oauth).toBeUndefined();
    const full = {
      NODE_ENV: "production",
      PUBLIC_URL: "https://app.example",
      DATABASE_URL: "postgres://u@db/x",
      MONGODB_URL: "mongodb://db/x",
      S3_ACCESS_KEY_ID: "a",
      S3_SECRET_ACCESS_KEY: "b",
      LINK_SIGNING_SECRET: "l".repeat(32),
      FAL_KEY: "f",
      ASSEMBLYAI_API_KEY: "k",
      SLACK_CLIENT_ID: "1.2",
      SLACK_CLIENT_SECRET: "s",
    };
    expect(() => loadConfig(full)).toThrow(
      /^SLACK_SIGNING_SECRET, SLACK_STATE_SECRET, SLACK_TOKEN_ENCRYPTION_KEY must be set when NODE_ENV=production/,
    );
    const key = Buffer.alloc(32, 7).toString("base64");
    const c = loadConfig({ ...full, SLACK_SIGNING_SECRET: "x", SLACK_STATE_SECRET: "s".repeat(32), SLACK_TOKEN_ENCRYPTION_KEY: key });
    expect(c.slack.oauth).toMatchObject({ clientId: "1.2", tokenKey: key, authorizeUrl: "https://slack.com/oauth/v2/authorize" });
  });

  it("outside production, an unset LINK_SIGNING_SECRET is a random one kept under DATA_DIR: the same across processes of one machine, another elsewhere", () => {
    const dirA = mkdtempSync(path.join(tmpdir(), "cg-secret-"));
    const dirB = mkdtempSync(path.join(tmpdir(), "cg-secret-"));
    try {
      const first = loadConfig({ DATA_DIR: dirA }).links.signingSecret;
      expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(loadConfig({ DATA_DIR: dirA }).links.signingSecret).toBe(first);
      expect(statSync(path.join(dirA, "link-signing-secret")).mode & 0o777).toBe(0o600);
      expect(loadConfig({ DATA_DIR: dirB }).links.signingSecret).not.toBe(first);
      // The constant earlier versions used outside production signs nothing any more.
      const constant = "local-development-link-signing-secret-not-for-production";
      const forged = createLinkToken(constant, { jobId: "j", fileName: "image_1.png", expiresAt: Math.floor(Date.now() / 1000) + 60 });
      expect(verifyLinkToken(first, forged).ok).toBe(false);
    } finally {
      rmSync(dirA, { recursive: true, force: true });
      rmSync(dirB, { recursive: true, force: true });
    }
  });

  it("derives a key for each use of the secret: a download link's signature is not a webhook token, nor the other way", () => {
    const secret = "s".repeat(40);
    const target = { jobId: "job-1", fileName: "transcript.txt", expiresAt: Math.floor(Date.now() / 1000) + 60 };
    const link = createLinkToken(secret, target);
    expect(verifyLinkToken(secret, link).ok).toBe(true);
    const [, linkMac] = link.split(".");
    expect(isValidWebhookToken(secret, "job-1", linkMac)).toBe(false);
    expect(webhookToken(secret, "job-1")).not.toBe(linkMac);
    expect(isValidWebhookToken(secret, "job-1", webhookToken(secret, "job-1"))).toBe(true);
    expect(isValidWebhookToken(secret, "job-2", webhookToken(secret, "job-1"))).toBe(false);
  });

  it("hides passwords in URLs it prints", () => {
    expect(redactUrl("mongodb://user:hunter2@db:27017/x")).toBe("mongodb://user:***@db:27017/x");
    // A user without a password is shown as it is, not taken for a scheme with a password.
    expect(redactUrl("postgres://postgres@127.0.0.1:5432/x")).toBe("postgres://postgres@127.0.0.1:5432/x");
    expect(() => loadConfig({ MONGODB_URL: "mongodb:/user:hunter2@x" })).toThrow(/\*\*\*/);
  });
});
