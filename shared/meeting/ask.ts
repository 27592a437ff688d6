import type { Config } from "../config.js";
import { llmGatewayCost } from "../pricing.js";
import { chatCompletion } from "./gateway.js";
import { askAnswer, jsonOf } from "./notes-schema.js";
import { askPromptV1 } from "./prompts/ask.v1.js";
import { formatLines, lineOfQuote, type Quote, type TranscriptLine } from "./transcript-lines.js";

export const ASK_PROMPT = askPromptV1;

export type Asked = { usage: { input_tokens: number; output_tokens: number }; costUsd: number; model: string } & (
  | { ok: true; answer: string; quotes: Quote[]; droppedQuotes: number }
  | { ok: false; reason: string }
);

/** A question about one meeting, answered by the gateway with the quotes that are lines of its transcript. */
export async function askMeeting(
  providers: Pick<Config["providers"], "assemblyAiKey" | "assemblyAiLlmGatewayUrl">,
  lines: TranscriptLine[],
  question: string,
): Promise<Asked> {
  const prompt = ASK_PROMPT;
  const answer = await chatCompletion(
    providers,
    { system: prompt.system, user: prompt.user(formatLines(lines), question), maxTokens: prompt.maxTokens },
    "ask",
  );
  const billed = { usage: answer.usage, costUsd: llmGatewayCost(answer.usage), model: answer.model };
  const parsed = answer.finishReason === "length" ? undefined : askAnswer.safeParse(jsonOf(answer.content));
  if (!parsed?.success) return { ...billed, ok: false, reason: "the answer was not the JSON asked for" };
  const quotes = parsed.data.quotes.filter((q) => lineOfQuote(q, lines) !== undefined);
  return { ...billed, ok: true, answer: parsed.data.answer, quotes, droppedQuotes: parsed.data.quotes.length - quotes.length };
}
