import { CreateMultipartUploadCommand, ListMultipartUploadsCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCleanup } from "../../queue/workers/cleanup.js";
import { ensureWorkspace } from "../../shared/db/sql/accounts.js";
import { createSignInLink, redeemSignInLink, revokeSession } from "../../shared/db/sql/web-sessions.js";
import { createLogger } from "../../shared/logger.js";
import { type Storage, createStorage, ensureBucket, headObject } from "../../shared/storage/index.js";
import { useTestDeps } from "../helpers/deps.js";
import { testConfig } from "../helpers/stack.js";

describe("the cleanup job", () => {
  const t = useTestDeps();
  let storage: Storage;

  beforeAll(async () => {
    storage = createStorage(testConfig().s3);
    await ensureBucket(storage);
  });
  afterAll(() => storage.client.destroy());

  it("deletes temp/ uploads and aborts multipart uploads older than 24 h, webhooks older than a week, and keeps everything else", async () => {
    const put = (Key: string) => storage.client.send(new PutObjectCommand({ Bucket: storage.bucket, Key, Body: "x" }));
    await put("temp/alice/u1/old.wav");
    await put("generated-images/alice/j1/image_1.png");
    await storage.client.send(new CreateMultipartUploadCommand({ Bucket: storage.bucket, Key: "loras/alice/j2/v1/model.safetensors" }));
    const logger = createLogger({ env: "test", logLevel: "silent" });

    const sql = t.deps.sql;
    await sql.pool.query(
      "insert into rate_limit_windows values ('member:x', date_trunc('minute', now()), 3), ('member:x', now() - interval '2 hours', 9)",
    );

    const webhooks = t.deps.webhooks;
    await webhooks.record("fal", "week-old", "OK", {}, new Date(Date.now() - 7 * 24 * 3600 * 1000 - 60_000));
    await webhooks.record("fal", "fresh", "OK");

    // A gallery sign-in link that expired two days ago, and a session signed out just now.
    const ws = await ensureWorkspace(sql.db, { slug: "cleanup" });
    await createSignInLink(sql.db, { workspaceId: ws.id, userId: "alice", origin: "api" }, new Date(Date.now() - 2 * 24 * 3600 * 1000));
    const { token } = await createSignInLink(sql.db, { workspaceId: ws.id, userId: "alice", origin: "api" });
    const signedIn = await redeemSignInLink(sql.db, token);
    if (!signedIn.ok) throw new Error("sign-in failed");
    await revokeSession(sql.db, signedIn.session.id);

    // Now: nothing is old enough but the request count of two hours ago, the week-old webhook and the old link.
    expect(await runCleanup({ storage, logger, sql, webhooks })).toEqual({
      tempDeleted: 0,
      multipartAborted: 0,
      rateWindowsDeleted: 1,
      webhooksDeleted: 1,
      webSessionsDeleted: 1,
    });
    expect(await webhooks.forRequest("fal", "fresh")).not.toBeNull();
    // A day and a minute later, as the hourly job would see it.
    const later = Date.now() + 24 * 3600 * 1000 + 60_000;
    // The used link and the revoked session go a day after they ended.
    expect(await runCleanup({ storage, logger, sql, webhooks }, later)).toEqual({
      tempDeleted: 1,
      multipartAborted: 1,
      rateWindowsDeleted: 0,
      webhooksDeleted: 0,
      webSessionsDeleted: 2,
    });
    expect((await sql.pool.query("select count(*)::int as n from rate_limit_windows")).rows[0].n).toBe(1);
    expect(await headObject(storage, "temp/alice/u1/old.wav")).toBeUndefined();
    expect(await headObject(storage, "generated-images/alice/j1/image_1.png")).toBeDefined();
    const uploads = await storage.client.send(new ListMultipartUploadsCommand({ Bucket: storage.bucket }));
    expect(uploads.Uploads ?? []).toEqual([]);
  });
});
