import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApp } from "../../server/app.js";
import { MAX_WATCHES_PER_KEY } from "../../server/trpc/routers/jobs/watch.handler.js";
import { quotas, watchLeases } from "../../shared/db/sql/schema.js";
import { WATCH_LEASE_SECONDS, releaseWatchLease, renewWatchLease, takeWatchLease } from "../../shared/db/sql/watch-leases.js";
import { type TestApi, startTestApi } from "../helpers/api.js";
import { waitFor } from "../helpers/processes.js";
import { useFixture } from "../helpers/use-fixture.js";

type App = ReturnType<typeof createApp>;

/**
 * Open jobs.watch streams are capped per member, per key and per workspace, counted in
 * PostgreSQL so the caps hold across web machines, as leases a live stream renews: a machine
 * that dies leaves leases that expire, and its streams stop counting.
 */
describe("jobs.watch stream caps", () => {
  const api = useFixture<TestApi>(() => startTestApi());
  const streams: AbortController[] = [];

  /** Opens a stream; its first event (the job, or the refusal) as text. */
  async function watch(app: App, headers: Record<string, string>, jobId: string): Promise<string> {
    const abort = new AbortController();
    streams.push(abort);
    const res = await app.request(`/trpc/jobs.watch?input=${encodeURIComponent(JSON.stringify({ jobId }))}`, {
      headers: { accept: "text/event-stream", ...headers },
      signal: abort.signal,
    });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let text = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text;
      text += new TextDecoder().decode(value);
      if (/"status":"queued"|serialized-error\ndata: .*\n/.test(text)) {
        reader.releaseLock();
        return text;
      }
    }
  }
  const accepted = (text: string) => expect(text).toContain('"status":"queued"');
  const refused = (text: string, words: RegExp) => {
    expect(text).toContain('"code":"TOO_MANY_REQUESTS"');
    expect(text).toMatch(words);
  };
  const leasesOf = async (workspaceId: string) =>
    (await api.deps.sql.db.select({ n: sql<number>`count(*)::int` }).from(watchLeases).where(eq(watchLeases.workspaceId, workspaceId)))[0]
      ?.n ?? 0;

  async function queuedJob(workspaceId: string, userId: string) {
    const jobId = randomUUID();
    await api.deps.jobs.create({ jobId, type: "image-generation", userId, workspaceId, input: { prompt: "watched" } });
    return jobId;
  }

  it("a service key acting for ever new members holds at most its cap, across two web machines", async () => {
    const alice = await api.member("acme", "alice");
    const service = await api.serviceKey("acme");
    const jobId = await queuedJob(alice.workspaceId, "alice");
    // Two web machines on the same databases.
    const machines = [api.app, createApp(api.deps)];
    for (let i = 0; i < MAX_WATCHES_PER_KEY; i++) {
      const machine = machines[i % 2] as App;
      accepted(await watch(machine, { authorization: `Bearer ${service}`, "x-act-as-user": `member-${i}` }, jobId));
    }
    refused(await watch(machines[1] as App, { authorization: `Bearer ${service}`, "x-act-as-user": "one-more" }, jobId), /this key/);
    // Its members' own keys are not held back by the service key's streams.
    accepted(await watch(api.app, { authorization: `Bearer ${alice.key}` }, jobId));
    for (const s of streams.splice(0)) s.abort();
    await waitFor(
      async () => ((await leasesOf(alice.workspaceId)) === 0 ? true : undefined),
      10_000,
      "closed streams to give back their leases",
    );
  });

  it("a workspace holds at most its cap; a dead machine's leases expire and stop counting", async () => {
    const bob = await api.member("globex", "bob");
    const carol = await api.member("globex", "carol");
    await api.deps.sql.db.insert(quotas).values({ workspaceId: bob.workspaceId, maxWatchStreams: 4 });
    const jobId = await queuedJob(bob.workspaceId, "bob");
    // Two streams of a machine that died: their leases were not renewed and have run out.
    const past = new Date(Date.now() - 60_000);
    await api.deps.sql.db.insert(watchLeases).values([
      { workspaceId: bob.workspaceId, userId: "bob", keyId: bob.keyId, expiresAt: past },
      { workspaceId: bob.workspaceId, userId: "bob", keyId: bob.keyId, expiresAt: past },
    ]);
    const second = createApp(api.deps);
    accepted(await watch(api.app, { authorization: `Bearer ${bob.key}` }, jobId));
    accepted(await watch(second, { authorization: `Bearer ${bob.key}` }, jobId));
    accepted(await watch(api.app, { authorization: `Bearer ${carol.key}` }, jobId));
    accepted(await watch(second, { authorization: `Bearer ${carol.key}` }, jobId));
    refused(await watch(api.app, { authorization: `Bearer ${carol.key}` }, jobId), /this workspace/);
    // A live machine's streams hold leases that run into the future.
    const live = await api.deps.sql.db.select().from(watchLeases).where(eq(watchLeases.workspaceId, bob.workspaceId));
    expect(live.length).toBe(4);
    for (const lease of live) expect(lease.expiresAt.getTime()).toBeGreaterThan(Date.now());
    // One closed: a place frees, on either machine.
    streams[0]?.abort();
    await waitFor(async () => ((await leasesOf(bob.workspaceId)) === 3 ? true : undefined), 10_000, "the closed stream's lease to go");
    accepted(await watch(second, { authorization: `Bearer ${carol.key}` }, jobId));
    for (const s of streams.splice(0)) s.abort();
  });

  it("a live stream's renewal pushes its lease on, and writes it again if it was swept meanwhile", async () => {
    const dan = await api.member("initech", "dan");
    const holder = { workspaceId: dan.workspaceId, userId: "dan", keyId: dan.keyId };
    const taken = await takeWatchLease(api.deps.sql.db, holder, { member: 8, key: 16, workspace: 200 });
    if (!taken.ok) throw new Error("no lease");
    await api.deps.sql.db
      .update(watchLeases)
      .set({ expiresAt: new Date(Date.now() + 1_000) })
      .where(eq(watchLeases.id, taken.id));
    await renewWatchLease(api.deps.sql.db, taken.id, holder);
    const [renewed] = await api.deps.sql.db.select().from(watchLeases).where(eq(watchLeases.id, taken.id));
    expect(renewed?.expiresAt.getTime()).toBeGreaterThan(Date.now() + (WATCH_LEASE_SECONDS - 5) * 1000);
    await api.deps.sql.db.delete(watchLeases).where(eq(watchLeases.id, taken.id));
    await renewWatchLease(api.deps.sql.db, taken.id, holder);
    expect(await leasesOf(dan.workspaceId)).toBe(1);
    await releaseWatchLease(api.deps.sql.db, taken.id);
    expect(await leasesOf(dan.workspaceId)).toBe(0);
  });
});
