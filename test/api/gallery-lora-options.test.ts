import { randomUUID } from "node:crypto";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { loraNames, loraOptions, lorasUsedBy } from "../../jobs/lora-options.js";
import { type TestApi, startTestApi } from "../helpers/api.js";
import { embeddedJobsTable, pushedDownOrder } from "../helpers/ferretdb-sql.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { useFixture } from "../helpers/use-fixture.js";

type Member = Awaited<ReturnType<TestApi["member"]>>;

/**
 * The gallery's LoRA choices (its LoRA filter and the create bar's LoRA) come from one narrow read,
 * each LoRA's id and trigger word, instead of a jobs.list page of whole documents: the same LoRAs
 * jobs.list would show (finished, visible to the viewer, newest first), named by trigger word.
 */
describe("the gallery's LoRA choices", () => {
  const api = useFixture<TestApi>(() => startTestApi());

  /** A LoRA training job of `who`, stored as a worker leaves it (or still queued). */
  async function lora(who: Member, triggerWord: string, opts: { at: number; visibility?: "private"; done?: boolean }) {
    const jobId = randomUUID();
    await api.deps.jobs.create(
      {
        jobId,
        type: "lora-training",
        userId: who.userId,
        workspaceId: who.workspaceId,
        visibility: opts.visibility ?? "workspace",
        input: { triggerWord, imagesZipKey: `temp/${who.workspaceId}/${who.userId}/${jobId}/set.zip` },
      },
      new Date(opts.at),
    );
    if (opts.done !== false) await api.deps.jobs.setStatus(jobId, "completed", { progress: 100 });
    return jobId;
  }
  /** The call a gallery page makes for `who`. */
  const callOf = (who: Member) => ({
    principal: {
      workspaceId: who.workspaceId,
      workspaceSlug: "loraco",
      userId: who.userId,
      keyId: "session:test",
      via: "web-session" as const,
    },
    deps: api.deps,
  });

  it("lists the finished LoRAs the viewer may use, newest first, by trigger word: jobs.list's LoRAs, nothing else", async () => {
    const alice = await api.member("loraco", "alice");
    const bob = await api.member("loraco", "bob");
    const stranger = await api.member("otherco", "eve");
    const base = Date.UTC(2026, 3, 1);
    const older = await lora(alice, "inkwash", { at: base });
    const newer = await lora(bob, "neonrain", { at: base + 1000 });
    const own = await lora(alice, "mysecret", { at: base + 2000, visibility: "private" });
    await lora(bob, "bobsecret", { at: base + 3000, visibility: "private" });
    await lora(alice, "training", { at: base + 4000, done: false });
    const deleted = await lora(alice, "gone", { at: base + 5000 });
    await api.deps.jobs.markDeleted(deleted);
    await lora(stranger, "elsewhere", { at: base + 6000 });

    const options = await loraOptions(callOf(alice));
    expect(options).toEqual([
      { jobId: own, name: "mysecret" },
      { jobId: newer, name: "neonrain" },
      { jobId: older, name: "inkwash" },
    ]);
    // The same LoRAs, in the same order, as the API's own list of them.
    const listed = dataOf<{ items: Array<{ jobId: string }> }>(
      await trpcCall(api.app, alice.key, "jobs.list", { type: "lora-training", status: "completed", limit: 100 }, "query"),
    );
    expect(options.map((o) => o.jobId)).toEqual(listed.items.map((j) => j.jobId));
    expect(await loraOptions(callOf(alice), 2)).toHaveLength(2);
    expect((await loraOptions(callOf(bob))).map((o) => o.name)).toEqual(["bobsecret", "neonrain", "inkwash"]);
  });

  it("names the LoRAs a page's pictures used by their trigger words, only those the viewer may see, by id", async () => {
    const alice = await api.member("loranames", "alice");
    const bob = await api.member("loranames", "bob");
    const stranger = await api.member("othernames", "eve");
    const base = Date.UTC(2026, 4, 1);
    const shared = await lora(bob, "papercut", { at: base });
    const hidden = await lora(bob, "bobonly", { at: base + 1000, visibility: "private" });
    const foreign = await lora(stranger, "faraway", { at: base + 2000 });
    const jobs = [shared, hidden, foreign, shared, "not-a-job"].map((id) => ({ input: { lora: { jobId: id, scale: 1 } } }));
    const ids = lorasUsedBy([...jobs, { input: { prompt: "no lora" } }, { input: null }]);
    expect(ids).toEqual([shared, hidden, foreign, "not-a-job"]);
    expect([...(await loraNames(callOf(alice), ids))]).toEqual([[shared, "papercut"]]);
    expect(new Map(await loraNames(callOf(bob), ids))).toEqual(
      new Map([
        [shared, "papercut"],
        [hidden, "bobonly"],
      ]),
    );
    expect((await loraNames(callOf(alice), [])).size).toBe(0);
  });

  it.runIf(inject("stack").mongoSqlUrl)(
    "on the embedded store the read is served by its partial sort index, finished LoRAs only, in order (EXPLAIN: no sort, no table scan)",
    async () => {
      const sql = new pg.Client({ connectionString: inject("stack").mongoSqlUrl });
      await sql.connect();
      try {
        const schema = api.deps.config.mongo.db;
        const table = await embeddedJobsTable(sql, schema);
        // What FerretDB sends for it: each top-level equality as containment with the field and
        // value as parameters (deletedAt: null and the visibility $or stay in FerretDB), newest first.
        const terms = (field: string) => pushedDownOrder(field, true);
        const { rows: partial } = await sql.query<{ indexname: string }>(
          "select indexname from pg_indexes where schemaname = $1 and indexdef like '%lora-training%completed%'",
          [schema],
        );
        expect(partial).toHaveLength(1);
        await sql.query("begin");
        // The table is small here; without this the planner would rightly read it whole and sort.
        await sql.query("set local enable_seqscan = off");
        await sql.query("set local enable_bitmapscan = off");
        const { rows } = await sql.query<{ "QUERY PLAN": string }>(
          `explain select _jsonb from ${table} where _jsonb -> $1 @> $2 and _jsonb -> $3 @> $4 and _jsonb -> $5 @> $6 order by ${[...terms("createdAt"), ...terms("jobId")].join(", ")} limit 101`,
          ["workspaceId", '"ws"', "type", '"lora-training"', "status", '"completed"'],
        );
        const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
        expect(plan).toContain(`Index Scan using ${partial[0]?.indexname}`);
        expect(plan).not.toMatch(/Sort|Seq Scan/);
        await sql.query("rollback");
      } finally {
        await sql.end();
      }
    },
  );
});
