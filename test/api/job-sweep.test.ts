import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobType } from "../../shared/db/mongo/job-schema.js";
import { STRANDED_AFTER_MS, runJobSweep } from "../../queue/workers/job-sweep.js";
import { type TestApi, startTestApi } from "../helpers/api.js";

/** The sweep's safety net, on the real pg-boss queue and MongoDB-wire server. */
describe("stranded job sweep", () => {
  let api: TestApi;
  let alice: Awaited<ReturnType<TestApi["member"]>>;
  // Well past the sweep's quiet period.
  const long = new Date(Date.now() - 3_600_000);

  beforeAll(async () => {
    api = await startTestApi({}, { enqueueOnly: true });
    alice = await api.member("acme", "alice");
  });
  afterAll(() => api.close());

  async function jobDoc(at: Date, type: JobType = "image-generation"): Promise<string> {
    const jobId = randomUUID();
    await api.deps.jobs.create({ jobId, type, userId: alice.userId, workspaceId: alice.workspaceId, input: { prompt: "stranded?" } }, at);
    return jobId;
  }

  async function queueRows(jobId: string): Promise<string[]> {
    const { rows } = await api.deps.sql.pool.query<{ state: string }>(
      "SELECT state FROM pgboss.job WHERE name = 'image-generation' AND data->>'jobId' = $1",
      [jobId],
    );
    return rows.map((r) => r.state);
  }

  it("queues a job that was never queued, fails one whose entry gave up, and leaves live and recent ones alone", async () => {
    const boss = api.boss;
    if (!boss) throw new Error("no queue");
    const neverQueued = await jobDoc(long);
    const gaveUp = await jobDoc(long);
    await boss.send(
      "image-generation",
      { jobId: gaveUp },
      { id: gaveUp, retryLimit: 0, group: { id: `${alice.workspaceId}:${alice.userId}` } },
    );
    const [entry] = await boss.fetch("image-generation");
    expect(entry?.id).toBe(gaveUp);
    await boss.fail("image-generation", gaveUp, new Error("connection 5 to 127.0.0.1:27017 closed"));
    await api.deps.jobs.setStatus(gaveUp, "running", {}, long);
    const waiting = await jobDoc(long);
    await api.deps.queue.enqueue({
      jobId: waiting,
      type: "image-generation",
      owner: { workspaceId: alice.workspaceId, userId: alice.userId },
    });
    const recent = await jobDoc(new Date());

    const swept = await runJobSweep(api.deps, api.deps.queue);
    expect(swept.requeued).toContain(neverQueued);
    expect(swept.failed).toContain(gaveUp);
    for (const id of [waiting, recent]) {
      expect(swept.requeued).not.toContain(id);
      expect(swept.failed).not.toContain(id);
    }
    expect(await queueRows(neverQueued)).toEqual(["created"]);
    const failed = await api.deps.jobs.get(gaveUp);
    expect(failed?.status).toBe("failed");
    expect(failed?.error).toMatchObject({ code: "RETRIES_EXHAUSTED", message: "gave up: connection 5 to 127.0.0.1:27017 closed" });
    expect((await api.deps.jobs.get(waiting))?.status).toBe("queued");
    expect((await api.deps.jobs.get(recent))?.status).toBe("queued");

    // A second sweep finds nothing more to do for them: one entry, one failure.
    const again = await runJobSweep(api.deps, api.deps.queue);
    for (const id of [neverQueued, gaveUp, waiting, recent]) {
      expect(again.requeued).not.toContain(id);
      expect(again.failed).not.toContain(id);
    }
    expect(await queueRows(neverQueued)).toEqual(["created"]);
  });

  it("waits the full quiet period before touching a job", async () => {
    const jobId = await jobDoc(new Date(Date.now() - STRANDED_AFTER_MS + 60_000));
    const swept = await runJobSweep(api.deps, api.deps.queue);
    expect(swept.requeued).not.toContain(jobId);
    expect(await queueRows(jobId)).toEqual([]);
    const later = await runJobSweep(api.deps, api.deps.queue, Date.now() + 120_000);
    expect(later.requeued).toContain(jobId);
  });
});
