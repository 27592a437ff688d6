import { randomUUID } from "node:crypto";
import { ListObjectVersionsCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLinkToken } from "../../shared/links/token.js";
import { jobPrefixes } from "../../shared/storage/keys.js";
import { type TestApi, startTestApi } from "../helpers/api.js";
import { completedImageJob, completedTranscriptJob } from "../helpers/stored-jobs.js";
import { dataOf, restGet, trpcCall } from "../helpers/http.js";
import { rawJobs } from "../helpers/raw-jobs.js";
import { adoptLegacyJobs } from "../../shared/db/mongo/legacy-jobs.js";

describe("jobs and assets API", () => {
  let api: TestApi;
  let alice: Awaited<ReturnType<TestApi["member"]>>;

  beforeAll(async () => {
    api = await startTestApi();
    alice = await api.member("acme", "alice");
  });

  afterAll(() => api.close());

  const create = (input: unknown, key = alice.key) => trpcCall(api.app, key, "jobs.create", input, "mutation");

  describe("seed compatibility", () => {
    const seedUser = "storage-test";
    const transcriptJob = "483b199c-e41c-4ae4-95b3-a9afbd9fa077";
    const imageJob = randomUUID();
    const loraJob = randomUUID();

    beforeAll(async () => {
      const now = new Date("2025-11-20T12:00:00Z");
      const s3 = "https://content-generation-assets.s3.amazonaws.com";
      // Documents exactly as the services before this one wrote them: no workspace, no visibility.
      await rawJobs(api.deps).insertMany([
        {
          _id: transcriptJob,
          jobId: transcriptJob,
          type: "transcription",
          status: "completed",
          userId: seedUser,
          createdAt: now,
          updatedAt: now,
          versions: [
            {
              transcriptUrl: `${s3}/transcripts/${seedUser}/${transcriptJob}/transcript.json`,
              textUrl: `${s3}/transcripts/${seedUser}/${transcriptJob}/transcript.txt`,
              wordCount: 861,
              duration: 282,
              version: 1,
            },
          ],
        },
        {
          _id: imageJob,
          jobId: imageJob,
          type: "image-generation",
          status: "completed",
          userId: seedUser,
          createdAt: now,
          updatedAt: now,
          versions: [
            {
              images: [
                {
                  url: `${s3}/generated-images/${seedUser}/${imageJob}/image_1.png`,
                  s3Key: `generated-images/${seedUser}/${imageJob}/image_1.png`,
                  width: 1024,
                  height: 1024,
                  sizeBytes: 2500000,
                },
              ],
            },
          ],
        },
        {
          _id: loraJob,
          jobId: loraJob,
          type: "lora-training",
          status: "completed",
          userId: seedUser,
          createdAt: now,
          updatedAt: now,
          versions: [
            {
              modelUrl: `${s3}/loras/${seedUser}/${loraJob}/v1/model.safetensors`,
              s3Key: `loras/${seedUser}/${loraJob}/v1/model.safetensors`,
              sizeBytes: 125000000,
              version: 1,
            },
          ],
        },
      ]);
    });

    it("are hidden until adopted into a workspace, then come back with the seed's fields", async () => {
      const owner = await api.member("acme", seedUser);
      expect((await restGet(api.app, owner.key, `/api/jobs/${transcriptJob}`)).status).toBe(404);
      expect(await adoptLegacyJobs(api.deps.mongo.db, owner.workspaceId, seedUser)).toBe(3);

      const t = await restGet(api.app, owner.key, `/api/jobs/${transcriptJob}`);
      expect(t.status).toBe(200);
      expect(t.body).toMatchObject({ jobId: transcriptJob, type: "transcription", status: "completed", userId: seedUser });
      const tv = (t.body.versions as Array<Record<string, unknown>>)[0];
      expect(tv).toMatchObject({ wordCount: 861, duration: 282, version: 1 });
      // URLs point at our signed links, never at the private bucket.
      expect(tv?.transcriptUrl).toMatch(/^http:\/\/localhost\/d\/[\w-]+\.[\w-]+$/);
      expect(tv?.textUrl).toMatch(/^http:\/\/localhost\/d\/[\w-]+\.[\w-]+$/);

      const i = await restGet(api.app, owner.key, `/api/jobs/${imageJob}`);
      const img = ((i.body.versions as Array<{ images: Array<Record<string, unknown>> }>)[0]?.images ?? [])[0];
      expect(img).toMatchObject({
        s3Key: `generated-images/${seedUser}/${imageJob}/image_1.png`,
        width: 1024,
        height: 1024,
        sizeBytes: 2500000,
      });
      expect(img?.url).toMatch(/\/d\//);

      const l = await restGet(api.app, owner.key, `/api/jobs/${loraJob}`);
      expect((l.body.versions as Array<Record<string, unknown>>)[0]).toMatchObject({
        s3Key: `loras/${seedUser}/${loraJob}/v1/model.safetensors`,
        sizeBytes: 125000000,
        version: 1,
      });

      const loras = await restGet(api.app, owner.key, "/api/assets/loras");
      expect(loras.body.assets).toEqual(
        expect.arrayContaining([expect.objectContaining({ jobId: loraJob, fileName: "model.safetensors", sizeBytes: 125000000 })]),
      );
      const stats = await restGet(api.app, owner.key, "/api/assets/stats");
      expect(stats.body).toMatchObject({ byType: { loras: { jobs: 1 }, images: { jobs: 1 }, transcripts: { jobs: 1 } } });
      expect((stats.body.totals as { bytes: number }).bytes).toBe(125000000 + 2500000);
    });
  });

  describe("downloads", () => {
    it("the REST download URL gives the exact bytes; bad expiry, file names and unknown files are clear errors", async () => {
      const { job, bytes } = await completedImageJob(api, alice);
      const ok = await restGet(api.app, alice.key, `/api/assets/${job.jobId}/download?file=image_1.png&expires=3600`);
      expect(ok.status).toBe(200);
      expect(Object.keys(ok.body).sort()).toEqual(["expiresAt", "url"]);
      expect(Date.parse(ok.body.expiresAt as string) - Date.now()).toBeGreaterThan(3500_000);
      const res = await fetch(ok.body.url as string);
      expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);

      const answer = (q: string) => restGet(api.app, alice.key, `/api/assets/${job.jobId}/download?${q}`);
      const zero = await answer("file=image_1.png&expires=0");
      expect(zero.status).toBe(400);
      expect(zero.body.error?.message).toMatch(/^expiresIn: must be at least 1 second$/);
      const huge = await answer("file=image_1.png&expires=999999999");
      expect(huge.status).toBe(400);
      expect(huge.body.error?.message).toMatch(/at most 604800/);
      expect((await answer("file=image_1.png&expires=soon")).status).toBe(400);
      const traversal = await answer(`file=${encodeURIComponent("../../other")}`);
      expect(traversal.status).toBe(400);
      expect(traversal.body.error?.message).toMatch(/plain file name/);
      const unknown = await answer("file=image_9.png");
      expect(unknown.status).toBe(404);
      expect(unknown.body.error?.message).toBe(`job ${job.jobId} has no file image_9.png`);
      expect((await answer("")).status).toBe(400);
    });

    it("/d/:token redirects to a working URL; tampered is 401, expired and deleted are 410", async () => {
      const { jobId, text } = await completedTranscriptJob(api, alice);
      const got = await trpcCall(api.app, alice.key, "jobs.get", { jobId }, "query");
      const files = dataOf<{ files: Array<{ fileName: string; url: string }> }>(got).files;
      const link = files.find((f) => f.fileName === "transcript.txt")?.url ?? "";
      const path = new URL(link).pathname;
      const click = await api.app.request(path);
      expect(click.status).toBe(302);
      const target = click.headers.get("location") ?? "";
      expect(new URL(target).searchParams.get("X-Amz-Expires")).toBe("300");
      expect(await (await fetch(target)).text()).toBe(text);

      const [body, mac] = path.slice(3).split(".");
      const flipped = `${body}.${mac?.startsWith("A") ? "B" : "A"}${mac?.slice(1)}`;
      expect((await api.app.request(`/d/${flipped}`)).status).toBe(401);
      expect((await api.app.request(`/d/${body}`)).status).toBe(401);
      const forged = createLinkToken("not-the-server-secret-not-the-server-secret", { jobId, fileName: "transcript.txt", expiresAt: 4e9 });
      expect((await api.app.request(`/d/${forged}`)).status).toBe(401);
      const expired = createLinkToken(api.deps.config.links.signingSecret, {
        jobId,
        fileName: "transcript.txt",
        expiresAt: Math.floor(Date.now() / 1000) - 1,
      });
      expect((await api.app.request(`/d/${expired}`)).status).toBe(410);

      const del = await trpcCall(api.app, alice.key, "jobs.delete", { jobId }, "mutation");
      expect(del.status).toBe(200);
      expect((await api.app.request(path)).status).toBe(410);
    });
  });

  describe("delete", () => {
    it("removes every version of the job's objects, hides the job, and is a no-op the second time", async () => {
      const { job } = await completedImageJob(api, alice);
      const first = await trpcCall(api.app, alice.key, "jobs.delete", { jobId: job.jobId }, "mutation");
      expect(first.body.result?.data).toMatchObject({ deleted: true, objectsRemoved: 1 });
      for (const prefix of jobPrefixes("alice", job.jobId)) {
        const v = await api.deps.storage.client.send(new ListObjectVersionsCommand({ Bucket: api.deps.storage.bucket, Prefix: prefix }));
        expect([...(v.Versions ?? []), ...(v.DeleteMarkers ?? [])]).toEqual([]);
      }
      expect((await trpcCall(api.app, alice.key, "jobs.get", { jobId: job.jobId }, "query")).status).toBe(404);
      const second = await trpcCall(api.app, alice.key, "jobs.delete", { jobId: job.jobId }, "mutation");
      expect(second.body.result?.data).toMatchObject({ deleted: false, objectsRemoved: 0 });
      const listed = await trpcCall(api.app, alice.key, "jobs.list", { limit: 100 }, "query");
      expect(dataOf<{ items: Array<{ jobId: string }> }>(listed).items.map((j) => j.jobId)).not.toContain(job.jobId);
    });
  });

  describe("create", () => {
    it("20 concurrent creates with one idempotency key make one job", async () => {
      const input = { type: "image-generation", prompt: "a quiet harbour", idempotencyKey: "discord-interaction-123" };
      const answers = await Promise.all(Array.from({ length: 20 }, () => create(input)));
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
      const ids = new Set(answers.map((a) => dataOf<{ jobId: string }>(a).jobId));
      expect(ids.size).toBe(1);
      expect(await rawJobs(api.deps).countDocuments({ idempotencyKey: "discord-interaction-123" })).toBe(1);
      expect(api.queue.enqueued.filter((j) => ids.has(j.jobId))).toHaveLength(1);

      const reused = await create({ ...input, prompt: "something else" });
      expect(reused.status).toBe(409);
      expect(reused.body.error?.message).toMatch(/already used for a different request/);
      // The same key from another user is a different request, not a collision.
      const bob = await api.member("acme", "bob");
      const bobs = await create(input, bob.key);
      expect(dataOf<{ jobId: string }>(bobs).jobId).not.toBe([...ids][0]);
    });

    it("a create rides out a queue outage of a few seconds", async () => {
      const enqueue = api.queue.enqueue;
      let refusals = 2;
      api.queue.enqueue = async (job) => {
        if (refusals-- > 0) throw new Error("the queue's database is restarting");
        return enqueue(job);
      };
      try {
        const answer = await create({ type: "image-generation", prompt: "queued after a restart" });
        expect(answer.status).toBe(200);
        const { jobId } = dataOf<{ jobId: string }>(answer);
        expect(api.queue.enqueued.filter((j) => j.jobId === jobId)).toHaveLength(1);
        expect((await api.deps.jobs.get(jobId))?.status).toBe("queued");
      } finally {
        api.queue.enqueue = enqueue;
      }
    });

    it("a create whose job cannot be queued at all answers with an error and leaves no job behind", { timeout: 90_000 }, async () => {
      const enqueue = api.queue.enqueue;
      api.queue.enqueue = async () => {
        throw new Error("the queue's database is unavailable");
      };
      try {
        const before = await rawJobs(api.deps).countDocuments({ userId: alice.userId });
        const answers = await Promise.all([
          create({ type: "image-generation", prompt: "never queued" }),
          create({ type: "image-generation", prompt: "queued on retry", idempotencyKey: "queue-down-1" }),
        ]);
        expect(answers.map((a) => a.status)).toEqual([500, 500]);
        // What failed inside stays in the log: the caller learns only that it did.
        expect(answers.map((a) => JSON.stringify(a.body))).toEqual([
          expect.not.stringContaining("unavailable"),
          expect.not.stringContaining("unavailable"),
        ]);
        expect(answers.map((a) => (a.body as { error?: { message?: string } }).error?.message)).toEqual([
          "internal error",
          "internal error",
        ]);
        expect(await rawJobs(api.deps).countDocuments({ userId: alice.userId })).toBe(before);

        // The same key once the queue is back makes the job, once.
        api.queue.enqueue = enqueue;
        const retried = await create({ type: "image-generation", prompt: "queued on retry", idempotencyKey: "queue-down-1" });
        const { jobId } = dataOf<{ jobId: string }>(retried);
        expect(api.queue.enqueued.filter((j) => j.jobId === jobId)).toHaveLength(1);
        expect(await rawJobs(api.deps).countDocuments({ idempotencyKey: "queue-down-1" })).toBe(1);
      } finally {
        api.queue.enqueue = enqueue;
      }
    });

    it.each([
      [{ type: "image-generation", prompt: "   " }, /^prompt: must not be empty$/],
      [{ type: "image-generation", prompt: "x".repeat(2001) }, /at most 2000 characters/],
      [{ type: "image-generation", prompt: "x", count: 5 }, /count/],
      [{ type: "image-generation", prompt: "x", width: 1000 }, /width and height go together/],
      [{ type: "transcription", audioUrl: "file:///etc/passwd" }, /http\(s\) URL/],
      [{ type: "transcription" }, /exactly one of audioUrl or uploadKey/],
      [{ type: "lora-training", triggerWord: "tok", imageKeys: ["temp/ws/alice/a/1.png"] }, /at least 4 images/],
      [{ type: "video" }, /type/],
      // Unknown fields are refused, not dropped: `numImages: 2` used to make one image without a word.
      [{ type: "image-generation", prompt: "x", numImages: 2 }, /unknown field numImages \(did you mean count\?\)/],
      [{ type: "transcription", audioUrl: "https://example.com/a.wav", punctuate: true }, /unknown field punctuate$/],
    ])("rejects bad input %# with BAD_REQUEST and writes nothing", async (input, message) => {
      const before = await rawJobs(api.deps).countDocuments({});
      const answer = await create(input);
      expect(answer.status).toBe(400);
      expect(answer.body.error?.message).toMatch(message);
      expect(await rawJobs(api.deps).countDocuments({})).toBe(before);
    });

    it("accepts an upload made through assets.uploadUrl, and refuses uploads that are missing or someone else's", async () => {
      const wav = Buffer.alloc(4000, 1);
      const up = await trpcCall(
        api.app,
        alice.key,
        "assets.uploadUrl",
        { fileName: "standup.wav", contentType: "audio/wav", sizeBytes: wav.length },
        "mutation",
      );
      const { uploadKey, url, headers } = dataOf<{ uploadKey: string; url: string; headers: Record<string, string> }>(up);
      expect(uploadKey).toMatch(new RegExp(`^temp/${alice.workspaceId}/alice/[0-9a-f-]{36}/standup\\.wav$`));
      const missing = await create({ type: "transcription", uploadKey });
      expect(missing.status).toBe(400);
      expect(missing.body.error?.message).toMatch(/upload the file/);
      expect((await fetch(url, { method: "PUT", body: wav, headers })).status).toBe(200);
      const ok = await create({ type: "transcription", uploadKey, speakerLabels: true });
      expect(ok.status).toBe(200);
      const bob = await api.member("acme", "bob");
      expect((await create({ type: "transcription", uploadKey }, bob.key)).status).toBe(400);
      const bad = await trpcCall(
        api.app,
        alice.key,
        "assets.uploadUrl",
        { fileName: "x.exe", contentType: "application/x-msdownload", sizeBytes: 10 },
        "mutation",
      );
      expect(bad.status).toBe(400);
      const big = await trpcCall(
        api.app,
        alice.key,
        "assets.uploadUrl",
        { fileName: "x.wav", contentType: "audio/wav", sizeBytes: 3 * 2 ** 30 },
        "mutation",
      );
      expect(big.status).toBe(400);
    });

    it("refuses a LoRA the caller cannot see, or one still training", async () => {
      const carol = await api.member("globex", "carol");
      const lora = randomUUID();
      await api.deps.jobs.create({ jobId: lora, type: "lora-training", userId: "carol", workspaceId: carol.workspaceId, input: {} });
      const other = await create({ type: "image-generation", prompt: "x", lora: { jobId: lora } });
      expect(other.status).toBe(404);
      const mine = randomUUID();
      await api.deps.jobs.create({ jobId: mine, type: "lora-training", userId: "alice", workspaceId: alice.workspaceId, input: {} });
      const training = await create({ type: "image-generation", prompt: "x", lora: { jobId: mine } });
      expect(training.status).toBe(412);
    });
  });
});
