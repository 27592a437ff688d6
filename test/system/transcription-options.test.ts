import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { usageLedger } from "../../shared/db/sql/schema.js";
import { jobFiles } from "../../shared/jobs/files.js";
import { transcriptionCost } from "../../shared/pricing.js";
import { probeDuration } from "../../shared/media/probe-duration.js";
import { MEDIA_TOOL_LIMITS } from "../../shared/media/run-tool.js";
import { transcriptKeys } from "../../shared/storage/keys.js";
import { listObjects, readObject } from "../../shared/storage/objects.js";
import { trpcCall } from "../helpers/http.js";
import { useWorkingApi } from "../helpers/working-api.js";
import { uploadSpeech } from "../helpers/speech-upload.js";

const MEETING =
  "Hello this is Sarah from Acme. Call me on 555-123-4567 or mail sarah@example.com. The card is 4111-1111-1111-1111. We ship kubernetes on friday";
/** What the recording says that PII redaction must hide, in any form it could take. */
const ENTITIES = ["Sarah", "sarah", "555-123-4567", "5551234567", "sarah@example.com", "4111-1111-1111-1111", "4111111111111111"];

/**
 * Transcription options end to end: through jobs.create, pg-boss and the worker on the
 * `assemblyai` SDK, against the emulator, which records each request and applies what it asks.
 */
describe("transcription options", () => {
  const logLines: string[] = [];
  const w = useWorkingApi({ processingMs: 200, logLines });

  it("each option reaches AssemblyAI as documented, and the transcript honours it", async () => {
    const uploadKey = await uploadSpeech(w, "we deploy kubernetis to the harbor cluster and Dana reviews the numbers next week");
    const before = w.aai.submissions.length;
    const jobId = await w.create({
      type: "transcription",
      uploadKey,
      language: "en",
      speakersExpected: 3,
      speakerNames: ["Dana", "Eli"],
      vocabulary: ["Kubernetes", "Harbour Cluster"],
    });
    const job = await w.finished(jobId);
    expect(job.status).toBe("completed");
    const [sent] = w.aai.submissions.slice(before);
    expect(sent?.request).toMatchObject({
      language_code: "en",
      speaker_labels: true,
      speakers_expected: 3,
      keyterms_prompt: ["Kubernetes", "Harbour Cluster"],
      speech_understanding: { request: { speaker_identification: { speaker_type: "name", known_values: ["Dana", "Eli"] } } },
    });
    expect(sent?.request).not.toHaveProperty("language_detection");
    expect(sent?.request).not.toHaveProperty("redact_pii");
    const transcript = JSON.parse((await readObject(w.api.deps.storage, transcriptKeys(job.userId, jobId).json)).toString()) as {
      text: string;
      utterances: Array<{ speaker: string }>;
    };
    // Keyterms: close words spelled as given.
    expect(transcript.text).toContain("Kubernetes");
    expect(transcript.text).toContain("Harbour Cluster");
    // Three speakers expected; the first two named.
    expect(transcript.utterances.map((u) => u.speaker)).toEqual(["Dana", "Eli", "C"]);
    // Billed with the add-ons it ran with, in the job's version and the usage ledger.
    const version = job.versions[0] as { addOns?: string[]; duration: number; speechModel?: string };
    expect(version.addOns).toEqual(["speakerIdentification", "keytermsPrompting"]);
    const expected = transcriptionCost(version.duration, {
      speechModel: version.speechModel,
      speakerLabels: true,
      addOns: ["speakerIdentification", "keytermsPrompting"],
    });
    const [row] = await w.api.deps.sql.db.select().from(usageLedger).where(eq(usageLedger.jobId, jobId));
    expect(Number(row?.costUsd)).toBeCloseTo(expected, 6);
  });

  it("redaction: AssemblyAI redacts text and audio; no entity reaches S3, Mongo or the logs; the redacted audio is kept", async () => {
    const uploadKey = await uploadSpeech(w, MEETING, { seconds: 6 });
    const before = w.aai.submissions.length;
    const jobId = await w.create({ type: "transcription", uploadKey, redactPii: true });
    const job = await w.finished(jobId);
    expect(job.status).toBe("completed");
    const [sent] = w.aai.submissions.slice(before);
    expect(sent?.request).toMatchObject({
      redact_pii: true,
      redact_pii_sub: "entity_name",
      redact_pii_audio: true,
      redact_pii_audio_quality: "mp3",
    });
    expect(sent?.request.redact_pii_policies).toEqual(
      expect.arrayContaining(["person_name", "phone_number", "email_address", "credit_card_number"]),
    );

    const keys = transcriptKeys(job.userId, jobId);
    const stored: Record<string, Buffer> = {};
    for await (const o of listObjects(w.api.deps.storage, keys.prefix))
      stored[o.key.slice(keys.prefix.length)] = await readObject(w.api.deps.storage, o.key);
    expect(Object.keys(stored).sort()).toEqual([
      "notes.json",
      "notes.md",
      "redacted-audio.mp3",
      "transcript.json",
      "transcript.srt",
      "transcript.txt",
      "transcript.vtt",
    ]);
    const text = stored["transcript.txt"]?.toString() ?? "";
    expect(text).toContain("[PERSON_NAME]");
    expect(text).toContain("[PHONE_NUMBER]");
    expect(text).toContain("[EMAIL_ADDRESS]");
    expect(text).toContain("[CREDIT_CARD_NUMBER]");
    expect(text).toContain("kubernetes");
    const scanned = [
      ...Object.entries(stored)
        .filter(([name]) => !name.endsWith(".mp3"))
        .map(([, b]) => b.toString()),
      JSON.stringify(await w.api.deps.jobs.get(jobId)),
      logLines.join("\n"),
    ];
    for (const haystack of scanned) for (const entity of ENTITIES) expect(haystack).not.toContain(entity);

    // The redacted audio: a real MP3 as long as the recording.
    const dir = await mkdtemp(path.join(tmpdir(), "cg-redacted-"));
    try {
      const file = path.join(dir, "redacted.mp3");
      await writeFile(file, stored["redacted-audio.mp3"] ?? Buffer.alloc(0));
      const seconds = await probeDuration(file, { stream: "audio", formats: "mp3", limits: MEDIA_TOOL_LIMITS, subject: "the audio" });
      expect(seconds).toBeGreaterThan(5.5);
      expect(seconds).toBeLessThan(6.5);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const redacted = jobFiles(job).find((f) => f.fileName === "redacted-audio.mp3");
    expect(redacted).toMatchObject({ key: keys.redactedAudio("mp3"), contentType: "audio/mpeg" });
  });

  it.each([
    [{ speakerNames: ["Dana"], speakerLabels: false }, /speakerLabels/],
    [{ speakersExpected: 11 }, /1-10/],
    [{ speakersExpected: 1, speakerNames: ["Dana", "Eli"] }, /2 names for 1 expected speakers/],
    [{ vocabulary: ["one two three four five six seven"] }, /at most 6 words/],
    [{ vocabulary: Array.from({ length: 201 }, (_, i) => `term${i}`) }, /at most 200 terms/],
    [{ language: "ja", vocabulary: ["Kubernetes"] }, /keyterms prompting takes/],
    [{ language: "haw", redactPii: true }, /PII redaction takes/],
    [{ language: "en", languageCode: "de" }, /not two different languages/],
  ])("refused at create with a clear message, nothing queued: %j", async (options, message) => {
    const answers = w.aai.submitAnswers.length;
    const refused = await trpcCall(
      w.api.app,
      w.alice.key,
      "jobs.create",
      { type: "transcription", audioUrl: "https://example.com/meeting.wav", ...options },
      "mutation",
    );
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toMatch(message);
    expect(w.aai.submitAnswers.length).toBe(answers);
  });

  it("the older names still work: speakerLabels, languageCode and languageDetection", async () => {
    const uploadKey = await uploadSpeech(w, "the older names keep working");
    const before = w.aai.submissions.length;
    const job = await w.finished(
      await w.create({ type: "transcription", uploadKey, speakerLabels: true, languageCode: "de", languageDetection: false }),
    );
    expect(job.status).toBe("completed");
    expect(w.aai.submissions.slice(before)[0]?.request).toMatchObject({ language_code: "de", speaker_labels: true });
  });
});
