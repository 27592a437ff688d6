import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { captions, failureAnswer, listTime, transcriptJson } from "./answers.js";
import type { AssemblyAiState } from "./state.js";
import { checkTranscriptRequest } from "./transcript-request.js";
import { accept, finish, statusOf, UPLOAD_PREFIX } from "./transcripts.js";
import { redactedAudio } from "./redacted-audio.js";
import { llmGatewayRoutes } from "./llm-gateway.js";
import { scheduleWebhook } from "./webhooks.js";
import { understandingRoutes } from "./understanding.js";

/** AssemblyAI's v2 HTTP surface (upload, transcript submit, get and list, a transcript's srt/vtt captions) and the LLM Gateway. */
export function assemblyAiRoutes(state: AssemblyAiState): Hono {
  const app = new Hono();
  const { transcripts } = state;

  app.use("/v2/transcript", async (c, next) => {
    await next();
    if (c.req.method === "POST") state.fake.submitAnswers.push(c.res.status);
  });
  app.get("/redacted-audio/:file", async (c) => {
    const [id, ext] = c.req.param("file").split(".");
    const t = transcripts.get(id ?? "");
    if (!t?.request.redact_pii_audio || (t.request.redact_pii_audio_quality ?? "mp3") !== ext) return c.body(null, 404);
    const audio = await redactedAudio(state, t);
    if (!audio) return c.body(null, 404);
    return c.body(new Uint8Array(audio), 200, { "content-type": ext === "mp3" ? "audio/mpeg" : "audio/wav" });
  });
  // The LLM Gateway answers a missing key in its own error shape.
  app.route("/", llmGatewayRoutes(state));
  app.use(async (c, next) => {
    if (!c.req.header("authorization")) return c.json({ error: "Authentication error, API token missing/invalid." }, 401);
    return next();
  });

  app.route("/", understandingRoutes(state));

  app.post("/v2/upload", async (c) => {
    const id = randomUUID();
    const bytes = Buffer.from(await c.req.arrayBuffer());
    state.uploads.set(id, bytes);
    await state.store.saveUpload(id, bytes);
    return c.json({ upload_url: `${UPLOAD_PREFIX}${id}` });
  });

  app.post("/v2/transcript", async (c) => {
    const failure = state.submissionFailures.shift();
    if (failure && !failure.afterAccept) return failureAnswer(failure);
    const checked = checkTranscriptRequest(await c.req.json().catch(() => undefined));
    if (!checked.ok) return c.json({ error: checked.error }, 400);
    const t = await accept(state, checked.request);
    if (t.webhook) scheduleWebhook(state, t);
    await state.fake.beforeAnswer?.(t);
    if (failure) return failureAnswer(failure);
    return c.json(transcriptJson(state, t));
  });

  // The transcript list, newest first, paged back in time with before_id.
  app.get("/v2/transcript", (c) => {
    const { origin } = state;
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
        status: statusOf(state, t),
        created: listTime(t.submittedAt),
        completed: t.outcome?.status === "completed" ? listTime(t.submittedAt + state.fake.processingMs) : null,
        audio_url: t.echoedAudioUrl,
        error: t.outcome?.status === "error" ? t.outcome.error : null,
      })),
    });
  });

  app.get("/v2/transcript/:id", async (c) => {
    const t = transcripts.get(c.req.param("id"));
    if (!t) return c.json({ error: "Transcript lookup error, transcript id not found" }, 400);
    if (Date.now() - t.submittedAt >= state.fake.processingMs) await finish(state, t);
    return c.json(transcriptJson(state, t));
  });

  // The redacted audio's state and URL; the file itself is served below, without the API key,
  // as AssemblyAI's presigned storage URL is.
  app.get("/v2/transcript/:id/redacted-audio", (c) => {
    const t = transcripts.get(c.req.param("id"));
    if (!t) return c.json({ error: "Transcript lookup error, transcript id not found" }, 400);
    if (!t.request.redact_pii_audio) return c.json({ error: "Redacted audio is not available: redact_pii_audio was not enabled" }, 400);
    if (t.outcome?.status !== "completed") return c.json({ error: "Redacted audio is not ready yet" }, 400);
    const ext = t.request.redact_pii_audio_quality ?? "mp3";
    return c.json({ status: "redacted_audio_ready", redacted_audio_url: `${state.origin}/redacted-audio/${t.id}.${ext}` });
  });

  app.get("/v2/transcript/:id/:format{srt|vtt}", (c) => {
    const t = transcripts.get(c.req.param("id"));
    if (!t) return c.json({ error: "Transcript lookup error, transcript id not found" }, 400);
    if (t.outcome?.status !== "completed") return c.json({ error: "Transcript is not completed" }, 400);
    return c.text(captions(t.outcome.words, c.req.param("format") === "vtt"));
  });

  return app;
}
