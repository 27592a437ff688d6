import type { Config } from "../config.js";
import { llmGatewayCost } from "../pricing.js";
import { chatCompletion } from "./gateway.js";
import { jsonOf, type NotesFile, notesAnswer } from "./notes-schema.js";
import { notesPromptV1 } from "./prompts/notes.v1.js";
import { clock, formatLines, lineOfQuote, type Quote, type TranscriptLine } from "./transcript-lines.js";

/** The prompt every new set of notes is made with. */
export const NOTES_PROMPT = notesPromptV1;

export type MadeNotes = { usage: { input_tokens: number; output_tokens: number }; costUsd: number; model: string } & (
  | { ok: true; file: NotesFile; markdown: string }
  | { ok: false; reason: string }
);

/**
 * Asks the gateway for a meeting's notes and keeps what holds up: an answer that is not the JSON
 * asked for fails, and an action item or decision whose quote is not a line of the transcript is
 * dropped. The call is billed either way, so its usage comes back with a failure too.
 */
export async function makeNotes(
  providers: Pick<Config["providers"], "assemblyAiKey" | "assemblyAiLlmGatewayUrl">,
  lines: TranscriptLine[],
  revision: number,
): Promise<MadeNotes> {
  const prompt = NOTES_PROMPT;
  const answer = await chatCompletion(
    providers,
    { system: prompt.system, user: prompt.user(formatLines(lines)), maxTokens: prompt.maxTokens },
    "notes",
  );
  const billed = { usage: answer.usage, costUsd: llmGatewayCost(answer.usage), model: answer.model };
  if (answer.finishReason === "length") return { ...billed, ok: false, reason: "the answer was cut at max_tokens" };
  const parsed = notesAnswer.safeParse(jsonOf(answer.content));
  if (!parsed.success)
    return { ...billed, ok: false, reason: `the answer is not the notes asked for: ${parsed.error.message.slice(0, 300)}` };
  const real = (q: Quote) => lineOfQuote(q, lines) !== undefined;
  const notes = parsed.data;
  const actionItems = notes.actionItems.filter((a) => real(a.quote));
  const decisions = notes.decisions.filter((d) => !d.quote || real(d.quote));
  const file: NotesFile = {
    revision,
    promptVersion: prompt.version,
    model: answer.model,
    createdAt: new Date().toISOString(),
    summary: notes.summary,
    actionItems,
    decisions,
    chapters: notes.chapters,
    droppedQuotes: notes.actionItems.length - actionItems.length + notes.decisions.length - decisions.length,
  };
  return { ...billed, ok: true, file, markdown: notesMarkdown(file) };
}

const quoted = (q: Quote) => `"${q.text}" (${q.speaker ?? "unknown speaker"}, ${clock(q.start)})`;

/** notes.md: the same notes for people. */
export function notesMarkdown(notes: NotesFile): string {
  const out = ["# Meeting notes", "", "## Summary", "", notes.summary || "(none)", ""];
  out.push("## Action items", "");
  if (notes.actionItems.length === 0) out.push("(none)");
  for (const a of notes.actionItems) out.push(`- [ ] ${a.text}${a.owner ? ` (owner: ${a.owner})` : ""}. ${quoted(a.quote)}`);
  out.push("", "## Decisions", "");
  if (notes.decisions.length === 0) out.push("(none)");
  for (const d of notes.decisions) out.push(`- ${d.text}${d.quote ? ` ${quoted(d.quote)}` : ""}`);
  out.push("", "## Chapters", "");
  if (notes.chapters.length === 0) out.push("(none)");
  for (const c of notes.chapters) out.push(`- ${clock(c.start)}–${clock(c.end)} **${c.title}**: ${c.summary}`);
  out.push("", `_Revision ${notes.revision}, made with the prompt ${notes.promptVersion} on ${notes.model}._`, "");
  return out.join("\n");
}
