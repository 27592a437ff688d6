import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boardPictureRows } from "../../shared/db/sql/boards.js";
import { favouriteRows } from "../../shared/db/sql/favourites.js";
import { type boardPictures, type boards, favourites } from "../../shared/db/sql/organize-schema.js";
import { type TestApi, startTestApi } from "../helpers/api.js";
import { type Answer, dataOf, trpcCall } from "../helpers/http.js";
import { completedImageJob } from "../helpers/stored-jobs.js";

type Member = Awaited<ReturnType<TestApi["member"]>>;
type PicturePage = { items: Array<{ job: { jobId: string }; picture: number; addedAt: string }>; nextCursor: string | null };
type Board = { boardId: string; name: string; createdBy: string; pictures?: number };

/**
 * Favourites (a member's own) and boards (a workspace's, shared): the procedures, their refusals,
 * the pages they read, and that those pages are ranges of an index, not scans.
 */
describe("favourites and boards", () => {
  let api: TestApi;
  let alice: Member;
  let bob: Member;
  const q = (who: Member, path: string, input: unknown) => trpcCall(api.app, who.key, path, input, "query");
  const m = (who: Member, path: string, input: unknown) => trpcCall(api.app, who.key, path, input, "mutation");
  const ids = (page: PicturePage) => page.items.map((i) => `${i.job.jobId}/${i.picture}`);
  const picture = async (owner: Member, prompt: string, visibility: "workspace" | "private" = "workspace") =>
    (await completedImageJob(api, owner, { prompt, visibility })).job.jobId;
  const rowCount = async (table: typeof favourites | typeof boardPictures | typeof boards) =>
    (await api.deps.sql.db.select().from(table)).length;
  const refused = (a: Answer, status: number, message: RegExp) => {
    expect(a.status, JSON.stringify(a.body)).toBe(status);
    expect(a.body.error?.message).toMatch(message);
  };

  beforeAll(async () => {
    api = await startTestApi();
    alice = await api.member("acme", "alice");
    bob = await api.member("acme", "bob");
  }, 60_000);
  afterAll(() => api?.close());

  it("a favourite is the member's own: added once, listed newest first, invisible to a teammate, removed", async () => {
    const [seals, gulls] = [await picture(alice, "harbour seals"), await picture(alice, "gulls over the pier")];
    expect(dataOf(await m(alice, "favourites.add", { jobId: seals, picture: 1 }))).toEqual({ added: true });
    expect(dataOf(await m(alice, "favourites.add", { jobId: seals }))).toEqual({ added: false });
    expect(dataOf(await m(alice, "favourites.add", { jobId: gulls, picture: 1 }))).toEqual({ added: true });
    const hers = dataOf<PicturePage>(await q(alice, "favourites.list", {}));
    expect(ids(hers)).toEqual([`${gulls}/1`, `${seals}/1`]);
    expect(hers.items[0]?.job).toMatchObject({ jobId: gulls, input: { prompt: "gulls over the pier" } });
    // Bob sees the same shared pictures, but not alice's favourites; his own are his.
    expect(dataOf<PicturePage>(await q(bob, "favourites.list", {})).items).toEqual([]);
    expect(dataOf(await m(bob, "favourites.add", { jobId: seals, picture: 1 }))).toEqual({ added: true });
    expect(ids(dataOf<PicturePage>(await q(bob, "favourites.list", {})))).toEqual([`${seals}/1`]);
    expect(dataOf(await m(alice, "favourites.remove", { jobId: seals, picture: 1 }))).toEqual({ removed: true });
    expect(dataOf(await m(alice, "favourites.remove", { jobId: seals, picture: 1 }))).toEqual({ removed: false });
    expect(ids(dataOf<PicturePage>(await q(alice, "favourites.list", {})))).toEqual([`${gulls}/1`]);
    expect(ids(dataOf<PicturePage>(await q(bob, "favourites.list", {})))).toEqual([`${seals}/1`]);
  });

  it("refuses a picture the job does not have, a teammate's private picture and bad input, storing nothing", async () => {
    const shared = await picture(alice, "a shared lighthouse");
    const secret = await picture(alice, "a secret lighthouse", "private");
    const before = await rowCount(favourites);
    refused(await m(alice, "favourites.add", { jobId: shared, picture: 2 }), 400, /has 1 picture, not 2/);
    refused(await m(bob, "favourites.add", { jobId: secret, picture: 1 }), 404, new RegExp(`job ${secret} was not found`));
    refused(await m(bob, "favourites.add", { jobId: "nothing-here", picture: 1 }), 404, /job nothing-here was not found/);
    expect((await m(alice, "favourites.add", { jobId: shared, picture: 0 })).status).toBe(400);
    expect((await m(alice, "favourites.add", { jobId: shared, picture: 1, extra: true })).status).toBe(400);
    refused(await q(alice, "favourites.list", { cursor: "not-a-cursor" }), 400, /cursor is not one this API returned/);
    expect(await rowCount(favourites)).toBe(before);
    // Her own private picture is hers to favourite.
    expect(dataOf(await m(alice, "favourites.add", { jobId: secret }))).toEqual({ added: true });
  });

  it("pages the favourites with a cursor: every one once, newest first, whatever is added meanwhile", async () => {
    const carl = await api.member("acme", "carl");
    const made: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) {
      const jobId = await picture(alice, `tide pool ${n}`);
      made.push(jobId);
      await m(carl, "favourites.add", { jobId });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: PicturePage = dataOf<PicturePage>(await q(carl, "favourites.list", { limit: 2, cursor }));
      seen.push(...page.items.map((i) => i.job.jobId));
      cursor = page.nextCursor;
      // A favourite added while paging is newer than every cursor: it shows on a first page, not in the middle.
      if (seen.length === 2) await m(carl, "favourites.add", { jobId: await picture(alice, "late arrival") });
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
  });

  it("a board is the workspace's: a teammate sees it and its pictures, a picture is on several boards, names are unique", async () => {
    const [fox, owl, heron] = [await picture(alice, "fox"), await picture(alice, "owl"), await picture(bob, "heron")];
    const moods = dataOf<Board>(await m(alice, "boards.create", { name: "  Moods  " }));
    expect(moods).toMatchObject({ name: "Moods", createdBy: "alice", pictures: 0 });
    refused(await m(bob, "boards.create", { name: "moods" }), 409, /there is a board named "moods" already/);
    const walls = dataOf<Board>(await m(bob, "boards.create", { name: "Walls" }));
    expect(
      dataOf(
        await m(alice, "boards.add", {
          boardId: moods.boardId,
          pictures: [
            { jobId: fox, picture: 1 },
            { jobId: owl, picture: 1 },
          ],
        }),
      ),
    ).toEqual({ added: 2 });
    expect(dataOf(await m(bob, "boards.add", { boardId: moods.boardId, pictures: [{ jobId: fox }, { jobId: heron }] }))).toEqual({
      added: 1,
    });
    expect(dataOf(await m(bob, "boards.add", { boardId: walls.boardId, pictures: [{ jobId: fox }] }))).toEqual({ added: 1 });
    const listed = dataOf<{ items: Board[] }>(await q(bob, "boards.list", undefined)).items;
    expect(listed.map((b) => [b.name, b.pictures])).toEqual([
      ["Moods", 3],
      ["Walls", 1],
    ]);
    const page = dataOf<PicturePage & { board: Board }>(await q(bob, "boards.pictures", { boardId: moods.boardId }));
    expect(page.board.name).toBe("Moods");
    expect(new Set(ids(page))).toEqual(new Set([`${fox}/1`, `${owl}/1`, `${heron}/1`]));
    expect(ids(page)[0]).toBe(`${heron}/1`);
    // Off one board, still on the other.
    expect(dataOf(await m(alice, "boards.remove", { boardId: moods.boardId, pictures: [{ jobId: fox }] }))).toEqual({ removed: 1 });
    expect(ids(dataOf<PicturePage>(await q(alice, "boards.pictures", { boardId: walls.boardId })))).toEqual([`${fox}/1`]);
  });

  it("only a board's creator renames or deletes it; a private picture on it shows to its owner alone; a refused add adds nothing", async () => {
    const board = dataOf<Board>(await m(alice, "boards.create", { name: "Draft" }));
    refused(await m(bob, "boards.rename", { boardId: board.boardId, name: "Mine" }), 403, /only the board's creator \(alice\)/);
    refused(await m(bob, "boards.delete", { boardId: board.boardId }), 403, /only the board's creator/);
    expect(dataOf<Board>(await m(alice, "boards.rename", { boardId: board.boardId, name: "Final" })).name).toBe("Final");
    refused(await m(alice, "boards.rename", { boardId: board.boardId, name: "walls" }), 409, /named "walls" already/);
    expect((await m(alice, "boards.create", { name: "a\nb" })).status).toBe(400);
    expect((await m(alice, "boards.create", { name: "x".repeat(81) })).status).toBe(400);

    const secret = await picture(alice, "alice's secret", "private");
    const open = await picture(alice, "open sea");
    // Bob may not put alice's private picture on it, and the other picture of the call is not added either.
    refused(
      await m(bob, "boards.add", { boardId: board.boardId, pictures: [{ jobId: open }, { jobId: secret }] }),
      404,
      new RegExp(`job ${secret} was not found`),
    );
    expect(dataOf<PicturePage>(await q(alice, "boards.pictures", { boardId: board.boardId })).items).toEqual([]);
    expect(dataOf(await m(alice, "boards.add", { boardId: board.boardId, pictures: [{ jobId: open }, { jobId: secret }] }))).toEqual({
      added: 2,
    });
    // Added in one call, both at one time: the page orders them by job id after that, not by the call's order.
    expect(ids(dataOf<PicturePage>(await q(alice, "boards.pictures", { boardId: board.boardId }))).sort()).toEqual(
      [`${open}/1`, `${secret}/1`].sort(),
    );
    expect(ids(dataOf<PicturePage>(await q(bob, "boards.pictures", { boardId: board.boardId })))).toEqual([`${open}/1`]);

    expect(dataOf(await m(alice, "boards.delete", { boardId: board.boardId }))).toEqual({ boardId: board.boardId, deleted: true });
    refused(await q(bob, "boards.pictures", { boardId: board.boardId }), 404, /board .* was not found/);
    refused(await m(alice, "boards.add", { boardId: board.boardId, pictures: [{ jobId: open }] }), 404, /board .* was not found/);
    expect((await q(alice, "boards.pictures", { boardId: "not-a-uuid" })).status).toBe(400);
  });

  it("a deleted job leaves every favourites list and board", async () => {
    const gone = await picture(alice, "soon gone");
    const board = dataOf<Board>(await m(alice, "boards.create", { name: "Ephemeral" }));
    await m(alice, "favourites.add", { jobId: gone });
    await m(bob, "favourites.add", { jobId: gone });
    await m(alice, "boards.add", { boardId: board.boardId, pictures: [{ jobId: gone }] });
    expect((await m(alice, "jobs.delete", { jobId: gone })).status).toBe(200);
    expect(ids(dataOf<PicturePage>(await q(bob, "favourites.list", {})))).not.toContain(`${gone}/1`);
    expect(dataOf<PicturePage>(await q(alice, "boards.pictures", { boardId: board.boardId })).items).toEqual([]);
    const left = await api.deps.sql.db.select().from(favourites);
    expect(left.filter((r) => r.jobId === gone)).toEqual([]);
  });

  it("a page of favourites or of a board is a range of its index, in the index's order (no sort, no scan)", async () => {
    const who = { workspaceId: alice.workspaceId, userId: alice.userId };
    const cursor = Buffer.from(JSON.stringify([Date.now(), "z", 1])).toString("base64url");
    const plans: string[] = [];
    const client = await api.deps.sql.pool.connect();
    try {
      await client.query("begin");
      // The tables are small here; without this the planner would rightly read them whole.
      await client.query("set local enable_seqscan = off");
      for (const query of [
        // The statements the two list reads send, run here under EXPLAIN.
        favouriteRowsSql(who, cursor),
        boardRowsSql("00000000-0000-4000-8000-000000000000", cursor),
      ]) {
        const { rows } = await client.query<{ "QUERY PLAN": string }>(`explain ${query.sql}`, query.params);
        plans.push(rows.map((r) => r["QUERY PLAN"]).join("\n"));
      }
      await client.query("rollback");
    } finally {
      client.release();
    }
    expect(plans[0]).toMatch(/Index (Only )?Scan Backward using favourites_recent/);
    expect(plans[1]).toMatch(/Index (Only )?Scan Backward using board_pictures_recent/);
    for (const plan of plans) expect(plan).not.toMatch(/Sort|Seq Scan/);
  });

  function favouriteRowsSql(who: { workspaceId: string; userId: string }, cursor: string) {
    return favouriteRows(api.deps.sql.db, who, { limit: 25, cursor }).toSQL();
  }
  function boardRowsSql(boardId: string, cursor: string) {
    return boardPictureRows(api.deps.sql.db, boardId, { limit: 25, cursor }).toSQL();
  }
});
