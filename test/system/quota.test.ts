import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { quotas, usageLedger } from "../../shared/db/sql/schema.js";
import { trpcCall } from "../helpers/http.js";
import { useWorkingApi } from "../helpers/working-api.js";
import { rawJobs } from "../helpers/raw-jobs.js";

describe("monthly budget", () => {
  const w = useWorkingApi();

  it("refuses new jobs with 429 once the workspace's month is spent, creating nothing, and lets them again when raised", async () => {
    const first = await w.create({ type: "image-generation", prompt: "a first picture" });
    expect((await w.settled(first)).status).toBe("completed");
    const db = w.api.deps.sql.db;
    const [spent] = await db
      .select({ usd: sql<string>`sum(${usageLedger.costUsd})` })
      .from(usageLedger)
      .where(eq(usageLedger.workspaceId, w.alice.workspaceId));
    expect(Number(spent?.usd)).toBeGreaterThan(0);

    await db.insert(quotas).values({ workspaceId: w.alice.workspaceId, monthlyCostLimitUsd: String(spent?.usd) });
    const before = await rawJobs(w.api.deps).countDocuments({});
    const refused = await trpcCall(w.api.app, w.alice.key, "jobs.create", { type: "image-generation", prompt: "one too many" }, "mutation");
    expect(refused.status).toBe(429);
    expect(refused.body.error?.message).toMatch(/used its monthly budget \(\$\d+\.\d\d of \$\d+\.\d\d\); it renews on \d{4}-\d\d-01/);
    expect(await rawJobs(w.api.deps).countDocuments({})).toBe(before);

    await db.update(quotas).set({ monthlyCostLimitUsd: "1000" }).where(eq(quotas.workspaceId, w.alice.workspaceId));
    expect((await w.settled(await w.create({ type: "image-generation", prompt: "after the raise" }))).status).toBe("completed");
  }, 90_000);
});
