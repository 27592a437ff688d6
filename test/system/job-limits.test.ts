import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { quotas } from "../../shared/db/sql/schema.js";
import type { PublicJob } from "../../shared/jobs/view.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { waitFor } from "../helpers/processes.js";
import { useWorkingApi } from "../helpers/working-api.js";
import { rawJobs } from "../helpers/raw-jobs.js";

const PROCESSING_MS = 1_000;

/** The most provider requests in flight at once among those whose prompt matches. */
function peakInFlight(submissions: Array<{ submittedAt: number; input: Record<string, unknown> }>, match: RegExp): number {
  const edges = submissions
    .filter((s) => match.test(String(s.input.prompt)))
    .flatMap((s) => [
      { at: s.submittedAt, d: 1 },
      { at: s.submittedAt + PROCESSING_MS, d: -1 },
    ])
    .sort((a, b) => a.at - b.at || a.d - b.d);
  let now = 0;
  let peak = 0;
  for (const e of edges) {
    now += e.d;
    peak = Math.max(peak, now);
  }
  return peak;
}

describe("limits on running and queued jobs", () => {
  const w = useWorkingApi({
    processingMs: PROCESSING_MS,
    env: {
      WORKER_CONCURRENCY: "6",
      MAX_RUNNING_GENERATIONS_PER_USER: "1",
      MAX_RUNNING_JOBS_PER_WORKSPACE: "2",
      MAX_QUEUED_JOBS_PER_USER: "4",
    },
  });

  const createAs = async (key: string, prompt: string) =>
    dataOf<{ jobId: string }>(await trpcCall(w.api.app, key, "jobs.create", { type: "image-generation", prompt }, "mutation")).jobId;
  const getAs = async (key: string, jobId: string) => dataOf<PublicJob>(await trpcCall(w.api.app, key, "jobs.get", { jobId }, "query"));
  const settledAs = (key: string, jobId: string) =>
    waitFor(
      async () => {
        const job = await getAs(key, jobId);
        return ["completed", "failed", "canceled"].includes(job.status) ? job : undefined;
      },
      60_000,
      `job ${jobId}`,
    );

  it("runs one member's generations one at a time, each charged once, while other workspaces run beside them", async () => {
    const dave = await w.api.member("globex", "dave");
    const alices = await Promise.all([1, 2, 3].map((n) => createAs(w.alice.key, `alice serial ${n}`)));
    const daves = await Promise.all([1, 2].map((n) => createAs(dave.key, `dave beside ${n}`)));
    for (const id of alices) expect((await settledAs(w.alice.key, id)).status).toBe("completed");
    for (const id of daves) expect((await settledAs(dave.key, id)).status).toBe("completed");

    expect(w.fal.submissions.filter((s) => /alice serial/.test(String(s.input.prompt)))).toHaveLength(3);
    expect(peakInFlight(w.fal.submissions, /alice serial/)).toBe(1);
    // dave is a member of another workspace: alice's line does not hold his jobs back.
    expect(peakInFlight(w.fal.submissions, /alice serial|dave beside/)).toBeGreaterThan(1);
  }, 90_000);

  it("runs at most the workspace's limit at once across its members, and a quotas row raises it", async () => {
    const members = await Promise.all(["bob", "carol", "erin"].map((u) => w.api.member("acme", u)));
    const ids = await Promise.all(members.map((m) => createAs(m.key, `acme team ${m.userId}`)));
    for (const [i, id] of ids.entries()) expect((await settledAs(members[i]?.key ?? "", id)).status).toBe("completed");
    expect(peakInFlight(w.fal.submissions, /acme team/)).toBe(2);

    await w.api.deps.sql.db.insert(quotas).values({ workspaceId: w.alice.workspaceId, maxConcurrentJobs: 3 });
    const again = await Promise.all(members.map((m) => createAs(m.key, `acme raised ${m.userId}`)));
    for (const [i, id] of again.entries()) expect((await settledAs(members[i]?.key ?? "", id)).status).toBe("completed");
    expect(peakInFlight(w.fal.submissions, /acme raised/)).toBe(3);
    await w.api.deps.sql.db.delete(quotas).where(eq(quotas.workspaceId, w.alice.workspaceId));
  }, 90_000);

  it("refuses a member's job beyond the queued limit with 429, creating nothing, and accepts again once some finish", async () => {
    const frank = await w.api.member("acme", "frank");
    const ids = await Promise.all([1, 2, 3, 4].map((n) => createAs(frank.key, `frank queued ${n}`)));
    const before = await rawJobs(w.api.deps).countDocuments({});
    const refused = await trpcCall(
      w.api.app,
      frank.key,
      "jobs.create",
      { type: "image-generation", prompt: "frank one too many" },
      "mutation",
    );
    expect(refused.status).toBe(429);
    expect(refused.body.error?.message).toMatch(/you already have 4 jobs waiting or running \(the limit is 4\)/);
    expect(await rawJobs(w.api.deps).countDocuments({})).toBe(before);
    // Another member of the workspace is not held by frank's queue.
    expect((await settledAs(w.alice.key, await createAs(w.alice.key, "alice meanwhile"))).status).toBe("completed");

    for (const id of ids) await settledAs(frank.key, id);
    expect((await settledAs(frank.key, await createAs(frank.key, "frank after"))).status).toBe("completed");
  }, 90_000);

  it("a job canceled while it waits for a place is never sent to the provider and stops being queued", async () => {
    const gina = await w.api.member("acme", "gina");
    const first = await createAs(gina.key, "gina first");
    const second = await createAs(gina.key, "gina second");
    await waitFor(
      () => (w.fal.submissions.some((s) => s.input.prompt === "gina first") ? true : undefined),
      20_000,
      "gina's first job to start",
    );
    const canceled = await trpcCall(w.api.app, gina.key, "jobs.cancel", { jobId: second }, "mutation");
    expect(canceled.status).toBe(200);
    expect((await settledAs(gina.key, first)).status).toBe("completed");
    expect((await getAs(gina.key, second)).status).toBe("canceled");
    await waitFor(
      async () =>
        (await w.api.deps.queue.outstanding({ workspaceId: gina.workspaceId, userId: gina.userId })).user === 0 ? true : undefined,
      20_000,
      "gina's queue to empty",
    );
    expect(w.fal.submissions.filter((s) => s.input.prompt === "gina second")).toHaveLength(0);
  }, 60_000);
});

describe("per-member monthly budget", () => {
  const w = useWorkingApi();

  it("refuses the member who spent their budget with 429 while a teammate may still create", async () => {
    const first = await w.create({ type: "image-generation", prompt: "alice spends" });
    expect((await w.settled(first)).status).toBe("completed");
    await w.api.deps.sql.db.insert(quotas).values({ workspaceId: w.alice.workspaceId, userMonthlyCostLimitUsd: "0.01" });
    const before = await rawJobs(w.api.deps).countDocuments({});
    const refused = await trpcCall(w.api.app, w.alice.key, "jobs.create", { type: "image-generation", prompt: "alice again" }, "mutation");
    expect(refused.status).toBe(429);
    expect(refused.body.error?.message).toMatch(
      /you have used your monthly budget in this workspace \(\$\d+\.\d\d of \$0\.01\); it renews on/,
    );
    expect(await rawJobs(w.api.deps).countDocuments({})).toBe(before);

    const bob = await w.api.member("acme", "bob");
    const ok = await trpcCall(w.api.app, bob.key, "jobs.create", { type: "image-generation", prompt: "bob has not spent" }, "mutation");
    expect(ok.status).toBe(200);
  }, 60_000);
});
