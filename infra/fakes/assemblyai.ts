import { createHash, randomUUID } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { type ServerType, serve } from "@hono/node-server";
import type { TranscriptLanguageCode, TranscriptParams } from "assemblyai";
import { Hono } from "hono";
import { z } from "zod";

/**
 * A local stand-in for AssemblyAI's v2 API (upload, transcript submit/get/list, srt/vtt), used by
 * the real `assemblyai` SDK through its baseUrl option. It refuses requests the API refuses,
 * downloads the audio like the service does, reads the duration from a WAV header, answers a
 * transcript with word timings, calls the webhook with AssemblyAI's retries, and can be told to
 * fail in each documented way. Given a data directory it keeps everything there, so a restart
 * forgets nothing.
 *
 * Sources: AssemblyAI's OpenAPI spec (github.com/AssemblyAI/assemblyai-api-spec, openapi.yml:
 * TranscriptParams with `additionalProperties: false`, the Error schema and its example
 * `{"error": "format_text must be a Boolean"}`), the SDK's generated types (TranscriptParams,
 * TranscriptLanguageCode), and the docs pages "Troubleshoot common errors", "Webhooks for
 * pre-recorded audio", "Transcript status", "List transcripts".
 */

const vocabulary = [
  "the",
  "team",
  "agreed",
  "to",
  "ship",
  "harbour",
  "release",
  "on",
  "friday",
  "after",
  "review",
  "of",
  "new",
  "designs",
  "and",
  "budget",
  "numbers",
  "for",
  "next",
  "quarter",
];

/** The transcript list's timestamps as AssemblyAI writes them: UTC, microseconds, and no zone (`2023-11-02T21:49:25.586965`). */
export function listTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, -1)}000`;
}

/** Where AssemblyAI's upload endpoint puts files (`https://cdn.assemblyai.com/upload/<uuid>`); the emulator serves these itself. */
export const UPLOAD_PREFIX = "https://cdn.assemblyai.com/upload/";

// ---------------------------------------------------------------------------------------------
// The request body of POST /v2/transcript

/**
 * Every language_code the API takes (the SDK's TranscriptLanguageCode, from the docs' "Supported
 * languages"): a Record so the typechecker refuses a missing or an extra code.
 */
const supportedLanguages: Record<TranscriptLanguageCode, true> = Object.fromEntries(
  "en en_au en_uk en_us es fr de de_ch it pt nl af sq am ar hy as az ba eu be bn bs br bg my ca zh hr cs da et fo fi gl ka el gu ht ha haw he hi hu is id ja jw kn kk km ko lo la lv ln lt lb mk mg ms ml mt mi mr mn ne no nn oc pa ps fa pl ro ru sa sr sn sd si sk sl so su sw sv tl tg ta tt te th bo tr tk uk ur uz vi cy yi yo"
    .split(" ")
    .map((code) => [code, true]),
) as Record<TranscriptLanguageCode, true>;
export const LANGUAGE_CODES = Object.keys(supportedLanguages) as TranscriptLanguageCode[];

const bool = z.boolean();
const str = z.string();
const int = z.number().int();
const strings = z.array(z.string());
/** Option objects the worker never sends are checked only for being objects. */
const options = z.record(z.string(), z.unknown());

/**
 * One schema per field of TranscriptParams, with the types and ranges the spec gives. The
 * `satisfies` makes the typechecker refuse a field the SDK lacks and name one it gained.
 */
const transcriptFields = {
  audio_url: str,
  audio_end_at: int,
  audio_start_from: int,
  auto_chapters: bool,
  auto_highlights: bool,
  boost_param: z.enum(["low", "default", "high"]),
  content_safety: bool,
  content_safety_confidence: int.min(25).max(100),
  custom_spelling: z.array(z.object({ from: strings, to: str }).strict()),
  custom_topics: bool,
  disfluencies: bool,
  dual_channel: bool,
  entity_detection: bool,
  filter_profanity: bool,
  format_text: bool,
  iab_categories: bool,
  keyterms_prompt: strings,
  keyterms_prompt_options: options,
  language_code: z.enum(LANGUAGE_CODES as [TranscriptLanguageCode, ...TranscriptLanguageCode[]]).nullable(),
  language_confidence_threshold: z.number().min(0).max(1),
  language_detection: bool,
  language_detection_options: options.nullable(),
  multichannel: bool,
  prompt: str,
  punctuate: bool,
  redact_pii: bool,
  redact_pii_audio: bool,
  redact_pii_audio_quality: z.enum(["mp3", "wav"]),
  redact_pii_policies: strings,
  redact_pii_return_unredacted: bool,
  redact_pii_sub: z.enum(["entity_name", "hash"]).nullable(),
  sentiment_analysis: bool,
  speaker_labels: bool,
  speakers_expected: int.nullable(),
  speaker_options: options.nullable(),
  speech_model: z.enum(["best", "nano", "slam-1", "universal"]).nullable(),
  speech_models: strings.nullable(),
  speech_threshold: z.number().min(0).max(1).nullable(),
  summarization: bool,
  summary_model: z.enum(["informative", "conversational", "catchy"]),
  summary_type: z.enum(["bullets", "bullets_verbose", "gist", "headline", "paragraph"]),
  temperature: z.number().nullable(),
  remove_audio_tags: str.nullable(),
  topics: strings,
  webhook_auth_header_name: str.nullable(),
  webhook_auth_header_value: str.nullable(),
  webhook_url: str,
  word_boost: strings,
  speech_understanding: options,
  domain: str.nullable(),
} satisfies { [K in keyof Required<TranscriptParams>]: z.ZodType };

// Unknown fields are refused: the spec's TranscriptParams has `additionalProperties: false`.
const transcriptRequest = z.object(transcriptFields).partial().required({ audio_url: true }).strict();
export type TranscriptRequest = z.infer<typeof transcriptRequest>;

/** AssemblyAI's answer to a body that is not its schema (an unknown field, or not a JSON object). */
export const SCHEMA_ERROR = "Invalid endpoint schema, please refer to documentation for examples.";

const typeNames: Record<string, string> = {
  boolean: "a Boolean",
  string: "a String",
  int: "an Integer",
  number: "a Number",
  array: "a List",
  object: "an Object",
  record: "an Object",
};

/** One validation problem as AssemblyAI words it, e.g. `format_text must be a Boolean`. */
function refusal(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") return SCHEMA_ERROR;
  const field = issue.path.join(".");
  if (issue.code === "invalid_type") {
    if (issue.path.length === 1 && issue.path[0] === "audio_url" && issue.input === undefined) return "audio_url is required";
    return `${field} must be ${typeNames[issue.expected] ?? issue.expected}`;
  }
  // The API's own words for a language it does not have (the list, comma-separated, and a period).
  if (issue.code === "invalid_value" && field === "language_code") return `language_code must be one of ${LANGUAGE_CODES.join(", ")}.`;
  if (issue.code === "invalid_value") return `${field} must be one of ${issue.values.map(String).join(", ")}`;
  if (issue.code === "too_small") return `${field} must be at least ${String(issue.minimum)}`;
  if (issue.code === "too_big") return `${field} must be at most ${String(issue.maximum)}`;
  return `${field} is not valid`;
}

/**
 * The body of POST /v2/transcript checked as the API checks it: the request, or AssemblyAI's
 * error text for a 400. (The docs do not say that language_code with language_detection is
 * refused, so it is not.)
 */
export function checkTranscriptRequest(body: unknown): { ok: true; request: TranscriptRequest } | { ok: false; error: string } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return { ok: false, error: SCHEMA_ERROR };
  const parsed = transcriptRequest.safeParse(body);
  if (parsed.success) return { ok: true, request: parsed.data };
  const issues = parsed.error.issues;
  return { ok: false, error: refusal(issues.find((i) => i.code === "unrecognized_keys") ?? (issues[0] as z.core.$ZodIssue)) };
}

// ---------------------------------------------------------------------------------------------
// Transcripts

type Outcome =
  | {
      status: "completed";
      text: string;
      words: Array<{ text: string; start: number; end: number; confidence: number; speaker: string | null }>;
      audioDuration: number;
      languageCode: string;
    }
  | { status: "error"; error: string };

export interface FakeTranscript {
  id: string;
  /** Order of submission, for the list (two transcripts may share a millisecond). */
  seq: number;
  /** The request as accepted (webhook_url, speech_models, language_code, ...). */
  request: TranscriptRequest;
  /** The audio URL as sent, which is the one downloaded. */
  audioUrl: string;
  /** The audio URL as the API answers it: as sent, unless the test set `echoAudioUrl`. */
  echoedAudioUrl: string;
  speakerLabels: boolean;
  /** What the request asked for in `speech_models`, as sent. */
  speechModels?: string[];
  submittedAt: number;
  /** Set by failTranscripts: the transcript ends with `status: "error"` and this text. */
  failWith?: string;
  outcome?: Outcome;
  webhook?: { url: string; header?: string; value?: string; attempts: number; delivered: number; statusCode?: number; settled: boolean };
}

export interface SubmissionFailure {
  status: number;
  /** The `error` text; AssemblyAI's documented one for the status when unset. 503 and 504 have no body. */
  error?: string;
  retryAfterSeconds?: number;
  /** Take the transcript, then answer the error anyway (a gateway losing the answer). */
  afterAccept?: boolean;
}

export interface AssemblyAiFake {
  url: string;
  /** Every transcript the emulator accepted, oldest first (after a restart, those it loaded too). */
  submissions: FakeTranscript[];
  /** The HTTP status of each answer to POST /v2/transcript this run, refusals included. */
  submitAnswers: number[];
  processingMs: number;
  /** How many successful deliveries each webhook gets (repeats are allowed by the API). */
  webhookRepeats: number;
  /** The first wait between failed webhook attempts, doubling up to 10 s. */
  webhookRetryMs: number;
  webhookDeliveries: Array<{ transcriptId: string; status: number }>;
  /** Answer the next n submissions with this HTTP status (and AssemblyAI's body for it). */
  failSubmissions(n: number, status: number, opts?: Omit<SubmissionFailure, "status">): void;
  /** The next n accepted transcripts end with `status: "error"` and this `error` text. */
  failTranscripts(n: number, error: string): void;
  /** How the API writes back the audio_url it was sent (in answers and the list); unchanged when unset. */
  echoAudioUrl: ((sent: string) => string) | undefined;
  /** Runs after a submission is accepted (and stored) and before it is answered: a test kills the submitter here. */
  beforeAnswer: ((transcript: FakeTranscript) => void | Promise<void>) | undefined;
  close(): Promise<void>;
}

/** Seconds of audio in a PCM WAV file, or undefined when the bytes are not one. */
export function wavDuration(bytes: Buffer): number | undefined {
  if (bytes.length < 44 || bytes.toString("ascii", 0, 4) !== "RIFF" || bytes.toString("ascii", 8, 12) !== "WAVE") return undefined;
  let offset = 12;
  let byteRate = 0;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString("ascii", offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === "fmt ") byteRate = bytes.readUInt32LE(offset + 16);
    if (id === "data" && byteRate > 0) return Math.min(size, bytes.length - offset - 8) / byteRate;
    offset += 8 + size + (size % 2);
  }
  return undefined;
}

const ts = (ms: number, sep: string) => {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}${sep}${String(ms % 1000).padStart(3, "0")}`;
};

/** The words the emulator "hears": a fixed vocabulary picked by the audio's hash, spread over its duration. */
function transcribe(bytes: Buffer, seconds: number, speakerLabels: boolean, languageCode: string): Outcome {
  const seed = createHash("sha256").update(bytes).digest();
  const count = Math.max(1, Math.round(seconds * 2.5));
  const words = Array.from({ length: count }, (_, i) => {
    const start = Math.round((i * seconds * 1000) / count);
    const text = vocabulary[((seed[i % seed.length] ?? 0) + i) % vocabulary.length] ?? "word";
    return {
      text,
      start,
      end: start + Math.round((seconds * 900) / count),
      confidence: 0.95,
      speaker: speakerLabels ? (i < count / 2 ? "A" : "B") : null,
    };
  });
  return { status: "completed", text: words.map((w) => w.text).join(" "), words, audioDuration: Math.round(seconds), languageCode };
}

/** AssemblyAI's documented text for a download that failed ("Troubleshoot common errors"). */
export const downloadError = (url: string) =>
  `Download error, unable to download ${url}. Please make sure the file exists and is accessible from the internet.`;

/** The documented body of each error status a test can ask for; 503 and 504 answer without one (the spec gives them no content). */
const documentedErrors: Record<number, string> = {
  400: "Your current account balance is negative. Please top up to continue using the API.",
  401: "Authentication error, API token missing/invalid.",
  404: "Not found",
  429: "Too Many Requests",
  500: "Server error, developers have been alerted.",
};

// ---------------------------------------------------------------------------------------------
// Persistence

/**
 * The emulator's state as files: `transcripts/<id>.json` and `uploads/<id>`. Each file is
 * written to a temporary name, flushed, then renamed over the old one, so a power loss leaves
 * either the old file or the new one. Writes of one file are serialized, so an older state never
 * lands after a newer one. Nothing stored names the emulator's own origin, which changes with
 * its port.
 */
interface Store {
  init(): Promise<void>;
  saveTranscript(t: FakeTranscript): Promise<void>;
  saveUpload(id: string, bytes: Buffer): Promise<void>;
  readUpload(id: string): Promise<Buffer | undefined>;
  /** Every stored transcript, oldest first. */
  loadTranscripts(): Promise<FakeTranscript[]>;
  /** Waits for the writes under way. */
  flush(): Promise<void>;
}

function fileStore(dataDir: string): Store {
  const transcriptsDir = path.join(dataDir, "transcripts");
  const uploadsDir = path.join(dataDir, "uploads");
  const queues = new Map<string, Promise<void>>();

  async function writeAtomic(file: string, data: string | Buffer): Promise<void> {
    const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
    const handle = await open(tmp, "w");
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  }

  function queued(file: string, data: string | Buffer): Promise<void> {
    const next = (queues.get(file) ?? Promise.resolve()).then(() => writeAtomic(file, data));
    const settled = next.catch(() => {});
    queues.set(file, settled);
    void settled.then(() => {
      if (queues.get(file) === settled) queues.delete(file);
    });
    return next;
  }

  return {
    async init(): Promise<void> {
      await mkdir(transcriptsDir, { recursive: true });
      await mkdir(uploadsDir, { recursive: true });
    },
    saveTranscript: (t: FakeTranscript) => queued(path.join(transcriptsDir, `${t.id}.json`), JSON.stringify(t)),
    saveUpload: (id: string, bytes: Buffer) => queued(path.join(uploadsDir, id), bytes),
    readUpload: (id: string) => readFile(path.join(uploadsDir, path.basename(id))).catch(() => undefined),
    // Leftovers of interrupted writes are removed: the renamed files are the state.
    async loadTranscripts(): Promise<FakeTranscript[]> {
      const loaded: FakeTranscript[] = [];
      for (const dir of [transcriptsDir, uploadsDir]) {
        for (const name of await readdir(dir)) {
          if (name.endsWith(".tmp")) await rm(path.join(dir, name), { force: true });
        }
      }
      for (const name of await readdir(transcriptsDir)) {
        if (name.endsWith(".json")) loaded.push(JSON.parse(await readFile(path.join(transcriptsDir, name), "utf8")) as FakeTranscript);
      }
      return loaded.sort((a, b) => a.seq - b.seq);
    },
    flush: () => Promise.all([...queues.values()]).then(() => {}),
  };
}

/** The same calls with nothing kept: the emulator's state lives only as long as the process. */
function memoryStore(): Store {
  const uploads = new Map<string, Buffer>();
  return {
    init: async () => {},
    saveTranscript: async () => {},
    saveUpload: async (id, bytes) => void uploads.set(id, bytes),
    readUpload: async (id) => uploads.get(id),
    loadTranscripts: async () => [],
    flush: async () => {},
  };
}

// ---------------------------------------------------------------------------------------------
// The server

export async function startAssemblyAiFake(opts: { port?: number; processingMs?: number; dataDir?: string } = {}): Promise<AssemblyAiFake> {
  const store = opts.dataDir ? fileStore(opts.dataDir) : memoryStore();
  const uploads = new Map<string, Buffer>();
  await store.init();
  const transcripts = new Map<string, FakeTranscript>();
  const loaded = await store.loadTranscripts();
  for (const t of loaded) transcripts.set(t.id, t);
  let seq = loaded.at(-1)?.seq ?? 0;
  const submissionFailures: SubmissionFailure[] = [];
  const transcriptFailures: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<unknown>>();
  const finishing = new Map<string, Promise<Outcome>>();
  let closed = false;
  let origin = "";
  const app = new Hono();

  /** Runs work the emulator starts on its own (webhooks), so close() can wait for it. */
  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work)).catch(() => {});
    return work;
  };
  const later = (ms: number, run: () => Promise<void>) => {
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        if (!closed) void track(run());
      },
      Math.max(0, ms),
    );
    timers.add(timer);
  };
  const save = (t: FakeTranscript) => (closed ? Promise.resolve() : store.saveTranscript(t));

  const statusOf = (t: FakeTranscript, now = Date.now()): "queued" | "processing" | "completed" | "error" => {
    if (t.outcome) return t.outcome.status;
    return now - t.submittedAt < fake.processingMs / 3 ? "queued" : "processing";
  };

  /** The transcript's result, computed once: the audio downloaded as the service would, or the injected failure. */
  const finish = (t: FakeTranscript): Promise<Outcome> => {
    if (t.outcome) return Promise.resolve(t.outcome);
    let pending = finishing.get(t.id);
    if (!pending) {
      pending = (async () => {
        t.outcome = t.failWith ? { status: "error", error: t.failWith } : await outcomeOf(t);
        await save(t);
        return t.outcome;
      })().finally(() => finishing.delete(t.id));
      finishing.set(t.id, pending);
    }
    return pending;
  };

  const download = async (url: string): Promise<Buffer | undefined> => {
    if (url.startsWith(UPLOAD_PREFIX)) {
      const id = url.slice(UPLOAD_PREFIX.length);
      return uploads.get(id) ?? (await store.readUpload(id));
    }
    const res = await fetch(url, { signal: AbortSignal.timeout(30_000) }).catch(() => undefined);
    return res?.ok ? Buffer.from(await res.arrayBuffer()) : undefined;
  };

  const outcomeOf = async (t: FakeTranscript): Promise<Outcome> => {
    const bytes = await download(t.audioUrl);
    if (!bytes) return { status: "error", error: downloadError(t.audioUrl) };
    const seconds = wavDuration(bytes);
    if (seconds === undefined) return { status: "error", error: "Transcoding failed. File does not appear to contain audio." };
    return transcribe(bytes, seconds, t.speakerLabels, t.request.language_code ?? (t.request.language_detection ? "en" : "en_us"));
  };

  /** The transcript resource as GET /v2/transcript/{id} answers it (the fields the SDK's Transcript names that matter here). */
  const transcriptJson = (t: FakeTranscript) => {
    const r = t.request;
    const status = statusOf(t);
    const done = t.outcome?.status === "completed" ? t.outcome : undefined;
    // As AssemblyAI sends them: each speaker's turn with its time span, confidence and words.
    const utterances =
      done && t.speakerLabels
        ? (["A", "B"] as const).flatMap((speaker) => {
            const words = done.words.filter((w) => w.speaker === speaker);
            const first = words[0];
            const last = words.at(-1);
            if (!first || !last) return [];
            const confidence = words.reduce((sum, w) => sum + w.confidence, 0) / words.length;
            return [{ speaker, text: words.map((w) => w.text).join(" "), start: first.start, end: last.end, confidence, words }];
          })
        : null;
    return {
      id: t.id,
      status,
      audio_url: t.echoedAudioUrl,
      language_code: done?.languageCode ?? r.language_code ?? (r.language_detection ? undefined : "en_us"),
      language_detection: r.language_detection ?? false,
      language_confidence: done && r.language_detection ? 0.98 : null,
      speech_model: r.speech_model ?? null,
      speech_models: r.speech_models ?? null,
      speech_model_used: done ? (r.speech_models?.[0] ?? "universal") : null,
      speaker_labels: r.speaker_labels ?? false,
      punctuate: r.punctuate ?? true,
      format_text: r.format_text ?? true,
      webhook_url: r.webhook_url ?? null,
      webhook_auth: Boolean(r.webhook_auth_header_name),
      webhook_auth_header_name: r.webhook_auth_header_name ?? null,
      webhook_status_code: t.webhook?.statusCode ?? null,
      text: done?.text ?? null,
      words: done?.words ?? null,
      utterances,
      confidence: done ? 0.95 : null,
      audio_duration: done?.audioDuration ?? null,
      ...(t.outcome?.status === "error" ? { error: t.outcome.error } : {}),
    };
  };

  /**
   * One webhook attempt, as "Webhooks for pre-recorded audio" describes: a POST of
   * `{transcript_id, status}` with the auth header; a 2xx within 10 s is received, a 4xx fails it
   * for good, anything else (or no answer) is tried again, up to 10 attempts in all.
   */
  const attemptWebhook = async (t: FakeTranscript): Promise<void> => {
    const hook = t.webhook;
    if (!hook || hook.settled || closed) return;
    const outcome = await finish(t);
    const res = await fetch(hook.url, {
      method: "POST",
      body: JSON.stringify({ transcript_id: t.id, status: outcome.status }),
      headers: { "content-type": "application/json", ...(hook.header ? { [hook.header]: hook.value ?? "" } : {}) },
      signal: AbortSignal.timeout(10_000),
    }).catch(() => undefined);
    const status = res?.status ?? 0;
    if (closed) return;
    fake.webhookDeliveries.push({ transcriptId: t.id, status });
    hook.attempts++;
    hook.statusCode = status || undefined;
    if (status >= 200 && status < 300) {
      hook.delivered++;
      hook.attempts = 0;
    }
    const failedForGood = (status >= 400 && status < 500) || hook.attempts >= 10;
    hook.settled = hook.delivered >= fake.webhookRepeats || failedForGood;
    await save(t);
    if (!hook.settled)
      later(hook.attempts === 0 ? 0 : Math.min(10_000, fake.webhookRetryMs * 2 ** (hook.attempts - 1)), () => attemptWebhook(t));
  };

  const scheduleWebhook = (t: FakeTranscript) => later(t.submittedAt + fake.processingMs + 20 - Date.now(), () => attemptWebhook(t));

  app.use("/v2/transcript", async (c, next) => {
    await next();
    if (c.req.method === "POST") fake.submitAnswers.push(c.res.status);
  });
  app.use(async (c, next) => {
    if (!c.req.header("authorization")) return c.json({ error: "Authentication error, API token missing/invalid." }, 401);
    return next();
  });

  app.post("/v2/upload", async (c) => {
    const id = randomUUID();
    const bytes = Buffer.from(await c.req.arrayBuffer());
    uploads.set(id, bytes);
    await store.saveUpload(id, bytes);
    return c.json({ upload_url: `${UPLOAD_PREFIX}${id}` });
  });

  /** An injected error answer, shaped as AssemblyAI answers that status. */
  const failureAnswer = (failure: SubmissionFailure) => {
    const headers: Record<string, string> =
      failure.retryAfterSeconds === undefined ? {} : { "retry-after": String(failure.retryAfterSeconds) };
    const error = failure.error ?? documentedErrors[failure.status];
    if (error === undefined) return new Response(null, { status: failure.status, headers });
    return Response.json({ error }, { status: failure.status, headers });
  };

  const accept = async (request: TranscriptRequest): Promise<FakeTranscript> => {
    const sent = request.audio_url;
    const t: FakeTranscript = {
      id: randomUUID(),
      seq: ++seq,
      request,
      audioUrl: sent,
      echoedAudioUrl: fake.echoAudioUrl ? fake.echoAudioUrl(sent) : sent,
      speakerLabels: request.speaker_labels ?? false,
      ...(request.speech_models ? { speechModels: request.speech_models } : {}),
      submittedAt: Date.now(),
      ...(transcriptFailures.length > 0 ? { failWith: transcriptFailures.shift() } : {}),
      ...(request.webhook_url
        ? {
            webhook: {
              url: request.webhook_url,
              ...(request.webhook_auth_header_name
                ? { header: request.webhook_auth_header_name, value: request.webhook_auth_header_value ?? "" }
                : {}),
              attempts: 0,
              delivered: 0,
              settled: false,
            },
          }
        : {}),
    };
    transcripts.set(t.id, t);
    fake.submissions.push(t);
    // Stored before it is answered: what the API said it took, it has.
    await save(t);
    if (t.webhook) scheduleWebhook(t);
    return t;
  };

  app.post("/v2/transcript", async (c) => {
    const failure = submissionFailures.shift();
    if (failure && !failure.afterAccept) return failureAnswer(failure);
    const checked = checkTranscriptRequest(await c.req.json().catch(() => undefined));
    if (!checked.ok) return c.json({ error: checked.error }, 400);
    const t = await accept(checked.request);
    await fake.beforeAnswer?.(t);
    if (failure) return failureAnswer(failure);
    return c.json(transcriptJson(t));
  });

  // The transcript list, newest first, paged back in time with before_id.
  app.get("/v2/transcript", (c) => {
    const limit = Math.min(200, Number(c.req.query("limit") ?? 10));
    const all = [...transcripts.values()].sort((a, b) => b.seq - a.seq);
    const beforeId = c.req.query("before_id");
    const from = beforeId ? all.findIndex((t) => t.id === beforeId) + 1 : 0;
    const page = beforeId && from === 0 ? [] : all.slice(from, from + limit);
    const older = all[from + limit] && page.at(-1);
    return c.json({
      page_details: {
        limit,
        result_count: page.length,
        current_url: `${origin}${c.req.path}?${new URL(c.req.url).searchParams}`,
        prev_url: older ? `${origin}/v2/transcript?limit=${limit}&before_id=${older.id}` : null,
        next_url: page[0] ? `${origin}/v2/transcript?limit=${limit}&after_id=${page[0].id}` : null,
      },
      transcripts: page.map((t) => ({
        id: t.id,
        resource_url: `${origin}/v2/transcript/${t.id}`,
        status: statusOf(t),
        created: listTime(t.submittedAt),
        completed: t.outcome?.status === "completed" ? listTime(t.submittedAt + fake.processingMs) : null,
        audio_url: t.echoedAudioUrl,
        error: t.outcome?.status === "error" ? t.outcome.error : null,
      })),
    });
  });

  app.get("/v2/transcript/:id", async (c) => {
    const t = transcripts.get(c.req.param("id"));
    if (!t) return c.json({ error: "Transcript lookup error, transcript id not found" }, 400);
    if (Date.now() - t.submittedAt >= fake.processingMs) await finish(t);
    return c.json(transcriptJson(t));
  });

  app.get("/v2/transcript/:id/:format{srt|vtt}", (c) => {
    const t = transcripts.get(c.req.param("id"));
    if (!t) return c.json({ error: "Transcript lookup error, transcript id not found" }, 400);
    if (t.outcome?.status !== "completed") return c.json({ error: "Transcript is not completed" }, 400);
    const vtt = c.req.param("format") === "vtt";
    const cues: string[] = [];
    for (let i = 0; i < t.outcome.words.length; i += 8) {
      const chunk = t.outcome.words.slice(i, i + 8);
      const [first, last] = [chunk[0], chunk.at(-1)];
      if (!first || !last) continue;
      const timing = `${ts(first.start, vtt ? "." : ",")} --> ${ts(last.end, vtt ? "." : ",")}`;
      cues.push(`${vtt ? "" : `${cues.length + 1}\n`}${timing}\n${chunk.map((w) => w.text).join(" ")}`);
    }
    return c.text(`${vtt ? "WEBVTT\n\n" : ""}${cues.join("\n\n")}\n`);
  });

  const server: ServerType = serve({ fetch: app.fetch, port: opts.port ?? 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fake: AssemblyAiFake = {
    url: origin,
    submissions: [...loaded],
    submitAnswers: [],
    processingMs: opts.processingMs ?? 300,
    webhookRepeats: 1,
    webhookRetryMs: 1_000,
    webhookDeliveries: [],
    echoAudioUrl: undefined,
    beforeAnswer: undefined,
    failSubmissions(n, status, more = {}) {
      submissionFailures.splice(0, submissionFailures.length, ...Array.from({ length: n }, () => ({ status, ...more })));
    },
    failTranscripts(n, error) {
      transcriptFailures.splice(0, transcriptFailures.length, ...Array.from({ length: n }, () => error));
    },
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...inFlight]);
      await store.flush();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  // Webhooks a previous run had not delivered yet go out now, or when their transcript is done.
  for (const t of loaded) {
    if (t.webhook && !t.webhook.settled) scheduleWebhook(t);
  }
  return fake;
}
