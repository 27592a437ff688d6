import type { ChatReply } from "../../shared/chat/reply.js";
import { truncate } from "../../shared/chat/reply.js";

/** One command as help shows it: from the platform's own command definition, with examples. */
export interface CommandHelp {
  name: string;
  description: string;
  /** How it is typed: its options as the platform takes them. */
  usage: string;
  examples: readonly string[];
}

/** What the buttons on a result do: the same on both platforms. */
const BUTTONS =
  "On an image result: Upscale, Vary, Vary subtly and Edit (say what to change) for each picture, then Rerun with a new seed, 4 variations, Delete. A failed job has Try again.";

/** `/help`: every command with its usage and an example or two, then the buttons; only the asker sees it. */
export function helpReply(commands: readonly CommandHelp[], more: ReadonlyArray<{ name: string; value: string }> = []): ChatReply {
  return {
    title: "What I can do",
    tone: "info",
    lines: ["Results are posted in the channel for the team, unless you ask for them privately."],
    fields: [
      ...commands.map((c) => ({
        name: `/${c.name}`,
        value: truncate([c.description, c.usage, ...c.examples.map((e) => `e.g. ${e}`)].join("\n"), 1000),
      })),
      ...more,
      { name: "Buttons", value: BUTTONS },
    ],
  };
}
