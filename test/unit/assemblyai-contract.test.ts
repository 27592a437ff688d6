import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { AssemblyAI, type Transcript } from "assemblyai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AssemblyAiFake, startAssemblyAiFake } from "../../infra/fakes/assemblyai/emulator.js";
import { LANGUAGE_CODES, SCHEMA_ERROR } from "../../infra/fakes/assemblyai/transcript-request.js";
import { downloadError } from "../../infra/fakes/assemblyai/transcription.js";
import { UPLOAD_PREFIX } from "../../infra/fakes/assemblyai/transcripts.js";
import { AssemblyAiApiError, createAssemblyAi } from "../../queue/providers/assemblyai.js";
import { classifyFailure } from "../../queue/providers/failures.js";
import { utcTime } from "../../queue/workers/transcription.js";
import { makeWav } from "../helpers/media.js";
import { waitFor } from "../helpers/processes.js";

/**
 * AssemblyAI's v2 contract, point by point, checked against the emulator the rest of the suite
 * runs on, through the real `assemblyai` SDK and the client the workers use. Each test names its
 * source:
 * - "spec": AssemblyAI's OpenAPI spec, github.com/AssemblyAI/assemblyai-api-spec openapi.yml
 *   (TranscriptParams has `additionalProperties: false`; every endpoint answers 400, 401, 404,
 *   429, 500 with the Error schema `{"error": "..."}`, example "format_text must be a Boolean",
 *   and 503, 504 with no body);
 * - "SDK types": the generated types in node_modules/assemblyai (TranscriptParams,
 *   TranscriptLanguageCode, TranscriptList's example);
 * - "Common errors": assemblyai.com/docs/pre-recorded-audio/guides/common_errors_and_solutions;
 * - "Webhooks": assemblyai.com/docs/deployment/webhooks-for-pre-recorded-audio;
 * - "List transcripts": assemblyai.com/docs/api-reference/transcripts/list.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const speechModels = ["universal-3-pro", "universal-2"];

const rawPost = (fake: AssemblyAiFake, body: unknown, headers: Record<string, string> = { authorization: "k" }) =>
  fetch(`${fake.url}/v2/transcript`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

/** What a call rejected with (the test fails when it resolved). */
const rejection = async (p: Promise<unknown>): Promise<unknown> => {
  const outcome = await p.then(
    () => ({ resolved: true as const }),
    (err: unknown) => ({ resolved: false as const, err }),
  );
  expect(outcome.resolved, "the call should have failed").toBe(false);
  return outcome.resolved ? undefined : outcome.err;
};

const settled = (aai: AssemblyAI, id: string) =>
  waitFor(
    async () => {
      const t = await aai.transcripts.get(id);
      return t.status === "completed" || t.status === "error" ? t : undefined;
    },
    10_000,
    `transcript ${id} to end`,
  );

describe("AssemblyAI's API, as the emulator speaks it", () => {
  let fake: AssemblyAiFake;
  let aai: AssemblyAI;
  beforeAll(async () => {
    fake = await startAssemblyAiFake({ processingMs: 50 });
    aai = createAssemblyAi({ assemblyAiKey: "k", assemblyAiBaseUrl: fake.url });
  });
  afterAll(() => fake.close());

  describe("POST /v2/transcript refuses what the API refuses, with 400 and {error}", () => {
    it("spec, TranscriptParams additionalProperties: false: an unknown field is refused, nothing is created", async () => {
      const before = fake.submissions.length;
      const res = await rawPost(fake, { audio_url: "https://example.com/a.wav", speech_models: speechModels, language: "en" });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: SCHEMA_ERROR });
      expect(fake.submissions.length).toBe(before);
    });

    it("spec, Error example: a field of the wrong type is refused in the API's words", async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ format_text: "yes" }, "format_text must be a Boolean"],
        [{ speaker_labels: 1 }, "speaker_labels must be a Boolean"],
        [{ speakers_expected: 2.5 }, "speakers_expected must be an Integer"],
        [{ webhook_url: 42 }, "webhook_url must be a String"],
        [{ speech_models: "universal-2" }, "speech_models must be a List"],
        [{ word_boost: ["ok", 3] }, "word_boost.1 must be a String"],
        [{ boost_param: "max" }, "boost_param must be one of low, default, high"],
        [{ content_safety_confidence: 10 }, "content_safety_confidence must be at least 25"],
      ];
      for (const [fields, error] of cases) {
        const res = await rawPost(fake, { audio_url: "https://example.com/a.wav", ...fields });
        expect(res.status, JSON.stringify(fields)).toBe(400);
        expect(await res.json(), JSON.stringify(fields)).toEqual({ error });
      }
    });

    it("SDK types TranscriptLanguageCode and docs 'Supported languages': an unknown language_code is refused, naming the codes", async () => {
      const res = await rawPost(fake, { audio_url: "https://example.com/a.wav", language_code: "xx" });
      expect(res.status).toBe(400);
      const { error } = (await res.json()) as { error: string };
      expect(error).toBe(`language_code must be one of ${LANGUAGE_CODES.join(", ")}.`);
      expect(error).toContain("en_us, es, fr");
      // Every documented code is taken, with and without a region.
      for (const code of ["en", "en_us", "de_ch", "haw", "yo"]) {
        expect((await rawPost(fake, { audio_url: "https://example.com/a.wav", language_code: code })).status, code).toBe(200);
      }
    });

    it("spec, TranscriptParams required [audio_url]; a body that is not a JSON object is the schema error", async () => {
      const missing = await rawPost(fake, { speech_models: speechModels });
      expect(missing.status).toBe(400);
      expect(await missing.json()).toEqual({ error: "audio_url is required" });
      for (const body of ["[1,2]", "not json", "null"]) {
        const res = await rawPost(fake, body);
        expect(res.status, body).toBe(400);
        expect(await res.json(), body).toEqual({ error: SCHEMA_ERROR });
      }
    });

    it("Common errors #4: no API key is a 401 'Authentication error, API token missing/invalid.'", async () => {
      const res = await rawPost(fake, { audio_url: "https://example.com/a.wav" }, {});
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: "Authentication error, API token missing/invalid." });
    });

    it("spec, TranscriptParams: the worker's own request, and one naming every optional field with valid values, are taken", async () => {
      const worker = await rawPost(fake, {
        audio_url: "https://example.com/a.wav?X-Amz-Signature=abc",
        webhook_url: "https://api.example.com/webhooks/assemblyai?jobId=j&submission=n",
        webhook_auth_header_name: "x-webhook-token",
        webhook_auth_header_value: "secret",
        speaker_labels: true,
        speech_models: speechModels,
        language_detection: true,
      });
      expect(worker.status).toBe(200);
      const everything = await rawPost(fake, {
        audio_url: "https://example.com/a.wav",
        audio_end_at: 280,
        audio_start_from: 10,
        auto_chapters: false,
        auto_highlights: true,
        boost_param: "high",
        content_safety: true,
        content_safety_confidence: 50,
        custom_spelling: [{ from: ["dicarlo"], to: "Decarlo" }],
        custom_topics: true,
        disfluencies: false,
        entity_detection: true,
        filter_profanity: true,
        format_text: true,
        iab_categories: true,
        keyterms_prompt: ["harbour"],
        language_code: "en_us",
        language_confidence_threshold: 0.7,
        multichannel: false,
        punctuate: true,
        redact_pii: true,
        redact_pii_audio: true,
        redact_pii_audio_quality: "mp3",
        redact_pii_policies: ["us_social_security_number", "credit_card_number"],
        redact_pii_sub: "hash",
        sentiment_analysis: true,
        speakers_expected: 2,
        speech_models: speechModels,
        speech_threshold: 0.5,
        summarization: true,
        summary_model: "informative",
        summary_type: "bullets",
        topics: [],
        word_boost: ["aws", "azure", "google cloud"],
      });
      expect(everything.status).toBe(200);
    });
  });

  describe("formats", () => {
    it("SDK types, TranscriptList example: ids are UUIDs; the list's `created` is UTC with microseconds and no zone", async () => {
      const before = Date.now();
      const t = await aai.transcripts.submit({ audio_url: "https://example.com/a.wav", speech_models: speechModels });
      expect(t.id).toMatch(UUID);
      expect(t.status).toBe("queued");
      const raw = (await (await fetch(`${fake.url}/v2/transcript?limit=1`, { headers: { authorization: "k" } })).json()) as {
        transcripts: Array<{ id: string; created: string }>;
      };
      expect(raw.transcripts[0]?.id).toBe(t.id);
      const created = raw.transcripts[0]?.created ?? "";
      expect(created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/);
      expect(Math.abs(utcTime(created) - before)).toBeLessThan(5_000);
      // Through the SDK, which makes a Date of it, the same moment.
      const listed = await aai.transcripts.list({ limit: 1 });
      expect(Math.abs(utcTime(listed.transcripts[0]?.created as Date) - before)).toBeLessThan(5_000);
    });

    it("is read as UTC in any zone the worker runs in, also after the SDK parsed it as local time", () => {
      const utc = Date.UTC(2023, 10, 2, 21, 49, 25, 586);
      const zone = process.env.TZ;
      try {
        for (const tz of ["UTC", "Asia/Kolkata", "America/Los_Angeles", "Pacific/Kiritimati"]) {
          process.env.TZ = tz;
          // What the SDK does with the list's string.
          expect(utcTime(new Date("2023-11-02T21:49:25.586965")), tz).toBe(utc);
          expect(utcTime("2023-11-02T21:49:25.586965"), tz).toBe(utc);
          expect(utcTime("2023-11-02T23:49:25.586+02:00"), tz).toBe(utc);
        }
      } finally {
        if (zone === undefined) delete process.env.TZ;
        else process.env.TZ = zone;
      }
    });

    it("spec, Upload and Transcript: an upload answers a cdn.assemblyai.com URL; the finished transcript has ms word timings, the request's settings, and srt/vtt", async () => {
      const uploadUrl = await aai.files.upload(makeWav(4));
      expect(uploadUrl.startsWith(UPLOAD_PREFIX)).toBe(true);
      expect(uploadUrl.slice(UPLOAD_PREFIX.length)).toMatch(UUID);
      const { id } = await aai.transcripts.submit({
        audio_url: uploadUrl,
        speaker_labels: true,
        speech_models: speechModels,
        language_code: "en_us",
        webhook_url: "http://127.0.0.1:1/hook?jobId=j&submission=n",
        webhook_auth_header_name: "x-token",
        webhook_auth_header_value: "secret",
      });
      const t = await settled(aai, id);
      expect(t).toMatchObject({
        status: "completed",
        audio_url: uploadUrl,
        audio_duration: 4,
        language_code: "en_us",
        speaker_labels: true,
        speech_models: speechModels,
        speech_model_used: "universal-3-pro",
      });
      // The webhook is echoed, its secret is not (spec, Transcript: webhook_auth is a boolean).
      expect(t).toMatchObject({
        webhook_url: "http://127.0.0.1:1/hook?jobId=j&submission=n",
        webhook_auth: true,
        webhook_auth_header_name: "x-token",
      });
      expect(JSON.stringify(t)).not.toContain("secret");
      expect(t.words?.length).toBe(10);
      for (const w of t.words ?? []) {
        expect(Number.isInteger(w.start) && Number.isInteger(w.end) && w.end > w.start).toBe(true);
        expect(["A", "B"]).toContain(w.speaker);
      }
      expect(t.text?.split(" ")).toHaveLength(10);
      expect(await aai.transcripts.subtitles(id, "srt")).toMatch(/^1\n00:00:00,000 --> 00:00:0\d,\d{3}\n/);
      expect(await aai.transcripts.subtitles(id, "vtt")).toMatch(/^WEBVTT\n\n00:00:00\.000 --> /);
    });

    it("Transcript status: queued, then processing, then completed, computed from the submission time", async () => {
      fake.processingMs = 1_500;
      try {
        const { id } = await aai.transcripts.submit({ audio: makeWav(1) });
        expect((await aai.transcripts.get(id)).status).toBe("queued");
        await waitFor(async () => ((await aai.transcripts.get(id)).status === "processing" ? true : undefined), 5_000, "processing");
        expect((await settled(aai, id)).status).toBe("completed");
      } finally {
        fake.processingMs = 50;
      }
    });
  });

  describe("List transcripts: newest first, paged back with before_id", () => {
    it("pages of `limit`, each transcript once, prev_url naming the next older page and null on the last", async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await aai.transcripts.submit({ audio_url: `https://example.com/page-${i}.wav` })).id);
      const first = await aai.transcripts.list({ limit: 2 });
      expect(first.transcripts.map((t) => t.id)).toEqual([ids[4], ids[3]]);
      expect(first.page_details).toMatchObject({ limit: 2, result_count: 2 });
      expect(first.page_details.prev_url).toContain(`before_id=${ids[3]}`);
      const seen: string[] = [];
      let page = first;
      for (;;) {
        seen.push(...page.transcripts.map((t) => t.id));
        if (!page.page_details.prev_url) break;
        page = await aai.transcripts.list(page.page_details.prev_url);
      }
      expect(seen.slice(0, 5)).toEqual([...ids].reverse());
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(fake.submissions.length);
      expect((await aai.transcripts.list({ limit: 2, before_id: "not-an-id" })).transcripts).toEqual([]);
    });
  });

  describe("failures, and how the worker classifies each", () => {
    it("Common errors: a bad language_code through the SDK keeps its status; a refused request is permanent, PROVIDER_REJECTED, naming the reason", async () => {
      const err = await rejection(aai.transcripts.submit({ audio_url: "https://example.com/a.wav", language_code: "xx" }));
      expect(err).toBeInstanceOf(AssemblyAiApiError);
      expect((err as AssemblyAiApiError).status).toBe(400);
      const failure = classifyFailure(err);
      expect(failure).toMatchObject({ permanent: true, code: "PROVIDER_REJECTED" });
      expect(failure.message).toMatch(/^AssemblyAI refused the request \(400\): language_code must be one of en, /);
    });

    it("the plain SDK loses the status (BaseService.fetch throws Error(body.error)), which is why the workers' client keeps it", async () => {
      const plain = new AssemblyAI({ apiKey: "k", baseUrl: fake.url });
      const err = await rejection(plain.transcripts.submit({ audio_url: "https://example.com/a.wav", language_code: "xx" }));
      expect(err).not.toBeInstanceOf(AssemblyAiApiError);
      expect((err as Error).message).toMatch(/^language_code must be one of/);
    });

    it("Common errors #4: a refused key is permanent, PROVIDER_AUTH", async () => {
      fake.failSubmissions(1, 401);
      const err = await rejection(aai.transcripts.submit({ audio_url: "https://example.com/a.wav" }));
      expect(err).toMatchObject({ status: 401, error: "Authentication error, API token missing/invalid." });
      expect(fake.submitAnswers.at(-1)).toBe(401);
      expect(classifyFailure(err)).toMatchObject({ permanent: true, code: "PROVIDER_AUTH" });
    });

    it("spec 429 TooManyRequests, with Retry-After: transient, PROVIDER_BUSY, the wait named", async () => {
      fake.failSubmissions(1, 429, { retryAfterSeconds: 7 });
      const err = await rejection(aai.transcripts.submit({ audio_url: "https://example.com/a.wav" }));
      expect(err).toMatchObject({ status: 429, retryAfterSeconds: 7 });
      const failure = classifyFailure(err);
      expect(failure).toMatchObject({ permanent: false, code: "PROVIDER_BUSY" });
      expect(failure.message).toContain("retry after 7 s");
    });

    it("Common errors #7 (500 'Server error, developers have been alerted.') and spec 503 without a body: transient", async () => {
      fake.failSubmissions(1, 500);
      const server = await rejection(aai.transcripts.submit({ audio_url: "https://example.com/a.wav" }));
      expect(server).toMatchObject({ status: 500, error: "Server error, developers have been alerted." });
      expect(classifyFailure(server)).toMatchObject({ permanent: false, code: "PROVIDER_UNAVAILABLE" });
      fake.failSubmissions(1, 503);
      const unavailable = await rejection(aai.transcripts.submit({ audio_url: "https://example.com/a.wav" }));
      expect(unavailable).toMatchObject({ status: 503, error: "HTTP Error: 503 Service Unavailable" });
      expect(classifyFailure(unavailable)).toMatchObject({ permanent: false });
    });

    it("a transport failure (nothing listening) is not AssemblyAI's answer: transient", async () => {
      const nowhere = createAssemblyAi({ assemblyAiKey: "k", assemblyAiBaseUrl: "http://127.0.0.1:1" });
      const err = await rejection(nowhere.transcripts.get("x"));
      expect(err).not.toBeInstanceOf(AssemblyAiApiError);
      expect(classifyFailure(err)).toMatchObject({ permanent: false });
    });

    it("a 5xx answered after the transcript was taken: the error comes back, and the transcript is in the list", async () => {
      const before = fake.submissions.length;
      fake.failSubmissions(1, 500, { afterAccept: true });
      await rejection(aai.transcripts.submit({ audio_url: "https://example.com/taken.wav" }));
      expect(fake.submissions.length).toBe(before + 1);
      const listed = await aai.transcripts.list({ limit: 1 });
      expect(listed.transcripts[0]).toMatchObject({ id: fake.submissions.at(-1)?.id, audio_url: "https://example.com/taken.wav" });
    });

    it("Common errors, 'Audio File URL Errors': audio that cannot be downloaded ends with status error and the documented text, in the transcript and the list", async () => {
      const url = "http://127.0.0.1:1/missing.wav";
      const { id } = await aai.transcripts.submit({ audio_url: url });
      const t = await settled(aai, id);
      expect(t).toMatchObject({ status: "error", error: downloadError(url) });
      expect(downloadError(url)).toBe(
        `Download error, unable to download ${url}. Please make sure the file exists and is accessible from the internet.`,
      );
      const listed = (await aai.transcripts.list({ limit: 1 })).transcripts[0];
      expect(listed).toMatchObject({ id, status: "error", error: downloadError(url) });
    });

    it("an injected transcript failure: accepted, then status error with the given text", async () => {
      fake.failTranscripts(1, "Transcoding failed. File does not appear to contain audio.");
      const { id, status } = await aai.transcripts.submit({ audio: makeWav(1) });
      expect(status).toBe("queued");
      expect(await settled(aai, id)).toMatchObject({
        status: "error",
        error: "Transcoding failed. File does not appear to contain audio.",
      });
      // Only the next one.
      expect((await settled(aai, (await aai.transcripts.submit({ audio: makeWav(1) })).id)).status).toBe("completed");
    });

    it("echoAudioUrl: the API may write back a different audio_url than it was sent (undocumented either way); the audio is still downloaded from the URL sent", async () => {
      const uploadUrl = await aai.files.upload(makeWav(1));
      fake.echoAudioUrl = (sent) => sent.toUpperCase();
      try {
        const { id, audio_url } = await aai.transcripts.submit({ audio_url: uploadUrl });
        expect(audio_url).toBe(uploadUrl.toUpperCase());
        expect((await aai.transcripts.list({ limit: 1 })).transcripts[0]?.audio_url).toBe(uploadUrl.toUpperCase());
        expect((await settled(aai, id)).status).toBe("completed");
      } finally {
        fake.echoAudioUrl = undefined;
      }
    });
  });
});

/** A webhook receiver answering each delivery with the next status of `statuses` (the last one from then on). */
async function receiver(
  statuses: number[],
): Promise<{ url: string; bodies: Array<{ body: unknown; token: string | undefined }>; statuses: number[]; close(): Promise<void> }> {
  const bodies: Array<{ body: unknown; token: string | undefined }> = [];
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (d) => {
      raw += d;
    });
    req.on("end", () => {
      bodies.push({ body: JSON.parse(raw), token: req.headers["x-token"] as string | undefined });
      res.writeHead(statuses.length > 1 ? (statuses.shift() as number) : (statuses[0] ?? 200)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    bodies,
    statuses,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe("Webhooks: POST {transcript_id, status} with the auth header; retried until a 2xx, up to 10 attempts; a 4xx ends it", () => {
  let fake: AssemblyAiFake;
  let aai: AssemblyAI;
  beforeAll(async () => {
    fake = await startAssemblyAiFake({ processingMs: 50 });
    fake.webhookRetryMs = 20;
    aai = createAssemblyAi({ assemblyAiKey: "k", assemblyAiBaseUrl: fake.url });
  });
  afterAll(() => fake.close());

  const submitWithHook = async (url: string) =>
    (
      await aai.transcripts.submit({
        audio: makeWav(1),
        webhook_url: url,
        webhook_auth_header_name: "x-token",
        webhook_auth_header_value: "s3cret",
      })
    ).id;
  const deliveries = (id: string) => fake.webhookDeliveries.filter((d) => d.transcriptId === id).map((d) => d.status);

  it("Webhooks, 'Handle webhook deliveries': a 5xx is retried until the receiver takes it, and the transcript shows its status code", async () => {
    const hook = await receiver([503, 500, 200]);
    try {
      const id = await submitWithHook(hook.url);
      await waitFor(() => (deliveries(id).at(-1) === 200 ? true : undefined), 10_000, "the delivery");
      expect(deliveries(id)).toEqual([503, 500, 200]);
      expect(hook.bodies.at(-1)).toEqual({ body: { transcript_id: id, status: "completed" }, token: "s3cret" });
      expect((await aai.transcripts.get(id)).webhook_status_code).toBe(200);
    } finally {
      await hook.close();
    }
  });

  it("Webhooks: a 4xx is not retried", async () => {
    const hook = await receiver([404]);
    try {
      const id = await submitWithHook(hook.url);
      await waitFor(() => (fake.submissions.find((t) => t.id === id)?.webhook?.settled ? true : undefined), 5_000, "the webhook to settle");
      expect(deliveries(id)).toEqual([404]);
    } finally {
      await hook.close();
    }
  });

  it("Webhooks: no answer at all is retried up to 10 attempts in all", async () => {
    fake.webhookRetryMs = 1;
    try {
      const id = await submitWithHook("http://127.0.0.1:1/hook");
      await waitFor(() => (fake.submissions.find((t) => t.id === id)?.webhook?.settled ? true : undefined), 10_000, "ten attempts");
      expect(deliveries(id)).toEqual(Array(10).fill(0));
    } finally {
      fake.webhookRetryMs = 20;
    }
  });
});

describe("persistence: with a data directory the emulator forgets nothing across a restart", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "aai-fake-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("a transcript and its upload are on disk when the submission is answered, and answer the same after a restart on another port", async () => {
    const first = await startAssemblyAiFake({ processingMs: 300, dataDir: dir });
    const aai1 = createAssemblyAi({ assemblyAiKey: "k", assemblyAiBaseUrl: first.url });
    const uploadUrl = await aai1.files.upload(makeWav(2));
    const { id } = await aai1.transcripts.submit({ audio_url: uploadUrl, speech_models: speechModels, language_code: "de" });
    // Stored before the answer: nothing is left to a later write.
    expect(await readdir(path.join(dir, "transcripts"))).toContain(`${id}.json`);
    await first.close();

    const second = await startAssemblyAiFake({ processingMs: 300, dataDir: dir });
    try {
      expect(second.url).not.toBe(first.url);
      const aai2 = createAssemblyAi({ assemblyAiKey: "k", assemblyAiBaseUrl: second.url });
      expect(second.submissions.map((t) => t.id)).toContain(id);
      const t: Transcript = await settled(aai2, id);
      expect(t).toMatchObject({
        status: "completed",
        audio_url: uploadUrl,
        audio_duration: 2,
        language_code: "de",
        speech_models: speechModels,
      });
      // The list's URLs are the new origin's; nothing stored named the old one.
      const listed = await aai2.transcripts.list({ limit: 1 });
      expect(listed.transcripts[0]?.resource_url).toBe(`${second.url}/v2/transcript/${id}`);
    } finally {
      await second.close();
    }
  });

  it("a webhook not delivered before the restart is delivered after it", async () => {
    const hook = await receiver([503, 200]);
    const first = await startAssemblyAiFake({ processingMs: 50, dataDir: dir });
    // The first attempt fails and the retry would come only after the restart.
    first.webhookRetryMs = 60_000;
    const aai1 = createAssemblyAi({ assemblyAiKey: "k", assemblyAiBaseUrl: first.url });
    const { id } = await aai1.transcripts.submit({
      audio: makeWav(1),
      webhook_url: hook.url,
      webhook_auth_header_name: "x-token",
      webhook_auth_header_value: "s3cret",
    });
    await waitFor(() => (first.webhookDeliveries.some((d) => d.transcriptId === id) ? true : undefined), 10_000, "the first attempt");
    await first.close();
    expect(hook.bodies).toHaveLength(1);

    const second = await startAssemblyAiFake({ processingMs: 50, dataDir: dir });
    try {
      await waitFor(
        () => (second.webhookDeliveries.some((d) => d.transcriptId === id && d.status === 200) ? true : undefined),
        10_000,
        "the delivery after the restart",
      );
      expect(hook.bodies).toHaveLength(2);
      expect(hook.bodies[1]).toEqual({ body: { transcript_id: id, status: "completed" }, token: "s3cret" });
    } finally {
      await second.close();
      await hook.close();
    }
  });

  it("a write cut short (a temporary file never renamed) leaves the previous state, and is cleared at start", async () => {
    const first = await startAssemblyAiFake({ processingMs: 50, dataDir: dir });
    const count = first.submissions.length;
    await first.close();
    const torn = path.join(dir, "transcripts", `${first.submissions[0]?.id}.json.123.abc.tmp`);
    await writeFile(torn, '{"id": "half');
    const second = await startAssemblyAiFake({ processingMs: 50, dataDir: dir });
    try {
      expect(second.submissions.length).toBe(count);
      expect((await readdir(path.join(dir, "transcripts"))).filter((n) => n.endsWith(".tmp"))).toEqual([]);
    } finally {
      await second.close();
    }
  });
});
