import type { AddressInfo } from "node:net";
import os from "node:os";
import { serve } from "@hono/node-server";
import { createApp } from "../server/app.js";
import { connectDeps } from "../server/deps-connect.js";
import type { Config } from "../shared/config.js";
import { createApiKey, ensureMember, ensureWorkspace } from "../shared/db/sql/accounts.js";
import { createSignInLink, redeemSignInLink } from "../shared/db/sql/web-sessions.js";
import { createLogger } from "../shared/logger.js";
import { createRecordingQueue } from "./recording-queue.js";
import { GALLERY_PAGE_JOBS } from "../server/web/routes.js";
import type { Figure } from "./figure.js";
import { seedGallery } from "./gallery-seed.js";
import { zipMemory } from "./gallery-zip.js";
import { type LoadResult, measure } from "./load.js";
import { scratchDatabase } from "./scratch-db.js";
import { formatBreakdown, timingBreakdown } from "./server-timing.js";
import { settleDocsStore } from "./settle.js";

/** Jobs in the workspace: the size every gallery page must stay fast at (issue 35: p99 < 200 ms). */
const GALLERY_JOBS = 100_000;
const MEMBERS = 20;
/** How deep the "later page" is: the cursor after this many pages, as scrolling down would reach it. */
const LATER_PAGE = 10;

/**
 * The gallery's pages with 100,000 jobs in one workspace (pictures of three shapes, transcripts,
 * LoRAs; a board and the viewer's favourites of 2,000 pictures each): the first page and a later
 * cursor page (what the page script loads while scrolling) of every order, of "All types" and
 * "Images", of a member's pictures, of the board and of the favourites, each beside the API's own
 * list call (tRPC jobs.list, 24 jobs of all types) measured in the same run; and the memory a
 * 100-picture zip download takes (gallery-zip.ts).
 */
export async function galleryBenchmark(base: Config, log: (m: string) => void, docsSqlUrl?: string): Promise<Figure[]> {
  const db = await scratchDatabase(base.databaseUrl, "bench");
  const config: Config = {
    ...base,
    databaseUrl: db.url,
    logLevel: "silent",
    mongo: { ...base.mongo, db: db.name },
    s3: { ...base.s3, bucket: `bench-${db.name.slice(6)}` },
  };
  const deps = await connectDeps(config, createLogger(config), createRecordingQueue());
  try {
    const ws = await ensureWorkspace(deps.sql.db, { slug: "gallery-bench" });
    const members = await Promise.all(Array.from({ length: MEMBERS }, (_, i) => ensureMember(deps.sql.db, ws.id, `member-${i}`)));
    const viewer = members[0];
    if (!viewer) throw new Error("no member");
    const { key } = await createApiKey(deps.sql.db, { workspaceId: ws.id, memberId: viewer.id, kind: "user", name: "bench" });
    log(`gallery: ${GALLERY_JOBS} jobs of ${MEMBERS} members`);
    const { boardId, pictures } = await seedGallery(deps, {
      workspaceId: ws.id,
      viewer: viewer.userId,
      jobs: GALLERY_JOBS,
      members: MEMBERS,
      log,
    });
    await settleDocsStore(docsSqlUrl);
    const { token } = await createSignInLink(deps.sql.db, { workspaceId: ws.id, userId: viewer.userId, origin: "api" });
    const signedIn = await redeemSignInLink(deps.sql.db, token);
    if (!signedIn.ok) throw new Error("bench sign-in failed");

    const server = serve({ fetch: createApp(deps).fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((r) => server.once("listening", r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const api = { authorization: `Bearer ${key}` };
    const session = { cookie: `cg_session=${signedIn.sessionToken}` };
    const trpc = async (path: string, input: unknown) => {
      const res = await fetch(`${origin}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: api });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { result: { data: { nextCursor: string | null } } }).result.data;
    };
    /** The cursor LATER_PAGE pages in, walked through the API with the page size the web page asks for. */
    const laterCursor = async (path: string, input: Record<string, unknown>, limit = GALLERY_PAGE_JOBS) => {
      let cursor: string | null = null;
      for (let i = 0; i < LATER_PAGE; i++) cursor = (await trpc(path, { ...input, limit, cursor })).nextCursor;
      if (!cursor) throw new Error(`${path} ended before page ${LATER_PAGE + 1}`);
      return encodeURIComponent(cursor);
    };
    try {
      const baseline = await measure(
        "tRPC jobs.list, 24 jobs",
        `${origin}/trpc/jobs.list?input=${encodeURIComponent(JSON.stringify({ limit: GALLERY_PAGE_JOBS }))}`,
        {
          headers: api,
        },
      );
      log(`gallery: ${baseline.name}: p50 ${baseline.p50Ms} ms, p99 ${baseline.p99Ms} ms (load average ${os.loadavg()[0]?.toFixed(2)})`);
      const routes: Array<{ name: string; url: string }> = [];
      const grid = [
        { name: "newest, All types", query: "", input: {} },
        { name: "oldest", query: "sort=oldest", input: { sort: "oldest" } },
        { name: "most used", query: "sort=most-used", input: { sort: "most-used" } },
        { name: "Images, newest", query: "type=image-generation", input: { type: "image-generation" } },
        {
          name: "Images, most used",
          query: "type=image-generation&sort=most-used",
          input: { type: "image-generation", sort: "most-used" },
        },
        { name: "one member, oldest", query: "member=member-3&sort=oldest", input: { userId: "member-3", sort: "oldest" } },
      ];
      for (const g of grid) {
        routes.push({ name: `gallery ${g.name}: first page`, url: `${origin}/app${g.query ? `?${g.query}` : ""}` });
        const cursor = await laterCursor("jobs.list", g.input);
        routes.push({
          name: `gallery ${g.name}: page ${LATER_PAGE + 1}`,
          url: `${origin}/app/grid?${g.query ? `${g.query}&` : ""}cursor=${cursor}`,
        });
      }
      const organizedPage = 24;
      routes.push({ name: "favourites: first page", url: `${origin}/app/favourites` });
      routes.push({
        name: `favourites: page ${LATER_PAGE + 1}`,
        url: `${origin}/app/favourites/grid?cursor=${await laterCursor("favourites.list", {}, organizedPage)}`,
      });
      routes.push({ name: "board: first page", url: `${origin}/app/boards/${boardId}` });
      routes.push({
        name: `board: page ${LATER_PAGE + 1}`,
        url: `${origin}/app/boards/${boardId}/grid?cursor=${await laterCursor("boards.pictures", { boardId }, organizedPage)}`,
      });
      // The machine is shared: each figure's log line carries the load average it was measured at.
      const load = () => `load average ${os.loadavg()[0]?.toFixed(2)}`;
      const results: LoadResult[] = [];
      for (const r of routes) {
        const result = await measure(r.name, r.url, { headers: session, seconds: 3 });
        log(`gallery: ${r.name}: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms (${load()})`);
        results.push(result);
      }
      // Where the time goes, one request at a time: each step's median from the pages' Server-Timing.
      for (const r of routes)
        log(`gallery breakdown: ${formatBreakdown(await timingBreakdown(r.name, r.url, { headers: session }))} (${load()})`);
      for (const r of [baseline, ...results]) {
        if (r.errors + r.non2xx > 0) throw new Error(`${r.name}: ${r.errors} errors, ${r.non2xx} non-2xx answers`);
      }
      const zip = await zipMemory(deps.storage, pictures, (query) => `${origin}/app/zip?${query}`, session, log);
      return [
        ...results.flatMap((r): Figure[] => [
          { name: `${r.name}: p50 latency`, value: r.p50Ms, unit: "ms", baseline: baseline.name, baselineValue: baseline.p50Ms },
          { name: `${r.name}: p99 latency`, value: r.p99Ms, unit: "ms", baseline: baseline.name, baselineValue: baseline.p99Ms },
        ]),
        ...zip,
      ];
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  } finally {
    await deps.close();
    await db.drop();
  }
}
