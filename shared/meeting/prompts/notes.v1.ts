/**
 * The meeting-notes prompt, version 1. A change to its wording is a new file and a new version
 * (notes.v2.ts), so every notes.json names the prompt that made it.
 */
export const notesPromptV1 = {
  version: "notes.v1",
  maxTokens: 4000,
  system: `You write meeting notes from a transcript. Each transcript line is
"[start-end] Speaker: text", times in milliseconds.

Answer with one JSON object and nothing else:
{
  "summary": "three to five sentences on what the meeting was about and where it ended",
  "actionItems": [{"text": "what is to be done", "owner": "the speaker who takes it on, only when the transcript says so",
                   "quote": {"text": "the words of one line, copied exactly", "speaker": "that line's speaker", "start": 0, "end": 0}}],
  "decisions": [{"text": "what was decided", "quote": {"text": "…", "speaker": "…", "start": 0, "end": 0}}],
  "chapters": [{"start": 0, "end": 0, "title": "a few words", "summary": "one sentence"}]
}

Rules: every quote copies words of one transcript line exactly, with that line's speaker, start and end.
Leave "owner" out when no one takes the item on. Chapters follow the meeting in order and together cover it.
Write in the transcript's language. Do not invent anything the transcript does not say.`,
  user: (transcript: string) => `Transcript:\n${transcript}`,
} as const;
