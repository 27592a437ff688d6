import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { MAX_UPLOAD_BYTES } from "../../server/trpc/routers/assets/schemas.js";
import { MAX_PICTURE_BYTES } from "../../shared/jobs/picture-limits.js";
import { headObject, readObject } from "../../shared/storage/objects.js";
import { type TestApi, startTestApi } from "../helpers/api.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { makeWav } from "../helpers/media.js";
import { favourites } from "../../shared/db/sql/organize-schema.js";
import { rawJobs } from "../helpers/raw-jobs.js";
import { completedImageJob } from "../helpers/stored-jobs.js";
import { useFixture } from "../helpers/use-fixture.js";

/**
 * The gallery's routes for starting and watching work. The upload route (/app/uploads) streams a
 * file from the page on to the bucket: the member's own temp/ folder only, assets.uploadUrl's
 * checks with the body's length as the size, the session and CSRF token required, and its body
 * exempt from the app's 1 MiB limit only there. A job's tiles (/app/tiles) and the queue view
 * (/app/queue) show and cancel only what the API lets the member see and cancel.
 */
describe("the gallery's upload, tile and queue routes", () => {
  const api = useFixture<TestApi>(() => startTestApi());

  /** A member signed into the gallery: a cookie, the page's CSRF token, and an upload as the page's script sends it. */
  async function session(workspace: string, user: string) {
    const member = await api.member(workspace, user);
    const link = new URL(dataOf<{ url: string }>(await trpcCall(api.app, member.key, "gallery.signInLink", undefined, "mutation")).url);
    const redeemed = await api.app.request("/app/sign-in", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: link.searchParams.get("token") ?? "" }).toString(),
    });
    expect(redeemed.status).toBe(303);
    const cookie = (redeemed.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const page = await (await api.app.request("/app", { headers: { cookie } })).text();
    const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(page)?.[1] ?? "";
    const upload = async (body: Uint8Array, headers: Record<string, string>, opts: { csrf?: boolean; cookie?: boolean } = {}) => {
      const res = await api.app.request("/app/uploads", {
        method: "POST",
        headers: {
          ...(opts.cookie === false ? {} : { cookie }),
          ...(opts.csrf === false ? {} : { "x-csrf-token": csrf }),
          "content-length": String(body.length),
          ...headers,
        },
        body,
      });
      // A refusal before the route (no session, no CSRF token) is the gallery's page; the route's own answers are JSON.
      const json = res.headers.get("content-type")?.startsWith("application/json");
      return {
        status: res.status,
        body: (json ? await res.json() : { page: await res.text() }) as { uploadKey?: string; error?: { message: string } },
      };
    };
    const get = (path: string) => api.app.request(path, { headers: { cookie } });
    const post = (path: string) => api.app.request(path, { method: "POST", headers: { cookie, "x-csrf-token": csrf } });
    return { member, upload, cookie, csrf, get, post };
  }

  it("streams a file into the member's own temp/ folder, byte for byte, and answers its uploadKey for jobs.create", async () => {
    const { member, upload } = await session("acme", "alice");
    const wav = makeWav(1.5);
    const answer = await upload(wav, { "content-type": "audio/wav", "x-file-name": "interview.wav" });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const key = answer.body.uploadKey ?? "";
    expect(key).toMatch(new RegExp(`^temp/${member.workspaceId}/alice/[^/]+/interview\\.wav$`));
    expect((await readObject(api.deps.storage, key)).equals(wav)).toBe(true);
    expect((await headObject(api.deps.storage, key))?.ContentType).toBe("audio/wav");
    // A body over the app's 1 MiB limit goes through here, and only here.
    const big = new Uint8Array(3 * 1024 * 1024).fill(7);
    const large = await upload(big, { "content-type": "video/mp4", "x-file-name": "clip.mp4" });
    expect(large.status, JSON.stringify(large.body)).toBe(200);
    expect((await headObject(api.deps.storage, large.body.uploadKey ?? ""))?.ContentLength).toBe(big.length);
  });

  it("refuses, storing nothing: no session, no CSRF token, a size over 2 GiB, a picture over 50 MiB, another content type, a path as the name, no length", async () => {
    const { upload, cookie, csrf } = await session("acme", "bob");
    const small = new Uint8Array(16);
    const wav = { "content-type": "audio/wav", "x-file-name": "a.wav" };
    expect((await upload(small, wav, { cookie: false })).status).toBe(401);
    expect((await upload(small, wav, { csrf: false })).status).toBe(403);
    const refusals: Array<[Record<string, string>, RegExp]> = [
      [{ ...wav, "content-length": String(MAX_UPLOAD_BYTES + 1) }, /sizeBytes: must be at most 2147483648 bytes/],
      [
        { "content-type": "image/png", "x-file-name": "a.png", "content-length": String(MAX_PICTURE_BYTES + 1) },
        /a picture must be at most/,
      ],
      [{ "content-type": "text/html", "x-file-name": "a.html" }, /contentType: must be an audio, video/],
      [{ ...wav, "x-file-name": "../../loras/a.wav" }, /fileName: must be a plain file name/],
    ];
    for (const [headers, message] of refusals) {
      const answer = await upload(small, headers);
      expect(answer.status, JSON.stringify(headers)).toBe(400);
      expect(answer.body.error?.message).toMatch(message);
    }
    // A body without its length (chunked) is refused before anything is read.
    const chunked = await api.app.request("/app/uploads", {
      method: "POST",
      headers: { cookie, "x-csrf-token": csrf, ...wav },
      body: new ReadableStream({
        start(c) {
          c.enqueue(new Uint8Array(8));
          c.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(411);
    const stored = [];
    for await (const o of (await import("../../shared/storage/objects.js")).listObjects(api.deps.storage, "temp/")) stored.push(o.key);
    expect(stored.filter((k) => k.includes("/bob/"))).toEqual([]);
    // The app's own limit still holds everywhere else in the gallery.
    const trpc = await api.app.request("/app/trpc/jobs.create", {
      method: "POST",
      headers: { cookie, "x-csrf-token": csrf, "content-type": "application/json" },
      body: JSON.stringify({ type: "image-generation", prompt: "x".repeat(2 * 1024 * 1024) }),
    });
    expect(trpc.status).toBe(413);
  });

  it("an upload is its member's alone: another workspace's member, or a same-named member of another team, cannot use its key", async () => {
    const { upload } = await session("acme", "carol");
    const key = (await upload(makeWav(0.5), { "content-type": "audio/wav", "x-file-name": "memo.wav" })).body.uploadKey ?? "";
    expect(key).not.toBe("");
    for (const [workspace, user] of [
      ["globex", "eve"],
      ["initech", "carol"],
    ] as const) {
      const other = await api.member(workspace, user);
      const asked = await trpcCall(api.app, other.key, "jobs.create", { type: "transcription", uploadKey: key }, "mutation");
      expect(asked.status).toBe(400);
      expect(asked.body.error?.message).toMatch(/upload .* was not found/);
      expect(await rawJobs(api.deps).countDocuments({ workspaceId: other.workspaceId })).toBe(0);
    }
  });

  it("a job's tiles and the queue's cancel: a teammate sees a shared job but may not cancel it; another workspace sees nothing of it", async () => {
    const dave = await session("acme", "dave");
    const job = dataOf<{ jobId: string }>(
      await trpcCall(api.app, dave.member.key, "jobs.create", { type: "image-generation", prompt: "a queued comet of dave" }, "mutation"),
    ).jobId;
    expect(await (await dave.get(`/app/tiles/${job}`)).text()).toContain("a queued comet of dave");
    expect(await (await dave.get("/app/queue/rows")).text()).toContain("a queued comet of dave");

    const erin = await session("acme", "erin");
    expect((await erin.get(`/app/tiles/${job}`)).status).toBe(200);
    const teamRows = await (await erin.get("/app/queue/rows")).text();
    expect(teamRows).toContain("a queued comet of dave");
    expect(teamRows).not.toContain(`/app/queue/${job}/cancel`);
    expect((await erin.post(`/app/queue/${job}/cancel`)).status).toBe(403);

    const eve = await session("globex", "eve");
    const tile = await eve.get(`/app/tiles/${job}`);
    expect(tile.status).toBe(404);
    expect(await tile.text()).not.toContain("comet");
    expect(await (await eve.get("/app/queue/rows")).text()).not.toContain("comet");
    expect((await eve.post(`/app/queue/${job}/cancel`)).status).toBe(404);
    expect((await rawJobs(api.deps).findOne({ jobId: job }))?.status).toBe("queued");

    // Its owner cancels it from the queue, and comes back to the view.
    const cancel = await dave.post(`/app/queue/${job}/cancel`);
    expect(cancel.status).toBe(303);
    expect(cancel.headers.get("location")).toBe("/app/queue");
    expect((await rawJobs(api.deps).findOne({ jobId: job }))?.status).toBe("canceled");
  });

  it("a selection of 100 pictures downloads as one zip that opens and holds the 100 files, byte for byte; another workspace's picture refuses it", async () => {
    const fay = await session("acme", "fay");
    const made: Array<Awaited<ReturnType<typeof completedImageJob>>> = [];
    for (let i = 0; i < 100; i += 20)
      made.push(
        ...(await Promise.all(Array.from({ length: 20 }, (_, k) => completedImageJob(api, fay.member, { prompt: `tide ${i + k}` })))),
      );
    const query = new URLSearchParams(made.map((m): [string, string] => ["p", `${m.job.jobId}/1`]));
    const res = await fay.get(`/app/zip?${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const names = Object.keys(files);
    expect(names).toHaveLength(100);
    for (const [i, m] of made.entries()) {
      const name = names.find((n) => n.includes(m.job.jobId));
      expect(name, `picture ${i}`).toMatch(new RegExp(`^tide-${i}-${m.job.jobId}-1\\.png$`));
      expect(Buffer.from(files[name ?? ""] ?? new Uint8Array()).equals(m.bytes)).toBe(true);
    }

    const gus = await session("globex", "gus");
    const refused = await gus.get(`/app/zip?p=${made[0]?.job.jobId}/1`);
    expect(refused.status).toBe(404);
    expect(refused.headers.get("content-type")).not.toBe("application/zip");
  });

  it("the routes' own refusals are pages in the viewer's language: an empty selection, a zip of too many pictures, an unknown action", async () => {
    const hal = await session("acme", "hal");
    const text = async (res: Response) => (await res.text()).replaceAll("&#39;", "'");
    const tooMany = new URLSearchParams(Array.from({ length: 101 }, (_, i): [string, string] => ["p", `job-${i}/1`]));
    for (const [language, tickFirst, zipAtMost, unknownAction] of [
      ["en", "Tick one picture or more first.", "A zip holds at most 100 pictures; tick fewer.", "The gallery does not know that action."],
      [
        "de",
        "Kreuze zuerst ein Bild oder mehrere an.",
        "Ein Zip fasst höchstens 100 Bilder; kreuze weniger an.",
        "Diese Aktion kennt die Galerie nicht.",
      ],
      [
        "fr",
        "Cochez d'abord une image ou plusieurs.",
        "Un zip contient au plus 100 images ; cochez-en moins.",
        "La galerie ne connaît pas cette action.",
      ],
    ] as const) {
      const headers = { cookie: hal.cookie, "accept-language": language };
      const form = (body: string) => ({
        method: "POST",
        headers: { ...headers, "x-csrf-token": hal.csrf, "content-type": "application/x-www-form-urlencoded" },
        body,
      });
      const empty = await api.app.request("/app/selection", form("action=zip"));
      expect(empty.status).toBe(400);
      expect(await text(empty)).toContain(tickFirst);
      const zip = await api.app.request(`/app/zip?${tooMany}`, { headers });
      expect(zip.status).toBe(400);
      expect(await text(zip)).toContain(zipAtMost);
      const unknown = await api.app.request("/app/selection", form(`action=sing&p=job-1/1`));
      expect(unknown.status).toBe(400);
      expect(await text(unknown)).toContain(unknownAction);
    }
  });

  it("another workspace's member gets nothing of a board or a picture through the pages: not found, and nothing changes", async () => {
    const ida = await session("acme", "ida");
    const picture = (await completedImageJob(api, ida.member, { prompt: "a kestrel over the dunes" })).job.jobId;
    const boardId = dataOf<{ boardId: string }>(
      await trpcCall(api.app, ida.member.key, "boards.create", { name: "Dune birds" }, "mutation"),
    ).boardId;
    await trpcCall(api.app, ida.member.key, "boards.add", { boardId, pictures: [{ jobId: picture }] }, "mutation");
    // The board and what is on it, without the pictures' links: those are signed afresh, with their expiry, on each read.
    const state = async () => {
      const page = dataOf<{
        board: unknown;
        items: Array<{ job: { jobId: string; updatedAt: string }; picture: number; addedAt: string }>;
      }>(await trpcCall(api.app, ida.member.key, "boards.pictures", { boardId }, "query"));
      const items = page.items.map((i) => [i.job.jobId, i.job.updatedAt, i.picture, i.addedAt]);
      return JSON.stringify([page.board, items, await api.deps.sql.db.select().from(favourites)]);
    };
    const before = await state();

    const jo = await session("globex", "jo");
    const form = (path: string, body: Record<string, string>) =>
      api.app.request(path, {
        method: "POST",
        headers: { cookie: jo.cookie, "x-csrf-token": jo.csrf, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(body).toString(),
      });
    for (const res of [
      await jo.get(`/app/boards/${boardId}`),
      await jo.get(`/app/boards/${boardId}/grid`),
      await form(`/app/boards/${boardId}`, { action: "delete" }),
      await form(`/app/boards/${boardId}`, { action: "rename", name: "Mine now" }),
      await form("/app/favourites", { p: `${picture}/1` }),
      await form("/app/selection", { action: "add-to-board", board: boardId, p: `${picture}/1` }),
      await form("/app/selection", { action: "delete", p: `${picture}/1` }),
    ]) {
      expect(res.status).toBe(404);
      expect(await res.text()).not.toMatch(/Dune birds|kestrel/);
    }
    expect(await (await jo.get("/app/boards")).text()).not.toContain("Dune birds");
    expect(await (await jo.get("/app/favourites")).text()).not.toContain("kestrel");
    expect(await state()).toBe(before);
    const stored = await rawJobs(api.deps).findOne({ jobId: picture });
    expect(stored?.status).toBe("completed");
    expect(stored?.deletedAt ?? null).toBeNull();
  });
});
