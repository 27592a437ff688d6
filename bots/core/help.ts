import { helpText } from "../../shared/chat/locale/commands.js";
import { jobReplyText } from "../../shared/chat/locale/job-messages.js";
import type { ChatLocale } from "../../shared/chat/locale/languages.js";
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

/** `/help`: every command with its usage and an example or two, then the buttons (named as the results show them); only the asker sees it. */
export function helpReply(
  commands: readonly CommandHelp[],
  more: ReadonlyArray<{ name: string; value: string }> = [],
  locale: ChatLocale = "en",
): ChatReply {
  const t = helpText[locale];
  return {
    title: t.title,
    tone: "info",
    lines: [t.intro],
    fields: [
      ...commands.map((c) => ({
        name: `/${c.name}`,
        value: truncate([c.description, c.usage, ...c.examples.map(t.example)].join("\n"), 1000),
      })),
      ...more,
      { name: t.buttonsName, value: t.buttons(jobReplyText[locale].buttons) },
    ],
  };
}
