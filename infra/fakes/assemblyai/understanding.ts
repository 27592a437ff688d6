import { Hono } from "hono";
import { z } from "zod";
import { transcriptJson } from "./answers.js";
import { type AssemblyAiState, save } from "./state.js";
import { finish } from "./transcripts.js";
import { translationError, translationRequest } from "./translation.js";

/**
 * The LLM Gateway's Speech Understanding endpoint, POST /v1/understanding, for Translation on a
 * finished transcript named by `transcript_id`
 * (https://www.assemblyai.com/docs/api-reference/llm-gateway/create-speech-understanding). The
 * answer is the transcript with `speech_understanding` ({request, response}) and
 * `translated_texts`, on it and (match_original_utterance) on each utterance; the translation
 * stays on the transcript, as the docs' "add translations to existing transcripts" has it, so a
 * later GET shows it too. Refusals use the gateway's post-auth envelope
 * (`message`, `request_id`, `metadata.errors`), which the SDK reads into LlmGatewayError.
 */
const understandingBody = z
  .object({
    transcript_id: z.string(),
    speech_understanding: z.object({ request: z.object({ translation: translationRequest }).strict() }).strict(),
  })
  .strict();

const refusal = (message: string, errors: string[] = [message]) => ({
  message,
  request_id: crypto.randomUUID(),
  metadata: { errors },
});

export function understandingRoutes(state: AssemblyAiState): Hono {
  const app = new Hono();
  app.post("/v1/understanding", async (c) => {
    const parsed = understandingBody.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success)
      return c.json(
        refusal(
          "Invalid request body",
          parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
        ),
        422,
      );
    const { transcript_id: id, speech_understanding } = parsed.data;
    const translation = speech_understanding.request.translation;
    const error = translationError(translation);
    if (error) return c.json(refusal(error), 422);
    const t = state.transcripts.get(id);
    if (!t) return c.json(refusal("Transcript not found"), 404);
    if (Date.now() - t.submittedAt >= state.fake.processingMs) await finish(state, t);
    if (t.outcome?.status !== "completed") return c.json(refusal("Transcript is not completed"), 400);
    const added = t.addedTranslations ?? [];
    for (const language of translation.target_languages) {
      const perUtterance = translation.match_original_utterance === true;
      const at = added.findIndex((a) => a.language === language);
      if (at >= 0) added[at] = { language, perUtterance };
      else added.push({ language, perUtterance });
    }
    t.addedTranslations = added;
    await save(state, t);
    state.fake.understandings.push({ transcriptId: id, languages: [...translation.target_languages] });
    const transcript = transcriptJson(state, t);
    return c.json({
      ...transcript,
      speech_understanding: { request: speech_understanding.request, response: { translation: { status: "success" } } },
    });
  });
  return app;
}
