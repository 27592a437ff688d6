import { checkBlocks } from "./blocks.js";
import { noteUnescaped } from "./control-sequences.js";
import type { SlackState } from "./state.js";

export interface MessageProblem {
  error: string;
  errors?: string[];
  response_metadata?: unknown;
}

/** Slack's refusal of a message's text and blocks, or undefined when it takes it; `where` names the call in `unescaped`. */
export async function messageProblem(
  state: SlackState,
  args: Record<string, unknown>,
  channel: string,
  where: string,
): Promise<MessageProblem | undefined> {
  noteUnescaped(state, where, args);
  const text = typeof args.text === "string" ? args.text : "";
  const hasBlocks = Array.isArray(args.blocks) && args.blocks.length > 0;
  if (!text && !hasBlocks && args.attachments === undefined) return { error: "no_text" };
  if (text.length > 40_000) return { error: "msg_too_long" };
  const errors = await checkBlocks(args.blocks, state.blockContext(channel));
  if (errors.length === 0) return undefined;
  return { error: "invalid_blocks", errors, response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } };
}
