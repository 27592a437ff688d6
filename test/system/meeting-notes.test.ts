import { eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { JobDocument } from "../../shared/db/mongo/job-schema.js";
import { usageLedger } from "../../shared/db/sql/schema.js";
import type { PublicJob } from "../../shared/jobs/view.js";
import type { NotesFile } from "../../shared/meeting/notes-schema.js";
import { type TranscriptSource, transcriptLines } from "../../shared/meeting/transcript-lines.js";
import { writeNotes } from "../../shared/meeting/write-notes.js";
import { llmGatewayCost } from "../../shared/pricing.js";
import { readObject } from "../../shared/storage/objects.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { runEntry } from "../helpers/processes.js";
import { useWorkingApi } from "../helpers/working-api.js";
import { uploadSpeech } from "../helpers/speech-upload.js";

/** 23 words for each of two speakers: the emulator gives the first half of the words to the first, so each says whole sentences. */
const SCRIPT =
  "Welcome to the pricing review. We looked at the numbers from last quarter. We agreed to keep the starter plan at nine dollars. " +
  "I will update the pricing page by Friday. Let's send the numbers to finance on Monday. Then we close with the hiring update.";

const normalized = (t: string) =>
  t
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/**
 * Meeting notes and questions end to end: a two-voice recording through jobs.create, the worker
 * and the emulator's transcript and LLM Gateway, to notes.md/notes.json in S3, the job's files
 * and the usage ledger; then jobs.ask and jobs.regenerateNotes over the API.
 */
describe("meeting notes and questions", () => {
  const w = useWorkingApi({ processingMs: 200 });
  const mutate = (path: string, input: unknown) => trpcCall(w.api.app, w.alice.key, path, input, "mutation");
  const ledger = (key: string) => w.api.deps.sql.db.select().from(usageLedger).where(eq(usageLedger.jobId, key));
  let meeting: { jobId: string; job: JobDocument; transcript: TranscriptSource & { utterances: Array<{ speaker: string; text: string }> } };

  /** Whether a quote is words of a line the stored transcript gives its speaker. */
  const isRealLine = (q: { text: string; speaker: string | null }) =>
    meeting.transcript.utterances.some((u) => u.speaker === q.speaker && normalized(u.text).includes(normalized(q.text)));

  it("a finished transcription has notes.md and notes.json whose action items quote real lines, charged once in the ledger", async () => {
    const uploadKey = await uploadSpeech(w, SCRIPT, { seconds: 6 });
    const calls = w.aai.gatewayCalls.length;
    const jobId = await w.create({ type: "transcription", uploadKey, speakersExpected: 2, speakerNames: ["Dana", "Eli"] });
    const job = await w.finished(jobId);
    expect(job.status).toBe("completed");
    const transcript = JSON.parse(
      (
        await readObject(w.api.deps.storage, job.versions[0] && "s3Keys" in job.versions[0] ? (job.versions[0].s3Keys?.json ?? "") : "")
      ).toString(),
    );
    meeting = { jobId, job, transcript };
    expect(transcript.utterances.map((u: { speaker: string }) => u.speaker)).toEqual(["Dana", "Eli"]);

    // Stored beside the transcript, and listed with its files.
    expect(job.notes).toMatchObject({ revision: 1, promptVersion: "notes.v1", md: expect.stringMatching(/\/notes\.md$/) });
    const listed = dataOf<PublicJob>(await trpcCall(w.api.app, w.alice.key, "jobs.get", { jobId }, "query")).files.map((f) => f.fileName);
    expect(listed).toEqual(expect.arrayContaining(["transcript.json", "notes.md", "notes.json"]));
    const notes = JSON.parse((await readObject(w.api.deps.storage, job.notes?.json ?? "")).toString()) as NotesFile;
    expect(notes).toMatchObject({ revision: 1, promptVersion: "notes.v1", droppedQuotes: 0 });
    expect(notes.actionItems.map((a) => a.quote.text)).toEqual([
      "I will update the pricing page by Friday.",
      "Let's send the numbers to finance on Monday.",
    ]);
    for (const item of notes.actionItems) {
      expect(isRealLine(item.quote), item.quote.text).toBe(true);
      expect(item.owner).toBe(item.quote.speaker);
    }
    expect(notes.decisions.map((d) => d.quote?.text)).toEqual(["We agreed to keep the starter plan at nine dollars."]);
    expect(notes.chapters.length).toBeGreaterThan(0);
    const markdown = (await readObject(w.api.deps.storage, job.notes?.md ?? "")).toString();
    expect(markdown).toContain("## Action items");
    expect(markdown).toContain("I will update the pricing page by Friday.");

    // One gateway call, its tokens priced in the ledger under the notes' own key, beside the transcript's row.
    const made = w.aai.gatewayCalls.slice(calls);
    expect(made).toHaveLength(1);
    const [row] = await ledger(`${jobId}/notes.v1`);
    const billed = { input_tokens: made[0]?.inputTokens ?? 0, output_tokens: made[0]?.outputTokens ?? 0 };
    expect(Number(row?.costUsd)).toBeCloseTo(llmGatewayCost(billed), 6);
    expect(row?.units).toEqual({ llmInputTokens: billed.input_tokens, llmOutputTokens: billed.output_tokens });
    expect(await ledger(jobId)).toHaveLength(1);

    // A retried attempt finds the revision taken: no second call, no second charge.
    const again = await writeNotes(w.api.deps, job, transcriptLines(transcript), 1);
    expect(again).toBe("taken");
    expect(w.aai.gatewayCalls).toHaveLength(calls + 1);
    expect(await ledger(`${jobId}/notes.v1`)).toHaveLength(1);
  });

  it("jobs.ask answers with quotes that are lines of the transcript, and charges the asker", async () => {
    const asked = await mutate("jobs.ask", { jobId: meeting.jobId, question: "What did we agree about the starter plan?" });
    expect(asked.status).toBe(200);
    const answer = dataOf<{ answer: string; quotes: Array<{ text: string; speaker: string; start: number; end: number }> }>(asked);
    expect(answer.quotes.length).toBeGreaterThan(0);
    for (const q of answer.quotes) expect(isRealLine(q), q.text).toBe(true);
    expect(answer.quotes.map((q) => q.text)).toContain("We agreed to keep the starter plan at nine dollars.");
    const rows = await w.api.deps.sql.db
      .select()
      .from(usageLedger)
      .where(like(usageLedger.jobId, `${meeting.jobId}/ask/%`));
    expect(rows).toHaveLength(1);
    expect(Number(rows[0]?.costUsd)).toBeGreaterThan(0);
    expect(rows[0]?.userId).toBe(w.alice.userId);
  });

  it("cg ask prints the answer, then each quote with its time and speaker; a question too short is refused before anything is sent", async () => {
    const cli = async (...args: string[]) => {
      const run = runEntry("cli/main.ts", { API_URL: w.api.url, API_KEY: w.alice.key, LOG_LEVEL: "silent" }, args);
      const code = await run.exited;
      return { code, stdout: run.stdout(), stderr: run.stderr() };
    };
    const asked = await cli("ask", meeting.jobId, "what", "did", "we", "agree", "about", "the", "starter", "plan?");
    expect(asked.code, asked.stderr).toBe(0);
    expect(asked.stdout).toContain('  0:00 Dana: "We agreed to keep the starter plan at nine dollars."\n');
    const before = (await w.api.deps.jobs.get(meeting.jobId))?.notes?.revision ?? 0;
    const remade = await cli("notes", meeting.jobId, "--json");
    expect(remade.code, remade.stderr).toBe(0);
    expect(JSON.parse(remade.stdout)).toMatchObject({ jobId: meeting.jobId, revision: before + 1 });
    const calls = w.aai.gatewayCalls.length;
    const short = await cli("ask", meeting.jobId, "?");
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/at least 3 characters/);
    expect(w.aai.gatewayCalls).toHaveLength(calls);
  });

  it("jobs.ask refuses a bad question, another type of job and an unfinished transcription, and asks the gateway nothing", async () => {
    const calls = w.aai.gatewayCalls.length;
    for (const question of ["", "?", "x".repeat(501)])
      expect((await mutate("jobs.ask", { jobId: meeting.jobId, question })).status).toBe(400);
    const image = await w.create({ type: "image-generation", prompt: "a harbour at dusk" });
    await w.settled(image);
    const onImage = await mutate("jobs.ask", { jobId: image, question: "what is in the picture?" });
    expect(onImage.status).toBe(400);
    expect(onImage.body.error?.message).toMatch(/not a transcription/);

    w.aai.processingMs = 120_000;
    try {
      const running = await w.create({
        type: "transcription",
        uploadKey: await uploadSpeech(w, "We will meet again next week.", { seconds: 6 }),
        notes: false,
      });
      const early = await mutate("jobs.ask", { jobId: running, question: "when do we meet?" });
      expect(early.status).toBe(412);
      expect((await mutate("jobs.cancel", { jobId: running })).status).toBe(200);
    } finally {
      w.aai.processingMs = 200;
    }
    expect(w.aai.gatewayCalls).toHaveLength(calls);
  });

  it("jobs.ask while the gateway fails: 503 SERVICE_UNAVAILABLE with a message, nothing charged; then it answers again", async () => {
    const charged = async () =>
      (
        await w.api.deps.sql.db
          .select()
          .from(usageLedger)
          .where(like(usageLedger.jobId, `${meeting.jobId}/ask/%`))
      ).length;
    const rows = await charged();
    for (const status of [503, 500]) {
      w.aai.gatewayFailures.push(status);
      const failed = await mutate("jobs.ask", { jobId: meeting.jobId, question: "What did we agree about the starter plan?" });
      expect(failed.status).toBe(503);
      expect((failed.body.error as { data?: { code?: string } } | undefined)?.data?.code).toBe("SERVICE_UNAVAILABLE");
      expect(failed.body.error?.message).toBe(`AssemblyAI's LLM Gateway is unavailable (HTTP ${status}); try again shortly`);
    }
    expect(w.aai.gatewayFailures).toEqual([]);
    expect(w.aai.gatewayCalls.slice(-2).map((c) => c.status)).toEqual([503, 500]);
    expect(await charged()).toBe(rows);
    const again = await mutate("jobs.ask", { jobId: meeting.jobId, question: "What did we agree about the starter plan?" });
    expect(again.status).toBe(200);
    expect(await charged()).toBe(rows + 1);
  });

  it("jobs.regenerateNotes writes the next revision, which notes.md and notes.json then name; only the owner may", async () => {
    const n = ((await w.api.deps.jobs.get(meeting.jobId))?.notes?.revision ?? 0) + 1;
    const made = await mutate("jobs.regenerateNotes", { jobId: meeting.jobId });
    expect(made.status).toBe(200);
    expect(dataOf(made)).toMatchObject({ revision: n, actionItems: 2 });
    const job = await w.api.deps.jobs.get(meeting.jobId);
    expect(job?.notes).toMatchObject({
      revision: n,
      md: expect.stringMatching(new RegExp(`/notes\\.v${n}\\.md$`)),
      json: expect.stringMatching(new RegExp(`/notes\\.v${n}\\.json$`)),
    });
    const link = dataOf<{ url: string }>(
      await trpcCall(w.api.app, w.alice.key, "assets.downloadUrl", { jobId: meeting.jobId, file: "notes.json" }, "query"),
    );
    const downloaded = (await (await fetch(link.url)).json()) as NotesFile;
    expect(downloaded.revision).toBe(n);
    expect(await ledger(`${meeting.jobId}/notes.v${n}`)).toHaveLength(1);
    // A teammate sees the meeting and may ask about it, but not have its notes made again.
    const bob = await w.api.member("acme", "bob");
    const byBob = await trpcCall(w.api.app, bob.key, "jobs.regenerateNotes", { jobId: meeting.jobId }, "mutation");
    expect(byBob.status).toBe(403);
    expect((await w.api.deps.jobs.get(meeting.jobId))?.notes?.revision).toBe(n);
  });

  it("with notes: false the transcript completes without notes and without a gateway call", async () => {
    const calls = w.aai.gatewayCalls.length;
    const jobId = await w.create({
      type: "transcription",
      uploadKey: await uploadSpeech(w, "I will write the report.", { seconds: 6 }),
      notes: false,
    });
    const job = await w.finished(jobId);
    expect(job.status).toBe("completed");
    expect(job.notes).toBeUndefined();
    expect(w.aai.gatewayCalls).toHaveLength(calls);
  });
});
