import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sql, connectSql, runMigrations } from "../../shared/db/sql/client.js";
import { apiKeys, members, usageLedger, workspaces } from "../../shared/db/sql/schema.js";
import { createTestDatabase } from "../helpers/stack.js";

describe("PostgreSQL schema and migrations", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: Sql;

  beforeAll(async () => {
    database = await createTestDatabase();
    sql = await connectSql(database.url);
  });

  afterAll(async () => {
    await sql.close();
    await database.drop();
  });

  it("applies to an empty database, and again without error or change", async () => {
    await runMigrations(sql);
    const tables = async () =>
      (
        await sql.pool.query<{ table_name: string }>(
          "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
        )
      ).rows.map((r) => r.table_name);
    const first = await tables();
    expect(first).toEqual([
      "api_keys",
      "board_pictures",
      "boards",
      "chat_channel_slots",
      "chat_deliveries",
      "chat_settings",
      "favourites",
      "members",
      "platform_identities",
      "quotas",
      "rate_limit_windows",
      "slack_installations",
      "slack_used_keys",
      "usage_ledger",
      "watch_leases",
      "web_sessions",
      "web_sign_in_links",
      "workspaces",
    ]);
    await runMigrations(sql);
    expect(await tables()).toEqual(first);
    const applied = await sql.pool.query("select count(*)::int as n from drizzle.__drizzle_migrations");
    expect(applied.rows[0].n).toBeGreaterThanOrEqual(1);
    // Per-minute request counts are written on every call and worthless after a crash: no WAL.
    const persistence = await sql.pool.query<{ relname: string; relpersistence: string }>(
      "select relname, relpersistence from pg_class where relname in ('rate_limit_windows', 'usage_ledger', 'watch_leases') order by relname",
    );
    expect(persistence.rows).toEqual([
      { relname: "rate_limit_windows", relpersistence: "u" },
      { relname: "usage_ledger", relpersistence: "p" },
      { relname: "watch_leases", relpersistence: "u" },
    ]);
  });

  it("enforces one ledger row per job and unique key hashes", async () => {
    const [ws] = await sql.db.insert(workspaces).values({ slug: "acme", name: "Acme" }).returning();
    if (!ws) throw new Error("no workspace");
    const [member] = await sql.db.insert(members).values({ workspaceId: ws.id, userId: "alice" }).returning();
    const row = { workspaceId: ws.id, userId: "alice", jobId: "job-1", jobType: "transcription" as const, costUsd: "0.0125" };
    await sql.db.insert(usageLedger).values(row);
    await expect(sql.db.insert(usageLedger).values(row)).rejects.toThrow();
    const inserted = await sql.db.insert(usageLedger).values(row).onConflictDoNothing().returning();
    expect(inserted).toHaveLength(0);
    const ledger = await sql.db.select().from(usageLedger).where(eq(usageLedger.jobId, "job-1"));
    expect(ledger).toHaveLength(1);
    expect(ledger[0]?.costUsd).toBe("0.012500");

    const key = { workspaceId: ws.id, memberId: member?.id, kind: "user" as const, name: "laptop", prefix: "cg_abc", hash: "h1" };
    await sql.db.insert(apiKeys).values(key);
    await expect(sql.db.insert(apiKeys).values({ ...key, name: "other" })).rejects.toThrow();
  });
});
