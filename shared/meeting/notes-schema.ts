import { z } from "zod";

/** What the gateway's answers must hold, checked before anything is kept. */

const quote = z.object({
  text: z.string().trim().min(1).max(2000),
  speaker: z.string().max(200).nullable(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});

const actionItem = z.object({ text: z.string().trim().min(1).max(1000), owner: z.string().max(200).optional(), quote });
const decision = z.object({ text: z.string().trim().min(1).max(1000), quote: quote.optional() });
const chapter = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  title: z.string().trim().min(1).max(200),
  summary: z.string().max(2000),
});

export const notesAnswer = z.object({
  summary: z.string().max(5000),
  actionItems: z.array(actionItem).max(100),
  decisions: z.array(decision).max(100),
  chapters: z.array(chapter).max(100),
});
export type NotesAnswer = z.infer<typeof notesAnswer>;

export const askAnswer = z.object({ answer: z.string().trim().min(1).max(5000), quotes: z.array(quote).max(20) });
export type AskAnswer = z.infer<typeof askAnswer>;

/** notes.json: the notes, and what made them. */
export interface NotesFile extends NotesAnswer {
  revision: number;
  promptVersion: string;
  model: string;
  createdAt: string;
  /** Quotes the answer gave that are not in the transcript, dropped with their item. */
  droppedQuotes: number;
}

/** A model's JSON, possibly inside a Markdown code fence. */
export function jsonOf(content: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/.exec(content)?.[1];
  try {
    return JSON.parse(fenced ?? content);
  } catch {
    return undefined;
  }
}
