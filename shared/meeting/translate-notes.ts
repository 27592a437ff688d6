import { z } from "zod";
import type { Config } from "../config.js";
import { llmGatewayCost } from "../pricing.js";
import { chatCompletion } from "./gateway.js";
import { notesMarkdown } from "./notes.js";
import { jsonOf, type NotesFile } from "./notes-schema.js";
import { notesTranslationPromptV1 } from "./prompts/notes-translation.v1.js";

/** The prompt every translation of notes is made with. */
export const NOTES_TRANSLATION_PROMPT = notesTranslationPromptV1;

const text = z.string().trim().min(1).max(2000);
const translatedAnswer = z.object({
  summary: z.string().max(5000),
  actionItems: z.array(z.object({ text })).max(100),
  decisions: z.array(z.object({ text })).max(100),
  chapters: z.array(z.object({ title: z.string().trim().min(1).max(200), summary: z.string().max(2000) })).max(100),
});

export type TranslatedNotes = { usage: { input_tokens: number; output_tokens: number }; costUsd: number } & (
  | { ok: true; file: NotesFile & { language: string; translatedFrom: number }; markdown: string }
  | { ok: false; reason: string }
);

/**
 * The notes in another language, through the LLM Gateway. Only the words people read are sent and
 * taken back: quotes stay the transcript's own lines with their speakers and times (they are what
 * a reader checks against the recording), owners stay names. An answer that does not match the
 * notes item for item is refused; the call is billed either way.
 */
export async function translateNotes(
  providers: Pick<Config["providers"], "assemblyAiKey" | "assemblyAiLlmGatewayUrl">,
  notes: NotesFile,
  language: string,
): Promise<TranslatedNotes> {
  const prompt = NOTES_TRANSLATION_PROMPT;
  const readable = {
    summary: notes.summary,
    actionItems: notes.actionItems.map((a) => ({ text: a.text, ...(a.owner ? { owner: a.owner } : {}) })),
    decisions: notes.decisions.map((d) => ({ text: d.text })),
    chapters: notes.chapters.map((c) => ({ title: c.title, summary: c.summary })),
  };
  const answer = await chatCompletion(
    providers,
    { system: prompt.system, user: prompt.user(language, JSON.stringify(readable)), maxTokens: prompt.maxTokens },
    "translate-notes",
  );
  const billed = { usage: answer.usage, costUsd: llmGatewayCost(answer.usage) };
  if (answer.finishReason === "length") return { ...billed, ok: false, reason: "the answer was cut at max_tokens" };
  const parsed = translatedAnswer.safeParse(jsonOf(answer.content));
  if (!parsed.success)
    return { ...billed, ok: false, reason: `the answer is not the notes asked for: ${parsed.error.message.slice(0, 300)}` };
  const t = parsed.data;
  const sameShape =
    t.actionItems.length === notes.actionItems.length &&
    t.decisions.length === notes.decisions.length &&
    t.chapters.length === notes.chapters.length;
  if (!sameShape) return { ...billed, ok: false, reason: "the translated notes do not have the notes' items" };
  const file = {
    ...notes,
    language,
    translatedFrom: notes.revision,
    promptVersion: prompt.version,
    model: answer.model,
    createdAt: new Date().toISOString(),
    summary: t.summary,
    actionItems: notes.actionItems.map((a, i) => ({ ...a, text: t.actionItems[i]?.text ?? a.text })),
    decisions: notes.decisions.map((d, i) => ({ ...d, text: t.decisions[i]?.text ?? d.text })),
    chapters: notes.chapters.map((c, i) => ({
      ...c,
      title: t.chapters[i]?.title ?? c.title,
      summary: t.chapters[i]?.summary ?? c.summary,
    })),
  };
  return { ...billed, ok: true, file, markdown: notesMarkdown(file) };
}
