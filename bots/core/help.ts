import { helpText } from "../../shared/chat/locale/commands.js";
import { jobReplyText } from "../../shared/chat/locale/job-messages.js";
import type { ChatLocale } from "../../shared/chat/locale/languages.js";
import { pictureToolsText } from "../../shared/chat/locale/picture-tools.js";
import { videoButtonsText } from "../../shared/chat/locale/video-buttons.js";
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

/** A command's field in /help: its description, usage and examples. */
const commandField = (t: (typeof helpText)[ChatLocale], c: CommandHelp) => ({
  name: `/${c.name}`,
  value: [c.description, c.usage, ...c.examples.map(t.example)].join("\n"),
});

/**
 * Fields within a platform's count (Slack: 10 in a section): the two neighbours shortest together
 * share a field, again until they fit, so every command is still listed with its examples.
 */
function withinCount(fields: Array<{ name: string; value: string }>, count: number): Array<{ name: string; value: string }> {
  const out = [...fields];
  while (out.length > Math.max(1, count)) {
    let best = 0;
    for (let i = 1; i < out.length - 1; i++) {
      const size = (n: number) => (out[n]?.value.length ?? 0) + (out[n + 1]?.value.length ?? 0);
      if (size(i) < size(best)) best = i;
    }
    const [a, b] = [out[best], out[best + 1]] as [{ name: string; value: string }, { name: string; value: string }];
    out.splice(best, 2, { name: `${a.name} · ${b.name}`, value: `${a.value}\n\n${b.value}` });
  }
  return out;
}

/**
 * `/help`: every command with its usage and an example or two, then the buttons (named as the
 * results show them); only the asker sees it. `maxFields`: how many fields the platform shows.
 */
export function helpReply(
  commands: readonly CommandHelp[],
  more: ReadonlyArray<{ name: string; value: string }> = [],
  locale: ChatLocale = "en",
  maxFields = 25,
): ChatReply {
  const t = helpText[locale];
  const listed = withinCount(
    commands.map((c) => commandField(t, c)),
    maxFields - more.length - 1,
  );
  return {
    title: t.title,
    tone: "info",
    lines: [t.intro],
    fields: [
      ...listed.map((f) => ({ name: f.name, value: truncate(f.value, 1000) })),
      ...more,
      { name: t.buttonsName, value: t.buttons(jobReplyText[locale].buttons, pictureToolsText[locale], videoButtonsText[locale]) },
    ],
  };
}
