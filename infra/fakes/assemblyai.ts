import { createHash, randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { Hono } from "hono";

/**
 * A local stand-in for AssemblyAI's v2 API (upload, transcript submit/get, srt/vtt), used by the
 * real `assemblyai` SDK through its baseUrl option. It downloads the audio like the service does,
 * reads the duration from a WAV header, and answers a transcript with word timings.
 */

const vocabulary = ["the", "team", "agreed", "to", "ship", "harbour", "release", "on", "friday", "after", "review", "of", "new", "designs", "and", "budget", "numbers", "for", "next", "quarter"];

/** The transcript list's timestamps as AssemblyAI writes them: UTC, microseconds, and no zone (`2023-11-02T21:49:25.586965`). */
function listTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, -1)}000`;
}

export interface FakeTranscript {
  id: string;
  webhook?: { url: string; header?: string; value?: string };
  audioUrl: string;
  speakerLabels: boolean;
  /** What the request asked for in `speech_models`, as sent. */
  speechModels?: string[];
  submittedAt: number;
  result?: Record<string, unknown>;
}

export interface AssemblyAiFake {
  url: string;
  submissions: FakeTranscript[];
  processingMs: number;
  webhookRepeats: number;
  webhookDeliveries: Array<{ transcriptId: string; status: number }>;
  /** Answer the next n submissions with this HTTP status. */
  failSubmissions(n: number, status: number): void;
  /** Runs after a submission is accepted and before it is answered: a test kills the submitter here. */
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

export async function startAssemblyAiFake(opts: { port?: number; processingMs?: number } = {}): Promise<AssemblyAiFake> {
  const transcripts = new Map<string, FakeTranscript>();
  const uploads = new Map<string, Buffer>();
  let failures = { n: 0, status: 500 };
  let origin = "";
  const app = new Hono();

  app.use(async (c, next) => {
    if (!c.req.path.startsWith("/uploads/") && !c.req.header("authorization")) return c.json({ error: "Authentication error, API token missing/invalid" }, 401);
    return next();
  });

  app.post("/v2/upload", async (c) => {
    const id = randomUUID();
    uploads.set(id, Buffer.from(await c.req.arrayBuffer()));
    return c.json({ upload_url: `${origin}/uploads/${id}` });
  });
  app.get("/uploads/:id", (c) => {
    const bytes = uploads.get(c.req.param("id"));
    return bytes ? c.body(new Uint8Array(bytes)) : c.json({ error: "not found" }, 404);
  });

  app.post("/v2/transcript", async (c) => {
    if (failures.n > 0) {
      failures.n--;
      return c.json({ error: failures.status === 400 ? "Invalid audio_url" : "Internal server error" }, failures.status as 400);
    }
    const body = (await c.req.json()) as { audio_url?: string; speaker_labels?: boolean; speech_models?: unknown; webhook_url?: string; webhook_auth_header_name?: string; webhook_auth_header_value?: string };
    if (!body.audio_url) return c.json({ error: "audio_url is required" }, 400);
    if (body.speech_models !== undefined && (!Array.isArray(body.speech_models) || body.speech_models.some((m) => typeof m !== "string"))) {
      return c.json({ error: "speech_models must be a list of model names" }, 400);
    }
    const t: FakeTranscript = {
      id: randomUUID(),
      audioUrl: body.audio_url,
      speakerLabels: Boolean(body.speaker_labels),
      ...(Array.isArray(body.speech_models) ? { speechModels: body.speech_models as string[] } : {}),
      submittedAt: Date.now(),
    };
    if (body.webhook_url) {
      t.webhook = { url: body.webhook_url, ...(body.webhook_auth_header_name ? { header: body.webhook_auth_header_name, value: body.webhook_auth_header_value ?? "" } : {}) };
    }
    transcripts.set(t.id, t);
    fake.submissions.push(t);
    if (t.webhook) {
      const hook = t.webhook;
      setTimeout(async () => {
        const result = await finish(t);
        for (let i = 0; i < fake.webhookRepeats; i++) {
          const res = await fetch(hook.url, {
            method: "POST",
            body: JSON.stringify({ transcript_id: t.id, status: result.status }),
            headers: { "content-type": "application/json", ...(hook.header ? { [hook.header]: hook.value ?? "" } : {}) },
          }).catch(() => undefined);
          fake.webhookDeliveries.push({ transcriptId: t.id, status: res?.status ?? 0 });
        }
      }, fake.processingMs + 20);
    }
    await fake.beforeAnswer?.(t);
    return c.json({ id: t.id, status: "queued", audio_url: t.audioUrl });
  });

  // The transcript list, newest first, paged back in time with before_id.
  app.get("/v2/transcript", (c) => {
    const limit = Math.min(200, Number(c.req.query("limit") ?? 10));
    const all = [...transcripts.values()].reverse();
    const beforeId = c.req.query("before_id");
    const from = beforeId ? all.findIndex((t) => t.id === beforeId) + 1 : 0;
    const page = beforeId && from === 0 ? [] : all.slice(from, from + limit);
    const status = (t: FakeTranscript) => (t.result ? String(t.result.status) : Date.now() - t.submittedAt < fake.processingMs / 3 ? "queued" : "processing");
    const older = all[from + limit] && page.at(-1);
    return c.json({
      page_details: {
        limit,
        result_count: page.length,
        current_url: `${origin}${c.req.path}?${new URL(c.req.url).searchParams}`,
        prev_url: older ? `${origin}/v2/transcript?limit=${limit}&before_id=${older.id}` : null,
        next_url: null,
      },
      transcripts: page.map((t) => ({
        id: t.id,
        resource_url: `${origin}/v2/transcript/${t.id}`,
        status: status(t),
        created: listTime(t.submittedAt),
        completed: t.result ? listTime(t.submittedAt + fake.processingMs) : null,
        audio_url: t.audioUrl,
        error: (t.result?.error as string | undefined) ?? null,
      })),
    });
  });

  const finish = async (t: FakeTranscript) => {
    if (t.result) return t.result;
    let bytes: Buffer;
    try {
      const res = await fetch(t.audioUrl);
      if (!res.ok) throw new Error(String(res.status));
      bytes = Buffer.from(await res.arrayBuffer());
    } catch (err) {
      t.result = { id: t.id, status: "error", error: `Download error, unable to download ${t.audioUrl} (${(err as Error).message})` };
      return t.result;
    }
    const seconds = wavDuration(bytes);
    if (seconds === undefined) {
      t.result = { id: t.id, status: "error", error: "Transcoding failed. File does not appear to contain audio." };
      return t.result;
    }
    const seed = createHash("sha256").update(bytes).digest();
    const count = Math.max(1, Math.round(seconds * 2.5));
    const words = Array.from({ length: count }, (_, i) => {
      const start = Math.round((i * seconds * 1000) / count);
      return { text: vocabulary[((seed[i % seed.length] ?? 0) + i) % vocabulary.length] ?? "word", start, end: start + Math.round((seconds * 900) / count), confidence: 0.95, speaker: t.speakerLabels ? (i < count / 2 ? "A" : "B") : null };
    });
    const text = words.map((w) => w.text).join(" ");
    t.result = {
      id: t.id,
      status: "completed",
      audio_url: t.audioUrl,
      text,
      words,
      utterances: t.speakerLabels ? [{ speaker: "A", text: words.slice(0, Math.ceil(count / 2)).map((w) => w.text).join(" ") }, { speaker: "B", text: words.slice(Math.ceil(count / 2)).map((w) => w.text).join(" ") }] : null,
      audio_duration: Math.round(seconds),
      confidence: 0.95,
      language_code: "en_us",
    };
    return t.result;
  };

  app.get("/v2/transcript/:id", async (c) => {
    const t = transcripts.get(c.req.param("id"));
    if (!t) return c.json({ error: "Transcript not found" }, 404);
    const elapsed = Date.now() - t.submittedAt;
    if (elapsed < fake.processingMs) return c.json({ id: t.id, status: elapsed < fake.processingMs / 3 ? "queued" : "processing" });
    return c.json(await finish(t));
  });

  app.get("/v2/transcript/:id/:format{srt|vtt}", async (c) => {
    const t = transcripts.get(c.req.param("id"));
    const result = t?.result as { words?: Array<{ text: string; start: number; end: number }> } | undefined;
    if (!result?.words) return c.json({ error: "Transcript not ready" }, 400);
    const vtt = c.req.param("format") === "vtt";
    const cues: string[] = [];
    for (let i = 0; i < result.words.length; i += 8) {
      const chunk = result.words.slice(i, i + 8);
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
    submissions: [],
    processingMs: opts.processingMs ?? 300,
    webhookRepeats: 1,
    webhookDeliveries: [],
    beforeAnswer: undefined,
    failSubmissions(n, status) {
      failures = { n, status };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return fake;
}
