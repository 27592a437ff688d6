import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallPermits } from "../../server/auth/call-permits.js";
import { ensureWorkspace } from "../../shared/db/sql/accounts.js";
import { type Sql, type SqlDb, connectSql, runMigrations } from "../../shared/db/sql/client.js";
import { quotas } from "../../shared/db/sql/schema.js";
import { createTestDatabase } from "../helpers/stack.js";

/** Counts are per calendar minute (by the database's clock): start well inside one. */
async function awayFromMinuteEdge() {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 8_000) await new Promise((r) => setTimeout(r, left + 100));
}

/** The database handle of one web machine, counting the statements it sends. */
function countingDb(db: SqlDb): { db: SqlDb; statements: () => number } {
  let n = 0;
  const counted = new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop !== "execute" || typeof value !== "function") return value;
      return (...args: unknown[]) => {
        n++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { db: counted, statements: () => n };
}

describe("call permits: request limits counted in PostgreSQL in small blocks", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: Sql;

  beforeAll(async () => {
    database = await createTestDatabase();
    sql = await connectSql(database.url);
    await runMigrations(sql);
  });

  afterAll(async () => {
    await sql.close();
    await database.drop();
  });

  const memberHits = async (workspaceId: string, userId: string) =>
    Number(
      (
        await sql.pool.query("select coalesce(sum(hits), 0) as n from rate_limit_windows where bucket = $1", [
          `member:${workspaceId}:${userId}`,
        ])
      ).rows[0].n,
    );

  it("two web machines calling at once for one member never get more than the limit between them, and send far fewer statements than calls", async () => {
    const workspaceId = randomUUID();
    const limits = { memberLimit: 1_000, workspaceDefault: 1_000_000 };
    const a = countingDb(sql.db);
    const b = countingDb(sql.db);
    const machines = [new CallPermits(a.db, limits), new CallPermits(b.db, limits)];
    await awayFromMinuteEdge();
    let granted = 0;
    let refused = 0;
    // 1,300 calls, 20 at a time on each machine.
    for (let wave = 0; wave < 65; wave++) {
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => machines[i % 2]?.take(workspaceId, "ann")));
      for (const r of answers) {
        if (r === null) granted++;
        else {
          expect(r?.by).toBe("member");
          refused++;
        }
      }
    }
    expect(granted + refused).toBe(1_300);
    expect(granted).toBeLessThanOrEqual(1_000);
    // Hits taken ahead and not used are lost: at most a block (1% of the limit) per machine.
    expect(granted).toBeGreaterThanOrEqual(1_000 - 2 * 10);
    expect(await memberHits(workspaceId, "ann")).toBeGreaterThanOrEqual(granted);
    // Once refused, a machine answers alone until the window closes.
    expect(a.statements() + b.statements()).toBeLessThan(400);
  });

  it("a member who calls slowly takes exactly one hit per call", async () => {
    const workspaceId = randomUUID();
    let clock = 0;
    const counted = countingDb(sql.db);
    const permits = new CallPermits(counted.db, { memberLimit: 100_000, workspaceDefault: 100_000 }, () => clock);
    await awayFromMinuteEdge();
    for (let i = 0; i < 5; i++) {
      expect(await permits.take(workspaceId, "bea")).toBeNull();
      clock += 2_000;
    }
    expect(counted.statements()).toBe(5);
    expect(await memberHits(workspaceId, "bea")).toBe(5);
  });

  it("hits held for a busy member are dropped when their window closes or after a second, never used later", async () => {
    const workspaceId = randomUUID();
    let clock = 0;
    const counted = countingDb(sql.db);
    const permits = new CallPermits(counted.db, { memberLimit: 100_000, workspaceDefault: 100_000 }, () => clock);
    await awayFromMinuteEdge();
    // Quick calls: the blocks grow, and calls are served from held hits.
    for (let i = 0; i < 40; i++) {
      expect(await permits.take(workspaceId, "cy")).toBeNull();
      clock += 1;
    }
    const quick = counted.statements();
    expect(quick).toBeLessThan(40);
    // A second later, what is still held is not used: the next call asks the database again.
    clock += 1_000;
    expect(await permits.take(workspaceId, "cy")).toBeNull();
    expect(counted.statements()).toBe(quick + 1);
  });

  it("a workspace's quota holds across machines and members, and a member's refused calls leave the rest to a teammate", async () => {
    const ws = await ensureWorkspace(sql.db, { slug: `permits-${randomUUID().slice(0, 8)}` });
    await sql.db.insert(quotas).values({ workspaceId: ws.id, requestsPerMinute: 30 });
    const limits = { memberLimit: 20, workspaceDefault: 1_000 };
    const machines = [new CallPermits(sql.db, limits), new CallPermits(sql.db, limits)];
    await awayFromMinuteEdge();
    const dee = await Promise.all(Array.from({ length: 40 }, (_, i) => machines[i % 2]?.take(ws.id, "dee")));
    expect(dee.filter((r) => r === null)).toHaveLength(20);
    expect(dee.filter((r) => r?.by === "member")).toHaveLength(20);
    const eli = await Promise.all(Array.from({ length: 20 }, (_, i) => machines[i % 2]?.take(ws.id, "eli")));
    expect(eli.filter((r) => r === null)).toHaveLength(10);
    const refusal = eli.find((r) => r !== null);
    expect(refusal).toMatchObject({ by: "workspace", workspaceLimit: 30 });
    expect(refusal?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refusal?.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it("a budget of the member's alone (the gallery's pictures) counts no workspace window, ignores the workspace's quota, and still takes its hits in blocks", async () => {
    const ws = await ensureWorkspace(sql.db, { slug: `pictures-${randomUUID().slice(0, 8)}` });
    // A workspace quota far below the pictures' budget: it limits API calls, not pictures.
    await sql.db.insert(quotas).values({ workspaceId: ws.id, requestsPerMinute: 5 });
    const counted = countingDb(sql.db);
    const budget = new CallPermits(counted.db, {
      memberLimit: 2_000,
      workspaceDefault: 2_000,
      buckets: (workspaceId, userId) => ({ member: `pictures:${workspaceId}:${userId}`, workspace: null }),
    });
    await awayFromMinuteEdge();
    let granted = 0;
    for (let wave = 0; wave < 50; wave++) {
      const answers = await Promise.all(Array.from({ length: 48 }, () => budget.take(ws.id, "fay")));
      for (const r of answers) {
        if (r === null) granted++;
        else expect(r.by).toBe("member");
      }
    }
    // 2,400 asked of a 2,000 budget: at most the budget, at least the budget less one block.
    expect(granted).toBeLessThanOrEqual(2_000);
    expect(granted).toBeGreaterThanOrEqual(2_000 - 20);
    expect(counted.statements()).toBeLessThan(400);
    const windows = await sql.pool.query("select bucket, hits from rate_limit_windows where bucket like $1 or bucket = $2", [
      `%${ws.id}%`,
      `workspace:${ws.id}`,
    ]);
    expect(windows.rows.map((r) => r.bucket)).toEqual([`pictures:${ws.id}:fay`]);
    expect(Number(windows.rows[0]?.hits)).toBeGreaterThanOrEqual(granted);

    // One picture at a time, quickly: blocks of the budget's size, not of the workspace's quota.
    await awayFromMinuteEdge();
    const before = counted.statements();
    for (let i = 0; i < 100; i++) expect(await budget.take(ws.id, "gus")).toBeNull();
    expect(counted.statements() - before).toBeLessThan(30);
  });
});
