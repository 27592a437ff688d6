import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { revokeApiKey } from "../../shared/db/sql/accounts.js";
import { type TestApi, startTestApi } from "../helpers/api.js";
import { completedImageJob } from "../helpers/stored-jobs.js";
import { type Answer, dataOf, restGet, trpcCall } from "../helpers/http.js";

type Who = "owner" | "teammate" | "outsider" | "anonymous" | "revoked";

describe("who may see and do what", () => {
  let api: TestApi;
  const keys: Partial<Record<Who, string>> = {};
  let shared: string;
  let privateJob: string;
  let queuedShared: string;

  beforeAll(async () => {
    api = await startTestApi();
    const alice = await api.member("acme", "alice");
    const bob = await api.member("acme", "bob");
    const carol = await api.member("globex", "carol");
    const old = await api.member("acme", "alice");
    await revokeApiKey(api.deps.sql.db, old.workspaceId, old.keyId);
    Object.assign(keys, { owner: alice.key, teammate: bob.key, outsider: carol.key, revoked: old.key });
    shared = (await completedImageJob(api, alice, { prompt: "harbour seals" })).job.jobId;
    privateJob = (await completedImageJob(api, alice, { prompt: "secret plans", visibility: "private" })).job.jobId;
    queuedShared = randomUUID();
    await api.deps.jobs.create({ jobId: queuedShared, type: "transcription", userId: "alice", workspaceId: alice.workspaceId, input: {} });
  });

  afterAll(() => api.close());

  const reads: Array<[string, (key: string | undefined, jobId: string) => Promise<Answer>]> = [
    ["tRPC jobs.get", (k, id) => trpcCall(api.app, k, "jobs.get", { jobId: id }, "query")],
    ["tRPC assets.downloadUrl", (k, id) => trpcCall(api.app, k, "assets.downloadUrl", { jobId: id, file: "image_1.png" }, "query")],
    ["REST GET /api/jobs/:id", (k, id) => restGet(api.app, k, `/api/jobs/${id}`)],
    ["REST GET /api/assets/:id/download", (k, id) => restGet(api.app, k, `/api/assets/${id}/download?file=image_1.png`)],
  ];

  const expectedRead: Record<Who, { shared: number; private: number }> = {
    owner: { shared: 200, private: 200 },
    teammate: { shared: 200, private: 404 },
    outsider: { shared: 404, private: 404 },
    anonymous: { shared: 401, private: 401 },
    revoked: { shared: 401, private: 401 },
  };

  for (const [name, call] of reads) {
    for (const who of Object.keys(expectedRead) as Who[]) {
      it(`${name}: ${who}`, async () => {
        expect((await call(keys[who], shared)).status).toBe(expectedRead[who].shared);
        expect((await call(keys[who], privateJob)).status).toBe(expectedRead[who].private);
      });
    }
    it(`${name}: another workspace's job and a random id answer identically`, async () => {
      const random = randomUUID();
      const a = await call(keys.outsider, shared);
      const b = await call(keys.outsider, random);
      expect(a.status).toBe(404);
      expect(JSON.stringify(a.body).replaceAll(shared, "ID")).toBe(JSON.stringify(b.body).replaceAll(random, "ID"));
      const c = await call(keys.teammate, privateJob);
      expect(JSON.stringify(c.body).replaceAll(privateJob, "ID")).toBe(JSON.stringify(b.body).replaceAll(random, "ID"));
    });
  }

  it("mutations: only the owner cancels or deletes; teammates may rerun shared jobs; others see nothing", async () => {
    const m = (who: Who, path: string, input: unknown) => trpcCall(api.app, keys[who], path, input, "mutation");
    expect((await m("anonymous", "jobs.cancel", { jobId: queuedShared })).status).toBe(401);
    expect((await m("revoked", "jobs.delete", { jobId: shared })).status).toBe(401);
    expect((await m("outsider", "jobs.cancel", { jobId: queuedShared })).status).toBe(404);
    expect((await m("outsider", "jobs.rerun", { jobId: shared })).status).toBe(404);
    expect((await m("outsider", "jobs.delete", { jobId: shared })).status).toBe(404);
    expect((await m("teammate", "jobs.cancel", { jobId: privateJob })).status).toBe(404);
    expect((await m("teammate", "jobs.delete", { jobId: privateJob })).status).toBe(404);
    expect((await m("teammate", "jobs.rerun", { jobId: privateJob })).status).toBe(404);
    const forbidden = await m("teammate", "jobs.cancel", { jobId: queuedShared });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error?.message).toMatch(/only the job's owner/);
    expect((await m("teammate", "jobs.delete", { jobId: shared })).status).toBe(403);
    const rerun = await m("teammate", "jobs.rerun", { jobId: shared, seed: 9 });
    expect(rerun.status).toBe(200);
    const rerunJob = await api.deps.jobs.get(dataOf<{ jobId: string }>(rerun).jobId);
    expect(rerunJob).toMatchObject({ userId: "bob", status: "queued", input: { prompt: "harbour seals", seed: "9" } });
    const canceled = await m("owner", "jobs.cancel", { jobId: queuedShared });
    expect(canceled.status).toBe(200);
    expect((await api.deps.jobs.get(queuedShared))?.status).toBe("canceled");
    expect(api.queue.canceled).toContain(queuedShared);
    // Canceling again is a no-op with the same answer.
    expect((await m("owner", "jobs.cancel", { jobId: queuedShared })).body.result?.data).toEqual({
      jobId: queuedShared,
      status: "canceled",
    });
  });

  it("lists, search and stats show teammates' shared jobs but never private or other workspaces' ones", async () => {
    const ids = (a: Answer) => (dataOf<{ items: Array<{ jobId: string }> }>(a).items ?? []).map((j) => j.jobId);
    const q = (who: Who, path: string, input: unknown) => trpcCall(api.app, keys[who], path, input, "query");
    expect(ids(await q("owner", "jobs.list", {}))).toEqual(expect.arrayContaining([shared, privateJob]));
    const bobList = ids(await q("teammate", "jobs.list", {}));
    expect(bobList).toContain(shared);
    expect(bobList).not.toContain(privateJob);
    expect(ids(await q("outsider", "jobs.list", {}))).not.toContain(shared);
    expect(ids(await q("teammate", "assets.search", { q: "secret" }))).toEqual([]);
    expect(ids(await q("owner", "assets.search", { q: "secret" }))).toEqual([privateJob]);
    expect(ids(await q("outsider", "assets.search", { q: "harbour" }))).toEqual([]);
    const found = ids(await q("teammate", "assets.search", { q: "HARBOUR seals" }));
    expect(found).toContain(shared);
    expect(found).not.toContain(privateJob);

    const files = (a: Answer) => (a.body.assets as Array<{ jobId: string }>).map((f) => f.jobId);
    const bobImages = await restGet(api.app, keys.teammate, "/api/assets/images?userId=alice");
    expect(bobImages.status).toBe(200);
    expect(files(bobImages)).toEqual([shared]);
    expect((await restGet(api.app, keys.outsider, "/api/assets/images?userId=alice")).status).toBe(404);
    expect((await restGet(api.app, keys.outsider, "/api/assets/stats?userId=alice")).status).toBe(404);
    expect((await restGet(api.app, keys.anonymous, "/api/assets/images")).status).toBe(401);
    expect((await restGet(api.app, keys.revoked, "/api/assets/search?q=harbour")).status).toBe(401);

    const stats = (await restGet(api.app, keys.teammate, "/api/assets/stats?userId=alice")).body as {
      byType: { images: { jobs: number } };
    };
    expect(stats.byType.images.jobs).toBe(1);
    const own = (await restGet(api.app, keys.owner, "/api/assets/stats")).body as { byType: { images: { jobs: number } } };
    expect(own.byType.images.jobs).toBe(2);
  });

  it("a service key acts only for the user it names, inside its own workspace", async () => {
    const bot = await api.serviceKey("acme");
    const asBob = await trpcCall(api.app, bot, "jobs.get", { jobId: shared }, "query", { "x-act-as-user": "bob" });
    expect(asBob.status).toBe(200);
    const asBobPrivate = await trpcCall(api.app, bot, "jobs.get", { jobId: privateJob }, "query", { "x-act-as-user": "bob" });
    expect(asBobPrivate.status).toBe(404);
    const nobody = await trpcCall(api.app, bot, "jobs.get", { jobId: shared }, "query");
    expect(nobody.status).toBe(401);
    expect(nobody.body.error?.message).toMatch(/x-act-as-user/);
    // One rule for user ids, at sign-in: a user id no storage key could hold is a 400 saying what is allowed.
    for (const bad of ["x..y", "../alice", ".hidden"]) {
      const refused = await trpcCall(
        api.app,
        bot,
        "assets.uploadUrl",
        { fileName: "a.wav", contentType: "audio/wav", sizeBytes: 4 },
        "mutation",
        { "x-act-as-user": bad },
      );
      expect(refused.status).toBe(400);
      expect(refused.body.error?.message).toMatch(/x-act-as-user' must be a user id: 1-128 letters, digits/);
    }
    const otherBot = await api.serviceKey("globex");
    const asAlice = await trpcCall(api.app, otherBot, "jobs.get", { jobId: shared }, "query", { "x-act-as-user": "alice" });
    expect(asAlice.status).toBe(404);
  });
});
