import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { workerDeps } from "../../queue/start-workers.js";
import { notesInLanguage } from "../../queue/workers/meeting-notes.js";
import { runTranslation } from "../../queue/workers/translation.js";
import type { NotesFile } from "../../shared/meeting/notes-schema.js";
import type { TranscriptVersion } from "../../shared/db/mongo/job-schema.js";
import { usageLedger } from "../../shared/db/sql/schema.js";
import { createLogger } from "../../shared/logger.js";
import { transcriptionCost, translationCost } from "../../shared/pricing.js";
import { transcriptKeys } from "../../shared/storage/keys.js";
import { listObjects, readObject } from "../../shared/storage/objects.js";
import { completedImageJob, completedTranscriptJob } from "../helpers/stored-jobs.js";
import { dataOf, trpcCall } from "../helpers/http.js";
import { runCli } from "../helpers/cli.js";
import { makeWav } from "../helpers/media.js";
import { waitFor } from "../helpers/processes.js";
import { useWorkingApi } from "../helpers/working-api.js";
import { uploadSpeech } from "../helpers/speech-upload.js";

const SCRIPT = "hello the team agreed to ship the release on friday and the budget for next quarter";

/** SubRip or WebVTT cue times in milliseconds, in order. */
const cueTimes = (captions: string) =>
  [...captions.matchAll(/(\d\d):(\d\d):(\d\d)[,.](\d{3}) --> (\d\d):(\d\d):(\d\d)[,.](\d{3})/g)].map((m) => {
    const ms = (i: number) => Number(m[i]) * 3_600_000 + Number(m[i + 1]) * 60_000 + Number(m[i + 2]) * 1000 + Number(m[i + 3]);
    return [ms(1), ms(5)];
  });

interface StoredTranscript {
  utterances: Array<{ start: number; end: number; text: string }>;
}

/**
 * Translation end to end: jobs.create with translateTo and jobs.translate later, through pg-boss
 * and the workers on the `assemblyai` SDK, against the emulator's Translation.
 */
describe("translation", () => {
  const w = useWorkingApi({ processingMs: 200 });

  const translatedFiles = async (userId: string, jobId: string, language: string) => {
    const keys = transcriptKeys(userId, jobId).translated(language);
    const read = async (key: string) => (await readObject(w.api.deps.storage, key)).toString();
    return { text: await read(keys.text), srt: await read(keys.srt), vtt: await read(keys.vtt) };
  };

  it("a transcription with translateTo ends with transcript.<lang>.txt, .srt and .vtt whose cues keep the original timings", async () => {
    const uploadKey = await uploadSpeech(w, SCRIPT, { pitch: 310 });
    const before = w.aai.submissions.length;
    const jobId = await w.create({ type: "transcription", uploadKey, translateTo: "de" });
    const job = await w.finished(jobId);
    expect(job.status).toBe("completed");
    const [sent] = w.aai.submissions.slice(before);
    expect(sent?.request).toMatchObject({
      speaker_labels: true,
      speech_understanding: { request: { translation: { target_languages: ["de"], match_original_utterance: true } } },
    });

    const keys = transcriptKeys(job.userId, jobId);
    const names: string[] = [];
    for await (const o of listObjects(w.api.deps.storage, keys.prefix)) names.push(o.key.slice(keys.prefix.length));
    expect(names.sort()).toEqual([
      "notes.de.json",
      "notes.de.md",
      "notes.json",
      "notes.md",
      "transcript.de.srt",
      "transcript.de.txt",
      "transcript.de.vtt",
      "transcript.json",
      "transcript.srt",
      "transcript.txt",
      "transcript.vtt",
    ]);
    const original = JSON.parse((await readObject(w.api.deps.storage, keys.json)).toString()) as StoredTranscript;
    const de = await translatedFiles(job.userId, jobId, "de");
    expect(de.text).toMatch(/^\[de\] hallo das Team vereinbarte/);
    const times = original.utterances.map((u) => [u.start, u.end]);
    expect(times.length).toBeGreaterThan(1);
    expect(cueTimes(de.srt)).toEqual(times);
    expect(cueTimes(de.vtt)).toEqual(times);
    expect(de.srt).not.toContain(original.utterances[0]?.text ?? "—");

    // Listed with the job's files for every surface, and billed with Translation as an add-on.
    const shown = dataOf<{ files: Array<{ fileName: string }> }>(await trpcCall(w.api.app, w.alice.key, "jobs.get", { jobId }, "query"));
    expect(shown.files.map((f) => f.fileName)).toEqual(
      expect.arrayContaining(["transcript.de.txt", "transcript.de.srt", "transcript.de.vtt"]),
    );
    const version = job.versions[0] as TranscriptVersion;
    expect(version.addOns).toEqual(["translation"]);
    const [row] = await w.api.deps.sql.db.select().from(usageLedger).where(eq(usageLedger.jobId, jobId));
    const expected = transcriptionCost(version.duration, {
      speechModel: version.speechModel,
      speakerLabels: true,
      addOns: ["translation"],
    });
    expect(Number(row?.costUsd)).toBeCloseTo(expected, 6);
    expect(expected).toBeGreaterThan(transcriptionCost(version.duration, { speechModel: version.speechModel, speakerLabels: true }));

    // The notes in German beside them: the words translated, the quotes and times the transcript's own.
    const notes = JSON.parse((await readObject(w.api.deps.storage, keys.notes(1, "json"))).toString()) as NotesFile;
    const notesDe = JSON.parse((await readObject(w.api.deps.storage, keys.translatedNotes(1, "de", "json"))).toString()) as NotesFile & {
      language: string;
    };
    expect(notesDe).toMatchObject({ language: "de", promptVersion: "notes-translation.v1", revision: 1 });
    expect(notesDe.summary).toMatch(/^\[de\] hallo das Team vereinbarte/);
    expect(notesDe.chapters.length).toBeGreaterThan(0);
    expect(notesDe.chapters.map((c) => [c.start, c.end])).toEqual(notes.chapters.map((c) => [c.start, c.end]));
    expect(notesDe.chapters.every((c) => c.title.startsWith("[de] "))).toBe(true);
    expect(notesDe.actionItems.map((a) => a.quote)).toEqual(notes.actionItems.map((a) => a.quote));
    const md = (await readObject(w.api.deps.storage, keys.translatedNotes(1, "de", "md"))).toString();
    expect(md).toContain(notesDe.summary);
    expect(shown.files.map((f) => f.fileName)).toEqual(expect.arrayContaining(["notes.de.md", "notes.de.json"]));
    // The notes the worker made are searchable beside the transcript.
    const searched = dataOf<{ hits: Array<{ jobId: string; source: string; fileName: string }> }>(
      await trpcCall(w.api.app, w.alice.key, "transcripts.search", { query: "release friday" }, "query"),
    );
    expect(searched.hits.filter((h) => h.jobId === jobId).map((h) => `${h.source}:${h.fileName}`)).toContain("notes:notes.md");
    // Its gateway call is priced in the ledger once, and a retry of the step asks the gateway nothing more.
    const notesRow = async () =>
      w.api.deps.sql.db
        .select()
        .from(usageLedger)
        .where(eq(usageLedger.jobId, `${jobId}/notes.v1.de`));
    const [priced] = await notesRow();
    expect(Number(priced?.costUsd)).toBeGreaterThan(0);
    const calls = w.aai.gatewayCalls.length;
    const deps = workerDeps(w.api.deps.config, createLogger({ env: "test", logLevel: "silent" }), w.api.deps, w.api.deps.queue, {
      trustedOrigins: [w.aai.url],
    });
    await notesInLanguage(deps, jobId, "de");
    expect(w.aai.gatewayCalls.length).toBe(calls);
    expect(await notesRow()).toHaveLength(1);
  });

  it("jobs.translate adds a language to a finished transcription once, billed once, and a retry of the work asks AssemblyAI nothing more", async () => {
    const uploadKey = await uploadSpeech(w, SCRIPT, { pitch: 330 });
    const jobId = await w.create({ type: "transcription", uploadKey, speakersExpected: 2 });
    const job = await w.finished(jobId);
    expect(job.status).toBe("completed");
    const translate = (language: string, id = jobId) =>
      trpcCall(w.api.app, w.alice.key, "jobs.translate", { jobId: id, language }, "mutation");

    const calls = w.aai.understandings.length;
    const asked = await translate("fr");
    expect(asked.status).toBe(200);
    expect(dataOf(asked)).toEqual({ jobId, language: "fr", queued: true });
    const translated = await waitFor(
      async () => {
        const doc = await w.api.deps.jobs.get(jobId);
        return doc && (doc.versions[0] as TranscriptVersion | undefined)?.s3Keys?.translations?.fr ? doc : undefined;
      },
      30_000,
      "the French files on the job",
    );
    expect(translated.status).toBe("completed");
    expect(w.aai.understandings.slice(calls)).toEqual([{ transcriptId: job.provider?.requestId, languages: ["fr"] }]);
    const original = JSON.parse(
      (await readObject(w.api.deps.storage, transcriptKeys(job.userId, jobId).json)).toString(),
    ) as StoredTranscript;
    const fr = await translatedFiles(job.userId, jobId, "fr");
    expect(fr.text).toMatch(/^\[fr\] bonjour le équipe/);
    // The notes too, once they are stored (after the transcript's files).
    const notesFr = await waitFor(
      async () => (await w.api.deps.jobs.get(jobId))?.notes?.translations?.fr?.md,
      30_000,
      "the French notes on the job",
    );
    expect((await readObject(w.api.deps.storage, notesFr)).toString()).toContain("[fr] bonjour le équipe");
    const usageAfter = (await w.api.deps.jobs.get(jobId))?.usage;
    const notesFrRows = await w.api.deps.sql.db
      .select()
      .from(usageLedger)
      .where(eq(usageLedger.jobId, `${jobId}/notes.v1.fr`));
    expect(notesFrRows.map((r) => r.userId)).toEqual([job.userId]);
    expect(cueTimes(fr.srt)).toEqual(original.utterances.map((u) => [u.start, u.end]));
    const version = translated.versions[0] as TranscriptVersion;
    const ledger = async () =>
      w.api.deps.sql.db
        .select()
        .from(usageLedger)
        .where(eq(usageLedger.jobId, `${jobId}/translation-fr`));
    const [row] = await ledger();
    expect(Number(row?.costUsd)).toBeCloseTo(translationCost(version.duration), 6);
    expect(row?.userId).toBe(w.alice.userId);

    // The same language again: refused, nothing queued.
    const again = await translate("fr");
    expect(again.status).toBe(409);
    expect(again.body.error?.message).toContain("translated into fr already");

    // A retried attempt of the same work (the worker died before its queue entry was done):
    // no second call to AssemblyAI, no second row, the files as they were.
    const deps = workerDeps(w.api.deps.config, createLogger({ env: "test", logLevel: "silent" }), w.api.deps, w.api.deps.queue, {
      trustedOrigins: [w.aai.url],
    });
    const understood = w.aai.understandings.length;
    await runTranslation(deps, { jobId, language: "fr", userId: w.alice.userId });
    expect(w.aai.understandings.length).toBe(understood);
    expect(await ledger()).toHaveLength(1);
    expect((await w.api.deps.jobs.get(jobId))?.usage).toEqual(usageAfter);

    // AssemblyAI kept a translation made before a crash (the call went through, nothing was
    // stored): the work reads it from the transcript instead of paying for it again.
    const transcriptId = job.provider?.requestId ?? "";
    await deps.assemblyai.llmGateway.understanding({
      transcript_id: transcriptId,
      speech_understanding: { request: { translation: { target_languages: ["es"], match_original_utterance: true } } },
    });
    const paid = w.aai.understandings.length;
    expect((await translate("es")).status).toBe(200);
    await waitFor(
      async () => ((await w.api.deps.jobs.get(jobId))?.versions[0] as TranscriptVersion | undefined)?.s3Keys?.translations?.es,
      30_000,
      "the Spanish files on the job",
    );
    expect(w.aai.understandings.length).toBe(paid);
    expect((await translatedFiles(job.userId, jobId, "es")).text).toMatch(/^\[es\] hola el equipo/);
  });

  it("the CLI: transcribe --translate-to de, then translate <job> fr, each listing its translated files", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "cg-translate-"));
    try {
      const wav = makeWav(4, 16_000, 350);
      w.aai.speech.set(createHash("sha256").update(wav).digest("hex"), SCRIPT);
      await writeFile(path.join(dir, "meeting.wav"), wav);
      const cli = (...args: string[]) => runCli([...args, "--poll-ms", "150"], { API_URL: w.api.url, API_KEY: w.alice.key });
      const made = await cli("transcribe", path.join(dir, "meeting.wav"), "--translate-to", "DE", "--json");
      expect(made.code, made.stderr).toBe(0);
      const job = JSON.parse(made.stdout) as { jobId: string; status: string; files: Array<{ fileName: string }> };
      expect(job.status).toBe("completed");
      expect(job.files.map((f) => f.fileName)).toEqual(
        expect.arrayContaining(["transcript.de.txt", "transcript.de.srt", "transcript.de.vtt"]),
      );
      const later = await cli("translate", job.jobId, "fr");
      expect(later.code, later.stderr).toBe(0);
      expect(later.stdout).toContain(`${job.jobId} translated into fr`);
      expect(later.stdout).toMatch(/v1 transcript\.fr\.srt {2}http/);
      // A language Translation does not take is refused before anything is asked, naming the flag.
      const refused = await cli("transcribe", path.join(dir, "meeting.wav"), "--translate-to", "tlh");
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain("--translate-to");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it("the gallery's job page: a translate form of the languages it is not in, whose answer lists the translated files", async () => {
    const uploadKey = await uploadSpeech(w, SCRIPT, { pitch: 390 });
    const jobId = await w.create({ type: "transcription", uploadKey, translateTo: "de" });
    expect((await w.finished(jobId)).status).toBe("completed");
    const origin = new URL(w.api.url).origin;
    const link = new URL(dataOf<{ url: string }>(await trpcCall(w.api.app, w.alice.key, "gallery.signInLink", undefined, "mutation")).url);
    const signedIn = await w.api.app.request("/app/sign-in", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin },
      body: new URLSearchParams({ token: link.searchParams.get("token") ?? "" }).toString(),
    });
    const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const page = async (query = "") => (await w.api.app.request(`/app/jobs/${jobId}${query}`, { headers: { cookie } })).text();
    const before = await page();
    // The German files are among its downloads, and German is no longer offered.
    expect(before).toContain(">transcript.de.srt</a>");
    expect(before).toContain('<option value="fr">French</option>');
    expect(before).not.toContain('<option value="de">');
    const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(before)?.[1] ?? "";
    const asked = await w.api.app.request(`/app/jobs/${jobId}/actions`, {
      method: "POST",
      headers: { cookie, origin, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrf, action: "translate", language: "fr", _once: crypto.randomUUID() }).toString(),
    });
    expect(asked.status).toBe(303);
    expect(asked.headers.get("location")).toBe(`/app/jobs/${jobId}?translating=fr`);
    expect(await page("?translating=fr")).toContain("Translating into French");
    await waitFor(
      async () => ((await page()).includes(">transcript.fr.vtt</a>") ? true : undefined),
      30_000,
      "the French files on the page",
    );
  });

  it("jobs.translate refuses what it cannot translate, and changes nothing", async () => {
    const ask = (jobId: string, language: string) => trpcCall(w.api.app, w.alice.key, "jobs.translate", { jobId, language }, "mutation");
    const image = (await completedImageJob(w.api, w.alice, { prompt: "a harbour" })).job.jobId;
    const notTranscript = await ask(image, "de");
    expect(notTranscript.status).toBe(400);
    expect(notTranscript.body.error?.message).toContain("only a transcription");
    const { jobId: running } = await completedTranscriptJob(w.api, w.alice);
    await w.api.deps.jobs.setStatus(running, "running");
    const unfinished = await ask(running, "de");
    expect(unfinished.status).toBe(412);
    const { jobId: done } = await completedTranscriptJob(w.api, w.alice);
    const unknown = await ask(done, "de_ch");
    expect(unknown.status).toBe(400);
    expect(unknown.body.error?.message).toMatch(/target languages of AssemblyAI's Translation/);
    for (const id of [image, running, done]) {
      const doc = await w.api.deps.jobs.get(id);
      expect(JSON.stringify(doc?.versions)).not.toContain("translations");
    }
  });
});
