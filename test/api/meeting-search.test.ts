import { type CommandStartedEvent, MongoClient } from "mongodb";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { searchMeetings } from "../../jobs/search-meetings.js";
import { JobsRepository, PASSAGES_COLLECTION, passageIndexes } from "../../shared/db/mongo/index.js";
import { backfillTranscripts } from "../../shared/meeting-search/index-transcript.js";
import { type TestApi, startTestApi } from "../helpers/api.js";
import { pushedDownOrder } from "../helpers/ferretdb-sql.js";
import { type Answer, dataOf, trpcCall } from "../helpers/http.js";
import { storedMeeting } from "../helpers/stored-meetings.js";

type Member = Awaited<ReturnType<TestApi["member"]>>;
type Hit = {
  jobId: string;
  fileName: string;
  speaker: string | null;
  start: number;
  end: number;
  quote: string;
  matches: Array<{ start: number; end: number }>;
};
type Found = { hits: Hit[]; nextCursor: string | null; terms: string[]; phrases: string[] };

/**
 * transcripts.search: the team's meetings by words and "quoted phrases", hits as quotes with
 * speaker and time, newest meeting first, paged by cursor, a workspace's and a member's private
 * meetings kept to them; the passages follow their job (retry, share, delete), and the query the
 * procedure sends is served by the store's indexes.
 */
describe("search across meetings", () => {
  let api: TestApi;
  let alice: Member;
  let bob: Member;
  let carol: Member;
  const meetings = { planning: "", standup: "", bobPrivate: "", carols: "" };
  const search = (who: Member, input: unknown) => trpcCall(api.app, who.key, "transcripts.search", input, "query");
  const found = async (who: Member, input: unknown) => dataOf<Found>(await search(who, input));
  const marked = (h: Hit) => h.matches.map((m) => h.quote.slice(m.start, m.end));

  beforeAll(async () => {
    api = await startTestApi();
    alice = await api.member("meetco", "alice");
    bob = await api.member("meetco", "bob");
    carol = await api.member("otherco", "carol");
    const day = (d: number) => new Date(Date.UTC(2026, 10, d, 9));
    meetings.planning = (
      await storedMeeting(
        api,
        alice,
        [
          ["A", "Welcome everyone to the planning call."],
          ["B", "We decided the pricing for next quarter stays as it is."],
          ["A", "Good. Next, the quarter review of pricing pages."],
        ],
        { fileName: "planning.wav", createdAt: day(2) },
      )
    ).jobId;
    meetings.standup = (
      await storedMeeting(api, bob, [["A", "Pricing came up again: next quarter we raise it."]], {
        fileName: "standup.mp3",
        createdAt: day(3),
      })
    ).jobId;
    meetings.bobPrivate = (
      await storedMeeting(api, bob, [["A", "Private pricing notes for next quarter."]], { createdAt: day(4), visibility: "private" })
    ).jobId;
    meetings.carols = (await storedMeeting(api, carol, [["A", "Our pricing for next quarter is secret."]], { createdAt: day(5) })).jobId;
  }, 60_000);
  afterAll(() => api?.close());

  it("finds every word of the query: quotes with speaker, times in ms and the matched words marked, newest meeting first", async () => {
    const { hits } = await found(alice, { query: "pricing quarter" });
    expect(hits.map((h) => h.jobId)).toEqual([meetings.standup, meetings.planning, meetings.planning]);
    const [standup, decided, review] = hits as [Hit, Hit, Hit];
    expect(standup).toMatchObject({
      fileName: "standup.mp3",
      speaker: "A",
      start: 0,
      quote: "Pricing came up again: next quarter we raise it.",
    });
    expect(marked(standup)).toEqual(["Pricing", "quarter"]);
    // The second speaker's turn starts after the six words of the first, 400 ms each.
    expect(decided).toMatchObject({ fileName: "planning.wav", speaker: "B", start: 2400 });
    expect(decided.end).toBeGreaterThan(decided.start);
    expect(review.start).toBeGreaterThan(decided.end);
    expect(marked(decided)).toEqual(["pricing", "quarter"]);
    // Case and punctuation do not matter; a word missing from a passage leaves it out.
    expect((await found(alice, { query: "WELCOME, planning!" })).hits.map((h) => h.start)).toEqual([0]);
    expect((await found(alice, { query: "pricing welcome" })).hits).toEqual([]);
  });

  it('checks "quoted phrases" on the text: the words in that order, whole words only', async () => {
    const phrase = await found(alice, { query: '"next quarter" pricing' });
    expect(phrase.phrases).toEqual(["next quarter"]);
    expect(phrase.hits.map((h) => h.start)).toEqual([0, 2400]);
    expect(marked(phrase.hits[1] as Hit)).toEqual(["pricing", "next quarter"]);
    // "quarter review" is in the third turn only; "quarter next" in none; curly quotes work too.
    expect((await found(alice, { query: "“quarter review”" })).hits.map((h) => h.jobId)).toEqual([meetings.planning]);
    expect((await found(alice, { query: '"quarter next"' })).hits).toEqual([]);
    expect((await found(alice, { query: '"pricing for next"' })).hits).toHaveLength(1);
  });

  it("pages by cursor: every hit once, in order; a cursor it did not issue is refused", async () => {
    const all = (await found(alice, { query: "pricing", limit: 50 })).hits.map((h) => `${h.jobId}@${h.start}`);
    expect(all).toHaveLength(3);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Found = await found(alice, { query: "pricing", limit: 1, cursor });
      expect(page.hits.length).toBeLessThanOrEqual(1);
      paged.push(...page.hits.map((h) => `${h.jobId}@${h.start}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    const bad = await search(alice, { query: "pricing", cursor: "bm90LWEtY3Vyc29y" });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/cursor/);
  });

  it("keeps to the caller's workspace, and a private meeting to its owner", async () => {
    const seen = async (who: Member) => new Set((await found(who, { query: "pricing", limit: 50 })).hits.map((h) => h.jobId));
    const aliceSees = await seen(alice);
    expect(aliceSees.has(meetings.carols)).toBe(false);
    expect(aliceSees.has(meetings.bobPrivate)).toBe(false);
    expect((await seen(bob)).has(meetings.bobPrivate)).toBe(true);
    expect([...(await seen(carol))]).toEqual([meetings.carols]);
    // Shared with the team, bob's private meeting is found by alice too.
    expect((await trpcCall(api.app, bob.key, "jobs.share", { jobId: meetings.bobPrivate }, "mutation")).status).toBe(200);
    expect((await seen(alice)).has(meetings.bobPrivate)).toBe(true);
  });

  it("refuses a query it cannot search, with a reason, and changes nothing", async () => {
    const refused = (a: Answer, message: RegExp) => {
      expect(a.status, JSON.stringify(a.body)).toBe(400);
      expect(a.body.error?.message).toMatch(message);
    };
    refused(await search(alice, { query: "   " }), /empty/);
    refused(await search(alice, { query: "a ? !" }), /at least 2 letters/);
    refused(await search(alice, { query: "x".repeat(201) }), /200/);
    refused(await search(alice, { query: Array.from({ length: 13 }, (_, i) => `word${i}`).join(" ") }), /more than 12/);
    refused(await search(alice, { query: "pricing", limit: 0 }), /limit|>=1|too small/i);
  });

  it("indexes a retried job once, the old transcriptions by the backfill, and forgets a deleted job's passages", async () => {
    const passages = api.deps.mongo.db.collection(PASSAGES_COLLECTION);
    const legacy = await storedMeeting(api, alice, [["A", "An old recording about lighthouse budgets."]], { index: false });
    expect((await found(alice, { query: "lighthouse" })).hits).toEqual([]);
    const warnings: string[] = [];
    const backfill = () =>
      backfillTranscripts(
        api.deps.jobs,
        api.deps.storage,
        api.deps.jobs.transcripts.finishedTranscriptions(),
        (id) => void warnings.push(id),
      );
    expect(await backfill()).toBe(1);
    expect(await backfill()).toBe(0);
    expect(warnings).toEqual([]);
    expect((await found(alice, { query: "lighthouse budgets" })).hits.map((h) => h.jobId)).toEqual([legacy.jobId]);
    // The same passages written again (a worker's retry) are the same documents.
    const job = await api.deps.jobs.get(legacy.jobId);
    if (!job) throw new Error("legacy meeting missing");
    const count = await passages.countDocuments({ jobId: legacy.jobId });
    await api.deps.jobs.passages.replace({ ...job, workspaceId: alice.workspaceId, visibility: "workspace" }, "x.wav", "transcript", [
      { speaker: "A", start: 0, end: 10, text: "An old recording about lighthouse budgets." },
    ]);
    expect(await passages.countDocuments({ jobId: legacy.jobId })).toBe(count);
    expect((await trpcCall(api.app, alice.key, "jobs.delete", { jobId: legacy.jobId }, "mutation")).status).toBe(200);
    expect(await passages.countDocuments({ jobId: legacy.jobId })).toBe(0);
    expect((await found(alice, { query: "lighthouse" })).hits).toEqual([]);
  });

  it("counts each term, then sends one find; an index serves each: on MongoDB workspace_terms_recent, on the embedded store its GIN and sort indexes (EXPLAIN)", async () => {
    // Passages of another team, so the planner has a table worth an index to read.
    const filler = api.deps.mongo.db.collection(PASSAGES_COLLECTION);
    const base = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 4000; i += 1000) {
      await filler.insertMany(
        Array.from({ length: 1000 }, (_, k) => ({
          _id: `filler-${i + k}:transcript:000000`,
          workspaceId: "ws-filler",
          userId: "u",
          private: false,
          jobId: `filler-${i + k}`,
          fileName: "f.wav",
          createdAt: new Date(base + (i + k) * 1000),
          source: "transcript",
          speaker: "A",
          start: 0,
          end: 1000,
          text: `filler words number${i + k} about pricing`,
          terms: ["filler", "words", `number${i + k}`, "about", "pricing"],
        })) as never[],
      );
    }
    const commands: CommandStartedEvent[] = [];
    const others: CommandStartedEvent[] = [];
    const monitored = new MongoClient(api.deps.config.mongo.url ?? "", { monitorCommands: true });
    monitored.on("commandStarted", (e) => {
      if (e.commandName === "find") (e.command.find === PASSAGES_COLLECTION ? commands : others).push(e);
    });
    try {
      const jobs = new JobsRepository(monitored.db(api.deps.config.mongo.db));
      const principal = {
        workspaceId: alice.workspaceId,
        workspaceSlug: "meetco",
        userId: alice.userId,
        keyId: alice.keyId,
        via: "user-key" as const,
      };
      const result = await searchMeetings({ principal, deps: { ...api.deps, jobs } }, { query: '"next quarter" pricing', limit: 10 });
      expect(result.hits.length).toBeGreaterThan(0);
      // One count of each term's first passages, then the search itself: every find is read through the index.
      const terms = ["next", "quarter", "pricing", "next quarter"];
      expect(commands).toHaveLength(terms.length + 1);
      // Besides them, one read of the hits' jobs by id, for the names the team gave their speakers.
      expect(others.map((c) => Object.keys((c.command.filter as { _id: object })._id))).toEqual([["$in"]]);
      const index = passageIndexes.find((i) => i.name === "workspace_terms_recent");
      const keys = Object.entries(index?.key ?? {});
      expect(keys.slice(0, 2).map(([k]) => k)).toEqual(["workspaceId", "terms"]);
      const sent = commands.map((c) => {
        const { filter, sort } = c.command as { filter: Record<string, unknown>; sort: Map<string, number> | Record<string, number> };
        return { filter, sort: sort instanceof Map ? Object.fromEntries(sort) : sort };
      });
      // MongoDB: the equalities lead the declared index, the sort follows it in the same order.
      for (const { filter, sort } of sent) {
        expect(filter.workspaceId).toBe(alice.workspaceId);
        expect(typeof filter.terms).toBe("string");
        expect(Object.entries(sort)).toEqual(keys.slice(2));
      }
      expect(
        sent
          .slice(0, -1)
          .map((c) => c.filter.terms)
          .sort(),
      ).toEqual([...terms].sort());
      // The rarest term bounds the search: here the pair, which only the phrase's passages hold.
      const { filter, sort } = sent.at(-1) ?? { filter: {}, sort: {} };
      expect(filter.terms).toBe("next quarter");
      const mongoSqlUrl = inject("stack").mongoSqlUrl;
      if (!mongoSqlUrl) return;
      // The embedded store: the statement FerretDB sends for that find (the two top-level
      // equalities as containment, the sort pushed down), as PostgreSQL plans it.
      const sql = new pg.Client({ connectionString: mongoSqlUrl });
      await sql.connect();
      try {
        const schema = api.deps.config.mongo.db;
        const { rows: meta } = await sql.query<{ table: string }>(
          `select _jsonb ->> 'table' as table from ${sql.escapeIdentifier(schema)}._ferretdb_database_metadata where _jsonb ->> '_id' = $1`,
          [PASSAGES_COLLECTION],
        );
        const table = `${sql.escapeIdentifier(schema)}.${sql.escapeIdentifier(meta[0]?.table ?? "")}`;
        await sql.query(`analyze ${table}`);
        const order = [...pushedDownOrder("createdAt", true), ...pushedDownOrder("_id", false)];
        const explain = async (workspaceId: string, term: string) => {
          const { rows } = await sql.query<{ "QUERY PLAN": string }>(
            `explain select _jsonb from ${table} where (_jsonb -> 'workspaceId') @> $1 and (_jsonb -> 'terms') @> $2 order by ${order.join(", ")} limit 11`,
            [JSON.stringify(workspaceId), JSON.stringify(term)],
          );
          return rows.map((r) => r["QUERY PLAN"]).join("\n");
        };
        const indexRead = /(Index Scan using|Bitmap Index Scan on) \S+_(gin|sort)\b/;
        // A small workspace is read through its GIN index; in a large one a rare word through the
        // terms' GIN index, a common word in order through the sort index. Never the whole table.
        const small = await explain(alice.workspaceId, String(filter.terms));
        const rare = await explain("ws-filler", "number1234");
        const common = await explain("ws-filler", "pricing");
        for (const plan of [small, rare, common]) {
          expect(plan).toMatch(indexRead);
          expect(plan).not.toMatch(/Seq Scan/);
        }
        expect(rare).toMatch(/Bitmap Index Scan on \S+_terms_\S+_gin/);
        // FerretDB's own explain of the find the procedure sent: PostgreSQL's plan of its statement.
        const ferret = await monitored
          .db(api.deps.config.mongo.db)
          .command({ explain: { find: PASSAGES_COLLECTION, filter, sort, limit: 11 } });
        const plan = JSON.stringify(ferret.queryPlanner);
        expect(plan).not.toMatch(/Seq Scan/);
        expect(plan).toMatch(/_gin|_sort/);
      } finally {
        await sql.end();
      }
    } finally {
      await monitored.close();
    }
  });
});
