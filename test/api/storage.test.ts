import { createHash } from "node:crypto";
import { execFile } from "node:child_process";
import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import {
  AbortMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import type { Readable } from "node:stream";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Storage,
  createStorage,
  datasetKeys,
  deletePrefix,
  ensureBucket,
  generatedImageKey,
  headObject,
  listObjects,
  loraConfigKey,
  loraModelKey,
  presignDownload,
  presignUpload,
  tempKey,
  transcriptKeys,
  uploadFile,
  uploadStream,
} from "../../shared/storage/index.js";
import { makeLargeFile } from "../../infra/large-file.js";
import { repoRoot } from "../helpers/processes.js";
import { signedInThePast } from "../helpers/clock.js";
import { testConfig } from "../helpers/stack.js";

const run = promisify(execFile);

describe("key layout", () => {
  it("builds the seed's keys", () => {
    expect(loraModelKey("user", "job", 1)).toBe("loras/user/job/v1/model.safetensors");
    expect(loraConfigKey("user", "job", 2)).toBe("loras/user/job/v2/config.json");
    expect(generatedImageKey("user", "job", 1)).toBe("generated-images/user/job/image_1.png");
    expect(transcriptKeys("user", "job")).toMatchObject({
      json: "transcripts/user/job/transcript.json",
      text: "transcripts/user/job/transcript.txt",
    });
    const ds = datasetKeys("user", "job");
    expect(ds.image("a.png")).toBe("datasets/user/job/images/a.png");
    expect(ds.caption("a.txt")).toBe("datasets/user/job/captions/a.txt");
    expect(tempKey("ws", "user", "in.wav", "u1")).toBe("temp/ws/user/u1/in.wav");
  });

  it("refuses segments that would leave their folder", () => {
    expect(() => generatedImageKey("../other", "job", 1)).toThrow(/userId/);
    expect(() => loraModelKey("user", "a/b", 1)).toThrow(/jobId/);
    expect(() => tempKey("ws", "user", "..")).toThrow(/file name/);
    expect(() => tempKey("..", "user", "in.wav")).toThrow(/workspaceId/);
    expect(() => loraModelKey("user", "job", 0)).toThrow(/version/);
  });
});

describe("S3 server", () => {
  let storage: Storage;
  let endpoint: string;
  let config: ReturnType<typeof testConfig>;

  beforeAll(async () => {
    config = testConfig();
    endpoint = config.s3.endpoint ?? "";
    storage = createStorage(config.s3);
    const setup = await ensureBucket(storage);
    expect(setup.created).toBe(true);
    expect(setup.versioning).toBe("enabled");
  });

  afterAll(() => storage.client.destroy());

  it("keeps its settings when set up again, with versioning on", async () => {
    const again = await ensureBucket(storage);
    expect(again.created).toBe(false);
    const v = await storage.client.send(new GetBucketVersioningCommand({ Bucket: storage.bucket }));
    expect(v.Status).toBe("Enabled");
  });

  it("puts, heads, lists, gets and deletes objects", async () => {
    const key = transcriptKeys("alice", "job-1").text;
    await storage.client.send(new PutObjectCommand({ Bucket: storage.bucket, Key: key, Body: "hello world", ContentType: "text/plain" }));
    const head = await headObject(storage, key);
    expect(head?.ContentLength).toBe(11);
    expect(head?.ContentType).toBe("text/plain");
    const listed = [];
    for await (const o of listObjects(storage, "transcripts/alice/")) listed.push(o);
    expect(listed.map((o) => o.key)).toEqual([key]);
    const got = await storage.client.send(new GetObjectCommand({ Bucket: storage.bucket, Key: key }));
    expect(await got.Body?.transformToString()).toBe("hello world");
    expect(await deletePrefix(storage, "transcripts/alice/job-1/")).toBe(1);
    expect(await headObject(storage, key)).toBeUndefined();
  });

  it("keeps earlier versions when a key is overwritten", async () => {
    const key = "loras/alice/job-v/v1/config.json";
    await storage.client.send(new PutObjectCommand({ Bucket: storage.bucket, Key: key, Body: '{"a":1}' }));
    await storage.client.send(new PutObjectCommand({ Bucket: storage.bucket, Key: key, Body: '{"a":2}' }));
    const versions = await storage.client.send(new ListObjectVersionsCommand({ Bucket: storage.bucket, Prefix: key }));
    expect(versions.Versions?.length).toBe(2);
  });

  it("uploads a 125 MB file as a multipart upload with bounded memory, each way, in a fresh process", async () => {
    const size = 125_000_000;
    const { file, sha256 } = await makeLargeFile(size);
    try {
      for (const mode of ["stream", "ranges"] as const) {
        const key = loraModelKey("alice", `job-big-${mode}`, 1);
        // A fresh process: its peak RSS (VmHWM) growth is the upload's alone.
        const { stdout } = await run(
          process.execPath,
          ["--import", "tsx", "bench/upload-child.ts", mode, file, key, JSON.stringify(config.s3)],
          { cwd: repoRoot },
        );
        const { seconds, growthMiB } = JSON.parse(stdout) as { seconds: number; growthMiB: number };
        process.stdout.write(
          `125 MB multipart upload (${mode === "stream" ? "lib-storage from a stream" : "byte-range parts from disk"}): ${seconds.toFixed(2)} s, ${(size / 1e6 / seconds).toFixed(1)} MB/s, peak RSS growth ${growthMiB.toFixed(1)} MiB\n`,
        );
        expect(growthMiB).toBeLessThan(100);
        expect((await headObject(storage, key))?.ContentLength).toBe(size);
        const got = await storage.client.send(new GetObjectCommand({ Bucket: storage.bucket, Key: key }));
        const hash = createHash("sha256");
        for await (const chunk of got.Body as Readable) hash.update(chunk as Buffer);
        expect(hash.digest("hex")).toBe(sha256);
      }
    } finally {
      await rm(path.dirname(file), { recursive: true, force: true });
    }
  });

  it("an upload first aborts what an attempt killed mid-upload left open at its key, and nothing at other keys", async () => {
    const size = 6 * 1024 * 1024;
    const { file, sha256 } = await makeLargeFile(size);
    const openUploads = async (key: string) =>
      ((await storage.client.send(new ListMultipartUploadsCommand({ Bucket: storage.bucket, Prefix: key }))).Uploads ?? []).map(
        (u) => `${u.Key} ${u.UploadId}`,
      );
    try {
      const ways = [
        ["ranges", (key: string) => uploadFile(storage, { key, file, partSize: 5 * 1024 * 1024 })],
        ["stream", (key: string) => uploadStream(storage, { key, body: createReadStream(file) })],
      ] as const;
      for (const [mode, upload] of ways) {
        const key = loraModelKey("alice", `job-stale-${mode}`, 1);
        // What the killed attempt left: an upload with a part in it, never completed nor aborted.
        const stale = await storage.client.send(new CreateMultipartUploadCommand({ Bucket: storage.bucket, Key: key }));
        await storage.client.send(
          new UploadPartCommand({
            Bucket: storage.bucket,
            Key: key,
            UploadId: stale.UploadId,
            PartNumber: 1,
            Body: Buffer.alloc(5 * 1024 * 1024, 1),
          }),
        );
        // Another key that starts with this one: someone else's upload, left alone.
        const neighbour = await storage.client.send(new CreateMultipartUploadCommand({ Bucket: storage.bucket, Key: `${key}.tmp` }));
        expect(await openUploads(key)).toEqual([`${key} ${stale.UploadId}`, `${key}.tmp ${neighbour.UploadId}`]);

        await upload(key);

        expect(await openUploads(key)).toEqual([`${key}.tmp ${neighbour.UploadId}`]);
        const versions = await storage.client.send(new ListObjectVersionsCommand({ Bucket: storage.bucket, Prefix: key }));
        expect((versions.Versions ?? []).map((v) => v.Key)).toEqual([key]);
        const got = await storage.client.send(new GetObjectCommand({ Bucket: storage.bucket, Key: key }));
        const hash = createHash("sha256");
        for await (const chunk of got.Body as Readable) hash.update(chunk as Buffer);
        expect(hash.digest("hex")).toBe(sha256);
        await storage.client.send(
          new AbortMultipartUploadCommand({ Bucket: storage.bucket, Key: `${key}.tmp`, UploadId: neighbour.UploadId }),
        );
      }
    } finally {
      await rm(path.dirname(file), { recursive: true, force: true });
    }
  });

  describe("presigned URLs", () => {
    const key = generatedImageKey("alice", "job-p", 1);
    const bytes = Buffer.from("\x89PNG fake image bytes");

    beforeAll(async () => {
      await storage.client.send(new PutObjectCommand({ Bucket: storage.bucket, Key: key, Body: bytes, ContentType: "image/png" }));
    });

    it("a presigned GET downloads the exact bytes with plain fetch, as an attachment", async () => {
      const { url, expiresAt } = await presignDownload(storage, key, { expiresIn: 60, fileName: "image_1.png" });
      expect(expiresAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
      expect(res.headers.get("content-disposition")).toContain('filename="image_1.png"');
    });

    it("an anonymous GET of the object is refused", async () => {
      const res = await fetch(`${endpoint}/${storage.bucket}/${key}`);
      expect(res.status).toBe(403);
    });

    it("a tampered presigned URL is refused", async () => {
      const { url } = await presignDownload(storage, key, { expiresIn: 60 });
      const otherKey = await fetch(url.replace("image_1.png", "image_2.png"));
      expect(otherKey.status).toBe(403);
      const u = new URL(url);
      const sig = u.searchParams.get("X-Amz-Signature") ?? "";
      u.searchParams.set("X-Amz-Signature", `${sig.slice(0, -1)}${sig.endsWith("0") ? "1" : "0"}`);
      expect((await fetch(u)).status).toBe(403);
      const longer = new URL(url);
      longer.searchParams.set("X-Amz-Expires", "604800");
      expect((await fetch(longer)).status).toBe(403);
    });

    it("an expired presigned URL is refused", async () => {
      // Signed ten seconds ago for one second: expired now, without waiting for it to expire.
      const url = await signedInThePast(10_000, () => presignDownload(storage, key, { expiresIn: 1 }).then((p) => p.url));
      const res = await fetch(url);
      expect(res.status).toBe(403);
    });

    it("clamps expiry to the 1 s … 7 day range", async () => {
      const long = await presignDownload(storage, key, { expiresIn: 999_999_999 });
      expect(new URL(long.url).searchParams.get("X-Amz-Expires")).toBe("604800");
      const short = await presignDownload(storage, key, { expiresIn: 0 });
      expect(new URL(short.url).searchParams.get("X-Amz-Expires")).toBe("1");
    });

    it("a presigned PUT accepts the signed content type and size, and only that", async () => {
      const upKey = tempKey("ws", "alice", "clip.wav");
      const body = Buffer.alloc(1000, 7);
      const { url } = await presignUpload(storage, upKey, { contentType: "audio/wav", contentLength: body.length });
      const wrongType = await fetch(url, { method: "PUT", body, headers: { "content-type": "text/html" } });
      expect(wrongType.status).toBe(403);
      const ok = await fetch(url, { method: "PUT", body, headers: { "content-type": "audio/wav" } });
      expect(ok.status).toBe(200);
      expect((await headObject(storage, upKey))?.ContentLength).toBe(1000);
      const get = await fetch(url);
      expect(get.status).toBe(403);
    });
  });
});
