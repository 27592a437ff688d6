import { randomUUID } from "node:crypto";
import { PgBoss } from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { BOSS_SCHEMA, DELIVER_QUEUE, OTHER_QUEUES, WORK_QUEUES } from "../../queue/queues.js";
import { startBoss } from "../../queue/boss.js";
import { createPgBossQueue } from "../../queue/job-queue.js";
import { createTestDatabase } from "../helpers/stack.js";

describe("pg-boss queues on start", () => {
  const dbs: Array<{ drop(): Promise<void> }> = [];
  afterAll(async () => {
    for (const db of dbs) await db.drop();
  });

  it("an existing queue is brought up to the current settings, keeping its policy", async () => {
    const db = await createTestDatabase();
    dbs.push(db);
    // The deliver queue as an earlier release created it: no heartbeat, a longer expiry.
    const old = new PgBoss({ connectionString: db.url, schema: BOSS_SCHEMA });
    await old.start();
    await old.createQueue(DELIVER_QUEUE, { policy: "stately", retryLimit: 3, expireInSeconds: 900 });
    await old.stop({ graceful: false });

    const boss = await startBoss(db.url);
    try {
      const deliver = await boss.getQueue(DELIVER_QUEUE);
      expect(deliver?.policy).toBe("stately");
      expect(deliver?.heartbeatSeconds).toBe(OTHER_QUEUES[DELIVER_QUEUE]?.heartbeatSeconds);
      expect(deliver?.heartbeatSeconds).toBeGreaterThan(0);
      expect(deliver?.retryLimit).toBe(OTHER_QUEUES[DELIVER_QUEUE]?.retryLimit);
      expect(deliver?.expireInSeconds).toBe(120);
      const image = await boss.getQueue("image-generation");
      expect(image?.retryLimit).toBe(WORK_QUEUES["image-generation"].retryLimit);
      // A second start changes nothing and does not fail.
      await boss.stop({ graceful: false });
      const again = await startBoss(db.url);
      expect((await again.getQueue(DELIVER_QUEUE))?.heartbeatSeconds).toBe(deliver?.heartbeatSeconds);
      await again.stop({ graceful: false });
    } finally {
      await boss.stop({ graceful: false }).catch(() => {});
    }
  });

  it("counts the jobs of a type queued before a moment and not yet started: how many are ahead of a job queued then", async () => {
    const db = await createTestDatabase();
    dbs.push(db);
    const boss = await startBoss(db.url);
    try {
      const queue = createPgBossQueue(boss);
      const owner = { workspaceId: "w1", userId: "u1" };
      const at: Date[] = [];
      const ids = [randomUUID(), randomUUID(), randomUUID()];
      for (const jobId of ids) {
        await queue.enqueue({ jobId, type: "image-generation", owner });
        const row = (
          await boss
            .getDb()
            .executeSql(`SELECT created_on FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND id = $2`, ["image-generation", jobId])
        ).rows[0] as { created_on: Date };
        at.push(row.created_on);
      }
      await queue.enqueue({ jobId: randomUUID(), type: "transcription", owner });
      expect(await queue.ahead("image-generation", at[2] as Date)).toBe(2);
      expect(await queue.ahead("image-generation", at[0] as Date)).toBe(0);
      // One started: no longer ahead of anyone.
      await boss.fetch("image-generation");
      expect(await queue.ahead("image-generation", at[2] as Date)).toBe(1);
    } finally {
      await boss.stop({ graceful: false });
    }
  });

  it("a chat delivery failing through a long outage is tried again within 30 s, not after minutes of backoff", async () => {
    const db = await createTestDatabase();
    dbs.push(db);
    const boss = await startBoss(db.url);
    try {
      const id = await boss.send(DELIVER_QUEUE, { jobId: "outage" }, { singletonKey: "outage" });
      if (!id) throw new Error("not queued");
      const sql = boss.getDb();
      for (let attempt = 1; attempt <= 8; attempt++) {
        // The backoff is what is under test, not the wait: each attempt is made due at once.
        await sql.executeSql(`UPDATE ${BOSS_SCHEMA}.job SET start_after = now() WHERE name = $1 AND id = $2`, [DELIVER_QUEUE, id]);
        const [job] = await boss.fetch(DELIVER_QUEUE);
        expect(job?.id).toBe(id);
        await boss.fail(DELIVER_QUEUE, id, new Error("MongoServerSelectionError: connection closed"));
      }
      const row = (
        await sql.executeSql(
          `SELECT state, retry_count, extract(epoch FROM start_after - now()) AS wait FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND id = $2`,
          [DELIVER_QUEUE, id],
        )
      ).rows[0] as { state: string; retry_count: number; wait: string };
      expect(row.state).toBe("retry");
      // pg-boss counts retries as they are fetched: the eighth failure is the seventh retry.
      expect(row.retry_count).toBe(7);
      expect(Number(row.wait)).toBeLessThanOrEqual(30);
      expect(Number(row.wait)).toBeGreaterThan(0);
    } finally {
      await boss.stop({ graceful: false });
    }
  });
});
