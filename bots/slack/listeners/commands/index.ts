import type { App } from "@slack/bolt";
import type { SlackContext } from "../../context.js";
import { ask } from "./ask.js";
import { assets } from "./assets.js";
import { blend } from "./blend.js";
import { describe } from "./describe.js";
import { gallery } from "./gallery.js";
import { generate } from "./generate.js";
import { help } from "./help.js";
import { jobs } from "./jobs.js";
import { search } from "./search.js";
import { settings } from "./settings.js";
import type { SlackCommandListener } from "./slash-command.js";
import { train } from "./train.js";
import { transcribe } from "./transcribe.js";
import { usage } from "./usage.js";
import { video } from "./video.js";

/** Each slash command the manifest declares, by name. */
export const commandListeners: Record<string, SlackCommandListener> = {
  generate,
  describe,
  blend,
  video,
  transcribe,
  ask,
  train,
  jobs,
  assets,
  search,
  usage,
  help,
  gallery,
  settings,
};

export function register(app: App, ctx: SlackContext): void {
  for (const [name, listener] of Object.entries(commandListeners)) app.command(`/${name}`, (args) => listener(args, ctx));
}
