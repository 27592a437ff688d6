import { createHash } from "node:crypto";
import { type AssemblyAI, LlmGatewayError, type Transcript } from "assemblyai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AssemblyAiFake, startAssemblyAiFake } from "../../infra/fakes/assemblyai/emulator.js";
import { transcriptionOptions, translationRequest } from "../../queue/providers/assemblyai-options.js";
import { AssemblyAiApiError, createAssemblyAi, llmGatewayUrlFor } from "../../queue/providers/assemblyai.js";
import { classifyFailure } from "../../queue/providers/failures.js";
import { renderTranslation } from "../../queue/workers/translated-transcript.js";
import { resolveTranscription } from "../../shared/jobs/transcription-rules.js";
import { transcriptionParams } from "../../shared/jobs/input.js";
import { makeWav } from "../helpers/media.js";
import { waitFor } from "../helpers/processes.js";

/**
 * AssemblyAI's Translation, as the emulator implements it and the workers use it. Sources:
 * "Translation" (assemblyai.com/docs/speech-understanding/translation: target_languages from its
 * list, formal, match_original_utterance; `translated_texts` on the transcript and on each
 * utterance), the LLM Gateway's "Create speech understanding" reference (POST /v1/understanding
 * with transcript_id), and the SDK's TranslationRequest and TranscriptUtterance types.
 */

const SCRIPT = "the team agreed to ship the release on friday and the budget next quarter";
const speechModels = ["universal-3-pro", "universal-2"];

const settled = (aai: AssemblyAI, id: string) =>
  waitFor(
    async () => {
      const t = await aai.transcripts.get(id);
      return t.status === "completed" || t.status === "error" ? t : undefined;
    },
    10_000,
    `transcript ${id} to end`,
  );

const rawPost = (fake: AssemblyAiFake, path: string, body: unknown) =>
  fetch(`${fake.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "k" },
    body: JSON.stringify(body),
  });

describe("AssemblyAI's Translation, as the emulator speaks it", () => {
  let fake: AssemblyAiFake;
  let aai: AssemblyAI;
  let audioUrl: string;
  beforeAll(async () => {
    fake = await startAssemblyAiFake({ processingMs: 50 });
    aai = createAssemblyAi({ assemblyAiKey: "k", assemblyAiBaseUrl: fake.url });
    const wav = makeWav(4);
    fake.speech.set(createHash("sha256").update(wav).digest("hex"), SCRIPT);
    audioUrl = await aai.files.upload(wav);
  });
  afterAll(() => fake.close());

  it("a transcript asked for a translation carries translated_texts on it and on each utterance, with the utterance's own times", async () => {
    const options = transcriptionOptions(resolveTranscription({ translateTo: "de", speakersExpected: 2 }), undefined);
    expect(options.speaker_labels).toBe(true);
    expect(options.speech_understanding).toEqual({
      request: { translation: { target_languages: ["de"], formal: false, match_original_utterance: true } },
    });
    const { id } = await aai.transcripts.submit({ audio_url: audioUrl, speech_models: speechModels, ...options });
    const t = await settled(aai, id);
    expect(t.status).toBe("completed");
    expect(t.speech_understanding?.response?.translation?.status).toBe("success");
    expect(t.translated_texts?.de).toMatch(/^\[de\] das Team vereinbarte zu liefern das Version am Freitag/);
    const utterances = t.utterances ?? [];
    expect(utterances.length).toBe(2);
    for (const u of utterances) {
      expect(u.translated_texts?.de?.startsWith("[de] ")).toBe(true);
      expect(u.translated_texts?.de).not.toBe(u.text);
    }
    // Rendered as the worker stores it: one cue per utterance at the utterance's times.
    const files = renderTranslation(t, "de");
    const srtTimes = [...(files?.srt ?? "").matchAll(/(\d\d):(\d\d):(\d\d),(\d{3}) --> (\d\d):(\d\d):(\d\d),(\d{3})/g)].map((m) => {
      const ms = (i: number) => Number(m[i]) * 3_600_000 + Number(m[i + 1]) * 60_000 + Number(m[i + 2]) * 1000 + Number(m[i + 3]);
      return [ms(1), ms(5)];
    });
    expect(srtTimes).toEqual(utterances.map((u) => [u.start, u.end]));
    expect(files?.vtt.startsWith("WEBVTT\n\n")).toBe(true);
    expect(files?.text).toBe(t.translated_texts?.de);
  });

  it("refuses a target language outside the documented list, an empty list and a request without one; nothing is created", async () => {
    const before = fake.submissions.length;
    const submit = (translation: unknown) =>
      rawPost(fake, "/v2/transcript", {
        audio_url: audioUrl,
        speech_models: speechModels,
        speaker_labels: true,
        speech_understanding: { request: { translation } },
      });
    const unknown = await submit({ target_languages: ["xx"] });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toContain("unsupported language 'xx'");
    const empty = await submit({ target_languages: [] });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: string }).error).toContain("at least one language");
    const missing = await submit({ formal: true });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: "speech_understanding.request.translation.target_languages must be a List" });
    expect(fake.submissions.length).toBe(before);
    // The SDK's client answers such a refusal as the status it is, which the workers treat as permanent.
    const err = await aai.transcripts
      .submit({
        audio_url: audioUrl,
        speech_models: speechModels,
        speech_understanding: { request: { translation: { target_languages: ["xx"] } } },
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AssemblyAiApiError);
    expect(classifyFailure(err).permanent).toBe(true);
  });

  it("POST /v1/understanding adds a translation to a finished transcript, which a later GET shows too", async () => {
    const { id } = await aai.transcripts.submit({ audio_url: audioUrl, speech_models: speechModels, speaker_labels: true });
    const plain = await settled(aai, id);
    expect(plain.translated_texts).toBeUndefined();
    const calls = fake.understandings.length;
    const answer = (await aai.llmGateway.understanding({
      transcript_id: id,
      speech_understanding: { request: { translation: { ...translationRequest("fr") } } },
    })) as Transcript;
    expect(fake.understandings.length).toBe(calls + 1);
    expect(answer.translated_texts?.fr).toMatch(/^\[fr\] le équipe a convenu/);
    expect(answer.utterances?.map((u) => [u.start, u.end])).toEqual(plain.utterances?.map((u) => [u.start, u.end]));
    expect(answer.utterances?.every((u) => u.translated_texts?.fr?.startsWith("[fr] "))).toBe(true);
    const later = await aai.transcripts.get(id);
    expect(later.translated_texts?.fr).toBe(answer.translated_texts?.fr);
  });

  it("POST /v1/understanding refuses an unknown language (422), an unknown transcript (404) and one not finished (400), in the gateway's envelope", async () => {
    const { id } = await aai.transcripts.submit({ audio_url: audioUrl, speech_models: speechModels, speaker_labels: true });
    const ask = (transcriptId: string, language: string) =>
      aai.llmGateway
        .understanding({
          transcript_id: transcriptId,
          speech_understanding: { request: { translation: { ...translationRequest(language) } } },
        })
        .catch((e: unknown) => e);
    const early = await ask(id, "de");
    expect(early).toBeInstanceOf(LlmGatewayError);
    expect((early as LlmGatewayError).status).toBe(400);
    await settled(aai, id);
    const unknown = await ask(id, "klingon");
    expect((unknown as LlmGatewayError).status).toBe(422);
    expect((unknown as LlmGatewayError).message).toContain("unsupported language 'klingon'");
    expect(classifyFailure(unknown)).toMatchObject({ permanent: true, code: "PROVIDER_REJECTED" });
    const missing = await ask("00000000-0000-4000-8000-000000000000", "de");
    expect((missing as LlmGatewayError).status).toBe(404);
    expect((await aai.transcripts.get(id)).translated_texts).toBeUndefined();
  });

  it("the Speech Understanding calls go to AssemblyAI's gateway host beside its API host, or to the emulator that serves both", () => {
    expect(llmGatewayUrlFor("https://api.assemblyai.com")).toBe("https://llm-gateway.assemblyai.com");
    expect(llmGatewayUrlFor("https://api.eu.assemblyai.com/")).toBe("https://llm-gateway.eu.assemblyai.com");
    expect(llmGatewayUrlFor(fake.url)).toBe(fake.url);
  });

  it("jobs.create takes translateTo only from Translation's list, with speakers told apart and another language than the recording's", () => {
    const base = { type: "transcription", audioUrl: "https://example.com/a.wav" } as const;
    expect(transcriptionParams.safeParse({ ...base, translateTo: "de" }).success).toBe(true);
    // de_ch is a language_code AssemblyAI transcribes, not one it translates into.
    expect(transcriptionParams.safeParse({ ...base, translateTo: "de_ch" }).success).toBe(false);
    expect(transcriptionParams.safeParse({ ...base, translateTo: "de", speakerLabels: false }).success).toBe(false);
    expect(transcriptionParams.safeParse({ ...base, translateTo: "fr", language: "fr" }).success).toBe(false);
  });
});
