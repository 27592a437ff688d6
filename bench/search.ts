import { randomUUID } from "node:crypto";
import { startServer } from "../server/serve.js";
import type { Config } from "../shared/config.js";
import { createApiKey, ensureMember, ensureWorkspace } from "../shared/db/sql/accounts.js";
import { createLogger } from "../shared/logger.js";
import type { PassageSearch } from "../shared/db/mongo/meeting-passages.js";
import { parseMeetingQuery, phrasePattern, queryTerms } from "../shared/meeting-search/query.js";
import type { Figure } from "./figure.js";
import { createRecordingQueue } from "./recording-queue.js";
import { scratchDatabase } from "./scratch-db.js";
import { settleDocsStore } from "./settle.js";
import { now, percentile } from "./stats.js";

const MEETINGS = 1_000;
const TURNS = 20;
const WORDS_PER_TURN = 30;
/** Searches of each query, one at a time, through the procedure and directly on the store alike. */
const ROUNDS = 60;

/** Everyday meeting words, drawn with a skew so a few are in many passages and most in few. */
const vocabulary = (
  "we the team next week quarter pricing plan budget roadmap customer release review decision action item owner follow up " +
  "design launch sales numbers marketing hiring goal metric churn revenue support ticket bug fix deploy migration contract " +
  "partner demo feedback survey timeline risk scope estimate sprint backlog priority meeting notes agenda summary question " +
  "answer agree disagree maybe later today tomorrow monday friday email call slack document draft final version legal " +
  "finance board investor office remote travel event conference webinar training onboarding security audit compliance"
)
  .split(" ")
  .concat(Array.from({ length: 400 }, (_, i) => `term${i}`));

/** A fixed sequence, so every run searches the same passages. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * `transcripts.search` over 1,000 stored meetings of one workspace (20 turns of 30 words each,
 * 20,000 passages, written through the worker's own indexing call) beside the same query sent
 * directly to the store in the same run: a common word, two words, a phrase and a rare word.
 */
export async function searchBenchmark(base: Config, log: (m: string) => void, docsSqlUrl?: string): Promise<Figure[]> {
  const db = await scratchDatabase(base.databaseUrl, "benchs");
  const config: Config = {
    ...base,
    port: 0,
    databaseUrl: db.url,
    logLevel: "silent",
    mongo: { ...base.mongo, db: `benchs${randomUUID().slice(0, 6)}` },
  };
  const server = await startServer(config, createLogger(config), createRecordingQueue());
  try {
    const ws = await ensureWorkspace(server.deps.sql.db, { slug: "search-bench" });
    const member = await ensureMember(server.deps.sql.db, ws.id, "bench");
    const { key } = await createApiKey(server.deps.sql.db, { workspaceId: ws.id, memberId: member.id, kind: "user", name: "bench" });
    const next = random(36);
    const pick = () => vocabulary[Math.floor(next() ** 2.5 * vocabulary.length)] ?? "we";
    const seeded = now();
    for (let m = 0; m < MEETINGS; m++) {
      const jobId = randomUUID();
      const createdAt = new Date(Date.UTC(2026, 0, 1) + m * 3_600_000);
      await server.deps.jobs.create(
        {
          jobId,
          type: "transcription",
          userId: "bench",
          workspaceId: ws.id,
          input: { uploadKey: `temp/${ws.id}/bench/${jobId}/m${m}.wav` },
        },
        createdAt,
      );
      const passages = Array.from({ length: TURNS }, (_, t) => ({
        speaker: t % 2 ? "B" : "A",
        start: t * 12_000,
        end: t * 12_000 + 11_000,
        text: `${Array.from({ length: WORDS_PER_TURN }, pick).join(" ")}${m % 100 === 7 && t === 3 ? " kubernetes" : ""}.`,
      }));
      await server.deps.jobs.passages.replace(
        { jobId, workspaceId: ws.id, userId: "bench", visibility: "workspace", createdAt },
        `m${m}.wav`,
        "transcript",
        passages,
      );
      if ((m + 1) % 250 === 0) log(`search: ${m + 1} meetings stored`);
    }
    log(`search: ${MEETINGS * TURNS} passages of ${MEETINGS} meetings stored in ${((now() - seeded) / 1000).toFixed(0)} s`);
    // The statistics autovacuum would gather a minute later: without them PostgreSQL takes a common
    // word for a rare one and sorts every passage holding it instead of reading the sort index.
    await settleDocsStore(docsSqlUrl);
    const queries = ["pricing", "budget roadmap", '"next week"', "kubernetes"];
    const viaApi = async (query: string) => {
      const res = await fetch(`${server.url}/trpc/transcripts.search?input=${encodeURIComponent(JSON.stringify({ query, limit: 10 }))}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      if (!res.ok) throw new Error(`transcripts.search answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { result: { data: { hits: unknown[] } } }).result.data.hits.length;
    };
    // What the procedure asks of the store for the same query: the same parse, the same find.
    const direct = async (query: string) => {
      const q = parseMeetingQuery(query);
      const s: PassageSearch = {
        workspaceId: ws.id,
        userId: "bench",
        terms: queryTerms(q),
        patterns: q.phrases.map(phrasePattern),
        limit: 10,
      };
      return (await server.deps.jobs.passages.search(s)).items.length;
    };
    for (const q of queries) {
      const [a, b] = [await viaApi(q), await direct(q)];
      if (a !== b || a === 0) throw new Error(`"${q}": the procedure found ${a} hits, the store ${b}`);
    }
    const api: number[] = [];
    const store: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      for (const q of queries) {
        let t0 = now();
        await viaApi(q);
        api.push(now() - t0);
        t0 = now();
        await direct(q);
        store.push(now() - t0);
      }
    }
    const baseline = "the same query directly on the store";
    const figure = (p: number): Figure => ({
      name: `transcripts.search over ${MEETINGS} meetings (${MEETINGS * TURNS} passages), p${p}`,
      value: percentile(api, p),
      unit: "ms",
      baseline: `${baseline} p${p}`,
      baselineValue: percentile(store, p),
    });
    return [figure(50), figure(99)];
  } finally {
    await server.stop();
    await db.drop();
  }
}
