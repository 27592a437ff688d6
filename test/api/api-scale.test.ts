import { randomUUID } from "node:crypto";
import { type CommandStartedEvent, MongoClient } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Principal, visibleJobsFilter } from "../../jobs/principal.js";
import { createCaller } from "../../server/trpc/router.js";
import { JobsRepository, jobIndexes } from "../../shared/db/mongo/index.js";
import { type TestApi, startTestApi } from "../helpers/api.js";
import { rawJobs } from "../helpers/raw-jobs.js";
import { IN_PROCESS } from "../../server/auth/client-address.js";
import { imageCost } from "../../shared/pricing.js";

const JOBS = 10_000;
const words = ["harbour", "lighthouse", "fox", "forest", "neon", "city", "portrait", "sunset", "mountain", "river"];

type Sort = Record<string, 1 | -1>;

/** Fields a filter pins to one value, looking through $and: what a compound index prefix can use. */
function equalityFields(filter: Record<string, unknown>): Set<string> {
  const fields = new Set<string>();
  for (const [k, v] of Object.entries(filter)) {
    if (k === "$and" && Array.isArray(v)) for (const part of v) for (const f of equalityFields(part)) fields.add(f);
    else if (!k.startsWith("$") && (v === null || typeof v !== "object" || v instanceof Date || "$all" in (v as object))) fields.add(k);
  }
  return fields;
}

/** MongoDB serves a find from an index whose leading keys are equality fields, followed by the sort keys. */
function coveringIndex(filter: Record<string, unknown>, sort: Sort | undefined): string | undefined {
  const eq = equalityFields(filter);
  if (eq.has("_id")) return "_id_";
  const sortKeys = Object.entries(sort ?? {});
  for (const index of jobIndexes) {
    const keys = Object.entries(index.key);
    let i = 0;
    while (i < keys.length && eq.has(keys[i]?.[0] ?? "")) i++;
    if (i === 0) continue;
    if (sortKeys.length === 0) return index.name;
    const rest = keys.slice(i, i + sortKeys.length);
    const same = rest.length === sortKeys.length && rest.every(([k, d], j) => k === sortKeys[j]?.[0] && d === sortKeys[j]?.[1]);
    const reversed = rest.length === sortKeys.length && rest.every(([k, d], j) => k === sortKeys[j]?.[0] && d === -(sortKeys[j]?.[1] ?? 0));
    if (same || reversed) return index.name;
    // A multikey equality index (search terms) still narrows the scan; the sort then runs on its result.
    if (keys.length === 1 && keys[0]?.[0] === "searchTerms") return index.name;
  }
  return undefined;
}

describe(`list, search and stats over ${JOBS} jobs of one user`, { timeout: 300_000 }, () => {
  let api: TestApi;
  let alice: Awaited<ReturnType<TestApi["member"]>>;
  let monitored: MongoClient;
  const commands: CommandStartedEvent[] = [];
  let caller: ReturnType<typeof createCaller>;
  let principal: Principal;

  beforeAll(async () => {
    api = await startTestApi();
    alice = await api.member("acme", "alice");
    const base = Date.UTC(2026, 0, 1);
    const docs = Array.from({ length: JOBS }, (_, i) => {
      const prompt = `${words[i % 10]} ${words[(i * 7) % 10]} number${i}`;
      const createdAt = new Date(base + Math.floor(i / 4) * 1000);
      const jobId = randomUUID();
      return {
        _id: jobId,
        jobId,
        type: "image-generation" as const,
        status: "completed" as const,
        userId: "alice",
        workspaceId: alice.workspaceId,
        visibility: "workspace" as const,
        input: { prompt },
        progress: 100,
        provider: null,
        error: null,
        deletedAt: null,
        searchTerms: prompt.split(" "),
        versions: [
          {
            version: 1,
            seed: i,
            images: [{ url: "", s3Key: `generated-images/alice/${jobId}/image_1.png`, width: 1024, height: 1024, sizeBytes: 1000 }],
          },
        ],
        createdAt,
        updatedAt: createdAt,
      };
    });
    const started = performance.now();
    for (let i = 0; i < docs.length; i += 1000) await rawJobs(api.deps).insertMany(docs.slice(i, i + 1000));
    process.stdout.write(`inserted ${JOBS} jobs in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

    monitored = new MongoClient(api.deps.config.mongo.url ?? "", { monitorCommands: true });
    monitored.on("commandStarted", (e) => {
      if (e.commandName === "find") commands.push(e);
    });
    const jobs = new JobsRepository(monitored.db(api.deps.config.mongo.db));
    const deps = {
      ...api.deps,
      jobs,
      mongo: { client: monitored, db: monitored.db(api.deps.config.mongo.db), close: () => monitored.close() },
    };
    principal = { workspaceId: alice.workspaceId, workspaceSlug: "acme", userId: "alice", keyId: alice.keyId, via: "user-key" };
    const auth = { ok: true as const, principal };
    caller = createCaller({ deps, requestId: "scale", auth, baseUrl: "http://test", clientAddress: IN_PROCESS });
  }, 300_000);

  afterAll(async () => {
    await monitored.close();
    await api.close();
  });

  let arrivedWhilePaging = 0;

  it("pages through every job once, newest first, while new jobs arrive", async () => {
    // The API's own pages (at most 100) first, then the rest through the same query at 1000 a
    // page: FerretDB v1 decodes every matching document for each page, about 3 s at 10,000.
    const seen = new Set<string>();
    let previous = Number.POSITIVE_INFINITY;
    const take = (jobId: string, createdAt: number) => {
      expect(seen.has(jobId)).toBe(false);
      seen.add(jobId);
      expect(createdAt).toBeLessThanOrEqual(previous);
      previous = createdAt;
    };
    let cursor: string | null = null;
    const started = performance.now();
    for (let i = 0; i < 3; i++) {
      const page: Awaited<ReturnType<typeof caller.jobs.list>> = await caller.jobs.list({ limit: 100, cursor });
      expect(page.items).toHaveLength(100);
      for (const job of page.items) take(job.jobId, Date.parse(job.createdAt));
      cursor = page.nextCursor;
      await caller.jobs.create({ type: "image-generation", prompt: "arrived while paging" });
      arrivedWhilePaging++;
    }
    const apiPageMs = (performance.now() - started) / 3;
    let pages = 3;
    do {
      const page = await api.deps.jobs.page(visibleJobsFilter(principal), { limit: 1000, cursor });
      for (const job of page.items) take(job.jobId, job.createdAt.getTime());
      cursor = page.nextCursor;
      pages++;
      await caller.jobs.create({ type: "image-generation", prompt: "arrived while paging" });
      arrivedWhilePaging++;
    } while (cursor);
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `paged ${seen.size} jobs in ${pages} pages: ${seconds.toFixed(1)} s (an API page of 100: ${apiPageMs.toFixed(0)} ms)\n`,
    );
    expect(seen.size).toBe(JOBS);
  });

  it("searches case-insensitively by words of the prompt", async () => {
    const found = await caller.assets.search({ q: "Harbour NUMBER40", limit: 10 });
    expect(found.items.map((j) => j.input.prompt)).toEqual(["harbour harbour number40"]);
    const many = await caller.assets.search({ q: "neon", limit: 100 });
    expect(many.items).toHaveLength(100);
    expect(many.nextCursor).not.toBeNull();
    expect(many.items.every((j) => String(j.input.prompt).includes("neon"))).toBe(true);
  });

  it("counts the user's jobs, bytes and estimated cost", async () => {
    const stats = await caller.assets.stats({ scope: "me" });
    expect(stats.byType.images.jobs).toBe(JOBS + arrivedWhilePaging);
    expect(stats.byType.images.bytes).toBe(JOBS * 1000);
    // Versions without an endpoint are counted at the table's dearest per-megapixel price.
    expect(stats.byType.images.providerCostUsd).toBeCloseTo(JOBS * imageCost(1024, 1024), 2);
  });

  it("every find the list and search procedures send is served by a declared index", async () => {
    commands.length = 0;
    const first = await caller.jobs.list({ limit: 20 });
    await caller.jobs.list({ limit: 20, cursor: first.nextCursor, type: "image-generation" });
    await caller.jobs.list({ limit: 20, userId: "alice" });
    await caller.assets.list({ kind: "images", limit: 20 });
    await caller.assets.search({ q: "fox river", limit: 20 });
    await caller.jobs.get({ jobId: first.items[0]?.jobId ?? "" });
    expect(commands.length).toBeGreaterThanOrEqual(6);
    for (const c of commands) {
      const filter = c.command.filter as Record<string, unknown>;
      const sort = c.command.sort as Sort | undefined;
      expect(coveringIndex(filter, sort), JSON.stringify({ filter, sort })).toBeDefined();
    }
    // What this server's planner does with them, for the record: FerretDB v1 scans and filters
    // itself, while MongoDB picks the index found above.
    const db = monitored.db(api.deps.config.mongo.db);
    const explain = await db.command({
      explain: { find: "jobs", filter: commands[0]?.command.filter, sort: commands[0]?.command.sort, limit: 21 },
    });
    process.stdout.write(`explain of the list query on this server: ${JSON.stringify(explain.queryPlanner)}\n`);
    expect(explain.ok).toBe(1);
  });
});
