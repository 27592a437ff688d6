import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "../../server/trpc/router.js";
import { chatSettings, usageLedger } from "../../shared/db/sql/schema.js";
import { headObject } from "../../shared/storage/objects.js";
import { type TestApi, startTestApi } from "../helpers/api.js";
import { signedInThePast } from "../helpers/clock.js";
import { completedImageJob, completedTranscriptJob } from "../helpers/stored-jobs.js";
import { storedMeeting } from "../helpers/stored-meetings.js";
import { type Answer, dataOf, restGet, trpcCall } from "../helpers/http.js";
import { rawJobs } from "../helpers/raw-jobs.js";
import { declaredPng } from "../helpers/fal-tools.js";

/**
 * The security list, in one place: cross-workspace access on every procedure and route, SSRF
 * targets at the API, path traversal, oversized bodies and uploads, and the scope and expiry of
 * presigned URLs. Forged and replayed webhooks and chat requests are in webhooks.test.ts and
 * slack.test.ts, the SSRF guard's own list (redirects included) in ssrf.test.ts, and key brute
 * force against the rate limit in rate-limit.test.ts.
 */
describe("security", () => {
  let api: TestApi;
  let alice: Awaited<ReturnType<TestApi["member"]>>;
  let carol: Awaited<ReturnType<TestApi["member"]>>;
  let image: string;
  let lora: string;
  let transcript: string;
  let aliceUpload: string;
  let aliceBoard: string;
  let meeting: string;

  beforeAll(async () => {
    api = await startTestApi();
    alice = await api.member("acme", "alice");
    carol = await api.member("globex", "carol");
    image = (await completedImageJob(api, alice, { prompt: "harbour seals at noon" })).job.jobId;
    await storedMeeting(api, alice, [["A", "the harbour seals cost too much this quarter"]]);
    meeting = (await completedTranscriptJob(api, alice, "we agreed on the harbour budget. I will send the numbers.")).jobId;
    lora = randomUUID();
    await api.deps.jobs.create({
      jobId: lora,
      type: "lora-training",
      userId: alice.userId,
      workspaceId: alice.workspaceId,
      input: { triggerWord: "tok" },
    });
    await api.deps.jobs.pushVersion(lora, {
      version: 1,
      modelUrl: `loras/alice/${lora}/v1/model.safetensors`,
      s3Key: `loras/alice/${lora}/v1/model.safetensors`,
      sizeBytes: 10,
    });
    await api.deps.jobs.setStatus(lora, "completed", { progress: 100 });
    transcript = (await completedTranscriptJob(api, alice, "harbour meeting notes")).jobId;
    await api.deps.jobs.setProvider(transcript, { name: "assemblyai", requestId: "transcript-of-alice" });
    await api.deps.sql.db
      .insert(usageLedger)
      .values({ workspaceId: alice.workspaceId, userId: alice.userId, jobId: image, jobType: "image-generation", costUsd: "0.025" });
    const up = dataOf<{ uploadKey: string; url: string; headers: Record<string, string> }>(
      await trpcCall(api.app, alice.key, "assets.uploadUrl", { fileName: "voice.wav", contentType: "audio/wav", sizeBytes: 4 }, "mutation"),
    );
    expect((await fetch(up.url, { method: "PUT", body: "RIFF", headers: up.headers })).status).toBe(200);
    aliceUpload = up.uploadKey;
    expect((await trpcCall(api.app, alice.key, "favourites.add", { jobId: image, picture: 1 }, "mutation")).status).toBe(200);
    aliceBoard = dataOf<{ boardId: string }>(
      await trpcCall(api.app, alice.key, "boards.create", { name: "harbour moods" }, "mutation"),
    ).boardId;
    await trpcCall(api.app, alice.key, "boards.add", { boardId: aliceBoard, pictures: [{ jobId: image, picture: 1 }] }, "mutation");
  }, 60_000);

  afterAll(() => api.close());

  const pictureIds = (a: Answer) =>
    dataOf<{ items: Array<{ job: { jobId: string }; picture: number }> }>(a).items.map((i) => `${i.job.jobId}/${i.picture}`);
  /** What another workspace's member could change: the jobs' state, and alice's favourites and boards, before and after. */
  const snapshot = async () =>
    JSON.stringify([
      await rawJobs(api.deps)
        .find({}, { projection: { status: 1, versions: 1, deletedAt: 1, visibility: 1 } })
        .sort({ _id: 1 })
        .toArray(),
      // Which pictures are where (the jobs' signed links in these answers change with the clock).
      pictureIds(await trpcCall(api.app, alice.key, "favourites.list", {}, "query")),
      dataOf(await trpcCall(api.app, alice.key, "boards.list", undefined, "query")),
      pictureIds(await trpcCall(api.app, alice.key, "boards.pictures", { boardId: aliceBoard }, "query")),
    ]);
  const q = (path: string, input: unknown) => trpcCall(api.app, carol.key, path, input, "query");
  const m = (path: string, input: unknown) => trpcCall(api.app, carol.key, path, input, "mutation");
  const notFound = (a: Answer) => {
    expect(a.status).toBe(404);
    expect(JSON.stringify(a.body)).not.toContain("harbour");
  };
  /** Asking for alice's things by her user id answers exactly as for a user who does not exist. */
  const asForNobody = async (ask: (userId: string) => Promise<Answer>) => {
    const hers = await ask(alice.userId);
    const nobody = await ask("nobody-at-all");
    notFound(hers);
    expect(JSON.stringify(hers.body).replaceAll(alice.userId, "U")).toBe(JSON.stringify(nobody.body).replaceAll("nobody-at-all", "U"));
  };

  describe("another workspace's member, on every procedure and route", () => {
    const procedures: Record<string, () => Promise<void>> = {
      "health.check": async () => {
        const a = await q("health.check", undefined);
        expect(a.status).toBe(200);
        expect(JSON.stringify(a.body)).not.toMatch(new RegExp(`${image}|${lora}|alice`));
      },
      "jobs.create": async () => {
        const withLora = await m("jobs.create", { type: "image-generation", prompt: "x", lora: { jobId: lora } });
        expect(withLora.status).toBe(404);
        // Her picture as the source of each operation on one picture.
        const source = { jobId: image, image: 1 };
        for (const op of [
          { operation: "upscale" },
          { operation: "vary" },
          { operation: "edit", prompt: "x" },
          { operation: "zoom-out" },
          { operation: "pan", direction: "left" },
          { operation: "vary-region", prompt: "x", region: { rects: [{ x: 0, y: 0, width: 4, height: 4 }] } },
          { operation: "describe" },
        ]) {
          const asked = await m("jobs.create", { type: "image-generation", ...op, source });
          expect(asked.status, op.operation).toBe(404);
          expect(JSON.stringify(asked.body), op.operation).not.toContain("harbour");
        }
        const withUpload = await m("jobs.create", { type: "transcription", uploadKey: aliceUpload });
        expect(withUpload.status).toBe(400);
        // Her upload as a region's mask: refused as an upload that does not exist, as above.
        const withMask = await m("jobs.create", {
          type: "image-generation",
          operation: "vary-region",
          source: { jobId: image, image: 1 },
          prompt: "x",
          region: { maskUploadKey: aliceUpload },
        });
        expect(withMask.status).toBe(400);
        expect(withMask.body.error?.message).toMatch(/upload .* was not found/);
        // Her picture as a generation's reference.
        const referenced = await m("jobs.create", { type: "image-generation", prompt: "x", references: [{ source, role: "style" }] });
        expect(referenced.status).toBe(404);
        // Her pictures blended.
        const blended = await m("jobs.create", { type: "image-generation", operation: "blend", sources: [source, source] });
        expect(blended.status).toBe(404);
        // Her upload as the picture to work on.
        const withPicture = await m("jobs.create", { type: "image-generation", operation: "upscale", uploadKey: aliceUpload });
        expect(withPicture.status).toBe(400);
        expect(withPicture.body.error?.message).toMatch(/upload .* was not found/);
        expect(await rawJobs(api.deps).countDocuments({ userId: carol.userId })).toBe(0);
        // User ids repeat across workspaces: another team's "alice" may not use this alice's upload.
        const twin = await api.member("initech", alice.userId);
        const byTwin = await trpcCall(api.app, twin.key, "jobs.create", { type: "transcription", uploadKey: aliceUpload }, "mutation");
        expect(byTwin.status).toBe(400);
        expect(byTwin.body.error?.message).toMatch(/upload .* was not found/);
        expect(await rawJobs(api.deps).countDocuments({ workspaceId: twin.workspaceId })).toBe(0);
      },
      "jobs.get": async () => notFound(await q("jobs.get", { jobId: image })),
      "jobs.list": async () => {
        await asForNobody((userId) => q("jobs.list", { userId }));
        expect(dataOf<{ items: unknown[] }>(await q("jobs.list", {})).items).toEqual([]);
      },
      "jobs.cancel": async () => notFound(await m("jobs.cancel", { jobId: image })),
      "jobs.rerun": async () => notFound(await m("jobs.rerun", { jobId: image })),
      "jobs.retrain": async () => notFound(await m("jobs.retrain", { jobId: lora })),
      "jobs.delete": async () => notFound(await m("jobs.delete", { jobId: image })),
      "jobs.share": async () => notFound(await m("jobs.share", { jobId: image })),
      "jobs.translate": async () => {
        notFound(await m("jobs.translate", { jobId: transcript, language: "de" }));
        // Asked for nothing on her behalf: the queue holds no translation of her job.
        expect(api.queue.translations.some((t) => t.jobId === transcript)).toBe(false);
      },
      // Her finished meeting: no answer, and no notes made.
      "jobs.ask": async () => notFound(await m("jobs.ask", { jobId: meeting, question: "what did we decide about the harbour?" })),
      "jobs.regenerateNotes": async () => notFound(await m("jobs.regenerateNotes", { jobId: meeting })),
      "jobs.renameSpeakers": async () => notFound(await m("jobs.renameSpeakers", { jobId: image, names: { A: "Mallory" } })),
      "jobs.watch": async () => {
        const res = await api.app.request(`/trpc/jobs.watch?input=${encodeURIComponent(JSON.stringify({ jobId: image }))}`, {
          headers: { authorization: `Bearer ${carol.key}`, accept: "text/event-stream" },
        });
        const events = await res.text();
        expect(events).toContain('"code":"NOT_FOUND"');
        expect(events).not.toContain("harbour");
      },
      "gallery.signInLink": async () => {
        // A link for carol signs carol in, in her own workspace: its page names no one else.
        const url = new URL(dataOf<{ url: string }>(await m("gallery.signInLink", undefined)).url);
        const page = await (await api.app.request(url.pathname + url.search)).text();
        expect(page).toContain("carol");
        expect(page).not.toMatch(/alice|acme/);
      },
      "settings.get": async () => {
        // Alice's workspace has settings; another workspace's member sees none of them.
        await api.deps.sql.db
          .insert(chatSettings)
          .values({ workspaceId: alice.workspaceId, imageSize: "square", maxImages: 2 })
          .onConflictDoNothing();
        const seen = dataOf<{ workspace: Record<string, unknown> }>(await q("settings.get", {}));
        expect(Object.values(seen.workspace).every((v) => v === null)).toBe(true);
      },
      "settings.set": async () => expect((await m("settings.set", { imageSize: "square" })).status).toBe(403),
      "assets.list": async () => {
        for (const kind of ["images", "loras", "transcripts"]) {
          await asForNobody((userId) => q("assets.list", { kind, userId }));
          expect(dataOf<{ items: unknown[] }>(await q("assets.list", { kind })).items).toEqual([]);
        }
      },
      "assets.search": async () => expect(dataOf<{ items: unknown[] }>(await q("assets.search", { q: "harbour" })).items).toEqual([]),
      "transcripts.search": async () => {
        for (const query of ["harbour", '"harbour seals"', "seals quarter"]) {
          const found = await q("transcripts.search", { query });
          expect(dataOf<{ hits: unknown[] }>(found).hits, query).toEqual([]);
          expect(JSON.stringify(found.body)).not.toMatch(/alice|acme|cost too much/);
        }
      },
      "assets.stats": async () => {
        const mine = dataOf<{ totals: { jobs: number } }>(await q("assets.stats", { scope: "workspace" }));
        expect(mine.totals.jobs).toBe(0);
        await asForNobody((userId) => q("assets.stats", { userId }));
      },
      "assets.downloadUrl": async () => notFound(await q("assets.downloadUrl", { jobId: image, file: "image_1.png" })),
      "assets.uploadUrl": async () => {
        const up = dataOf<{ uploadKey: string }>(
          await m("assets.uploadUrl", { fileName: "voice.wav", contentType: "audio/wav", sizeBytes: 4 }),
        );
        expect(up.uploadKey.startsWith(`temp/${carol.workspaceId}/${carol.userId}/`)).toBe(true);
      },
      "usage.history": async () => {
        // The ledger row of alice's workspace is not in another workspace's months or members.
        const history = dataOf<{ months: Array<{ costUsd: number }>; members: unknown[] }>(await q("usage.history", {}));
        expect(history.months.every((m) => m.costUsd === 0)).toBe(true);
        expect(history.members).toEqual([]);
      },
      "favourites.add": async () => notFound(await m("favourites.add", { jobId: image, picture: 1 })),
      "favourites.remove": async () => {
        // Her favourite is hers: carol's remove finds none of her own (the snapshot shows alice's list unchanged).
        expect(dataOf(await m("favourites.remove", { jobId: image, picture: 1 }))).toEqual({ removed: false });
      },
      "favourites.list": async () => expect(dataOf<{ items: unknown[] }>(await q("favourites.list", {})).items).toEqual([]),
      "boards.create": async () => {
        // A board of the same name is carol's own, in her workspace; alice's stays as it was.
        const own = await m("boards.create", { name: "harbour moods" });
        expect(own.status).toBe(200);
        expect(JSON.stringify(own.body)).not.toContain(aliceBoard);
      },
      "boards.rename": async () => notFound(await m("boards.rename", { boardId: aliceBoard, name: "Mine now" })),
      "boards.delete": async () => notFound(await m("boards.delete", { boardId: aliceBoard })),
      "boards.list": async () => expect(JSON.stringify(await q("boards.list", undefined))).not.toContain(aliceBoard),
      "boards.add": async () => {
        notFound(await m("boards.add", { boardId: aliceBoard, pictures: [{ jobId: image }] }));
        // Nor her picture on carol's own board.
        const own = dataOf<{ boardId: string }>(await m("boards.create", { name: "Carol's" })).boardId;
        notFound(await m("boards.add", { boardId: own, pictures: [{ jobId: image }] }));
      },
      "boards.remove": async () => notFound(await m("boards.remove", { boardId: aliceBoard, pictures: [{ jobId: image }] })),
      "boards.pictures": async () => notFound(await q("boards.pictures", { boardId: aliceBoard })),
      "usage.get": async () => {
        const usage = await q("usage.get", {});
        expect(usage.status).toBe(200);
        expect(JSON.stringify(usage.body)).not.toContain("0.025");
      },
    };
    const routes: Record<string, () => Promise<void>> = {
      "GET /api/jobs/:jobId": async () => notFound(await restGet(api.app, carol.key, `/api/jobs/${image}`)),
      "GET /api/assets/loras": () => asForNobody((userId) => restGet(api.app, carol.key, `/api/assets/loras?userId=${userId}`)),
      "GET /api/assets/images": async () => {
        await asForNobody((userId) => restGet(api.app, carol.key, `/api/assets/images?userId=${userId}`));
        expect((await restGet(api.app, carol.key, "/api/assets/images")).body).toMatchObject({ count: 0 });
      },
      "GET /api/assets/transcripts": () => asForNobody((userId) => restGet(api.app, carol.key, `/api/assets/transcripts?userId=${userId}`)),
      "GET /api/assets/videos": () => asForNobody((userId) => restGet(api.app, carol.key, `/api/assets/videos?userId=${userId}`)),
      "GET /api/assets/search": async () =>
        expect((await restGet(api.app, carol.key, "/api/assets/search?q=harbour")).body).toMatchObject({ count: 0 }),
      "GET /api/transcripts/search": async () => {
        const found = await restGet(api.app, carol.key, `/api/transcripts/search?query=${encodeURIComponent('"harbour seals"')}`);
        expect(found.status).toBe(200);
        expect(found.body).toMatchObject({ hits: [] });
      },
      "GET /api/assets/stats": () => asForNobody((userId) => restGet(api.app, carol.key, `/api/assets/stats?userId=${userId}`)),
      "GET /api/assets/:jobId/download": async () =>
        notFound(await restGet(api.app, carol.key, `/api/assets/${image}/download?file=image_1.png`)),
      // The API's description, public: the same for every caller, and about no one's data.
      "GET /api/openapi.json": () => samePublicPage("/api/openapi.json"),
      "GET /api/docs": () => samePublicPage("/api/docs"),
    };
    const samePublicPage = async (path: string) => {
      const asCarol = await api.app.request(path, { headers: { authorization: `Bearer ${carol.key}` } });
      const asNobody = await api.app.request(path);
      expect(asCarol.status).toBe(200);
      const text = await asCarol.text();
      expect(await asNobody.text()).toBe(text);
      expect(text).not.toContain(image);
      expect(text).not.toMatch(/harbour|alice|acme/);
    };

    it("the lists below name every tRPC procedure and every REST route of the app", () => {
      expect(Object.keys(procedures).sort()).toEqual(Object.keys(appRouter._def.procedures).sort());
      const restRoutes = [
        ...new Set(api.app.routes.filter((r) => r.path.startsWith("/api/") && r.method !== "ALL").map((r) => `${r.method} ${r.path}`)),
      ];
      expect(Object.keys(routes).sort()).toEqual(restRoutes.sort());
    });

    for (const [name, check] of [...Object.entries(procedures), ...Object.entries(routes)]) {
      it(`${name}: sees nothing of another workspace and changes nothing`, async () => {
        const before = await snapshot();
        await check();
        expect(await snapshot()).toBe(before);
      });
    }
  });

  describe("SSRF at the API", () => {
    it.each([
      "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
      "http://127.0.0.1:5432/",
      "http://localhost/audio.wav",
      "http://[::1]/a.wav",
      "http://[fd00::1]/a.wav",
      "http://10.0.0.7/a.wav",
      "http://192.168.0.2/a.wav",
      "http://0x7f000001/a.wav",
    ])("a transcription of %s is refused with 400 and nothing is created", async (audioUrl) => {
      const before = await rawJobs(api.deps).countDocuments({});
      const a = await trpcCall(api.app, alice.key, "jobs.create", { type: "transcription", audioUrl }, "mutation");
      expect(a.status).toBe(400);
      expect(a.body.error?.message).toMatch(/audioUrl refused/);
      expect(await rawJobs(api.deps).countDocuments({})).toBe(before);
      expect(api.queue.enqueued.filter((j) => j.type === "transcription")).toEqual([]);
    });
  });

  describe("SSRF and image bombs in pictures to work on", () => {
    it.each([
      "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
      "http://127.0.0.1:5432/",
      "http://localhost/a.png",
      "http://[::1]/a.png",
      "http://[::ffff:127.0.0.1]/a.png",
      "http://10.0.0.7/a.png",
      "http://0x7f000001/a.png",
    ])("a zoom-out of %s is refused with 400 and nothing is queued", async (imageUrl) => {
      const before = await rawJobs(api.deps).countDocuments({});
      const a = await trpcCall(
        api.app,
        alice.key,
        "jobs.create",
        { type: "image-generation", operation: "zoom-out", imageUrl },
        "mutation",
      );
      expect(a.status).toBe(400);
      expect(a.body.error?.message).toMatch(/imageUrl refused/);
      expect(await rawJobs(api.deps).countDocuments({})).toBe(before);
      expect(api.queue.enqueued.filter((j) => j.type === "image-generation")).toEqual([]);
    });

    it("an uploaded PNG declaring 50,000 × 50,000 pixels is refused from its header, and nothing is queued", async () => {
      const bomb = declaredPng(50_000, 50_000);
      const up = dataOf<{ uploadKey: string; url: string; headers: Record<string, string> }>(
        await trpcCall(
          api.app,
          alice.key,
          "assets.uploadUrl",
          { fileName: "bomb.png", contentType: "image/png", sizeBytes: bomb.length },
          "mutation",
        ),
      );
      expect((await fetch(up.url, { method: "PUT", body: new Uint8Array(bomb), headers: up.headers })).status).toBe(200);
      const before = await rawJobs(api.deps).countDocuments({});
      for (const input of [
        { operation: "upscale", uploadKey: up.uploadKey },
        { operation: "pan", direction: "left", uploadKey: up.uploadKey },
        { operation: "vary-region", prompt: "x", uploadKey: up.uploadKey, region: { rects: [{ x: 0, y: 0, width: 9, height: 9 }] } },
      ]) {
        const a = await trpcCall(api.app, alice.key, "jobs.create", { type: "image-generation", ...input }, "mutation");
        expect(a.status, input.operation).toBe(400);
        expect(a.body.error?.message, input.operation).toMatch(/declares 50000×50000 pixels, more than the 40 megapixels/);
      }
      expect(await rawJobs(api.deps).countDocuments({})).toBe(before);
    });
  });

  describe("path traversal in file names", () => {
    it.each(["../../etc/passwd", "..", "a/b.wav", ".hidden.wav", "x\\..\\y.wav", "%2e%2e%2fpasswd"])(
      "an upload named %s is refused",
      async (fileName) => {
        const a = await trpcCall(api.app, alice.key, "assets.uploadUrl", { fileName, contentType: "audio/wav", sizeBytes: 10 }, "mutation");
        expect(a.status).toBe(400);
      },
    );

    it.each(["../../loras/alice/model.safetensors", "..%2f..%2fx", "/etc/passwd"])("a download of %s is refused", async (file) => {
      expect((await trpcCall(api.app, alice.key, "assets.downloadUrl", { jobId: image, file }, "query")).status).toBe(400);
      expect((await restGet(api.app, alice.key, `/api/assets/${image}/download?file=${encodeURIComponent(file)}`)).status).toBe(400);
    });
  });

  describe("oversized bodies and uploads", () => {
    it("a request body over 1 MiB is 413 and creates nothing", async () => {
      const before = await rawJobs(api.deps).countDocuments({});
      const res = await api.app.request("/trpc/jobs.create", {
        method: "POST",
        headers: { authorization: `Bearer ${alice.key}`, "content-type": "application/json" },
        body: JSON.stringify({ type: "image-generation", prompt: "x".repeat(1_100_000) }),
      });
      expect(res.status).toBe(413);
      expect(await rawJobs(api.deps).countDocuments({})).toBe(before);
    });

    it("an upload over 2 GiB gets no URL, and a PUT larger than signed is refused by S3 and stores nothing", async () => {
      expect(
        (
          await trpcCall(
            api.app,
            alice.key,
            "assets.uploadUrl",
            { fileName: "big.mp4", contentType: "video/mp4", sizeBytes: 3 * 1024 ** 3 },
            "mutation",
          )
        ).status,
      ).toBe(400);
      const up = dataOf<{ uploadKey: string; url: string; headers: Record<string, string> }>(
        await trpcCall(
          api.app,
          alice.key,
          "assets.uploadUrl",
          { fileName: "small.wav", contentType: "audio/wav", sizeBytes: 100 },
          "mutation",
        ),
      );
      const res = await fetch(up.url, { method: "PUT", body: Buffer.alloc(5_000), headers: up.headers });
      expect(res.status).toBe(403);
      expect(await headObject(api.deps.storage, up.uploadKey)).toBeUndefined();
    });
  });

  describe("presigned URLs: one key, one method, a short life", () => {
    const downloadUrl = async (expiresIn?: number) =>
      dataOf<{ url: string }>(
        await trpcCall(
          api.app,
          alice.key,
          "assets.downloadUrl",
          { jobId: image, file: "image_1.png", ...(expiresIn ? { expiresIn } : {}) },
          "query",
        ),
      ).url;

    it("a download URL reads its one object, and neither writes it nor reads another", async () => {
      const url = await downloadUrl();
      expect((await fetch(url)).status).toBe(200);
      expect((await fetch(url, { method: "PUT", body: "overwritten" })).status).toBe(403);
      expect((await fetch(url, { method: "DELETE" })).status).toBe(403);
      const other = new URL(url);
      other.pathname = other.pathname.replace(/image_1\.png$/, "image_2.png");
      expect((await fetch(other)).status).toBe(403);
      expect(new URL(url).searchParams.get("X-Amz-Expires")).toBe("3600");
    });

    it("an upload URL writes its one key and cannot read it back", async () => {
      const up = dataOf<{ uploadKey: string; url: string; headers: Record<string, string> }>(
        await trpcCall(
          api.app,
          alice.key,
          "assets.uploadUrl",
          { fileName: "scoped.wav", contentType: "audio/wav", sizeBytes: 4 },
          "mutation",
        ),
      );
      const elsewhere = new URL(up.url);
      elsewhere.pathname = elsewhere.pathname.replace(/scoped\.wav$/, "elsewhere.wav");
      expect((await fetch(elsewhere, { method: "PUT", body: "RIFF", headers: up.headers })).status).toBe(403);
      expect((await fetch(up.url, { method: "PUT", body: "RIFF", headers: up.headers })).status).toBe(200);
      expect((await fetch(up.url)).status).toBe(403);
      expect(Number(new URL(up.url).searchParams.get("X-Amz-Expires"))).toBeLessThanOrEqual(15 * 60);
    });

    it("a download URL stops working when it expires", async () => {
      // Signed ten seconds ago for one second: expired now, without waiting for it to expire.
      const url = await signedInThePast(10_000, () => downloadUrl(1));
      expect((await fetch(url)).status).toBe(403);
    });
  });
});
