import { slackCommandText } from "../../shared/chat/locale/slack-commands.js";
import type { ChatLocale } from "../../shared/chat/locale/languages.js";
import type { CommandHelp } from "../core/help.js";

/**
 * The Slack app's slash commands as the manifest declares them (description, usage hint), with
 * examples for /help; `slack-manifest.test.ts` keeps the manifest in step with this table.
 */
export const slackCommands = Object.fromEntries(Object.entries(slackCommandText).map(([name, text]) => [name, text.en])) as Record<
  keyof typeof slackCommandText,
  Omit<CommandHelp, "name">
>;

/** Every command as /help shows it, in the asker's language. */
export function slackHelp(locale: ChatLocale = "en"): CommandHelp[] {
  return Object.entries(slackCommandText).map(([name, text]) => ({ name, ...text[locale] }));
}

/** A command's usage line in the user's language, for the refusals that show it. */
export function slackUsage(name: keyof typeof slackCommandText, locale: ChatLocale): string {
  return slackCommandText[name]?.[locale].usage ?? "";
}
