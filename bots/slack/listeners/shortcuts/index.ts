import type { App } from "@slack/bolt";
import type { SlackContext } from "../../context.js";
import { describeImage } from "./describe-image.js";
import { generateImage } from "./generate-image.js";
import { transcribeFile } from "./transcribe-file.js";

export function register(app: App, ctx: SlackContext): void {
  app.shortcut({ callback_id: "transcribe_file", type: "message_action" }, (args) => transcribeFile(args, ctx));
  app.shortcut({ callback_id: "describe_image", type: "message_action" }, (args) => describeImage(args, ctx));
  app.shortcut({ callback_id: "generate_image", type: "shortcut" }, (args) => generateImage(args, ctx));
}
