import type { WebClient } from "@slack/web-api";
import { CommandInputError } from "../core/explain.js";
import type { ChatPicture } from "../core/image-commands.js";
import { slackFile } from "./files.js";
import { unwrapLink } from "./parse.js";

/** Whether a word of a command is a link: Slack's `<…>`, or a bare http(s) URL. */
export const isLinkWord = (word: string) => /^<[^>]+>$/.test(word) || /^https?:\/\//i.test(word);

/**
 * A picture named by a link in a command: a Slack file (its permalink), read with files.info for
 * the bot to download; any other http(s) link goes to the API as it is, which fetches it through
 * its SSRF guard.
 */
export async function pictureOfLink(client: WebClient, word: string, botToken: string): Promise<ChatPicture> {
  const link = unwrapLink(word);
  const file = await slackFile(client, link, botToken);
  if (file) return { file };
  let url: URL | undefined;
  try {
    url = new URL(link);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:"))
    throw new CommandInputError((t) => t.notAnImageLink(link.slice(0, 100)));
  return { imageUrl: link };
}
