import type { WebClient } from "@slack/web-api";
import type { PlatformFile } from "../core/files.js";
import { CommandInputError } from "../core/explain.js";
import { slackFileId } from "./parse.js";

/** A Slack file named by its permalink, as something the bot can download with its token. */
export async function slackFile(client: WebClient, link: string, botToken: string): Promise<PlatformFile | undefined> {
  const id = slackFileId(link);
  return id ? slackFileById(client, id, botToken) : undefined;
}

/** A Slack file by its id (a message's files carry them), read with files.info for its private download URL. */
export async function slackFileById(client: WebClient, id: string, botToken: string): Promise<PlatformFile> {
  const info = await client.files.info({ file: id }).catch(() => undefined);
  const file = info?.file;
  const url = file?.url_private_download ?? file?.url_private;
  if (!file || !url) throw new CommandInputError((t) => t.slackFileUnreadable);
  return {
    url,
    name: file.name ?? `${id}.bin`,
    sizeBytes: file.size ?? 0,
    contentType: file.mimetype ?? null,
    headers: { authorization: `Bearer ${botToken}` },
  };
}
