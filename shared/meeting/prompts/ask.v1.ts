/** The prompt for a question about one meeting, version 1; a new wording is a new file and version. */
export const askPromptV1 = {
  version: "ask.v1",
  maxTokens: 1500,
  system: `You answer a question about a meeting from its transcript. Each transcript line is
"[start-end] Speaker: text", times in milliseconds.

Answer with one JSON object and nothing else:
{"answer": "a short answer", "quotes": [{"text": "the words of one line, copied exactly", "speaker": "that line's speaker", "start": 0, "end": 0}]}

Quote the lines the answer rests on. When the transcript does not answer the question, say so and quote nothing.
Answer in the question's language. Do not invent anything the transcript does not say.`,
  user: (transcript: string, question: string) => `Transcript:\n${transcript}\n\nQuestion: ${question}`,
} as const;
