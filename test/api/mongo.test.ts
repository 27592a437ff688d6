import { randomUUID } from "node:crypto";
import { ObjectId } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  InvalidCursorError,
  JobsRepository,
  type Mongo,
  connectMongo,
  isFerretDb,
  jobIndexes,
  rekeyJobs,
} from "../../shared/db/mongo/index.js";
import { rawJobs } from "../helpers/raw-jobs.js";
import { testConfig } from "../helpers/stack.js";

describe("MongoDB-wire server with the official driver", () => {
  let mongo: Mongo;
  let jobs: JobsRepository;

  beforeAll(async () => {
    const config = testConfig();
    mongo = await connectMongo(config.mongo.url ?? "", config.mongo.db);
    jobs = new JobsRepository(mongo.db);
    await jobs.ensureIndexes();
  });

  afterAll(() => mongo.close());

  const newJob = (userId: string, type: "image-generation" | "transcription" = "image-generation") => ({
    jobId: randomUUID(),
    type,
    userId,
    workspaceId: "ws-1",
    input: { prompt: "a red fox" },
    searchTerms: ["red", "fox"],
  });

  it("creates the indexes, twice without error: on FerretDB the unique ones only, and a stale declared one is dropped", async () => {
    // An earlier version made every declared index on the embedded store too.
    await rawJobs({ mongo }).createIndex({ userId: 1, createdAt: -1, jobId: -1 }, { name: "user_recent" });
    await jobs.ensureIndexes();
    await jobs.ensureIndexes();
    const indexes = await rawJobs({ mongo }).listIndexes().toArray();
    const names = indexes.map((i) => i.name);
    // The suite runs on the embedded FerretDB, or on a MongoDB that MONGODB_URL names.
    const ferretDb = await isFerretDb(mongo.db);
    for (const i of jobIndexes) {
      if (i.unique || !ferretDb) expect(names).toContain(i.name);
      else expect(names).not.toContain(i.name);
    }
    expect(indexes.find((i) => i.name === "jobId_unique")?.unique).toBe(true);
    // The constraint holds: a second document with the same jobId is refused.
    const id = randomUUID();
    await rawJobs({ mongo }).insertOne({ ...(await jobs.create(newJob("dup"))).job, _id: `a-${id}`, jobId: id });
    await expect(
      rawJobs({ mongo }).insertOne({ ...(await jobs.create(newJob("dup"))).job, _id: `b-${id}`, jobId: id }),
    ).rejects.toMatchObject({ code: 11000 });
  });

  it("round-trips a job: create, get, status, progress, provider, versions", async () => {
    const { job, created } = await jobs.create(newJob("alice"));
    expect(created).toBe(true);
    expect(job.status).toBe("queued");

    const got = await jobs.get(job.jobId);
    expect(got).toMatchObject({ jobId: job.jobId, userId: "alice", type: "image-generation", status: "queued", versions: [] });
    expect(got?.createdAt).toBeInstanceOf(Date);

    const running = await jobs.setStatus(job.jobId, "running");
    expect(running?.status).toBe("running");
    expect(running?.startedAt).toBeInstanceOf(Date);

    await jobs.setProvider(job.jobId, { name: "fal", requestId: "req-123" });
    expect(await jobs.setProgress(job.jobId, 40)).toBe(true);

    const version = {
      version: 1,
      seed: 42,
      images: [
        {
          url: "generated-images/alice/x/image_1.png",
          s3Key: `generated-images/alice/${job.jobId}/image_1.png`,
          width: 1024,
          height: 768,
          sizeBytes: 2_500_000,
          contentType: "image/png",
        },
      ],
    };
    expect(await jobs.pushVersion(job.jobId, version)).toBe(true);
    // A retried step pushes the same version number: it is not added twice.
    expect(await jobs.pushVersion(job.jobId, version)).toBe(false);
    await jobs.pushVersion(job.jobId, { ...version, version: 2, seed: 7 });

    const done = await jobs.setStatus(job.jobId, "completed", { progress: 100 });
    expect(done?.status).toBe("completed");
    expect(done?.provider).toMatchObject({ name: "fal", requestId: "req-123" });
    expect(done?.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(done?.versions[0]).toMatchObject({ seed: 42, images: [{ width: 1024, height: 768 }] });
    expect(done?.finishedAt).toBeInstanceOf(Date);
  });

  it("never moves a job out of a final status", async () => {
    const { job } = await jobs.create(newJob("alice"));
    await jobs.setStatus(job.jobId, "canceled");
    expect(await jobs.setStatus(job.jobId, "completed")).toBeNull();
    expect(await jobs.setProgress(job.jobId, 90)).toBe(false);
    expect((await jobs.get(job.jobId))?.status).toBe("canceled");
  });

  it("returns the stored job when the same job id is created again", async () => {
    const input = newJob("bob");
    const first = await jobs.create(input);
    const again = await jobs.create({ ...input, input: { prompt: "something else" } });
    expect(again.created).toBe(false);
    expect(again.job.input).toEqual({ prompt: "a red fox" });
    expect(await rawJobs({ mongo }).countDocuments({ jobId: first.job.jobId })).toBe(1);
  });

  it("getMany reads the workspace's jobs among the ids in one query, never another workspace's", async () => {
    const mine = [await jobs.create(newJob("gm-a")), await jobs.create(newJob("gm-b"))].map((r) => r.job.jobId);
    const theirs = (await jobs.create({ ...newJob("gm-c"), workspaceId: "ws-other" })).job.jobId;
    const read = await jobs.getMany("ws-1", [...mine, theirs, randomUUID()]);
    expect(read.map((j) => j.jobId).sort()).toEqual([...mine].sort());
    // As a page shows a job: its search terms stay in the store.
    expect(read.every((j) => j.searchTerms === undefined)).toBe(true);
    expect(await jobs.getMany("ws-1", [])).toEqual([]);
  });

  it("lists a user's jobs newest first, by cursor, without repeats or gaps", async () => {
    const user = `pager-${randomUUID().slice(0, 8)}`;
    const base = Date.UTC(2026, 0, 1);
    const made: string[] = [];
    for (let i = 0; i < 25; i++) {
      // Several jobs share a timestamp, so the jobId tie-break is exercised.
      const { job } = await jobs.create(
        newJob(user, i % 2 ? "transcription" : "image-generation"),
        new Date(base + Math.floor(i / 3) * 1000),
      );
      made.push(job.jobId);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await jobs.page({ userId: user }, { limit: 7, cursor });
      seen.push(...page.items.map((j) => j.jobId));
      cursor = page.nextCursor;
      pages++;
      if (pages === 2) {
        // A job created while paging is newer than the cursor and must not shift later pages.
        await jobs.create(newJob(user), new Date(base + 60_000));
      }
    } while (cursor);
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(25);
    expect(new Set(seen)).toEqual(new Set(made));
    const stored = await rawJobs({ mongo })
      .find({ jobId: { $in: seen } })
      .toArray();
    const times = new Map(stored.map((d) => [d.jobId, d.createdAt.getTime()]));
    const order = seen.map((id) => times.get(id) ?? 0);
    expect([...order].sort((a, b) => b - a)).toEqual(order);

    const transcripts = await jobs.page({ userId: user, type: "transcription" }, { limit: 100 });
    expect(transcripts.items).toHaveLength(12);
    expect(transcripts.items.every((j) => j.type === "transcription")).toBe(true);
    // A page carries what a listing shows, not the search terms the store keeps for each job.
    expect((await rawJobs({ mongo }).findOne({ jobId: seen[0] }))?.searchTerms).toBeDefined();
    expect(transcripts.items.some((j) => j.searchTerms !== undefined)).toBe(false);
  });

  it("rejects a cursor it did not issue", async () => {
    await expect(jobs.page({ userId: "alice" }, { limit: 5, cursor: "not-a-cursor" })).rejects.toBeInstanceOf(InvalidCursorError);
  });

  it("keys documents the earlier services wrote under an ObjectId by their jobId, once, keeping every field", async () => {
    const raw = rawJobs({ mongo });
    const [a, b] = [randomUUID(), randomUUID()];
    const now = new Date();
    const legacy = {
      type: "transcription" as const,
      status: "completed" as const,
      userId: "seed",
      workspaceId: "ws-1",
      input: { audioUrl: "https://example.com/a.wav" },
      progress: 100,
      provider: null,
      error: null,
      versions: [],
      createdAt: now,
      updatedAt: now,
    };
    await raw.insertMany([
      { ...legacy, _id: new ObjectId(), jobId: a },
      // One an interrupted run had already stepped aside, with its copy not yet written.
      { ...legacy, _id: new ObjectId(), jobId: `rekey:${b}` },
    ]);
    expect(await rekeyJobs(mongo.db)).toBe(2);
    expect(await rekeyJobs(mongo.db)).toBe(0);
    for (const jobId of [a, b]) {
      const docs = await raw.find({ jobId }).toArray();
      expect(docs).toHaveLength(1);
      expect(docs[0]).toMatchObject({ ...legacy, _id: jobId, jobId });
      // Writes find it by _id now.
      expect(await jobs.markDeleted(jobId)).toBe(true);
    }
  });

  it("supports the driver's $push, $set, sort and cursor iteration directly", async () => {
    const coll = mongo.db.collection<{ _id: string; n: number; tags: string[] }>("driver_check");
    await coll.insertMany(Array.from({ length: 250 }, (_, n) => ({ _id: `d${n}`, n, tags: [] })));
    await coll.updateOne({ _id: "d5" }, { $push: { tags: "x" }, $set: { n: 1000 } });
    expect(await coll.findOne({ _id: "d5" })).toEqual({ _id: "d5", n: 1000, tags: ["x"] });
    let count = 0;
    let last = Number.POSITIVE_INFINITY;
    for await (const doc of coll
      .find({ n: { $gte: 100 } })
      .sort({ n: -1 })
      .batchSize(20)) {
      expect(doc.n).toBeLessThanOrEqual(last);
      last = doc.n;
      count++;
    }
    expect(count).toBe(151);
  });
});
