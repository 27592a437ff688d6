import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { jobIndexes } from "../../shared/db/mongo/index.js";
import { type TestApi, startTestApi } from "../helpers/api.js";
import { embeddedJobsTable, pushedDownOrder } from "../helpers/ferretdb-sql.js";
import { type Answer, dataOf, trpcCall } from "../helpers/http.js";
import { rawJobs } from "../helpers/raw-jobs.js";
import { completedImageJob } from "../helpers/stored-jobs.js";

type Member = Awaited<ReturnType<TestApi["member"]>>;
type Page = { items: Array<{ jobId: string; createdAt: string }>; nextCursor: string | null };

/**
 * jobs.list's orders (newest, oldest, most used) page by cursor without repeats or gaps, and
 * "most used" counts the jobs made from a picture as they are made and deleted.
 */
describe("job list orders and most-used counting", () => {
  let api: TestApi;
  let alice: Member;
  const q = (who: Member, path: string, input: unknown) => trpcCall(api.app, who.key, path, input, "query");
  const m = (who: Member, path: string, input: unknown) => trpcCall(api.app, who.key, path, input, "mutation");
  const usesOf = async (jobId: string) => (await rawJobs(api.deps).findOne({ jobId }))?.uses;
  const refused = (a: Answer, status: number, message: RegExp) => {
    expect(a.status, JSON.stringify(a.body)).toBe(status);
    expect(a.body.error?.message).toMatch(message);
  };

  beforeAll(async () => {
    api = await startTestApi();
    alice = await api.member("sortco", "alice");
  }, 60_000);
  afterAll(() => api?.close());

  /** Every page of one order, by cursor, three jobs a page. */
  async function allPages(who: Member, input: Record<string, unknown>): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = dataOf<Page>(await q(who, "jobs.list", { ...input, limit: 3, cursor }));
      seen.push(...page.items.map((j) => j.jobId));
      cursor = page.nextCursor;
    } while (cursor);
    return seen;
  }

  it("pages newest, oldest and most used first by cursor: every job once, in its order; a cursor keeps to its order", async () => {
    const carol = await api.member("pagesco", "carol");
    const base = Date.UTC(2026, 2, 1);
    // Eleven jobs, three to a second (the jobId breaks ties), with uses from 0 to 3, and one
    // stored before uses were counted (no field): it comes after every counted job.
    const made: Array<{ jobId: string; at: number; uses: number | null }> = [];
    for (let i = 0; i < 11; i++) {
      const jobId = randomUUID();
      const at = base + Math.floor(i / 3) * 1000;
      await api.deps.jobs.create(
        { jobId, type: "image-generation", userId: carol.userId, workspaceId: carol.workspaceId, input: { prompt: `tide ${i}` } },
        new Date(at),
      );
      const uses = i === 4 ? null : i % 4;
      if (uses === null) await rawJobs(api.deps).updateOne({ jobId }, { $unset: { uses: "" } });
      else await rawJobs(api.deps).updateOne({ jobId }, { $set: { uses } });
      made.push({ jobId, at, uses });
    }
    const newest = [...made].sort((a, b) => b.at - a.at || (a.jobId < b.jobId ? 1 : -1));
    const rank = (u: number | null) => (u === null ? -1 : u);
    const mostUsed = [...made].sort((a, b) => rank(b.uses) - rank(a.uses) || b.at - a.at || (a.jobId < b.jobId ? 1 : -1));
    expect(await allPages(carol, {})).toEqual(newest.map((j) => j.jobId));
    expect(await allPages(carol, { sort: "newest" })).toEqual(newest.map((j) => j.jobId));
    expect(await allPages(carol, { sort: "oldest" })).toEqual([...newest].reverse().map((j) => j.jobId));
    expect(await allPages(carol, { sort: "most-used" })).toEqual(mostUsed.map((j) => j.jobId));
    expect(mostUsed.at(-1)?.uses).toBeNull();

    // Sorts combine with filters: one member's, of one type.
    expect(await allPages(carol, { sort: "oldest", type: "image-generation", userId: carol.userId })).toHaveLength(11);
    expect(await allPages(carol, { sort: "most-used", type: "transcription" })).toEqual([]);

    const first = dataOf<Page>(await q(carol, "jobs.list", { limit: 3 }));
    refused(
      await q(carol, "jobs.list", { limit: 3, sort: "oldest", cursor: first.nextCursor }),
      400,
      /belongs to the newest order, not oldest/,
    );
    const used = dataOf<Page>(await q(carol, "jobs.list", { limit: 3, sort: "most-used" }));
    refused(await q(carol, "jobs.list", { limit: 3, cursor: used.nextCursor }), 400, /belongs to the most-used order, not newest/);
    refused(await q(carol, "jobs.list", { limit: 3, sort: "most-used", cursor: "bm90LWEtY3Vyc29y" }), 400, /not one this API returned/);
    expect((await q(carol, "jobs.list", { limit: 3, sort: "largest" })).status).toBe(400);
  });

  it("counts the jobs made from a picture: +1 for each upscale, variation and blend (a picture once per job), not again for a retry, -1 for a delete", async () => {
    const a = (await completedImageJob(api, alice, { prompt: "a heron" })).job.jobId;
    const b = (await completedImageJob(api, alice, { prompt: "a kingfisher" })).job.jobId;
    expect(await usesOf(a)).toBe(0);

    const upscale = dataOf<{ jobId: string }>(
      await m(alice, "jobs.create", { type: "image-generation", operation: "upscale", source: { jobId: a, image: 1 } }),
    ).jobId;
    expect(await usesOf(a)).toBe(1);
    const vary = { type: "image-generation", operation: "vary", source: { jobId: a, image: 1 }, idempotencyKey: "vary-heron" };
    const variation = dataOf<{ jobId: string }>(await m(alice, "jobs.create", vary)).jobId;
    expect(dataOf<{ jobId: string }>(await m(alice, "jobs.create", vary)).jobId).toBe(variation);
    expect(await usesOf(a)).toBe(2);
    const blend = {
      type: "image-generation",
      operation: "blend",
      sources: [
        { jobId: a, image: 1 },
        { jobId: a, image: 1 },
        { jobId: b, image: 1 },
      ],
    };
    expect((await m(alice, "jobs.create", blend)).status).toBe(200);
    expect([await usesOf(a), await usesOf(b)]).toEqual([3, 1]);

    // A refused child counts nothing.
    refused(
      await m(alice, "jobs.create", { type: "image-generation", operation: "upscale", source: { jobId: a, image: 2 } }),
      400,
      /picture/,
    );
    expect(await usesOf(a)).toBe(3);

    expect(dataOf(await m(alice, "jobs.delete", { jobId: upscale }))).toMatchObject({ deleted: true });
    expect(await usesOf(a)).toBe(2);
    expect(dataOf(await m(alice, "jobs.delete", { jobId: upscale }))).toMatchObject({ deleted: false });
    expect(await usesOf(a)).toBe(2);

    const order = dataOf<Page>(await q(alice, "jobs.list", { sort: "most-used", limit: 2 })).items.map((j) => j.jobId);
    expect(order).toEqual([a, b]);
  });

  it("a job that could not be queued is withdrawn and takes its use back", async () => {
    const c = (await completedImageJob(api, alice, { prompt: "an egret" })).job.jobId;
    const child = randomUUID();
    await api.deps.jobs.create({
      jobId: child,
      type: "image-generation",
      userId: alice.userId,
      workspaceId: alice.workspaceId,
      input: { operation: "upscale" },
      parent: { jobId: c, image: 1 },
    });
    expect(await usesOf(c)).toBe(1);
    await api.deps.jobs.withdrawQueued(child);
    expect(await usesOf(c)).toBe(0);
    // Never below zero: a child written before uses were counted may go later.
    await api.deps.jobs.countUse([c], -1);
    expect(await usesOf(c)).toBe(0);
  });

  it("MongoDB serves each order from a declared index: the scope's keys, then the order's keys (or all reversed)", () => {
    const covering = (prefix: string[], sort: Record<string, 1 | -1>) =>
      jobIndexes.find((index) => {
        const keys = Object.entries(index.key);
        if (!prefix.every((f, i) => keys[i]?.[0] === f)) return false;
        const rest = keys.slice(prefix.length);
        const wanted = Object.entries(sort);
        if (rest.length !== wanted.length) return false;
        const same = rest.every(([k, d], i) => k === wanted[i]?.[0] && d === wanted[i]?.[1]);
        const reversed = rest.every(([k, d], i) => k === wanted[i]?.[0] && d === -(wanted[i]?.[1] ?? 0));
        return same || reversed;
      })?.name;
    for (const prefix of [["workspaceId"], ["workspaceId", "type"]]) {
      expect(covering(prefix, { createdAt: -1, jobId: -1 })).toBeDefined();
      expect(covering(prefix, { createdAt: 1, jobId: 1 })).toBeDefined();
      expect(covering(prefix, { uses: -1, createdAt: -1, jobId: -1 })).toBeDefined();
    }
  });

  it.runIf(inject("stack").mongoSqlUrl)(
    "on the embedded store every order is read through its sort index, in its order (EXPLAIN shows an index scan, no sort, no table scan)",
    async () => {
      const sql = new pg.Client({ connectionString: inject("stack").mongoSqlUrl });
      await sql.connect();
      try {
        const schema = api.deps.config.mongo.db;
        const table = await embeddedJobsTable(sql, schema);
        // The statement FerretDB sends for a gallery page: the scope's equality as containment, the order's terms.
        const terms = pushedDownOrder;
        const orders = {
          newest: [...terms("createdAt", true), ...terms("jobId", true)],
          oldest: [...terms("createdAt", false), ...terms("jobId", false)],
          "most-used": [...terms("uses", true), ...terms("createdAt", true), ...terms("jobId", true)],
        };
        await sql.query("begin");
        // The table is small here; without this the planner would rightly read it whole and sort.
        await sql.query("set local enable_seqscan = off");
        await sql.query("set local enable_bitmapscan = off");
        for (const [name, order] of Object.entries(orders)) {
          const { rows } = await sql.query<{ "QUERY PLAN": string }>(
            `explain select _jsonb from ${table} where (_jsonb -> 'workspaceId') @> $1 order by ${order.join(", ")} limit 25`,
            [JSON.stringify(alice.workspaceId)],
          );
          const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
          expect(plan, name).toMatch(/Index Scan( Backward)? using \S+_sort/);
          expect(plan, name).not.toMatch(/Sort|Seq Scan/);
        }
        await sql.query("rollback");
      } finally {
        await sql.end();
      }
    },
  );
});
