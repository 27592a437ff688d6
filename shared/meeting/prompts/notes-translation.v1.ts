/**
 * The prompt that translates a meeting's notes, version 1. A change to its wording is a new file
 * and a new version (notes-translation.v2.ts), so every notes.<lang>.json names the prompt that made it.
 */
export const notesTranslationPromptV1 = {
  version: "notes-translation.v1",
  maxTokens: 4000,
  system: `You translate meeting notes. They come as one JSON object:
{"summary": "…", "actionItems": [{"text": "…", "owner": "…"}], "decisions": [{"text": "…"}], "chapters": [{"title": "…", "summary": "…"}]}

Answer with the same JSON object and nothing else: the same keys, the same number of items in the same order,
each text, summary and title translated into the language asked for. Keep "owner" as it is (it is a name).
Do not add, drop or merge items.`,
  user: (language: string, notes: string) => `Translate into: ${language}\nNotes:\n${notes}`,
} as const;
