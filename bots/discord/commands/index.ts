import { ask } from "./ask.js";
import { blend } from "./blend.js";
import type { DiscordCommand } from "./command.js";
import { describe } from "./describe.js";
import { describeMessage } from "./describe-message.js";
import { gallery } from "./gallery.js";
import { generate } from "./generate.js";
import { helpCommand } from "./help.js";
import { assets, jobs, usage } from "./lists.js";
import { search } from "./search.js";
import { settings } from "./settings.js";
import { train } from "./train.js";
import { transcribe } from "./transcribe.js";
import { type DiscordMessageCommand, transcribeMessage } from "./transcribe-message.js";
import { video } from "./video.js";

const listed: DiscordCommand[] = [generate, describe, blend, video, transcribe, ask, train, jobs, assets, search, usage, settings, gallery];
const help = helpCommand(() => [...listed, help]);

export const discordCommands: ReadonlyMap<string, DiscordCommand> = new Map([...listed, help].map((c) => [c.data.name, c]));

/** Commands on a message's context menu (Apps), by name. */
export const discordMessageCommands: ReadonlyMap<string, DiscordMessageCommand> = new Map(
  [transcribeMessage, describeMessage].map((c) => [c.data.name, c]),
);
