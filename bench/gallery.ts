import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp } from "../server/app.js";
import { connectDeps } from "../server/deps-connect.js";
import type { Config } from "../shared/config.js";
import type { JobDocument } from "../shared/db/mongo/job-schema.js";
import { JOBS_COLLECTION } from "../shared/db/mongo/jobs-collection.js";
import { createApiKey, ensureMember, ensureWorkspace } from "../shared/db/sql/accounts.js";
import { createSignInLink, redeemSignInLink } from "../shared/db/sql/web-sessions.js";
import { createLogger } from "../shared/logger.js";
import { createRecordingQueue } from "./recording-queue.js";
import { GALLERY_PAGE_JOBS } from "../server/web/routes.js";
import type { Figure } from "./figure.js";
import { measure } from "./load.js";
import { scratchDatabase } from "./scratch-db.js";
import { settleDocsStore } from "./settle.js";

/** Image jobs in the workspace: the size the gallery's first page must stay fast at. */
const GALLERY_JOBS = 10_000;
const MEMBERS = 20;

/**
 * The gallery's first page (GET /app: the page, its jobs.list of 24 jobs, the LoRA list and the
 * member list, rendered) with 10,000 image jobs in the workspace, beside the API's own list call
 * (tRPC jobs.list, the same 24 jobs) in the same run.
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
    log(`gallery: ${GALLERY_JOBS} image jobs of ${MEMBERS} members`);
    const start = Date.now() - GALLERY_JOBS * 60_000;
    for (let batch = 0; batch < GALLERY_JOBS / 1000; batch++) {
      const docs = Array.from({ length: 1000 }, (_, i): JobDocument => {
        const n = batch * 1000 + i;
        const jobId = randomUUID();
        const userId = `member-${n % MEMBERS}`;
        const createdAt = new Date(start + n * 60_000);
        const key = `generated-images/${userId}/${jobId}/image_1.png`;
        return {
          _id: jobId,
          jobId,
          type: "image-generation",
          status: "completed",
          userId,
          workspaceId: ws.id,
          visibility: n % 10 === 0 ? "private" : "workspace",
          input: { prompt: `picture number ${n} of a long month`, imageSize: "square", count: 1 },
          progress: 100,
          provider: null,
          error: null,
          deletedAt: null,
          versions: [
            {
              version: 1,
              seed: String(n),
              images: [{ url: key, s3Key: key, width: 1024, height: 1024, sizeBytes: 1_500_000, contentType: "image/png" }],
              createdAt,
            },
          ],
          searchTerms: ["picture", "number", String(n), "long", "month", "image_1", "png"],
          createdAt,
          updatedAt: createdAt,
        };
      });
      await deps.mongo.db.collection<JobDocument>(JOBS_COLLECTION).insertMany(docs);
    }
    await settleDocsStore(docsSqlUrl);
    const { token } = await createSignInLink(deps.sql.db, { workspaceId: ws.id, userId: viewer.userId, origin: "api" });
    const signedIn = await redeemSignInLink(deps.sql.db, token);
    if (!signedIn.ok) throw new Error("bench sign-in failed");

    const server = serve({ fetch: createApp(deps).fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((r) => server.once("listening", r));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      log("gallery: tRPC jobs.list (24 image jobs)");
      const input = encodeURIComponent(JSON.stringify({ type: "image-generation", limit: GALLERY_PAGE_JOBS }));
      const api = await measure("tRPC jobs.list, 24 image jobs", `${origin}/trpc/jobs.list?input=${input}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      log("gallery: GET /app, first page");
      const page = await measure("gallery first page (GET /app)", `${origin}/app`, {
        headers: { cookie: `cg_session=${signedIn.sessionToken}` },
      });
      for (const r of [api, page])
        if (r.errors + r.non2xx > 0) throw new Error(`${r.name}: ${r.errors} errors, ${r.non2xx} non-2xx answers`);
      const baseline = api.name;
      return [
        { name: `${page.name}: throughput`, value: page.requestsPerSecond, unit: "req/s", baseline, baselineValue: api.requestsPerSecond },
        { name: `${page.name}: p50 latency`, value: page.p50Ms, unit: "ms", baseline, baselineValue: api.p50Ms },
        { name: `${page.name}: p99 latency`, value: page.p99Ms, unit: "ms", baseline, baselineValue: api.p99Ms },
      ];
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  } finally {
    await deps.close();
    await db.drop();
  }
}
